"""The raw schema of the candidate warehouse: its tables, and the one way rows enter it.

Ingest reads landing files and checks them; what it accepts enters raw.* here, in one
transaction per kind: the rows of the earlier file of each accepted file's key
(municipality; + year; + month) are replaced, and each file is recorded in
raw.ingested_files with its hash, size and modification time (a file showing the same
size and time again is not read again).

Not here: reading or checking a file (ingest/, expectations/).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import duckdb

from warehouse.sql import insert_rows

# Where ingest stages a kind's batch before it is checked: never published, cleared by
# the next run when a run dies (warehouse.leftovers).
STAGING_SCHEMA = "staging_ingest"
SOURCE_COLUMNS = {"source_file": "VARCHAR", "source_hash": "VARCHAR", "source_row": "INTEGER"}
INGESTED_FILES = {
    "source_file": "VARCHAR",
    "source_kind": "VARCHAR",
    "municipality_code": "VARCHAR",
    "fiscal_year": "INTEGER",
    "period_month": "INTEGER",
    "source_hash": "VARCHAR",
    "row_count": "INTEGER",
    "ingested_at": "TIMESTAMP",
    # size and modification time as read: a file that shows both again is not read again
    "file_size": "BIGINT",
    "file_mtime_ns": "BIGINT",
}


class RawTable(Protocol):
    """A kind's raw table as the registry (ingest.sources) describes it."""

    kind: str  # raw.<kind>

    @property
    def column_types(self) -> dict[str, str]: ...

    @property
    def column_names(self) -> tuple[str, ...]: ...

    @property
    def key(self) -> tuple[str, ...]:
        """The columns a file replaces the earlier rows of (municipality, year, month)."""
        ...


@dataclass(frozen=True)
class IngestedFile:
    """One row of raw.ingested_files: a file whose rows raw.* holds."""

    source_file: str
    source_kind: str
    municipality_code: str
    fiscal_year: int | None
    period_month: int | None
    source_hash: str
    row_count: int
    file_size: int
    file_mtime_ns: int


def ensure_raw_tables(con: duckdb.DuckDBPyConnection, tables: Iterable[RawTable]) -> None:
    """Create schema raw and its tables with the documented column types, if missing."""
    con.execute("create schema if not exists raw")
    columns = {table.kind: {**table.column_types, **SOURCE_COLUMNS} for table in tables}
    for name, table_columns in {**columns, "ingested_files": INGESTED_FILES}.items():
        ddl = ", ".join(f"{column} {kind}" for column, kind in table_columns.items())
        con.execute(f"create table if not exists raw.{name} ({ddl})")
    for name in ("file_size", "file_mtime_ns"):  # a warehouse of an earlier version
        con.execute(f"alter table raw.ingested_files add column if not exists {name} bigint")


def loaded_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, tuple[int, int]]]:
    """file name -> (sha256 loaded, (size, modification time in ns) when read)."""
    return {
        name: (source_hash, (size, mtime_ns))
        for name, source_hash, size, mtime_ns in con.execute(
            "select source_file, source_hash, file_size, file_mtime_ns from raw.ingested_files"
        ).fetchall()
    }


def rows_replaced(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    municipality_code: str,
    fiscal_year: int | None,
    period_month: int | None,
) -> int | None:
    """How many rows a file of this key would replace (None: the first of its key)."""
    found = con.execute(
        "select sum(row_count) from raw.ingested_files where source_kind = ?"
        " and municipality_code = ? and fiscal_year is not distinct from ?"
        " and period_month is not distinct from ?",
        [kind, municipality_code, fiscal_year, period_month],
    ).fetchall()
    return None if found[0][0] is None else int(found[0][0])


def replace_keys(
    con: duckdb.DuckDBPyConnection,
    table: RawTable,
    staged_tables: Sequence[str],
    keys: Mapping[str, Sequence[object]],
    files: Sequence[IngestedFile],
) -> None:
    """Replace the rows of each file's key with its staged rows and record the files.

    `keys` maps each accepted file name to its key's values (in `table.key`'s order);
    `staged_tables` hold the kind's batches, each row with its `source_file`. One
    transaction for them all, set-based: one delete for all the files, whatever their
    number (per file or per batch, each would scan the raw table again), and one insert
    per batch.
    """
    keys_table = f"{staged_tables[0]}__keys"
    ddl = ", ".join(f"{column} {table.column_types[column]}" for column in table.key)
    con.execute(f"create or replace table {keys_table} (source_file varchar, {ddl})")
    insert_rows(con, keys_table, [[name, *values] for name, values in keys.items()])
    con.begin()
    try:
        same_key = " and ".join(f"raw.{table.kind}.{c} = {keys_table}.{c}" for c in table.key)
        con.execute(f"delete from raw.{table.kind} using {keys_table} where {same_key}")
        columns = ", ".join([*table.column_names, *SOURCE_COLUMNS])
        for staged_table in staged_tables:
            con.execute(
                f"insert into raw.{table.kind} ({columns}) select {columns} from {staged_table}"
                f" where source_file in (select source_file from {keys_table})"
            )
        _record_files(con, files)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.execute(f"drop table if exists {keys_table}")


def _record_files(con: duckdb.DuckDBPyConnection, files: Sequence[IngestedFile]) -> None:
    """One row per file name in raw.ingested_files, holding the hash last loaded."""
    names = [file.source_file for file in files]
    con.execute("delete from raw.ingested_files where source_file in (select unnest(?))", [names])
    now = datetime.now(UTC).replace(tzinfo=None)  # UTC, stored as a plain TIMESTAMP
    insert_rows(
        con,
        "raw.ingested_files",
        [
            [
                file.source_file,
                file.source_kind,
                file.municipality_code,
                file.fiscal_year,
                file.period_month,
                file.source_hash,
                file.row_count,
                now,
                file.file_size,
                file.file_mtime_ns,
            ]
            for file in files
        ],
    )
