"""The gate's own logic: waivers, blocking, history, and the controllers' report."""

import datetime as dt
import json
from decimal import Decimal

import duckdb
import openpyxl
import pytest

from reports.failures.query import latest_failures
from reports.failures.spreadsheet import render_csv, write_workbook
from reports.failures.terminal import render_json, render_table
from warehouse.gate import dbt_results
from warehouse.gate.dbt_results import generic_selite
from warehouse.gate.history import append_run
from warehouse.gate.records import CheckResult, Evidence
from warehouse.gate.waivers import apply_waivers, load_waivers

TODAY = dt.date(2026, 4, 15)


def _failing(severity="error"):
    row = Evidence(
        municipality_code="111", org_unit_code="600", line_code="TOIMINTAKULUT",
        period="2026-03-31", expected=Decimal("-9720700"), actual=Decimal("-10233700"),
        difference=Decimal("-513000"), explanation="forecast grains disagree",
    )  # fmt: skip
    return CheckResult("assert_forecast_grains_agree", "judgement", severity, "why", "review/x",
                       evidence=[row], failures=1)  # fmt: skip


def _waivers(tmp_path, expires="2026-06-30", unit="600"):
    path = tmp_path / "waivers.yaml"
    path.write_text(
        "waivers:\n  - check: assert_forecast_grains_agree\n"
        f"    unit: '{unit}'\n    line: TOIMINTAKULUT\n    period: '2026-03-31'\n"
        f"    reason: lines updated in April\n    name: C. Controller\n    expires: {expires}\n",
        encoding="utf-8",
    )
    return load_waivers(path)


def test_error_failure_blocks_until_waived(tmp_path):
    # GIVEN an error-severity failure
    result = _failing()
    assert result.blocks and result.status == "failed"
    # WHEN a current waiver matches its check, unit, line and period
    report = apply_waivers([result], _waivers(tmp_path), TODAY)
    # THEN it is shown as waived, no longer blocks, and the waivers check passes
    assert result.status == "waived" and not result.blocks
    assert result.evidence[0].waiver == (
        "lines updated in April (C. Controller, voimassa 30.6.2026 asti)"
    )
    assert report.failures == 0


def test_expired_waiver_does_not_apply_and_is_reported(tmp_path):
    result = _failing()
    report = apply_waivers([result], _waivers(tmp_path, expires="2026-03-31"), TODAY)
    assert result.blocks
    assert report.failures == 1 and "on vanhentunut" in report.evidence[0].explanation


def test_unmatched_waiver_is_reported(tmp_path):
    result = _failing()
    report = apply_waivers([result], _waivers(tmp_path, unit="601"), TODAY)
    assert result.blocks
    assert "ei koske yhtään tämän ajon poikkeamaa" in report.evidence[0].explanation


def test_malformed_waiver_names_its_position_and_field(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n  - check: x\n    reason: r\n    name: n\n", encoding="utf-8")
    with pytest.raises(ValueError, match="poikkeuslupa 1: puuttuu kenttä expires"):
        load_waivers(path)


def test_warn_failure_never_blocks():
    assert not _failing("warn").blocks


def test_history_keeps_every_run_and_the_report_reads_the_latest(tmp_path):
    # GIVEN two runs appended to the history
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, "run-1", dt.datetime(2026, 4, 14, 2), [_failing()], "withheld")
    passed = CheckResult("assert_no_missing_month", "judgement", "warn", "why", "marts/x")
    append_run(audit, "run-2", dt.datetime(2026, 4, 15, 2), [_failing("warn"), passed], "publish")
    # WHEN the controllers' report is read
    latest = latest_failures(audit)
    first = latest_failures(audit, "run-1")
    # THEN the latest run is shown by default and older runs stay readable
    assert (latest.run_id, latest.decision, len(latest.rows)) == ("run-2", "publish", 1)
    assert first.decision == "withheld"
    row = latest.rows[0]
    assert (row["org_unit_code"], row["line_code"], row["difference"]) == (
        "600",
        "TOIMINTAKULUT",
        Decimal("-513000.00"),
    )
    assert json.loads(render_json(latest))["failures"][0]["check_name"] == (
        "assert_forecast_grains_agree"
    )
    assert render_csv(latest).decode("utf-8-sig").startswith("Tarkistus;Vakavuus;Tila")
    assert "assert_forecast_grains_agree" in render_table(latest)


