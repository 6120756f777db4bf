"""Validate a batch of staged landing files with their kind's great-expectations suite.

The caller (ingest.finance) stages every changed file of a kind in one table of the
candidate DuckDB file (with `stage_files_table` beside it), closes its connection and
calls `validate_batch`: one validation for the batch, its outcome split per file. Only a
file whose `success_for_errors` is true is appended to raw.*; the others are quarantined
(ingest.quarantine). Each file's share of the result is kept as GX JSON under
results_dir/<file>/, which `toteuma data-docs` renders.
"""

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from expectations.contract import Source
from expectations.failures import Failure, failures_by_file, result_for_file
from warehouse.sql import insert_rows

__all__ = ["FileValidation", "Failure", "validate_staged_file"]

# A re-export replacing a month (or a master data file) with under half of its rows is
# held back (rule enough_rows): an export cut short or filtered looks exactly like that.
MIN_SHARE_OF_REPLACED_ROWS = 0.5


def minimum_rows(replaces_rows: int | None) -> int:
    """The rows a file must have: one, and half of those of the file it replaces."""
    if not replaces_rows:
        return 1
    return max(1, math.ceil(replaces_rows * MIN_SHARE_OF_REPLACED_ROWS))


@dataclass(frozen=True)
class FileValidation:
    """The outcome for one file: may it be loaded, and what was found."""

    file_name: str
    kind: str
    success_for_errors: bool  # no error-severity expectation failed
    failures: list[Failure]
    result_path: Path

    @property
    def errors(self) -> list[Failure]:
        return [failure for failure in self.failures if failure.severity == "error"]

    @property
    def warnings(self) -> list[Failure]:
        return [failure for failure in self.failures if failure.severity != "error"]


def files_table_name(staging_table: str) -> str:
    """Where a batch's list of files (rows, and the rows each replaces) is staged."""
    return f"{staging_table}__files"


def stage_files_table(
    con: duckdb.DuckDBPyConnection, staging_table: str, replaces: dict[str, int | None]
) -> str:
    """One row per file of the batch: its staged rows and the minimum it must have.

    `replaces` maps each file name to the rows of the earlier file of its key (None: the
    first of its key). A file with no rows is in this table though not in the batch.
    """
    table = files_table_name(staging_table)
    con.execute(
        f"create or replace table {table} (source_file varchar, rows integer,"
        " replaces_rows integer, min_rows integer)"
    )
    counts = dict(
        con.execute(
            f"select source_file, count(*) from {staging_table} group by source_file"
        ).fetchall()
    )
    insert_rows(
        con,
        table,
        [
            [name, counts.get(name, 0), replaced, minimum_rows(replaced)]
            for name, replaced in replaces.items()
        ],
    )
    return table


def validate_batch(
    con_path: Path, staging_table: str, source: Source, file_names: list[str], results_dir: Path
) -> dict[str, FileValidation]:
    """Run the kind's suite once over a staged batch; the outcome split per file.

    The batch is `staging_table` (schema.table) of the DuckDB file `con_path`, with its
    files table beside it (`stage_files_table`). Each file's share of the result is kept
    as GX JSON under results_dir/<file>/ for Data Docs.
    """
    from expectations.engine import run_suite  # GX is imported only when there is work

    result = run_suite(Path(con_path), staging_table, source, files_table_name(staging_table))
    found = failures_by_file(result, Path(con_path), staging_table, file_names)
    outcomes = {}
    for name in file_names:
        path = _store(result_for_file(result, name), Path(results_dir), name)
        failures = found.get(name, [])
        blocked = any(failure.severity == "error" for failure in failures)
        outcomes[name] = FileValidation(name, source.kind, not blocked, failures, path)
    return outcomes


def validate_staged_file(
    con_path: Path,
    staging_table: str,
    source: Source,
    file_name: str,
    results_dir: Path,
    replaces_rows: int | None = None,
) -> FileValidation:
    """One file's rows, staged in `staging_table`, validated as a batch of one."""
    with duckdb.connect(str(con_path)) as con:
        stage_files_table(con, staging_table, {file_name: replaces_rows})
    return validate_batch(con_path, staging_table, source, [file_name], results_dir)[file_name]


def _store(result: dict, results_dir: Path, file_name: str) -> Path:
    folder = results_dir / file_name
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}.json"
    path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return path
