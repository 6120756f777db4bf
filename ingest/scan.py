"""One landing CSV read on its own: a batch of one (see `ingest.batch`).

The nightly load reads every changed file of a kind in one batch; this is the same path
for one file, for tests and tools that want a file's typed rows or its LandingFileError.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb

from ingest.batch import BatchFile, SourceSpec, read_batch
from ingest.encoding import FileSurvey, survey_file
from ingest.errors import LandingFileError
from ingest.landing import LandingFile, classify


def landing_file(path: Path, kind: str) -> LandingFile:
    """The file's key from its name; a reader refuses a file named for another kind."""
    found = classify(path)
    if found is None or found.kind != kind:
        raise LandingFileError(path.name, [f"{path.name}: expected a {kind} file name"])
    return found


def read_one(
    con: duckdb.DuckDBPyConnection, spec: SourceSpec, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """The typed rows of one file as a relation over a temp table; raises LandingFileError."""
    file = BatchFile(landing_file(path, spec.kind), survey or survey_file(path))
    batch = read_batch(con, spec, [file], f"_ingest_{uuid.uuid4().hex}")
    if file.name in batch.refused:
        con.execute(f"drop table if exists {batch.table}")
        raise batch.refused[file.name]
    return con.table(batch.table)


def release(con: duckdb.DuckDBPyConnection, relation: duckdb.DuckDBPyRelation) -> None:
    """Drop the temp table behind a reader's relation once its rows are stored."""
    if relation.alias.startswith("_ingest_"):
        con.execute(f"drop table if exists temp.main.{relation.alias}")
