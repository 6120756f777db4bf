"""The candidate warehouse: the nightly run's own DuckDB file, loaded from the landing folder."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.landing import finance_files
from ingest.load import LoadResult, load_file


def load_landing_kind(candidate: Path, landing_dir: Path, kind: str) -> list[LoadResult]:
    """Load every landing file of one kind; a bad file raises and loads nothing of itself.

    Files already loaded with the same content hash are skipped, so a nightly run reads
    only what changed.
    """
    candidate.parent.mkdir(parents=True, exist_ok=True)
    files = [f for f in finance_files(landing_dir) if f.kind == kind]
    with duckdb.connect(str(candidate)) as con:
        return [load_file(con, landing_file) for landing_file in files]
