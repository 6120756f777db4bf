"""The review pages' pure parts: the server-drawn chart, the deviation rule, the period
and waiver forms, the Finnish number filters. No warehouse, no store."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from review.store.connection import setup

setup()

from django.utils import translation  # noqa: E402

from review.pages.chart import cumulative_chart  # noqa: E402
from review.pages.forms import WaiverForm, period_value  # noqa: E402
from review.pages.templatetags.pages_tags import eur, pct  # noqa: E402


@pytest.fixture(autouse=True)
def finnish():
    with translation.override("fi"):
        yield


def _months(*actuals, budget="-1200000", forecast="-1100000"):
    return [
        {
            "reporting_date": dt.date(2026, month, 28),
            "actual_ytd": Decimal(actual),
            "budget_amended": Decimal(budget),
            "forecast": Decimal(forecast) if forecast else None,
        }
        for month, actual in enumerate(actuals, start=1)
    ]


def test_the_chart_is_accessible_svg_without_inline_style():
    chart = cumulative_chart(_months("-90000", "-210000", "-320000"), "Toimintakate", 2026, "k")
    svg = str(chart.svg)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="k-title k-desc"' in svg
    assert '<title id="k-title">Toimintakate 2026: kertymä kuukausittain</title>' in svg
    assert "Toteuma 3/2026 mennessä -320\u00a0000 €" in chart.description
    assert "Ennuste koko vuodelle -1\u00a0100\u00a0000 €" in chart.description
    assert "style=" not in svg and "<script" not in svg
    # three series told apart by class (dash patterns in the stylesheet) and named
    for kind in ("actual", "budget", "forecast"):
        assert f'class="series {kind}"' in svg
    assert "muutettu TA, kuukausien osuus" in svg
    assert len(re.findall(r'<circle class="marker actual"', svg)) == 3


def test_the_charts_table_gives_every_month():
    chart = cumulative_chart(_months("-90000", "-210000"), "Toimintakate", 2026, "k")
    assert [row.month for row in chart.rows] == list(range(1, 13))
    assert chart.rows[1].actual == Decimal("-210000") and chart.rows[2].actual is None
    assert chart.rows[5].budget_share == Decimal("-600000")  # 6/12 of the amended budget
    assert chart.rows[11].forecast == Decimal("-1100000") and chart.rows[10].forecast is None


def test_the_charts_axis_covers_every_value_and_zero():
    chart = cumulative_chart(
        _months("150000", "-40000", budget="500000", forecast=None), "Toimintatuotot", 2026, "k"
    )
    labels = re.findall(r'<text class="axis"[^>]*text-anchor="end">([^<]+)</text>', str(chart.svg))
    assert "0 €" in labels and labels[0].startswith("−")  # below the lowest value
    assert "forecast" not in str(chart.svg)  # no forecast, no forecast line


def test_no_chart_without_actuals():
    assert cumulative_chart([], "Toimintakate", 2026, "k") is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("3/2026", "2026-03"), ("2026-03", "2026-03"), ("31.3.2026", "2026-03-31"),
     ("2026-03-31", "2026-03-31"), ("2026", "2026"), ("", "")],
)  # fmt: skip
def test_a_period_is_stored_as_the_checks_name_it(typed, stored):
    assert period_value(typed) == stored


@pytest.mark.parametrize("typed", ["13/2026", "2026-13", "31.2.2026", "maaliskuu"])
def test_a_period_that_is_none_is_refused_in_finnish(typed):
    with pytest.raises(ValueError, match="ei ole kausi"):
        period_value(typed)


def test_the_waiver_form_requires_reason_and_expiry_in_finnish():
    form = WaiverForm({"unit": "600", "reason": " ", "expires": ""})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Kirjoita perustelu: miksi poikkeama hyväksytään."]
    assert form.errors["expires"] == ["Anna päättymispäivä: poikkeuslupa on aina määräaikainen."]


def test_the_waiver_form_reads_finnish_dates_and_periods():
    form = WaiverForm(
        {"unit": "600", "reason": "syy", "expires": "30.6.2026", "period_from": "4/2026",
         "period_to": "3/2026", "max_difference": "1500,50"}
    )  # fmt: skip
    assert not form.is_valid()
    assert form.errors == {"period_to": ["Kauden loppu on ennen sen alkua."]}
    assert form.cleaned_data["max_difference"] == Decimal("1500.50")
    assert form.cleaned_data["expires"] == dt.date(2026, 6, 30)
    assert form.cleaned_data["period_from"] == "2026-04"


def test_figures_print_as_the_reports_print_them():
    assert eur(Decimal("-10233700.49")) == "-10\u00a0233\u00a0700 €"
    assert eur(None) == ""
    assert pct(Decimal("21.13"), 2) == "21,13"
    assert pct(Decimal("-3.5"), 1) == "−3,5"


def test_the_run_status_says_withheld_and_why_and_a_run_in_progress(tmp_path):
    import duckdb

    from review.pages.warehouse_reads import run_status
    from warehouse.run_lock import acquire
    from warehouse.settings import load_settings

    settings = load_settings(tmp_path / "toteuma.duckdb")
    assert "Tarkistushistoriaa ei vielä ole" in run_status(settings).problem
    with duckdb.connect(str(settings.audit_path)) as con:
        con.execute("create schema audit")
        con.execute(
            "create table audit.runs as select 'r1' as run_id,"
            " timestamp '2026-04-01 00:00' as run_at, 'withheld' as decision,"
            " 1 as blocking_checks"
        )
        con.execute(
            "create table audit.check_results as select 'r1' as run_id,"
            " 'gl_postings.account_known' as check_name, true as blocks_publication,"
            " 3 as failures, 3 as unwaived_failures"
        )
        con.execute(
            "create table audit.withheld_scopes as select 'r1' as run_id,"
            " 'kunnan 222 kirjanpito 3/2026' as scope,"
            " 'gl_postings.account_known' as check_name"
        )
    status = run_status(settings)
    assert (status.run_id, status.decision) == ("r1", "withheld")
    assert status.blocking == ("gl_postings.account_known",)
    assert status.withheld == ("kunnan 222 kirjanpito 3/2026: gl_postings.account_known",)
    assert not status.running_now
    with acquire(settings.lock_path):
        assert run_status(settings).running_now
    assert not run_status(settings).running_now


# --- what a tester found --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["1 234,56", "1\u00a0234,56", "1\u202f234,56", "1234,56", "1234.56", "1.234,56",
     "1,234.56", " 1 234,56 € "],
)  # fmt: skip
def test_a_largest_difference_is_read_as_controllers_type_euros(typed):
    """Tester's #9: '1 234,56' (a Finnish thousands separator) was refused."""
    from review.pages.forms import euro_amount

    assert euro_amount(typed) == Decimal("1234.56")
    form = WaiverForm({"reason": "syy", "expires": "30.6.2026", "max_difference": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["max_difference"] == Decimal("1234.56")


@pytest.mark.parametrize("typed", ["12a", "1 2 3,4,5", "€", "1,2.3,4", "--1"])
def test_an_amount_that_is_none_is_refused_in_finnish(typed):
    form = WaiverForm({"reason": "syy", "expires": "30.6.2026", "max_difference": typed})
    assert not form.is_valid()
    assert "ei ole euromäärä" in form.errors["max_difference"][0]


def test_an_expiry_is_read_as_typed_without_a_date_picker_and_its_help_says_how():
    """Tester's #20."""
    form = WaiverForm({"reason": "syy", "expires": "5.1.2027"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["expires"] == dt.date(2027, 1, 5)
    assert "pp.kk.vvvv" in str(form["expires"].help_text)


def test_column_headings_read_as_the_reports_in_finnish_and_translated_in_english():
    """Tester's #15: the statement's headings stayed Finnish on the English page."""
    from reports.finance import statement_columns
    from review.pages.labels import column_heading, table_title

    for day in (dt.date(2026, 3, 31), dt.date(2025, 12, 31)):
        for column in statement_columns(day, with_forecast=True):
            assert column_heading(column.heading) == column.heading  # Finnish: as printed
    with translation.override("en"):
        english = [column_heading(c.heading) for c in statement_columns(dt.date(2026, 3, 31),
                                                                          True)]  # fmt: skip
        assert english == [
            "FS 2025",
            "Actual 2025 3 mo",
            "Budget 2026 +amend.",
            "Actual 2026 3 mo",
            "Remaining",
            "Actual 2026 %",
            "Forecast 2026",
        ]
        assert table_title("income_statement", "Tuloslaskelma") == "Income statement"
        assert column_heading("Jotain muuta 2026") == "Jotain muuta 2026"  # unknown: as is


def test_times_are_told_per_language():
    from review.pages.templatetags.pages_tags import fi_time

    moment = dt.datetime(2026, 12, 7, 13, 53)  # naive: UTC, 15.53 in Helsinki
    assert fi_time(moment) == "7.12.2026 klo 15.53"
    with translation.override("en"):
        assert fi_time(moment) == "7.12.2026 at 15:53"


class _City:
    """600 and 700 under the city (1); 606 under 600 (the gate's UnitsAbove)."""

    above = {"600": {"600", "1"}, "606": {"606", "600", "1"}, "700": {"700", "1"}}

    def is_within(self, municipality, unit, above, on):
        return above in self.above.get(unit, {unit})


def _stored(unit="", **fields):
    from types import SimpleNamespace

    defaults = dict(id=1, check_name="forecast_grains_agree", municipality="111", unit=unit,
                    descendants=False, line="", period_from="", period_to="", reason="r",
                    name="n", expires=dt.date(2030, 1, 1))  # fmt: skip
    return SimpleNamespace(**{**defaults, **fields})


def test_a_waiver_applies_to_a_failure_as_the_gate_would_match_it():
    """Tester's #2: a 'with sub-units' waiver of another unit showed on a failure page."""
    from review.pages.waiver_scope import applying
    from review.pages.warehouse_reads import FailureKey

    key = FailureKey("forecast_grains_agree", "111", "600", "TOIMINTAKULUT", "2026-03")
    waivers = {
        "700 with sub-units": _stored("700", descendants=True),
        "606 with sub-units": _stored("606", descendants=True),
        "city with sub-units": _stored("1", descendants=True),
        "city itself": _stored("1"),
        "600": _stored("600"),
        "no unit": _stored(""),
        "other municipality": _stored("600", municipality="222"),
        "no municipality": _stored("600", municipality=""),
        "other line": _stored("600", line="AINEET"),
        "this line": _stored("600", line="TOIMINTAKULUT"),
        "2025": _stored("600", period_from="2025-01", period_to="2025-12"),
        "Q1 2026": _stored("600", period_from="2026-01", period_to="2026-03"),
        "from 2026": _stored("600", period_from="2026"),
        "the quarter's end": _stored("600", period_from="2026-03-31", period_to="2026-03-31"),
        "other check": _stored("600", check_name="deviations_explained"),
        "its dbt test": _stored("600", check_name="assert_forecast_grains_agree"),
    }
    found = applying(key, waivers.values(), _City())
    assert [name for name, w in waivers.items() if w in found] == [
        "city with sub-units", "600", "no unit", "no municipality", "this line", "Q1 2026",
        "from 2026", "its dbt test",
    ]  # fmt: skip
    # without the organisation, "with sub-units" reaches its own unit only
    assert waivers["city with sub-units"] not in applying(key, waivers.values(), None)
    # the check at any unit, line and period: every waiver of the check and municipality
    anywhere = applying(FailureKey("forecast_grains_agree", "111"), waivers.values(), _City())
    assert len(anywhere) == len(waivers) - 2  # not the other municipality's, nor check's
