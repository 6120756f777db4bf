"""A night with nothing new is told before Dagster starts, and only when nothing a run
reads has changed since a quiet published run (orchestration/nothing_new.py,
warehouse/quiet_nights.py). Every input that would change the run breaks the match."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from orchestration.nothing_new import look
from orchestration.runner import KindFiles, RunOutcome
from warehouse import quiet_nights
from warehouse.settings import Landing, Settings

TODAY = dt.date(2026, 4, 15)


@pytest.fixture
def night(tmp_path: Path):
    """A warehouse folder with its published files, a landing folder with two complete
    files, an empty store, and a quiet run recorded from tonight's look."""
    warehouse = tmp_path / "city" / "toteuma.duckdb"
    warehouse.parent.mkdir()
    for path in (warehouse, warehouse.with_name("toteuma.audit.duckdb")):
        path.write_bytes(b"published")
    landing = tmp_path / "landing"
    (landing / "finance").mkdir(parents=True)
    (landing / "finance" / "org_111.csv").write_text("org\n", encoding="utf-8")
    (landing / "finance" / "gl_111_2026_03.csv").write_text("gl\n", encoding="utf-8")
    old = time.time() - 3600
    for path in (landing / "finance").iterdir():
        os.utime(path, (old, old))
    settings = Settings(warehouse_path=warehouse)
    where = Landing(landing, settle_seconds=60)
    inputs = look(settings, where, TODAY)
    assert inputs is not None
    quiet_nights.record_run(settings, "run-1", inputs, quiet=True)
    return settings, where


def test_the_same_look_on_untouched_files_is_nothing_new_and_each_look_is_recorded(night):
    settings, landing = night
    quiet = quiet_nights.nothing_new(settings, look(settings, landing, TODAY))
    assert quiet is not None and quiet.run_id == "run-1"
    at = dt.datetime(2026, 4, 16, 0, 0, tzinfo=dt.UTC)
    quiet_nights.record_look(settings, quiet, at)
    quiet_nights.record_look(settings, quiet, at + dt.timedelta(days=1))
    assert [(x.at, x.matched_run) for x in quiet_nights.looks(settings)] == [
        (at, "run-1"),
        (at + dt.timedelta(days=1), "run-1"),
    ]
    # the record still matches after the looks were written into it
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is not None


def test_a_changed_or_new_landing_file_or_one_in_quarantine_means_a_run(night):
    settings, landing = night
    ledger = landing.folder / "finance" / "gl_111_2026_03.csv"
    ledger.write_text("gl changed\n", encoding="utf-8")
    os.utime(ledger, (time.time() - 3600, time.time() - 3600))
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is None


def test_a_file_in_quarantine_means_a_run(night):
    settings, landing = night
    (landing.folder / "quarantine").mkdir()
    (landing.folder / "quarantine" / "gl_111_2026_04.csv").write_text("x\n", encoding="utf-8")
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is None


def test_a_file_still_arriving_means_a_run_that_tells_it(night):
    settings, landing = night
    (landing.folder / "finance" / "gl_111_2026_04.csv").write_text("new\n", encoding="utf-8")
    assert look(settings, landing, TODAY) is None
    assert quiet_nights.nothing_new(settings, None) is None


def _waive(settings: Settings, tmp_path: Path, expires: str) -> None:
    """A waiver into the warehouse's store, as `toteuma controls import` brings one."""
    from review.store.schema import open_store

    folder = tmp_path / "to_import"
    folder.mkdir()
    (folder / "waivers.yaml").write_text(
        "waivers:\n- check: realization_within_full_year_budget\n  municipality: '111'\n"
        f"  reason: tunnettu\n  name: Elin Kaari\n  expires: '{expires}'\n",
        encoding="utf-8",
    )
    with open_store(settings.store):
        from review.store.folder import import_folder

        import_folder(folder, actor="test")


def test_a_decision_in_the_store_means_a_run(night, tmp_path):
    settings, landing = night
    _waive(settings, tmp_path, expires="2026-06-30")
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is None


def test_a_waiver_expiring_overnight_means_a_run_a_new_day_alone_does_not(night, tmp_path):
    settings, landing = night
    _waive(settings, tmp_path, expires="2026-04-15")
    quiet_nights.record_run(settings, "run-2", look(settings, landing, TODAY), quiet=True)
    # the waiver holds through its last day: a new day changes nothing a run reads
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is not None
    # the day after, it has expired: the gate would judge the failures it covered again
    tomorrow = TODAY + dt.timedelta(days=1)
    assert quiet_nights.nothing_new(settings, look(settings, landing, tomorrow)) is None


