"""Landing files into raw.*: stage a kind's changed files as one batch, then commit.

A file whose name and hash were loaded before is skipped. Staging reads every changed
file of a kind in one pass (`ingest.batch`) into the candidate's staging schema;
committing hands the accepted files of all the kind's batches to `warehouse.raw`, which
replaces the rows of the earlier file of each file's key in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from ingest.batch import BatchFile, read_batch
from ingest.encoding import survey_file
from ingest.errors import LandingFileError
from ingest.landing import LandingFile
from ingest.sources import SOURCES, SourceKind
from warehouse.raw import (
    STAGING_SCHEMA,
    IngestedFile,
    loaded_files,
    replace_keys,
    rows_replaced,
)
from warehouse.raw import ensure_raw_tables as _ensure_raw_tables


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
    """Create schema raw and the tables of every kind of finance file, if missing."""
    _ensure_raw_tables(con, SOURCES.values())


def changed_files(
    con: duckdb.DuckDBPyConnection, landing_files: Sequence[LandingFile]
) -> tuple[list[BatchFile], list[str], dict[str, LandingFileError]]:
    """Survey each changed file once: (changed files, names loaded before unchanged,
    unreadable). A file whose name, size and modification time are those of the file
    loaded under its name is unchanged without being read (as rsync and make decide);
    any other is read and compared by its sha256."""
    ensure_raw_tables(con)
    loaded = loaded_files(con)
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
    con: duckdb.DuckDBPyConnection, kind: str, files: Sequence[BatchFile], part: int = 0
) -> StagedBatch:
    """Read `files` (all of `kind`) into staging_ingest.<kind> (the kind's first batch;
    batch `part` n > 0 into staging_ingest.<kind>__<n>); refuse the bad ones alone."""
    ensure_raw_tables(con)
    con.execute(f"create schema if not exists {STAGING_SCHEMA}")
    name = kind if part == 0 else f"{kind}__{part}"
    staged = StagedBatch(kind, f"{STAGING_SCHEMA}.{name}")
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
    """Replace the keys of the accepted files of one batch with their staged rows."""
    return commit_batches(con, [(staged, accepted)])


def commit_batches(
    con: duckdb.DuckDBPyConnection, batches: Sequence[tuple[StagedBatch, Sequence[str]]]
) -> list[LoadResult]:
    """Replace the keys of the accepted files of a kind's batches with their staged rows and
    record the files: one transaction for the kind, set-based (one delete for all the
    files, whatever their number or batches: per file or per batch, each would scan the
    raw table again). `batches` pairs each staged batch with its accepted file names."""
    batches = [(staged, list(accepted)) for staged, accepted in batches if accepted]
    if not batches:
        return []
    source = SOURCES[batches[0][0].kind]
    results, keys, ingested = [], {}, []
    for staged, accepted in batches:
        for name in accepted:
            file, rows = staged.files[name], staged.rows.get(name, 0)
            result = LoadResult(staged.kind, name, file.survey.sha256, rows, False)
            results.append(result)
            keys[name] = _key_values(source, file.landing)
            ingested.append(_ingested(file, result))
    replace_keys(con, source, [staged.table for staged, _ in batches], keys, ingested)
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
    return rows_replaced(
        con,
        landing_file.kind,
        landing_file.municipality_code,
        landing_file.fiscal_year,
        landing_file.period_month,
    )


def _key_values(source: SourceKind, landing_file: LandingFile) -> list[object]:
    """The values of the key's columns, as the file name gives them."""
    given = {
        "kunta": landing_file.municipality_code,
        "year": landing_file.fiscal_year,
        "month": landing_file.period_month,
    }
    return [given[source.column(name).name_part] for name in source.key]


def _ingested(batch_file: BatchFile, result: LoadResult) -> IngestedFile:
    landing = batch_file.landing
    return IngestedFile(
        source_file=batch_file.name,
        source_kind=landing.kind,
        municipality_code=landing.municipality_code,
        fiscal_year=landing.fiscal_year,
        period_month=landing.period_month,
        source_hash=result.source_hash,
        row_count=result.rows,
        file_size=batch_file.survey.size,
        file_mtime_ns=batch_file.survey.mtime_ns,
    )
