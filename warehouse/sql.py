"""Quoting for the SQL text the readers build (identifiers and string literals),
inserting many Python rows at once, and what a file of an earlier version has."""

from collections.abc import Sequence

import duckdb

# Rows per INSERT statement: DuckDB's executemany runs one statement per row (about
# 1 ms each); one statement of many VALUES rows costs a quarter of that per row.
ROWS_PER_INSERT = 200


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: Sequence[Sequence[object]],
    columns: Sequence[str] | None = None,
) -> None:
    """INSERT `rows` (tuples of Python values, bound as parameters) into `table`."""
    if not rows:
        return
    named = f" ({', '.join(columns)})" if columns else ""
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start : start + ROWS_PER_INSERT]
        con.execute(
            f"insert into {table}{named} values {', '.join(marks for _ in chunk)}",
            [value for row in chunk for value in row],
        )


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    """Whether the connected file has the table (a file of an earlier version may not)."""
    return bool(columns_of(con, schema, table))


def columns_of(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, catalog: str | None = None
) -> list[str]:
    """The table's column names in order (none: no such table), e.g. to read a file
    written before a column was added; `catalog` names an attached file (default: the
    connected one)."""
    return [
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns"
            " where table_catalog = coalesce(?, current_database())"
            " and table_schema = ? and table_name = ? order by ordinal_position",
            [catalog, schema, table],
        ).fetchall()
    ]


def limit_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Hold the connection's DuckDB to the run's memory limit
    (warehouse.settings.duckdb_memory_limit): a write larger than it spills to disk
    instead of growing with the data."""
    from warehouse.settings import duckdb_memory_limit

    con.execute(f"set memory_limit = {literal(duckdb_memory_limit())}")
