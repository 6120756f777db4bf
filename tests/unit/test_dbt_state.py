"""Whether dbt has anything to do: the build fingerprint, and the publication snapshot
that the re-export check compares with (warehouse.build_state)."""

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from ingest.load import ensure_raw_tables
from orchestration.dbt_project import prepare_manifest
from orchestration.settings import DBT_PROJECT_DIR
from warehouse.build_state import (
    BUILD_DAY,
    build_fingerprint,
    last_build,
    record_build,
    scoped_to_ledger,
    selectors_reading,
    snapshot_of_this_build,
    snapshot_tests,
)
from warehouse.publish.publication import ensure_published_months_table

RUN = "run-1"


@pytest.fixture
def candidate(tmp_path) -> Path:
    """A candidate whose build of run-1 is recorded, with its test outcomes."""
    prepare_manifest()
    path = tmp_path / "candidate.duckdb"
    with duckdb.connect(str(path)) as con:
        ensure_raw_tables(con)
        con.execute(
            "insert into raw.ingested_files (source_file, source_kind, source_hash)"
            " values ('gl_111_2025_01.csv', 'gl_postings', 'abc')"
        )
        ensure_published_months_table(con)
        con.execute("create schema audit_run")
        con.execute(
            "create table audit_run.dbt_tests (run_id varchar, unique_id varchar, status varchar)"
        )
        con.execute(
            "insert into audit_run.dbt_tests values (?, 'test.toteuma.not_null_x.1', 'pass')",
            [RUN],
        )
        for name in snapshot_tests(DBT_PROJECT_DIR):
            con.execute(
                "insert into audit_run.dbt_tests values (?, ?, 'pass')",
                [RUN, f"test.toteuma.{name}"],
            )
    record_build(path, build_fingerprint(path, DBT_PROJECT_DIR), RUN)
    return path


