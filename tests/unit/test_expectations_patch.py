"""The GX ↔ DuckDB fixes in expectations/gx_duckdb_patch.py: still needed, and working."""

from collections.abc import Iterator
from pathlib import Path

import duckdb
import great_expectations as gx
import pytest
import sqlalchemy as sa

from expectations import gx_duckdb_patch
from expectations.engine import _context


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("patch") / "tiny.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema staging_ingest")
        con.execute(
            "create table staging_ingest.t as select range::integer as source_row,"
            " 'K' || range as code from range(3)"
        )
    return path


@pytest.fixture
def patched() -> Iterator[None]:
    gx_duckdb_patch.apply()
    yield
    gx_duckdb_patch.apply()


def _validate(path: Path) -> dict:
    context = _context()
    source = context.data_sources.add_sql(name="tiny", connection_string=f"duckdb:///{path}")
    asset = source.add_table_asset(name="t", table_name="t", schema_name="staging_ingest")
    suite = gx.ExpectationSuite(
        name="tiny",
        expectations=[
            gx.expectations.ExpectColumnValuesToNotBeNull(column="code"),
            gx.expectations.ExpectColumnValuesToBeOfType(column="code", type_="VARCHAR"),
        ],
    )
    definition = gx.ValidationDefinition(
        name="tiny",
        data=asset.add_batch_definition_whole_table("all"),
        suite=context.suites.add(suite),
    )
    try:
        return context.validation_definitions.add(definition).run().to_json_dict()
    finally:
        source.get_execution_engine().engine.dispose()
        source.get_engine().dispose()


def _messages(result: dict) -> str:
    infos = [item["exception_info"] for item in result["results"]]
    return " ".join(str(info) for info in infos)


def test_gx_fails_on_duckdb_without_the_buffering_fix(tiny_db: Path, patched: None) -> None:
    # GIVEN GX's own execute_query (the reflection fix stays, so the table is found)
    gx_duckdb_patch.revert()
    # WHEN a not-null check runs on a DuckDB file
    result = _validate(tiny_db)
    # THEN the rows were gone before GX read them: if this fails, GX fixed it upstream
    assert not result["success"]
    assert "list index out of range" in _messages(result)


def test_gx_validates_duckdb_with_the_patch(tiny_db: Path, patched: None) -> None:
    result = _validate(tiny_db)
    assert result["success"], _messages(result)
    observed = [item["result"].get("observed_value") for item in result["results"]]
    assert "VARCHAR" in observed


def test_apply_is_idempotent(patched: None) -> None:
    gx_duckdb_patch.apply()
    gx_duckdb_patch.apply()
    assert gx_duckdb_patch.is_applied()


def test_columns_are_reflected_from_information_schema(tiny_db: Path, patched: None) -> None:
    engine = sa.create_engine(f"duckdb:///{tiny_db}")
    try:
        columns = sa.inspect(engine).get_columns("t", schema="staging_ingest")
    finally:
        engine.dispose()
    assert [(c["name"], type(c["type"])) for c in columns] == [
        ("source_row", sa.INTEGER),
        ("code", sa.VARCHAR),
    ]
