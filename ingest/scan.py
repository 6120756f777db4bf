"""One landing CSV read on its own: a batch of one (see `ingest.batch`).

The nightly load reads every changed file of a kind in one batch; this is the same path
for one file, for tests and tools that want a file's typed rows or its LandingFileError.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb

from ingest.batch import BatchFile, read_batch
from ingest.encoding import FileSurvey, survey_file
from ingest.errors import LandingFileError
from ingest.landing import LandingFile, classify
from ingest.sources import SOURCES


def landing_file(path: Path, kind: str) -> LandingFile:
    """The file's key from its name; a reader refuses a file named for another kind."""
    found = classify(path)
    if found is None or found.kind != kind:
        expected = SOURCES[kind].shown_name if kind in SOURCES else kind
        problem = f"{path.name}: odotettiin tiedostonimeä muotoa {expected}"
        raise LandingFileError(path.name, [problem])
    return found


def read(
    con: duckdb.DuckDBPyConnection, kind: str, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """The typed rows of one file of `kind` (its raw table's columns, with source_file,
    source_hash, source_row) as a relation over a temp table; raises LandingFileError."""
    file = BatchFile(landing_file(path, kind), survey or survey_file(path))
    batch = read_batch(con, SOURCES[kind], [file], f"_ingest_{uuid.uuid4().hex}")
    if file.name in batch.refused:
        con.execute(f"drop table if exists {batch.table}")
        raise batch.refused[file.name]
    return con.table(batch.table)
