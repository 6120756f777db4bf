"""Publishing replaces the analysts' file atomically and keeps the one before."""

import duckdb
import pytest

from warehouse.publish.publication import publish


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


def _audit(path, rows):
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists audit")
        con.execute(
            "create or replace table audit.check_runs as select range as run from range(?)", [rows]
        )


def _meta(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select run_id, tables_built_by from meta.publication").fetchall()[0]


def test_a_night_that_built_nothing_copies_the_published_file_and_writes_only_audit_and_meta(
    paths, tmp_path
):
    # GIVEN a publication of the tables built by run-1
    candidate, published, previous = paths
    audit = tmp_path / "toteuma.audit.duckdb"
    _candidate(candidate, 100)
    _audit(audit, 1)
    first = publish(candidate, published, previous, "run-1", audit, tables_built_by="run-1")
    assert not first.tables_reused
    # WHEN run-2 built nothing (its tables are run-1's) and added to the audit history
    _audit(audit, 2)
    second = publish(candidate, published, previous, "run-2", audit, tables_built_by="run-1")
    # THEN the tables come from the published file, the audit and meta are run-2's
    assert second.tables_reused
    assert second.tables == {**first.tables, "audit.check_runs": 2}
    assert _read(published) == 100 and _meta(published) == ("run-2", "run-1")
    assert _meta(previous) == ("run-1", "run-1")


def test_tables_built_by_another_run_are_copied_from_the_candidate(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, "run-1", tables_built_by="run-1")
    _candidate(candidate, 250)  # run-2's dbt built the tables again
    second = publish(candidate, published, previous, "run-2", tables_built_by="run-2")
    assert not second.tables_reused and _read(published) == 250


def test_a_file_published_without_the_build_run_or_a_build_unknown_is_not_reused(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, "run-1", tables_built_by=None)  # build unknown
    _candidate(candidate, 250)
    assert not publish(candidate, published, previous, "run-2", tables_built_by=None).tables_reused
    assert _read(published) == 250
    with duckdb.connect(str(candidate)) as con:  # published by an older version: no record
        con.execute("drop table audit_run.published_file")
    again = publish(candidate, published, previous, "run-3", tables_built_by="run-1")
    assert not again.tables_reused and _meta(published) == ("run-3", "run-1")


def test_a_table_added_to_the_published_file_by_hand_does_not_survive_the_next_night(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, "run-1", tables_built_by="run-1")
    with duckdb.connect(str(published)) as con:
        con.execute("create table review.my_notes as select 1 as note")
    second = publish(candidate, published, previous, "run-2", tables_built_by="run-1")
    assert not second.tables_reused
    assert set(second.tables) == {"marts.dim_period", "review.income_statement"}


def test_a_read_write_connection_to_the_published_file_does_not_stop_a_quiet_night(paths):
    """The published file is never opened by publication: an analyst's tool that opened it
    read-write (the DuckDB CLI's default) holds a lock that only a connection would meet."""
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, "run-1", tables_built_by="run-1")
    analyst = duckdb.connect(str(published))
    try:
        second = publish(candidate, published, previous, "run-2", tables_built_by="run-1")
    finally:
        analyst.close()
    assert second.tables_reused and _meta(published) == ("run-2", "run-1")


def test_rows_edited_in_the_published_file_by_hand_are_replaced_the_next_night(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, "run-1", tables_built_by="run-1")
    with duckdb.connect(str(published)) as con:
        con.execute("update review.income_statement set actual_ytd = 999")
    second = publish(candidate, published, previous, "run-2", tables_built_by="run-1")
    assert not second.tables_reused and _read(published) == 100