def _publish_snapshot(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(
            "insert into audit.published_month_totals values ('111', 2025, 1, '1000', '3000',"
            " 12.50, 'gl_111_2025_01.csv', 'abc', now()::timestamp, date '2025-03-31')"
        )


def test_the_reexport_check_reads_the_snapshot_only_tests_read() -> None:
    prepare_manifest()
    assert "assert_no_reexport_after_publication" in snapshot_tests(DBT_PROJECT_DIR)


SNAPSHOT = "audit.published_month_totals"


def test_a_snapshot_of_the_build_that_passed_needs_no_retest(candidate) -> None:
    before = last_build(candidate).fingerprint
    _publish_snapshot(candidate)
    assert build_fingerprint(candidate, DBT_PROJECT_DIR).changed_tables(before) == {SNAPSHOT}
    assert snapshot_of_this_build(candidate, DBT_PROJECT_DIR, RUN)
    after = last_build(candidate).fingerprint
    assert after == build_fingerprint(candidate, DBT_PROJECT_DIR)
    assert after.tables[SNAPSHOT] != before.tables[SNAPSHOT]


def test_a_failed_reexport_check_runs_again_after_the_snapshot(candidate) -> None:
    with duckdb.connect(str(candidate)) as con:
        con.execute(
            "update audit_run.dbt_tests set status = 'warn'"
            " where unique_id = 'test.toteuma.assert_no_reexport_after_publication'"
        )
    before = last_build(candidate).fingerprint
    _publish_snapshot(candidate)
    assert not snapshot_of_this_build(candidate, DBT_PROJECT_DIR, RUN)
    assert last_build(candidate).fingerprint == before  # so the next night tests again


def test_a_snapshot_taken_by_another_run_or_after_new_data_changes_nothing(candidate) -> None:
    before = last_build(candidate).fingerprint
    _publish_snapshot(candidate)
    assert not snapshot_of_this_build(candidate, DBT_PROJECT_DIR, "run-2")
    with duckdb.connect(str(candidate)) as con:
        con.execute("update raw.ingested_files set source_hash = 'def'")  # a new delivery
    assert not snapshot_of_this_build(candidate, DBT_PROJECT_DIR, RUN)
    assert last_build(candidate).fingerprint == before


def test_a_build_remembers_which_run_built_its_tables(candidate) -> None:
    """A run that built tables is their builder; one that reused the build (nothing new,
    or a new snapshot taken in) carries the builder on, for the publication to reuse."""
    assert last_build(candidate).tables_built_by == RUN
    with duckdb.connect(str(candidate)) as con:  # run-2's test outcomes, as a run records
        con.execute(
            "insert into audit_run.dbt_tests select 'run-2', unique_id, status"
            " from audit_run.dbt_tests where run_id = ?",
            [RUN],
        )
    fingerprint = build_fingerprint(candidate, DBT_PROJECT_DIR)
    record_build(candidate, fingerprint, "run-2", last_build(candidate).tables_built_by)
    assert (last_build(candidate).run_id, last_build(candidate).tables_built_by) == ("run-2", RUN)
    _publish_snapshot(candidate)
    assert snapshot_of_this_build(candidate, DBT_PROJECT_DIR, "run-2")
    assert last_build(candidate).tables_built_by == RUN


def test_each_table_has_its_own_hash_and_a_ledger_month_changes_only_its_kind(candidate):
    first = build_fingerprint(candidate, DBT_PROJECT_DIR)
    assert {"raw.gl_postings", "raw.org_units", "raw.ingested_files"} <= set(first.tables)
    with duckdb.connect(str(candidate)) as con:  # January re-exported
        con.execute("update raw.ingested_files set source_hash = 'new'")
    # the ledger and the file records changed; the organisation did not
    now = build_fingerprint(candidate, DBT_PROJECT_DIR)
    assert now.changed_tables(first) == {"raw.gl_postings", "raw.ingested_files"}
    assert now.project == first.project


def test_only_a_change_of_the_ledger_alone_scopes_the_build() -> None:
    ledger = {"raw.gl_postings", "raw.ingested_files"}
    assert scoped_to_ledger(ledger)
    # the publication snapshot and the day are read by tests, or no model: still scoped
    assert scoped_to_ledger(ledger | {"audit.published_month_totals", BUILD_DAY})
    # the organisation, a budget or a sign-off changes what every municipality's
    # models compute from: built whole
    for other in ("raw.org_units", "raw.budget_entries", "controls.signoffs"):
        assert not scoped_to_ledger(ledger | {other}), other
    # no ledger change: nothing to scope to
    assert not scoped_to_ledger({"audit.published_month_totals"})
    assert not scoped_to_ledger(set())


def test_what_reads_a_changed_table_is_selected_by_its_dbt_source() -> None:
    manifest = json.loads(prepare_manifest().read_text(encoding="utf-8"))
    changed = {"raw.gl_postings", "audit.published_month_totals", "raw.not_read_by_dbt"}
    assert selectors_reading(changed, manifest) == [
        "source:audit.published_month_totals+",
        "source:raw.gl_postings+",
    ]
    assert selectors_reading({"raw.goals"}, manifest) == ["source:raw_goals.goals+"]


def test_a_tolerance_dbt_reads_from_the_environment_is_part_of_the_project(
    candidate, monkeypatch
) -> None:
    """int_budget_deviations reads TOTEUMA_DEVIATION_PCT: a new value must rebuild."""
    monkeypatch.delenv("TOTEUMA_DEVIATION_PCT", raising=False)
    before = build_fingerprint(candidate, DBT_PROJECT_DIR)
    monkeypatch.setenv("TOTEUMA_DEVIATION_PCT", "5")
    assert build_fingerprint(candidate, DBT_PROJECT_DIR).project != before.project


def test_a_new_day_rebuilds_only_what_reads_the_day(candidate) -> None:
    """The day is an input of the models that ask for it: a new day selects them, and in
    our project nothing (dim_org_unit.is_current marks the open version), so a quiet night
    on a new day starts no dbt."""
    day = dt.date(2026, 11, 29)
    before = build_fingerprint(candidate, DBT_PROJECT_DIR, today=day)
    after = build_fingerprint(candidate, DBT_PROJECT_DIR, today=day + dt.timedelta(days=1))
    assert after.changed_tables(before) == {BUILD_DAY}
    manifest = json.loads(prepare_manifest().read_text(encoding="utf-8"))
    assert selectors_reading({BUILD_DAY}, manifest) == []
    manifest["nodes"]["model.toteuma.days_open"] = {
        "resource_type": "model",
        "name": "days_open",
        "raw_code": "select current_date - valid_from_date as days_open from x",
    }
    assert selectors_reading({BUILD_DAY}, manifest) == ["days_open+"]
