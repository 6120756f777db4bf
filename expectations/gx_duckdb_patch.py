"""Two small fixes that let great-expectations 1.x validate tables in a DuckDB file.

GX's SQL engine is written for server databases; with duckdb_engine 0.17 and SQLAlchemy
2.1 two things break, and both are fixed here, once, before any validation runs:

1. `SqlAlchemyExecutionEngine.execute_query` returns a cursor result after its `with`
   block has closed the connection. duckdb_engine shares one cursor per connection, so
   the rows are gone by the time GX reads them and metric bundles fail with IndexError in
   `resolve_metric_bundle`. The fix reads the rows while the connection is still open
   (`result.freeze()` buffers them) and hands GX an equivalent, already-filled result.
2. SQLAlchemy 2.1's PostgreSQL column reflection, which duckdb_engine inherits, queries
   `pg_catalog.pg_collation`, which DuckDB does not have. GX then falls back to a
   `select *` that ignores the schema name, so no column of `staging_ingest.x` is found.
   The fix reflects columns from DuckDB's own `information_schema.columns`.

Remove this module when GX and duckdb_engine handle DuckDB themselves: the tests in
tests/unit/test_expectations_patch.py show whether the fixes are still needed.
"""

import duckdb_engine
import sqlalchemy as sa
from great_expectations.execution_engine.sqlalchemy_execution_engine import (
    SqlAlchemyExecutionEngine,
)

# DuckDB type names (information_schema.columns.data_type, before any "(p,s)") as the
# upper-case SQLAlchemy types GX compares ExpectColumnValuesToBeOfType against.
DUCKDB_TYPES: dict[str, type[sa.types.TypeEngine]] = {
    "VARCHAR": sa.VARCHAR,
    "INTEGER": sa.INTEGER,
    "BIGINT": sa.BIGINT,
    "SMALLINT": sa.SMALLINT,
    "DECIMAL": sa.DECIMAL,
    "DOUBLE": sa.DOUBLE,
    "FLOAT": sa.FLOAT,
    "BOOLEAN": sa.BOOLEAN,
    "DATE": sa.DATE,
    "TIMESTAMP": sa.TIMESTAMP,
}
_COLUMNS_SQL = sa.text(
    "select column_name, data_type, is_nullable from information_schema.columns"
    " where table_schema = :schema and table_name = :table order by ordinal_position"
)
_original_execute_query = SqlAlchemyExecutionEngine.execute_query


def _buffered_execute_query(self: SqlAlchemyExecutionEngine, query: sa.Executable):
    """Like GX's execute_query, but the rows are read before the connection closes."""
    with self.get_connection() as connection:
        result = self._execute_query_with_recovery(connection, query)
        return result.freeze()()


def _duckdb_type(data_type: str) -> sa.types.TypeEngine:
    base, _, arguments = data_type.partition("(")
    kind = DUCKDB_TYPES.get(base.strip().upper(), sa.types.NullType)
    if kind is sa.DECIMAL and arguments:
        precision, scale = (int(part) for part in arguments.rstrip(")").split(","))
        return sa.DECIMAL(precision, scale)
    return kind()


def _information_schema_columns(self, connection, table_name, schema=None, **kw):
    """Column reflection from DuckDB's information_schema (no pg_collation needed)."""
    rows = connection.execute(
        _COLUMNS_SQL, {"schema": schema or "main", "table": table_name}
    ).fetchall()
    if not rows:
        raise sa.exc.NoSuchTableError(f"{schema or 'main'}.{table_name}")
    return [
        {"name": name, "type": _duckdb_type(kind), "nullable": nullable == "YES", "default": None}
        for name, kind, nullable in rows
    ]


def apply() -> None:
    """Install both fixes; calling it again changes nothing."""
    SqlAlchemyExecutionEngine.execute_query = _buffered_execute_query
    duckdb_engine.Dialect.get_columns = _information_schema_columns


def revert() -> None:
    """Restore GX's own execute_query (for the test that shows the fix is still needed)."""
    SqlAlchemyExecutionEngine.execute_query = _original_execute_query


def is_applied() -> bool:
    return SqlAlchemyExecutionEngine.execute_query is _buffered_execute_query
