"""Store one landing file in raw.*: skip it if unchanged, else replace its key's rows."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import ModuleType

import duckdb

from ingest import accounts, budget, forecasts, gl_postings, org_units, scan
from ingest.encoding import survey_file
from ingest.landing import LandingFile

Reader = Callable[..., duckdb.DuckDBPyRelation]
_KINDS: dict[str, tuple[ModuleType, Reader]] = {
    "org_units": (org_units, org_units.read_org_units),
    "accounts": (accounts, accounts.read_accounts),
    "gl_postings": (gl_postings, gl_postings.read_gl_postings),
    "budget_entries": (budget, budget.read_budget_entries),
    "forecasts": (forecasts, forecasts.read_forecasts),
}
_SOURCE_COLUMNS = {"source_file": "VARCHAR", "source_hash": "VARCHAR", "source_row": "INTEGER"}
_INGESTED_FILES = {
    "source_file": "VARCHAR",
    "source_kind": "VARCHAR",
    "municipality_code": "VARCHAR",
    "fiscal_year": "INTEGER",
    "period_month": "INTEGER",
    "source_hash": "VARCHAR",
    "row_count": "INTEGER",
    "ingested_at": "TIMESTAMP",
}


@dataclass(frozen=True)
class LoadResult:
    """What load_file did with one file."""

    kind: str
    file_name: str
    source_hash: str
    rows: int
    skipped: bool


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create schema raw and its tables with the documented column types, if missing."""
    con.execute("create schema if not exists raw")
    tables = {m.TABLE: {**m.COLUMNS, **_SOURCE_COLUMNS} for m, _ in _KINDS.values()}
    for table, columns in {**tables, "ingested_files": _INGESTED_FILES}.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        con.execute(f"create table if not exists raw.{table} ({ddl})")


@dataclass(frozen=True)
class StagedFile:
    """A parsed file waiting in the candidate's staging schema for its checks."""

    table: str  # staging_ingest.<name>
    source_hash: str
    rows: int
    replaces_rows: int | None  # rows of the earlier file of the same key; None: none loaded


STAGING_SCHEMA = "staging_ingest"


def load_file(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> LoadResult:
    """Load one file into its raw table in one transaction; never partially.

    A file already ingested with the same name and hash is skipped. Otherwise the rows of
    the earlier file of the same key (municipality; + year; + month) are replaced.
    """
    staged = stage_file(con, landing_file)
    if staged is None:
        return skipped_result(con, landing_file)
    try:
        return commit_staged(con, landing_file, staged)
    finally:
        drop_staged(con, staged)


def stage_file(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> StagedFile | None:
    """Parse a file into a staging table (None when the same content was loaded before).

    Parse errors raise LandingFileError before anything is written.
    """
    _, reader = _KINDS[landing_file.kind]
    survey = survey_file(landing_file.path)
    source_hash = survey.sha256
    ensure_raw_tables(con)
    if _already_ingested(con, landing_file.path.name, source_hash):
        return None
    relation = reader(con, landing_file.path, survey)
    table = f"{STAGING_SCHEMA}.{_table_name(landing_file.path.name)}"
    try:
        con.execute(f"create schema if not exists {STAGING_SCHEMA}")
        con.execute(f"create or replace table {table} as select * from ({relation.sql_query()})")
    finally:
        scan.release(con, relation)
    rows = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    return StagedFile(table, source_hash, int(rows), _rows_replaced(con, landing_file))


def commit_staged(
    con: duckdb.DuckDBPyConnection, landing_file: LandingFile, staged: StagedFile
) -> LoadResult:
    """Replace the key's rows with the staged ones and record the file, in one transaction."""
    module, _ = _KINDS[landing_file.kind]
    con.begin()
    try:
        rows = _replace_rows(con, module, landing_file, con.table(staged.table))
        _record_file(con, landing_file, staged.source_hash, rows)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return LoadResult(landing_file.kind, landing_file.path.name, staged.source_hash, rows, False)


def drop_staged(con: duckdb.DuckDBPyConnection, staged: StagedFile) -> None:
    con.execute(f"drop table if exists {staged.table}")


def skipped_result(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> LoadResult:
    source_hash = survey_file(landing_file.path).sha256
    return LoadResult(landing_file.kind, landing_file.path.name, source_hash, 0, skipped=True)


def _table_name(file_name: str) -> str:
    return re.sub(r"\W", "_", file_name.rsplit(".", 1)[0].lower())


def _rows_replaced(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> int | None:
    """How many rows the file would replace: those of the earlier file(s) of its key."""
    found = con.execute(
        "select sum(row_count) from raw.ingested_files where source_kind = ?"
        " and municipality_code = ? and fiscal_year is not distinct from ?"
        " and period_month is not distinct from ?",
        [
            landing_file.kind,
            landing_file.municipality_code,
            landing_file.fiscal_year,
            landing_file.period_month,
        ],
    ).fetchall()
    return None if found[0][0] is None else int(found[0][0])


def _already_ingested(con: duckdb.DuckDBPyConnection, name: str, source_hash: str) -> bool:
    # fetchall, not fetchone: DuckDB 2.0 keeps a half-read result open on the connection.
    found = con.execute(
        "select count(*) from raw.ingested_files where source_file = ? and source_hash = ?",
        [name, source_hash],
    ).fetchall()
    return found[0][0] > 0


def _key_values(landing_file: LandingFile, key: tuple[str, ...]) -> list[object]:
    # Key columns are in (municipality, year, month) order in every kind's KEY.
    values = [landing_file.municipality_code, landing_file.fiscal_year, landing_file.period_month]
    return values[: len(key)]


def _replace_rows(
    con: duckdb.DuckDBPyConnection,
    module: ModuleType,
    landing_file: LandingFile,
    relation: duckdb.DuckDBPyRelation,
) -> int:
    """Delete the key's earlier rows and insert the new ones; returns the rows inserted."""
    where = " and ".join(f"{column} = ?" for column in module.KEY)
    con.execute(
        f"delete from raw.{module.TABLE} where {where}", _key_values(landing_file, module.KEY)
    )
    columns = ", ".join([*module.COLUMNS, *_SOURCE_COLUMNS])
    inserted = con.execute(
        f"insert into raw.{module.TABLE} ({columns}) select {columns} from ({relation.sql_query()})"
    ).fetchall()
    return int(inserted[0][0])


def _record_file(
    con: duckdb.DuckDBPyConnection, landing_file: LandingFile, source_hash: str, rows: int
) -> None:
    """One row per file name in raw.ingested_files, holding the hash last loaded."""
    name = landing_file.path.name
    con.execute("delete from raw.ingested_files where source_file = ?", [name])
    con.execute(
        "insert into raw.ingested_files values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            name,
            landing_file.kind,
            landing_file.municipality_code,
            landing_file.fiscal_year,
            landing_file.period_month,
            source_hash,
            rows,
            datetime.now(UTC).replace(tzinfo=None),  # UTC, stored as a plain TIMESTAMP
        ],
    )
