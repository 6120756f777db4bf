"""What an analyst gets around the published file: descriptions, and Parquet for any tool."""

import csv
import subprocess

import duckdb

from tests.integration.conftest import TOTEUMA


def test_every_review_and_mart_column_carries_its_description_in_the_published_file(demo_run):
    # GIVEN the published warehouse of a real run
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        # WHEN an analyst's tool lists the review and mart tables' columns
        missing = con.execute(
            "select schema_name, table_name, column_name from duckdb_columns()"
            " where schema_name in ('review', 'marts') and coalesce(comment, '') = ''"
        ).fetchall()
        tables = con.execute(
            "select schema_name, table_name, comment from duckdb_tables()"
            " where schema_name in ('review', 'marts')"
        ).fetchall()
        unrendered = con.execute(
            "select schema_name, table_name, column_name from duckdb_columns()"
            " where schema_name in ('review', 'marts') and comment like '%{{%'"
        ).fetchall()
    # THEN every column and every table of both schemas says what it holds (dbt's
    # descriptions, shared doc blocks rendered to their text)
    assert missing == []
    assert {"review", "marts"} == {schema for schema, _, _ in tables}
    assert all(comment for _, _, comment in tables)
    assert unrendered == []


def test_parquet_export_writes_every_table_with_its_description(demo_run, tmp_path):
    # WHEN the published warehouse is exported as Parquet for one municipality
    out = tmp_path / "parquet"
    done = subprocess.run(
        [TOTEUMA, "export", "--format", "parquet", "--warehouse", str(demo_run.warehouse),
         "--municipality", "111", "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # THEN each review and mart table is a Parquet file with the published rows, its
    # description in the file's metadata, and catalog.csv lists every column
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        published = con.execute("select count(*) from review.income_statement").fetchall()
        tables = con.execute(
            "select count(*) from duckdb_tables() where schema_name in ('review', 'marts')"
        ).fetchall()[0][0]
    parquet = out / "review" / "income_statement.parquet"
    assert duckdb.sql(f"select count(*) from '{parquet}'").fetchall() == published
    metadata = duckdb.sql(
        f"select decode(value) from parquet_kv_metadata('{parquet}')"
        " where decode(key) = 'description'"
    ).fetchall()
    assert metadata and "income statement" in metadata[0][0].lower()
    assert len(list(out.glob("*/*.parquet"))) == tables
    with (out / "catalog.csv").open(encoding="utf-8") as stream:
        catalog = list(csv.DictReader(stream))
    assert {"review", "marts"} == {row["schema"] for row in catalog}
    assert all(row["description"] for row in catalog if row["schema"] == "review")