def test_a_changed_setting_means_a_run(night, monkeypatch):
    settings, landing = night
    monkeypatch.setenv("TOTEUMA_DEVIATION_EUR", "5000")
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is None
    monkeypatch.delenv("TOTEUMA_DEVIATION_EUR")
    monkeypatch.setenv("TOTEUMA_PASSWORD", "a command line's password changes no run")
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is not None


def test_a_warehouse_file_another_run_replaced_means_a_run(night):
    settings, landing = night
    settings.warehouse_path.write_bytes(b"published by the Dagster daemon's run")
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is None


def test_any_other_outcome_removes_the_record(night):
    settings, landing = night
    inputs = look(settings, landing, TODAY)
    quiet_nights.record_run(settings, "run-2", inputs, quiet=False)
    assert not quiet_nights.state_path(settings).exists()
    assert quiet_nights.nothing_new(settings, inputs) is None


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "null",
        "[]",
        '"quiet"',
        '{"version": 1, "quiet_run": [], "looks": {"at": 1}}',
        '{"version": 1, "quiet_run": {"run_id": "r", "finished_at": "eilen", "inputs": {},'
        ' "outputs": {}}, "looks": [1]}',
    ],
)
def test_an_unreadable_record_is_no_record(night, text):
    """Whatever the file holds, `toteuma run` runs in full (never a traceback every night
    until someone deletes it), and the review's header shows no look."""
    settings, landing = night
    quiet_nights.state_path(settings).write_text(text, encoding="utf-8")
    assert quiet_nights.nothing_new(settings, look(settings, landing, TODAY)) is None
    assert quiet_nights.looks(settings) == []


def _outcome(settings, **changes) -> RunOutcome:
    outcome = RunOutcome("published", "r", settings, dbt_rebuilt=0)
    outcome.files = {"gl_postings": KindFiles(unchanged=3, read=True)}
    for name, value in changes.items():
        setattr(outcome, name, value)
    return outcome


@pytest.mark.parametrize(
    ("changes", "quiet"),
    [
        ({}, True),
        ({"status": "withheld"}, False),
        ({"status": "partial", "withheld": ["111"]}, False),
        ({"dbt_rebuilt": 3}, False),
        ({"dbt_rebuilt": None}, False),
        ({"unrecognised": ["kuvat.zip"]}, False),
        ({"files": {"gl_postings": KindFiles(loaded=1, read=True)}}, False),
        ({"files": {"gl_postings": KindFiles(quarantined=["gl.csv"], read=True)}}, False),
        ({"files": {"gl_postings": KindFiles(released=["gl.csv"], read=True)}}, False),
        ({"files": {"gl_postings": KindFiles(waiting=["gl.csv"], read=True)}}, False),
    ],
)
def test_only_a_published_run_that_loaded_and_built_nothing_is_quiet(tmp_path, changes, quiet):
    settings = Settings(warehouse_path=tmp_path / "toteuma.duckdb")
    assert _outcome(settings, **changes).was_quiet is quiet


@pytest.fixture
def server_zone(monkeypatch):
    """Set the process's local zone (as a server's /etc/localtime would); restored after."""

    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
def test_the_look_judges_waivers_on_the_gates_day_whatever_the_servers_zone(
    night, tmp_path, server_zone, zone
):
    """UTC+14 and UTC-12 are 26 hours apart: at any moment one of them is on another
    calendar day than Helsinki. The look must judge expiry on the day the gate does
    (Helsinki's, warehouse.gate.waivers.waiver_day), else a quiet night compares the
    wrong day's expired waivers and hides one that the gate would now see expired."""
    from review.store.schema import open_store
    from warehouse.gate.waivers import waiver_day

    settings, landing = night
    day = waiver_day()
    folder = tmp_path / "to_import"
    folder.mkdir()
    entries = "".join(
        f"- check: realization_within_full_year_budget\n  municipality: '111'\n"
        f"  reason: tunnettu\n  name: Elin Kaari\n  expires: '{expires.isoformat()}'\n"
        for expires in (day - dt.timedelta(days=1), day)
    )
    (folder / "waivers.yaml").write_text(f"waivers:\n{entries}", encoding="utf-8")
    with open_store(settings.store):
        from review.store.folder import import_folder

        import_folder(folder, actor="test")
    on_the_gates_day = look(settings, landing, day)
    server_zone(zone)
    assert look(settings, landing).day == on_the_gates_day.day
