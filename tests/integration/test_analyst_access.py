"""What an analyst gets around the published file: descriptions, and Parquet for any tool."""

import csv
import subprocess
from pathlib import Path

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
    assert all(row["description"] for row in catalog)


def test_dbt_docs_open_from_disk_and_describe_the_review_tables(demo_run, tmp_path):
    # GIVEN a copy of a real run's warehouse folder
    warehouse = tmp_path / "warehouse" / demo_run.warehouse.name
    warehouse.parent.mkdir()
    warehouse.write_bytes(demo_run.warehouse.read_bytes())
    # WHEN dbt's documentation is built from it
    done = subprocess.run(
        [TOTEUMA, "docs", "--warehouse", str(warehouse)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    # THEN one self-contained HTML file holds the models and their descriptions
    assert done.returncode == 0, done.stderr
    page = (warehouse.parent / "dbt_docs" / "static_index.html").read_text(encoding="utf-8")
    assert "rpt_income_statement" in page and "tuloslaskelma" in page


def test_every_query_of_the_readme_runs_and_finds_rows(demo_run):
    # GIVEN the README's example queries (the first sql block)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sql", 1)[1].split("```", 1)[0]
    queries = [q.strip() for q in block.split(";") if q.strip() and not _only_comments(q)]
    assert len(queries) >= 5
    # WHEN each runs on a real run's published warehouse, THEN each finds rows
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        for query in queries:
            assert con.execute(query).fetchall(), query


def _only_comments(query: str) -> bool:
    return all(line.strip().startswith("--") or not line.strip() for line in query.splitlines())


def test_a_duckdb_1_x_client_reads_the_published_file_and_its_descriptions(demo_run):
    # GIVEN the DuckDB CLI 1.5.6 (what analysts' tools bundle lags behind DuckDB 2.0)
    import duckdb_cli  # the dev extra: the CLI binary as a wheel from the package registry

    cli = Path(duckdb_cli.__file__).with_name("duckdb")
    for path in (demo_run.warehouse, demo_run.warehouse.with_name("toteuma.previous.duckdb")):
        if not path.exists():
            continue
        # WHEN it opens the published file (and the previous one) read-only
        done = subprocess.run(
            [str(cli), "-readonly", "-csv", str(path), "-c",
             "select version(), count(*) from review.income_statement;"
             " select comment from duckdb_columns() where schema_name = 'review'"
             " and table_name = 'income_statement' and column_name = 'actual_ytd';"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        # THEN it reads a review table and the column's description
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        version, rows = lines[1].split(",")
        assert version.startswith("v1.") and int(rows) > 0
        assert len(lines[3]) > 20  # the description, as dbt wrote it