def test_a_view_with_descriptions_in_the_candidate_does_not_stop_publication(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    with duckdb.connect(str(candidate)) as con:
        con.execute("create view review.v as select actual_ytd from review.income_statement")
        con.execute("comment on column review.v.actual_ytd is 'seen through a view'")
        con.execute("comment on column review.income_statement.actual_ytd is 'TOT Y to D'")
    publication = publish(candidate, published, previous, "run-1")
    assert set(publication.tables) == {"marts.dim_period", "review.income_statement"}
    with duckdb.connect(str(published), read_only=True) as con:
        comments = con.execute(
            "select table_name, column_name, comment from duckdb_columns()"
            " where comment is not null and column_name <> 'publication_status'"
        ).fetchall()
    assert comments == [("income_statement", "actual_ytd", "TOT Y to D")]


def _municipal_candidate(path, figures: dict[str, int], goals: dict[tuple[str, str], str]):
    """A candidate with per-municipality figures and per-unit goals."""
    with duckdb.connect(str(path)) as con:
        for schema in ("raw", "marts", "review"):
            con.execute(f"create schema if not exists {schema}")
        con.execute(
            "create or replace table raw.ingested_files as select * from (values"
            + ", ".join(
                f"('gl_{m}_2026_03.csv', 'gl_postings', '{m}', 2026, 3, 'h{v}', 1,"
                " now()::timestamp)"
                for m, v in figures.items()
            )
            + ") as t(source_file, source_kind, municipality_code, fiscal_year, period_month,"
            " source_hash, row_count, ingested_at)"
        )
        con.execute(
            "create or replace table review.income_statement as select * from (values "
            + ", ".join(f"('{m}', {v})" for m, v in figures.items())
            + ") as t(municipality_code, actual_ytd)"
        )
        con.execute(
            "create or replace table review.goals as select * from (values "
            + ", ".join(f"('{m}', '{u}', '{text}')" for (m, u), text in goals.items())
            + ") as t(municipality_code, org_unit_code, goal_text)"
        )
        con.execute("create or replace table marts.dim_period as select 1 as period_key")


def _rows(path, sql):
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(con.execute(sql).fetchall())


def test_a_withheld_municipality_keeps_its_earlier_rows_and_says_so(paths):
    from warehouse.gate.decide import WithheldScope
    from warehouse.gate.scopes import GOAL_WORKBOOK, LEDGER_MONTH, Holding, Scope
    from warehouse.publish.publication import Withheld

    candidate, published, previous = paths
    # GIVEN a night that published two municipalities' February
    _municipal_candidate(candidate, {"111": 10, "222": 20}, {("111", "600"): "feb"})
    publish(candidate, published, previous, run_id="run-1")
    # WHEN March holds 222's ledger month and 111's unit 600's goals back
    _municipal_candidate(
        candidate, {"111": 11, "222": 99}, {("111", "600"): "mar", ("111", "700"): "new"}
    )
    month = Scope(LEDGER_MONTH, "222", "", "2026-03")
    goals = Scope(GOAL_WORKBOOK, "111", "600")
    withheld = Withheld(
        Holding((goals, month), frozenset({"111", "222"})),
        (
            WithheldScope(month, "gl_postings.account_known", 1),
            WithheldScope(goals, "goal_workbooks.file_is_readable", 1),
        ),
        frozenset({"review.goals"}),
    )
    publication = publish(candidate, published, previous, run_id="run-2", withheld=withheld)
    # THEN 111's figures are March's, 222 shows February, marked withheld
    assert _rows(published, "select * from review.income_statement") == [
        ("111", 11, "current"),
        ("222", 20, "withheld"),
    ]
    # and only unit 600's goals are February's; unit 700 (new) publishes
    assert _rows(published, "select * from review.goals") == [
        ("111", "600", "feb", "withheld"),
        ("111", "700", "new", "current"),
    ]
    assert publication.kept_rows == {"review.income_statement": 1, "review.goals": 1}
    # meta names the scopes, the checks that hold them, and 222's files as published
    assert _rows(published, "select scope, check_name from meta.withheld_scopes") == [
        ("kunnan 111 yksikön 600 tavoitteet", "goal_workbooks.file_is_readable"),
        ("kunnan 222 kirjanpito 3/2026", "gl_postings.account_known"),
    ]
    assert _rows(published, "select publication, withheld_scopes from meta.publication") == [
        ("partial", 2)
    ]
    assert _rows(published, "select municipality_code, source_hash from meta.source_files") == [
        ("111", "h11"),
        ("222", "h20"),
    ]


def test_a_withheld_municipality_never_published_before_is_left_out(paths):
    from warehouse.gate.scopes import MASTER_DATA, Holding, Scope
    from warehouse.publish.publication import Withheld

    candidate, published, previous = paths
    _municipal_candidate(candidate, {"111": 10, "222": 20}, {("111", "600"): "x"})
    scope = Scope(MASTER_DATA, "222")
    publish(
        candidate,
        published,
        previous,
        run_id="run-1",
        withheld=Withheld(Holding((scope,), frozenset({"111", "222"}))),
    )
    assert _rows(published, "select * from review.income_statement") == [("111", 10, "current")]


def test_the_published_file_opens_in_duckdb_1_1_and_later(paths):
    candidate, published, previous = paths
    _candidate(candidate, 100)
    publish(candidate, published, previous, run_id="run-1")
    publish(candidate, published, previous, run_id="run-2")  # a reused copy keeps it too
    for path in (published, previous):
        with duckdb.connect() as con:
            con.execute("attach ? as file (read_only)", [str(path)])
            (tags,) = con.execute(
                "select tags from duckdb_databases() where database_name = 'file'"
            ).fetchone()
        # DuckDB names the format by the oldest version that reads it
        assert tags["storage_version"].startswith("v1."), (path, tags)
