"""Waivers by rule: a unit and everything under it, a period range, a maximum difference."""

import datetime as dt
from decimal import Decimal

import pytest

from warehouse.gate.records import CheckResult, Evidence
from warehouse.gate.waivers import apply_waivers, covers_failure, load_waivers

TODAY = dt.date(2026, 4, 15)


class Organisation:
    """606 and 6061 are under 600 on every date; 512 is not."""

    def is_within(self, municipality, unit, above, on):
        return above == "600" and unit in ("600", "606", "6061")


def _failure(unit, period, difference, check="realization_within_full_year_budget", kunta="111"):
    row = Evidence(
        municipality_code=kunta, org_unit_code=unit, line_code="AINEET", period=period,
        expected=Decimal(0), actual=difference, difference=Decimal(difference),
    )  # fmt: skip
    return CheckResult(check, "judgement", "warn", "why", "review/x", [row], 1)


def _waivers(tmp_path, rule: str):
    path = tmp_path / "waivers.yaml"
    path.write_text(
        "waivers:\n  - check: realization_within_full_year_budget\n"
        + "".join(f"    {line}\n" for line in rule.strip().splitlines())
        + "    reason: Covered by the amendment\n    name: C. Controller\n"
        "    expires: 2026-12-31\n",
        encoding="utf-8",
    )
    return load_waivers(path)


def test_a_waiver_for_a_unit_with_descendants_covers_every_unit_under_it(tmp_path):
    # GIVEN failures of 600, of 6061 (under 600) and of 512 (elsewhere)
    results = [_failure("600", "2026-03-31", "-48"), _failure("6061", "2026-03-31", "-5"),
               _failure("512", "2026-03-31", "-48")]  # fmt: skip
    # WHEN one waiver names 600 with its descendants
    report = apply_waivers(
        results, _waivers(tmp_path, "unit: '600'\ndescendants: true"), TODAY, Organisation()
    )
    # THEN the whole family is waived, the unit outside it is not
    assert [r.status for r in results] == ["waived", "waived", "failed"]
    assert report.failures == 0


def test_a_waiver_naming_a_municipality_leaves_the_same_unit_code_elsewhere_failing(tmp_path):
    # GIVEN unit 100 failing in two municipalities of a service centre's warehouse
    results = [_failure("100", "2026-03-31", "-48", kunta="049"),
               _failure("100", "2026-03-31", "-48", kunta="091")]  # fmt: skip
    # WHEN the waiver names 049's unit 100
    apply_waivers(results, _waivers(tmp_path, "municipality: '049'\nunit: '100'"), TODAY)
    # THEN only 049's is waived
    assert [r.status for r in results] == ["waived", "failed"]


def test_without_descendants_only_the_unit_itself_is_waived(tmp_path):
    results = [_failure("600", "2026-03-31", "-48"), _failure("6061", "2026-03-31", "-5")]
    apply_waivers(results, _waivers(tmp_path, "unit: '600'"), TODAY, Organisation())
    assert [r.status for r in results] == ["waived", "failed"]


def test_a_period_range_covers_the_dates_and_months_inside_it(tmp_path):
    results = [_failure("600", p, "-1") for p in ("2026-01", "2026-03-31", "2026-04-30", "2025")]
    rule = "period_from: 2026-01\nperiod_to: '2026-03-31'"
    apply_waivers(results, _waivers(tmp_path, rule), TODAY)
    assert [r.status for r in results] == ["waived", "waived", "failed", "failed"]


def test_a_year_waiver_covers_its_months_and_days(tmp_path):
    results = [_failure("600", p, "-1") for p in ("2025-06", "2025-12-31", "2026-01")]
    apply_waivers(results, _waivers(tmp_path, "period: '2025'"), TODAY)
    assert [r.status for r in results] == ["waived", "waived", "failed"]


def test_a_maximum_difference_waives_only_the_small_ones_either_way(tmp_path):
    results = [_failure("600", "2026-03-31", d) for d in ("-100", "100", "-100.01")]
    apply_waivers(results, _waivers(tmp_path, "max_difference: 100"), TODAY)
    assert [r.status for r in results] == ["waived", "waived", "failed"]