def test_failures_workbook_has_a_sheet_per_check(tmp_path):
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, "run-1", dt.datetime(2026, 4, 14, 2), [_failing()], "withheld")
    out = tmp_path / "failures.xlsx"
    assert write_workbook(latest_failures(audit), out) == 1
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Yhteenveto", "1 assert_forecast_grains_agree"]
    sheet = book["1 assert_forecast_grains_agree"]
    assert sheet["A1"].value == "assert_forecast_grains_agree"
    assert sheet["A4"].value == "Tarkistus" and sheet["N5"].value == -513000.0


def test_history_written_before_our_own_messages_is_cleaned_when_copied(tmp_path):
    # GIVEN a history whose row quotes DuckDB's dump of an input line, and one with a code
    audit = tmp_path / "toteuma.audit.duckdb"
    dump = Evidence(
        source_file="gl_111_2026_02.csv",
        explanation="CSV Error on Line: 2\nOriginal Line: 111;2026;Palautus Virtanen 240889-112H",
        details='{"problem": "Original Line: Palautus Virtanen 240889-112H"}',
    )
    coded = Evidence(explanation="Selite held 131052-308T")
    old = CheckResult("gl_postings.file_is_readable", "incoming", "error", "why", "raw/gl",
                      evidence=[dump, coded], failures=2)  # fmt: skip
    append_run(audit, "run-1", dt.datetime(2026, 4, 14, 2), [old], "withheld")
    # WHEN the next run appends to it
    append_run(audit, "run-2", dt.datetime(2026, 4, 15, 2), [], "publish")
    # THEN the quoted line is withdrawn and the identity code masked
    text = json.dumps([row for row in latest_failures(audit, "run-1").rows], default=str)
    assert "Virtanen" not in text and "240889" not in text and "131052-308T" not in text
    assert "viesti on poistettu: se lainasi tiedoston" in text


def test_a_generic_dbt_test_is_explained_in_finnish_from_its_arguments():
    # GIVEN generic tests as the manifest has them (no selite: dbt gives them no text)
    unique = {"test_metadata": {"name": "unique", "kwargs": {
        "column_name": "org_unit_code", "model": "{{ get_where_subquery(ref('dim_org_unit')) }}",
    }}}  # fmt: skip
    related = {"test_metadata": {"name": "relationships", "kwargs": {
        "column_name": "account_code", "model": "ref('fct_actuals_monthly')",
        "to": "ref('dim_account')", "field": "account_code",
    }}}  # fmt: skip
    # WHEN described / THEN in Finnish, naming the table and column; a singular test has none
    assert generic_selite(unique) == (
        "Taulun dim_org_unit sarake org_unit_code yksilöi rivin: kaksoiskappale kahdentaisi"
        " euromäärät."
    )
    assert generic_selite(related).startswith(
        "Jokainen taulun fct_actuals_monthly sarakkeen account_code arvo löytyy taulusta"
        " dim_account (sarake account_code)"
    )
    assert generic_selite({"name": "assert_review_total_equals_ledger"}) is None


def test_a_check_with_more_failing_rows_than_kept_keeps_the_same_rows(monkeypatch):
    """Two builds storing the same failing rows in another order keep the same evidence
    rows, so "new since the previous publication" does not flap."""
    monkeypatch.setattr(dbt_results, "MAX_EVIDENCE", 3)
    con = duckdb.connect()
    rows = [(f"{n:03}", f"K{n % 7}", n * 10) for n in range(20)]
    kept = []
    for order in (rows, rows[::-1]):
        con.execute(
            "create or replace table failures"
            " (municipality_code varchar, org_unit_code varchar, actual integer)"
        )
        con.executemany("insert into failures values (?, ?, ?)", order)
        kept.append(
            [
                (e.municipality_code, e.org_unit_code)
                for e in dbt_results._evidence(con, "failures", None)
            ]
        )
    assert kept[0] == kept[1] == [("000", "K0"), ("001", "K1"), ("002", "K2")]
