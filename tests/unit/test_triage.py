"""The gate's triage: materiality, what is open this morning, and what is new."""

import datetime as dt
from decimal import Decimal

from warehouse.gate import triage
from warehouse.gate.organisation import Organisation
from warehouse.gate.records import CheckResult, Evidence

MARCH, DECEMBER = dt.date(2026, 3, 31), dt.date(2025, 12, 31)


def _check(severity="warn", **row):
    values = {"municipality_code": "111", "org_unit_code": "605", "line_code": "VALMISTUS",
              "period": "2026-03-31", "expected": Decimal(0)} | row  # fmt: skip
    return CheckResult("a_check", "judgement", severity, "why", "x", [Evidence(**values)], 1)


def _organisation():
    organisation = Organisation(line_names={"VALMISTUS": "Valmistus omaan käyttöön"})
    organisation.paths = {("111", "605"): {MARCH: ("1", "600", "605")}}
    organisation.names = {("111", "605"): {MARCH: "Hallintopalvelut"}}
    organisation.top_units = {("111", MARCH): ["1"], ("111", DECEMBER): ["1"]}
    organisation.open = {("111", MARCH, "605"): True, ("111", MARCH, "1"): True}
    return organisation


def test_a_warn_difference_under_the_threshold_is_info_and_carries_the_threshold():
    # GIVEN a negative revenue line of -0,55 € and one of -6 610,09 €
    small = _check(actual=Decimal("-0.55"), difference=Decimal("-0.55"))
    large = _check(actual=Decimal("-6610.09"), difference=Decimal("-6610.09"))
    # WHEN weighed against the default threshold of 1 €
    triage.weigh([small, large], Decimal("1"))
    # THEN the cents are info, the euros stay warn, and both say what they were weighed by
    assert small.evidence[0].severity == "info"
    assert large.evidence[0].severity is None  # the check's own: warn
    assert small.evidence[0].materiality_threshold == Decimal("1")
    assert large.evidence[0].materiality_threshold == Decimal("1")


def test_an_error_is_never_demoted_however_small():
    error = _check("error", actual=Decimal("0.01"), difference=Decimal("0.01"))
    triage.weigh([error], Decimal("1"))
    assert error.evidence[0].severity is None and error.evidence[0].materiality_threshold is None


def test_a_configured_threshold_moves_the_line():
    row = _check(difference=Decimal("-48.45"))
    triage.weigh([row], Decimal("50"))
    assert row.evidence[0].severity == "info"


def test_a_row_is_named_placed_and_open_while_its_unit_and_date_are_not_approved():
    result = _check(difference=Decimal("-0.55"))
    triage.place([result], _organisation())
    row = result.evidence[0]
    assert (row.org_unit_name, row.line_name, row.unit_path) == (
        "Hallintopalvelut", "Valmistus omaan käyttöön", "/1/600/605/",
    )  # fmt: skip
    assert row.is_open


def test_a_warning_on_an_approved_date_is_not_open_but_an_error_always_is():
    organisation = _organisation()
    organisation.open[("111", MARCH, "605")] = False  # 31.3.2026 approved for 605
    warning, error = _check(), _check("error")
    triage.place([warning, error], organisation)
    assert not warning.evidence[0].is_open
    assert error.evidence[0].is_open


def test_a_month_or_year_period_is_judged_on_its_reporting_date_and_closed_years_stay_closed():
    organisation = _organisation()
    organisation.closed_years.add(("111", 2025, "605"))
    in_closed_year = _check(period="2025-06")  # no status row for 30.6.: the year decides
    in_open_quarter = _check(period="2026-03")
    triage.place([in_closed_year, in_open_quarter], organisation)
    assert not in_closed_year.evidence[0].is_open
    assert in_open_quarter.evidence[0].is_open


def test_a_row_without_a_unit_follows_the_municipalitys_top_unit():
    organisation = _organisation()
    organisation.open[("111", DECEMBER, "1")] = False
    closed = _check(org_unit_code=None, period="2025-12-31")
    open_ = _check(org_unit_code=None, period="2026-03-31")
    triage.place([closed, open_], organisation)
    assert (closed.evidence[0].is_open, open_.evidence[0].is_open) == (False, True)


def test_rows_are_new_changed_or_still_failing_against_the_last_publication():
    new, changed, still = (
        _check(line_code=code, actual=Decimal(1), difference=Decimal(1))
        for code in ("MAKSU", "MYYNTI", "TUET")
    )
    previous = {
        triage.row_key("a_check", changed.evidence[0]): (
            Decimal(0),
            Decimal(2),
            Decimal(2),
            "failed",
        ),
        triage.row_key("a_check", still.evidence[0]): (
            Decimal(0),
            Decimal(1),
            Decimal(1),
            "failed",
        ),
    }
    triage.compare([new, changed, still], previous)
    assert [r.evidence[0].novelty for r in (new, changed, still)] == ["new", "changed", "still"]