def test_an_expired_rule_waives_nothing_and_is_reported(tmp_path):
    results = [_failure("600", "2026-03-31", "-48")]
    report = apply_waivers(results, _waivers(tmp_path, "unit: '600'"), dt.date(2027, 1, 1))
    assert results[0].status == "failed"
    assert "on vanhentunut" in report.evidence[0].explanation


def test_a_landing_files_failure_is_covered_by_the_same_rules(tmp_path):
    # GIVEN a file's failing check with two rows shown, of units 600 and 512
    check = "realization_within_full_year_budget"
    rows = [_failure(unit, "2026-03-31", "-48").evidence[0] for unit in ("600", "512")]
    # WHEN the loader asks before it quarantines the file
    # THEN it loads only when every row is waived, by a waiver that has not expired
    assert not covers_failure(check, rows, 2, _waivers(tmp_path, "unit: '600'"), TODAY)
    assert covers_failure(check, rows, 2, _waivers(tmp_path, "max_difference: 50"), TODAY)
    expired = dt.date(2027, 1, 1)
    assert not covers_failure(check, rows, 2, _waivers(tmp_path, "max_difference: 50"), expired)


def test_rows_not_shown_are_covered_only_by_a_waiver_of_the_whole_check(tmp_path):
    # GIVEN a failure of 40 rows of which one is shown
    check = "realization_within_full_year_budget"
    rows = [_failure("600", "2026-03-31", "-48").evidence[0]]
    # THEN a waiver of the unit covers the row shown but not the 39 unseen; one without
    # unit and line covers them all
    assert not covers_failure(check, rows, 40, _waivers(tmp_path, "unit: '600'"), TODAY)
    assert covers_failure(check, rows, 40, _waivers(tmp_path, "period: '2026'"), TODAY)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("units: '600'", "tuntematon kenttä units"),
        ("period: '2026-03'\nperiod_to: '2026-06'", "joko period tai period_from"),
        ("period_from: maaliskuu", "ei ole päivämäärä, kuukausi eikä vuosi"),
        ("max_difference: paljon", "ei ole euromäärä"),
    ],
)
def test_a_malformed_rule_is_refused_naming_its_field(tmp_path, rule, message):
    with pytest.raises(ValueError, match=message):
        _waivers(tmp_path, rule)


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (dt.datetime(2026, 6, 30, 20, 59), dt.date(2026, 6, 30)),  # 23.59 summer time
        (dt.datetime(2026, 6, 30, 21, 30), dt.date(2026, 7, 1)),  # 0.30 on 1.7.
        (dt.datetime(2026, 12, 7, 22, 30, tzinfo=dt.UTC), dt.date(2026, 12, 8)),  # 0.30 winter
    ],
)
def test_waivers_are_judged_on_helsinkis_day_not_the_servers_or_utcs(now, day):
    from warehouse.gate.waivers import waiver_day

    assert waiver_day(now) == day


def test_the_gate_judges_a_waiver_expired_once_its_day_has_ended_in_helsinki(tmp_path):
    """A nightly run at 0.30 Helsinki summer time is 21.30 UTC of the day before: a waiver
    'voimassa 30.6.2026 asti' has expired by then (the look before a run judges on the same
    day, orchestration/nothing_new.py, so a quiet night cannot hide the expiry)."""
    import duckdb

    from warehouse.gate.decide import run_gate

    candidate = tmp_path / "toteuma.candidate.duckdb"
    with duckdb.connect(str(candidate)) as con:
        con.execute("create schema audit_run")
        con.execute(
            "create table audit_run.dbt_tests (run_id varchar, unique_id varchar,"
            " check_name varchar, status varchar, failures integer, severity varchar,"
            " layer varchar, explanation varchar, relation_name varchar, asset varchar,"
            " message varchar, domain varchar)"
        )
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - check: realization_within_full_year_budget\n    reason: tunnettu\n"
        "    name: C. Controller\n    expires: 2026-06-30\n",
        encoding="utf-8",
    )
    audit = tmp_path / "toteuma.audit.duckdb"
    decision = run_gate(candidate, audit, waivers, "r1", now=dt.datetime(2026, 6, 30, 21, 30))
    [report] = [r for r in decision.results if r.check_name == "waivers_are_current_and_used"]
    assert [row.explanation for row in report.evidence] == [
        "Poikkeuslupa 1 tarkistukselle realization_within_full_year_budget on vanhentunut:"
        " tunnettu (C. Controller, voimassa 30.6.2026 asti)"
    ]
