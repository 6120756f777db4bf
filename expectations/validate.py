"""Validate a batch of staged landing files with their kind's great-expectations suite.

The caller (warehouse.candidate) stages every changed file of a kind in one table of the
candidate DuckDB file (with `stage_files_table` beside it), closes its connection and
calls `validate_batch`: one validation for the batch, its outcome split per file. Only a
file whose `success_for_errors` is true is appended to raw.*; the others are quarantined
(expectations.quarantine). Each file's share of the result is kept as GX JSON under
results_dir/<file>/, which `toteuma data-docs` renders.
"""

import json
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import great_expectations as gx
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from expectations import (
    accounts__suite,
    budget_entries__suite,
    forecasts__suite,
    gl_postings__suite,
    gx_duckdb_patch,
    org_units__suite,
)
from expectations.data_docs import build_data_docs
from expectations.failures import Failure, failures_by_file, result_for_file
from expectations.rules import minimum_rows

# GX logs a warning per type check on DuckDB ("No sqlalchemy dialect found"): expected here.
logging.getLogger("great_expectations.expectations.type_comparison").setLevel(logging.ERROR)

__all__ = ["FileValidation", "Failure", "build_data_docs", "validate_staged_file"]

SuiteBuilder = Callable[[str], gx.ExpectationSuite]  # the batch's files table → suite
SUITES: dict[str, SuiteBuilder] = {
    "org_units": org_units__suite.build_suite,
    "accounts": accounts__suite.build_suite,
    "gl_postings": gl_postings__suite.build_suite,
    "budget_entries": budget_entries__suite.build_suite,
    "forecasts": forecasts__suite.build_suite,
}
# The column names of each kind's raw table as the landing file's header writes them.
LABELS: dict[str, dict[str, str]] = {
    "org_units": org_units__suite.LABELS,
    "accounts": accounts__suite.LABELS,
    "gl_postings": gl_postings__suite.LABELS,
    "budget_entries": budget_entries__suite.LABELS,
    "forecasts": forecasts__suite.LABELS,
}
# File and line identify each failing row (COMPLETE: every row, so each file of the batch
# gets its own count); the examples kept per file are cut to a few afterwards.
RESULT_FORMAT = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": ["source_file", "source_row"],
    "partial_unexpected_count": 5,
    "return_unexpected_index_query": False,
}


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
    for name, replaced in replaces.items():
        con.execute(
            f"insert into {table} values (?, ?, ?, ?)",
            [name, counts.get(name, 0), replaced, minimum_rows(replaced)],
        )
    return table


def validate_batch(
    con_path: Path, staging_table: str, kind: str, file_names: list[str], results_dir: Path
) -> dict[str, FileValidation]:
    """Run the kind's suite once over a staged batch; the outcome split per file.

    The batch is `staging_table` (schema.table) of the DuckDB file `con_path`, with its
    files table beside it (`stage_files_table`). Each file's share of the result is kept
    as GX JSON under results_dir/<file>/ for Data Docs.
    """
    suite = SUITES[kind](files_table_name(staging_table))
    result = _run(Path(con_path), staging_table, suite)
    found = failures_by_file(result, Path(con_path), staging_table, file_names)
    outcomes = {}
    for name in file_names:
        path = _store(result_for_file(result, name), Path(results_dir), name)
        failures = found.get(name, [])
        blocked = any(failure.severity == "error" for failure in failures)
        outcomes[name] = FileValidation(name, kind, not blocked, failures, path)
    return outcomes


def validate_staged_file(
    con_path: Path,
    staging_table: str,
    kind: str,
    file_name: str,
    results_dir: Path,
    replaces_rows: int | None = None,
) -> FileValidation:
    """One file's rows, staged in `staging_table`, validated as a batch of one."""
    with duckdb.connect(str(con_path)) as con:
        stage_files_table(con, staging_table, {file_name: replaces_rows})
    return validate_batch(con_path, staging_table, kind, [file_name], results_dir)[file_name]


def _context() -> gx.data_context.EphemeralDataContext:
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _run(con_path: Path, staging_table: str, suite: gx.ExpectationSuite) -> dict:
    gx_duckdb_patch.apply()
    schema, _, table = staging_table.rpartition(".")
    context = _context()
    # Read-only: a validation never changes the candidate warehouse.
    source = context.data_sources.add_sql(
        name="candidate", connection_string=f"duckdb:///{con_path}?access_mode=read_only"
    )
    try:
        with warnings.catch_warnings():
            # GX prefers the schema in the connection string; DuckDB has no such option.
            warnings.simplefilter("ignore", DeprecationWarning)
            asset = source.add_table_asset(name=table, table_name=table, schema_name=schema or None)
        batch = asset.add_batch_definition_whole_table("whole_table").get_batch()
        # Validating the batch directly skips GX's result store: we keep the JSON ourselves,
        # and the store's serialisation doubled the time of a validation.
        result = batch.validate(suite, result_format=RESULT_FORMAT)
    finally:
        # The caller appends to the same file next: no connection of ours may stay open.
        # The datasource and its execution engine each hold their own SQLAlchemy engine.
        source.get_execution_engine().engine.dispose()
        source.get_engine().dispose()
    return result.to_json_dict()


def _store(result: dict, results_dir: Path, file_name: str) -> Path:
    folder = results_dir / file_name
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}.json"
    path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return path
