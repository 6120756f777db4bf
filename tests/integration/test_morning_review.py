"""The controllers' morning review after a nightly run on the demo data (the shared demo
run, read only): the demo's controls folder approves the closed years and the seed
reports' dates, so what is shown is what is really open: the latest quarter."""

import json
import os
import subprocess

import dagster as dg
import duckdb
import pytest

from reports.finnish import period_end
from tests.integration.conftest import TOTEUMA

SCREENFUL = 45  # lines: the rows of one check in the default view, with their texts


def _failures(demo_run, *args, fmt="table"):
    env = {**os.environ, "COLUMNS": "100"}
    done = subprocess.run(
        [TOTEUMA, "failures", "--warehouse", str(demo_run.warehouse), "--format", fmt, *args],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(done.stdout) if fmt == "json" else done.stdout


def _query(path, sql, params=()):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def test_the_default_view_shows_only_the_open_quarter_and_a_screenful_per_check(demo_run):
    # GIVEN the night's run on the demo data with the demo's controls folder
    # WHEN a controller opens the morning review
    shown = _failures(demo_run, fmt="json")
    text = _failures(demo_run)
    # THEN every row concerns the open quarter (1-3/2026); closed years are hidden, counted
    days = {period_end(row["period"]) for row in shown["failures"]}
    assert days and all(day.year == 2026 and day.month <= 3 for day in days), days
    assert shown["hidden"]["approved_or_closed"] > 100
    assert "Raportointipäivät: 31.3.2026." in text
    # ... and no check takes more than a screenful
    sections = text.split("\n== ")[1:]
    assert sections
    for section in sections:
        assert len(section.splitlines()) <= SCREENFUL, section
    # ... while --all still shows the closed years' rows
    everything = _failures(demo_run, "--all", fmt="json")["failures"]
    assert any(period_end(row["period"]).year <= 2025 for row in everything)


def test_dates_are_asked_for_either_way_and_a_unit_brings_its_units(demo_run):
    finnish = _failures(demo_run, "--date", "31.3.2026", fmt="json")["failures"]
    iso = _failures(demo_run, "--date", "2026-03-31", fmt="json")["failures"]
    assert finnish == iso and finnish
    units = _failures(demo_run, "--unit", "600", "--all", fmt="json")["failures"]
    assert units and all("/600/" in row["unit_path"] for row in units)
    assert {row["org_unit_code"] for row in units} > {"600"}  # its responsibility areas too


def test_a_mistyped_unit_or_date_is_refused_never_an_empty_all_clear(demo_run):
    done = subprocess.run(
        [TOTEUMA, "failures", "--warehouse", str(demo_run.warehouse), "--unit", "9999",
         "--date", "30.3.2026"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "ei ole yksikköä '9999'" in done.stderr
    assert "30.3.2026 ei ole raportointipäivä (viimeisimmät: 31.3.2026" in done.stderr
    assert "Ei avoimia poikkeamia" not in done.stdout


def test_the_demo_signoffs_reproduce_their_figures_and_release_the_seed_dates(demo_run):
    audit = demo_run.warehouse.with_name("toteuma.audit.duckdb")
    statuses = dict(
        _query(
            audit,
            "select check_name, status from audit.check_results where run_id = "
            "(select run_id from audit.runs order by run_at desc limit 1)",
        )
    )
    # the approved figures files match their fingerprints and today's ledger to the cent
    assert statuses["controls.signoff_is_intact"] == "passed"
    assert statuses["approved_figures_unchanged"] == "passed"
    assert statuses["preliminary_figures_follow_ledger"] == "passed"
    released = _query(
        demo_run.warehouse,
        "select reporting_date::varchar, release_status, count(*) from review.income_statement "
        "where org_unit_code = '1' group by all order by 1",
    )
    approved = {day for day, status, _ in released if status == "approved"}
    assert approved == {"2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"}
    by_unit = dict(
        _query(
            demo_run.warehouse,
            "select reporting_date::varchar || ' ' || org_unit_code, approved_by from "
            "review.releases where is_current_status and release_status = 'approved' "
            "and org_unit_code in ('300', '500')",
        )
    )
    assert by_unit["2023-06-30 300"] == "Talousjohtaja (demo)"
    assert by_unit["2025-03-31 500"] == "Palvelualueen controller (demo)"
    assert _query(
        demo_run.warehouse,
        "select distinct release_status from review.binding_budget "
        "where reporting_date = date '2026-03-31'",
    ) == [("preliminary",)]


def test_explanations_are_published_with_the_unit_narrative_first(demo_run):
    sections = _query(
        demo_run.warehouse,
        "select section_seq, line_code, line_name, source_file from review.explanations "
        "where org_unit_code = '600' and reporting_date = date '2026-03-31' order by 1",
    )
    assert sections[0][:2] == (0, None)
    assert (1, "AINEET", "Aineet, tarvikkeet ja tavarat") in {s[:3] for s in sections}
    assert sections[0][3] == "explanations/111/600/2026-03-31.md"


@pytest.fixture(scope="module")
def check_evaluations(demo_run):
    home = demo_run.warehouse.parent.parent / "dagster"
    old = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    try:
        with dg.DagsterInstance.get() as instance:
            (run,) = instance.get_runs(limit=1)
            records = instance.get_records_for_run(
                run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=1000
            ).records
            return {
                record.event_log_entry.dagster_event.event_specific_data.check_name:
                record.event_log_entry.dagster_event.event_specific_data
                for record in records
            }  # fmt: skip
    finally:
        if old is None:
            os.environ.pop("DAGSTER_HOME")
        else:
            os.environ["DAGSTER_HOME"] = old


def test_a_failed_check_in_dagster_says_what_it_protects_and_shows_its_first_rows(
    check_evaluations,
):
    evaluation = check_evaluations["assert_forecast_grains_agree"]
    assert not evaluation.passed
    assert "Two grains of one forecast disagree" in evaluation.description
    assert "Saman ennusteen kaksi tasoa" in evaluation.description
    # the evidence is the morning review's open rows, as a table people read
    table = evaluation.metadata["evidence"].value
    (row,) = [
        line for line in table.splitlines() if line.startswith("| ") and "Yksikkö" not in line
    ]
    assert "· 600 " in row and "-513\u00a0000" in row.replace(" ", "\u00a0")
