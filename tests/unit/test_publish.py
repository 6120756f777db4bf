"""Publishing replaces the analysts' file atomically and keeps the one before."""

import duckdb
import pytest

from publish.publication import publish


def _candidate(path, revenue):
    with duckdb.connect(str(path)) as con:
        for schema in ("raw", "marts", "review"):
            con.execute(f"create schema if not exists {schema}")
        con.execute("create or replace table raw.gl_postings as select 'Palautus' as description")
        con.execute(
            "create or replace table raw.ingested_files as select 'gl_111_2026_03.csv' "
            "as source_file, 'gl_postings' as source_kind, '111' as municipality_code, "
            "2026 as fiscal_year, 3 as period_month, 'abc' as source_hash, 1 as row_count, "
            "now()::timestamp as ingested_at"
        )
        con.execute(
            f"create or replace table review.income_statement as select {revenue} as actual_ytd"
        )
        con.execute(
            "create or replace table marts.dim_period as select date '2026-03-31' as calendar_date"
        )


@pytest.fixture
def paths(tmp_path):
    return (
        tmp_path / "candidate.duckdb",
        tmp_path / "toteuma.duckdb",
        tmp_path / "toteuma.previous.duckdb",
    )


def _read(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select actual_ytd from review.income_statement").fetchall()[0][0]


def test_publish_copies_marts_and_review_but_not_raw(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publication = publish(candidate, published, previous, run_id="run-1")
    with duckdb.connect(str(published), read_only=True) as con:
        schemas = {
            row[0]
            for row in con.execute(
                "select distinct table_schema from information_schema.tables"
            ).fetchall()
        }
        run_id = con.execute("select run_id from meta.publication").fetchall()[0][0]
    assert schemas == {"marts", "review", "meta"}
    assert run_id == "run-1"
    assert publication.tables == {"marts.dim_period": 1, "review.income_statement": 1}


def test_second_publication_keeps_the_first_as_previous(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, run_id="run-1")
    _candidate(candidate, 250)
    publication = publish(candidate, published, previous, run_id="run-2")
    assert publication.previous == previous
    assert _read(previous) == 100


def test_reader_with_the_old_file_open_keeps_a_consistent_view(paths):
    # GIVEN an analyst connected to the published file
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, run_id="run-1")
    analyst = duckdb.connect(str(published), read_only=True)
    try:
        # WHEN a new version is published under the same name
        _candidate(candidate, 250)
        publish(candidate, published, previous, run_id="run-2")
        # THEN the open connection still reads the version it opened
        assert (
            analyst.execute("select actual_ytd from review.income_statement").fetchall()[0][0]
            == 100
        )
    finally:
        analyst.close()


def test_table_and_column_descriptions_travel_to_the_published_file(paths):
    # GIVEN a candidate whose review table carries dbt's descriptions as comments
    candidate, published, previous = paths
    _candidate(candidate, 100)
    with duckdb.connect(str(candidate)) as con:
        con.execute("comment on table review.income_statement is 'One row per unit''s line'")
        con.execute("comment on column review.income_statement.actual_ytd is 'TOT Y to D'")
    # WHEN it is published
    publish(candidate, published, previous, run_id="run-1")
    # THEN an analyst's tool reading the published file sees both
    with duckdb.connect(str(published), read_only=True) as con:
        table = con.execute(
            "select comment from duckdb_tables() where table_name = 'income_statement'"
        ).fetchall()
        column = con.execute(
            "select comment from duckdb_columns() where column_name = 'actual_ytd'"
        ).fetchall()
    assert table == [("One row per unit's line",)] and column == [("TOT Y to D",)]
