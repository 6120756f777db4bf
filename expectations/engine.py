"""Great-expectations itself: a suite run on a staged batch in the candidate DuckDB file.

Imported only when there is something to validate: importing GX costs seconds, which a
night with no new file should not pay.
"""

import logging
import warnings
from pathlib import Path

import great_expectations as gx
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from expectations import gx_duckdb_patch
from expectations.contract import Source

# GX logs a warning per type check on DuckDB ("No sqlalchemy dialect found"): expected here.
logging.getLogger("great_expectations.expectations.type_comparison").setLevel(logging.ERROR)

# File and line identify each failing row (COMPLETE: every row, so each file of the batch
# gets its own count); the examples kept per file are cut to a few afterwards.
RESULT_FORMAT = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": ["source_file", "source_row"],
    "partial_unexpected_count": 5,
    "return_unexpected_index_query": False,
}


def run_suite(con_path: Path, staging_table: str, source: Source, files_table: str) -> dict:
    """The kind's suite run once on `staging_table`; the result as GX's JSON dict."""
    return _run(con_path, staging_table, source.build_suite(files_table))


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
