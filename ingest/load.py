"""Store landing files in raw.*: stage a kind's changed files as one batch, then commit.

A file whose name and hash were loaded before is skipped. Staging reads every changed
file of a kind in one pass (`ingest.batch`); committing replaces, in one transaction, the
rows of the earlier file of each accepted file's key (municipality; + year; + month).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from ingest.batch import BatchFile, read_batch
from ingest.encoding import survey_file
from ingest.errors import LandingFileError
from ingest.landing import LandingFile
from ingest.sources import SOURCES, SourceKind
from ingest.sql import insert_rows

STAGING_SCHEMA = "staging_ingest"
SOURCE_COLUMNS = {"source_file": "VARCHAR", "source_hash": "VARCHAR", "source_row": "INTEGER"}
_INGESTED_FILES = {
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


@dataclass(frozen=True)
class LoadResult:
    """What loading did with one file."""

    kind: str
    file_name: str
    source_hash: str
    rows: int
    skipped: bool


@dataclass
class StagedBatch:
    """A kind's changed files, read into `table`; the refused ones with their reasons."""

    kind: str
    table: str  # staging_ingest.<kind>
    files: dict[str, BatchFile] = field(default_factory=dict)  # read (not refused) files
    rows: dict[str, int] = field(default_factory=dict)  # rows staged per file (0 if none)
    replaces: dict[str, int | None] = field(default_factory=dict)  # rows of the earlier file
    refused: dict[str, LandingFileError] = field(default_factory=dict)


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create schema raw and its tables with the documented column types, if missing."""
    con.execute("create schema if not exists raw")
    tables = {kind: {**s.column_types, **SOURCE_COLUMNS} for kind, s in SOURCES.items()}
    for table, columns in {**tables, "ingested_files": _INGESTED_FILES}.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        con.execute(f"create table if not exists raw.{table} ({ddl})")
    for name in ("file_size", "file_mtime_ns"):  # a warehouse of an earlier version
        con.execute(f"alter table raw.ingested_files add column if not exists {name} bigint")


def changed_files(
    con: duckdb.DuckDBPyConnection, landing_files: Sequence[LandingFile]
) -> tuple[list[BatchFile], list[str], dict[str, LandingFileError]]:
    """Survey each changed file once: (changed files, names loaded before unchanged,
    unreadable). A file whose name, size and modification time are those of the file
    loaded under its name is unchanged without being read (as rsync and make decide);
    any other is read and compared by its sha256."""
    ensure_raw_tables(con)
    loaded = {
        name: (source_hash, (size, mtime_ns))
        for name, source_hash, size, mtime_ns in con.execute(
            "select source_file, source_hash, file_size, file_mtime_ns from raw.ingested_files"
        ).fetchall()
    }
    changed, unchanged, refused = [], [], {}
    for landing_file in landing_files:
        name = landing_file.path.name
        source_hash, seen = loaded.get(name, (None, None))
        stat = landing_file.path.stat()
        if seen == (stat.st_size, stat.st_mtime_ns):
            unchanged.append(name)
            continue
        try:
            survey = survey_file(landing_file.path)
        except LandingFileError as problem:
            refused[name] = problem
            continue
        if source_hash == survey.sha256:
            unchanged.append(name)
        else:
            changed.append(BatchFile(landing_file, survey))
    return changed, unchanged, refused


def stage_batch(
    con: duckdb.DuckDBPyConnection, kind: str, files: Sequence[BatchFile]
) -> StagedBatch:
    """Read `files` (all of `kind`) into staging_ingest.<kind>; refuse the bad ones alone."""
    ensure_raw_tables(con)
    con.execute(f"create schema if not exists {STAGING_SCHEMA}")
    staged = StagedBatch(kind, f"{STAGING_SCHEMA}.{kind}")
    batch = read_batch(con, SOURCES[kind], files, staged.table)
    staged.refused = batch.refused
    for file in files:
        if file.name in batch.refused:
            continue
        staged.files[file.name] = file
        staged.rows[file.name] = batch.rows.get(file.name, 0)
        staged.replaces[file.name] = _rows_replaced(con, file.landing)
    return staged


def commit_files(
    con: duckdb.DuckDBPyConnection, staged: StagedBatch, accepted: Sequence[str]
) -> list[LoadResult]:
    """Replace the keys of the accepted files with their staged rows and record the files:
    one transaction, set-based (one delete and one insert for all the files, whatever
    their number: per file, each would scan the raw table and the batch again)."""
    if not accepted:
        return []
    source = SOURCES[staged.kind]
    keys = f"{staged.table}__keys"
    ddl = ", ".join(f"{column} {source.column_types[column]}" for column in source.key)
    con.execute(f"create or replace table {keys} (source_file varchar, {ddl})")
    insert_rows(
        con, keys, [[name, *_key_values(source, staged.files[name].landing)] for name in accepted]
    )
    results = [
        LoadResult(
            staged.kind, name, staged.files[name].survey.sha256, staged.rows.get(name, 0), False
        )
        for name in accepted
    ]
    con.begin()
    try:
        same_key = " and ".join(f"raw.{source.kind}.{c} = {keys}.{c}" for c in source.key)
        con.execute(f"delete from raw.{source.kind} using {keys} where {same_key}")
        columns = ", ".join([*source.column_names, *SOURCE_COLUMNS])
        con.execute(
            f"insert into raw.{source.kind} ({columns}) select {columns} from {staged.table}"
            f" where source_file in (select source_file from {keys})"
        )
        _record_files(con, [(staged.files[r.file_name], r) for r in results])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.execute(f"drop table if exists {keys}")
    return results


def drop_staged(con: duckdb.DuckDBPyConnection, staged: StagedBatch) -> None:
    con.execute(f"drop table if exists {staged.table}")
    con.execute(f"drop table if exists {staged.table}__files")


def load_file(con: duckdb.DuckDBPyConnection, landing_file: LandingFile) -> LoadResult:
    """Load one file without the expectations (tools, benchmarks); raises LandingFileError.

    The nightly load goes through ingest.finance, which validates every batch first.
    """
    changed, unchanged, refused = changed_files(con, [landing_file])
    name = landing_file.path.name
    if name in refused:
        raise refused[name]
    if unchanged:
        source_hash = survey_file(landing_file.path).sha256
        return LoadResult(landing_file.kind, name, source_hash, 0, skipped=True)
    staged = stage_batch(con, landing_file.kind, changed)
    try:
        if name in staged.refused:
            raise staged.refused[name]
        return commit_files(con, staged, [name])[0]
    finally:
        drop_staged(con, staged)


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


def _key_values(source: SourceKind, landing_file: LandingFile) -> list[object]:
    """The values of the key's columns, as the file name gives them."""
    given = {
        "kunta": landing_file.municipality_code,
        "year": landing_file.fiscal_year,
        "month": landing_file.period_month,
    }
    return [given[source.column(name).name_part] for name in source.key]


def _record_files(
    con: duckdb.DuckDBPyConnection, loaded: Sequence[tuple[BatchFile, LoadResult]]
) -> None:
    """One row per file name in raw.ingested_files, holding the hash last loaded."""
    names = [batch_file.name for batch_file, _ in loaded]
    con.execute("delete from raw.ingested_files where source_file in (select unnest(?))", [names])
    now = datetime.now(UTC).replace(tzinfo=None)  # UTC, stored as a plain TIMESTAMP
    insert_rows(
        con,
        "raw.ingested_files",
        [
            [
                batch_file.name,
                batch_file.landing.kind,
                batch_file.landing.municipality_code,
                batch_file.landing.fiscal_year,
                batch_file.landing.period_month,
                result.source_hash,
                result.rows,
                now,
                batch_file.survey.size,
                batch_file.survey.mtime_ns,
            ]
            for batch_file, result in loaded
        ],
    )
