"""Validate a staged landing file with its great-expectations suite, and keep the result.

The caller (ingest orchestration) puts the reader's rows into a staging table of the
candidate DuckDB file, closes its connection and calls `validate_staged_file`. Only when
`success_for_errors` is true does it append the rows to raw.*; otherwise it quarantines
the file (expectations.quarantine). Every result is kept as GX JSON under results_dir.
"""

import json
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

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
from expectations.failures import Failure, failures_from
from expectations.rules import enough_rows

# GX logs a warning per type check on DuckDB ("No sqlalchemy dialect found"): expected here.
logging.getLogger("great_expectations.expectations.type_comparison").setLevel(logging.ERROR)

__all__ = ["FileValidation", "Failure", "build_data_docs", "validate_staged_file"]

SuiteBuilder = Callable[..., gx.ExpectationSuite]
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
# source_row identifies each failing row; 5 examples are enough to find the pattern.
RESULT_FORMAT = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": ["source_row"],
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


def validate_staged_file(
    con_path: Path,
    staging_table: str,
    kind: str,
    file_name: str,
    fiscal_year: int | None,
    period_month: int | None,
    results_dir: Path,
    replaces_rows: int | None = None,
) -> FileValidation:
    """Run the kind's suite on `staging_table` (schema.table) of the DuckDB file `con_path`.

    `replaces_rows` is the row count of the earlier file of the same key (None when the
    file is the first of its key): a file with no rows, or under half of those, fails.
    """
    kind_suite = SUITES[kind](fiscal_year=fiscal_year, period_month=period_month)
    suite = gx.ExpectationSuite(
        name=kind_suite.name, expectations=[*kind_suite.expectations, enough_rows(replaces_rows)]
    )
    result = _run(Path(con_path), staging_table, suite, file_name)
    result_path = _store(result, Path(results_dir), file_name)
    failures = failures_from(result, Path(con_path), staging_table)
    blocked = any(failure.severity == "error" for failure in failures)
    return FileValidation(file_name, kind, not blocked, failures, result_path)


def _context() -> gx.data_context.EphemeralDataContext:
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _run(con_path: Path, staging_table: str, suite: gx.ExpectationSuite, name: str) -> dict:
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
