"""Dates and euros the way a Finnish controller writes and reads them."""

import datetime as dt
from decimal import Decimal

import pytest

from reports.finnish import (
    decimal_comma,
    euros,
    parse_date,
    period_end,
    period_text,
    time_text,
)

NBSP = "\u00a0"


@pytest.mark.parametrize("text", ["31.3.2026", "31.03.2026", "2026-03-31", " 31.3.2026 "])
def test_a_reporting_date_is_read_in_finnish_and_iso_form(text):
    # GIVEN a date as a controller types it WHEN it is read THEN it is 31 March 2026
    assert parse_date(text) == dt.date(2026, 3, 31)


@pytest.mark.parametrize("text", ["31.2.2026", "3/2026", "2026-3-31x", "maaliskuu"])
def test_a_date_that_is_none_is_refused_with_both_forms_named(text):
    with pytest.raises(ValueError, match=r"kirjoita se muodossa 31\.3\.2026 tai 2026-03-31"):
        parse_date(text)


@pytest.mark.parametrize(
    ("period", "end", "shown"),
    [
        ("2026-03-31", dt.date(2026, 3, 31), "31.3.2026"),
        ("2026-02", dt.date(2026, 2, 28), "2/2026"),
        ("2024", dt.date(2024, 12, 31), "2024"),
        ("Toteuma", None, "Toteuma"),
    ],
)
def test_a_checks_period_stands_for_the_reporting_date_that_ends_it(period, end, shown):
    assert period_end(period) == end
    assert period_text(period) == shown


def test_euros_group_thousands_with_no_break_spaces_and_show_cents_only_when_there_are_some():
    assert euros(Decimal("-10233700")) == f"-10{NBSP}233{NBSP}700 €"
    assert euros(Decimal("-0.55")) == "-0,55 €"
    assert euros(Decimal("1234.5")) == f"1{NBSP}234,50 €"
    assert euros(None) == ""


def test_a_csv_number_has_a_decimal_comma_and_no_grouping():
    assert decimal_comma(Decimal("-513000")) == "-513000,00"
    assert decimal_comma(Decimal("0.5")) == "0,50"


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        # the audit history stores UTC without a zone: winter time is UTC+2 ...
        (dt.datetime(2026, 12, 7, 2, 13), "7.12.2026 klo 4.13 (Suomen aikaa)"),
        # ... summer time UTC+3, and the date turns with Helsinki's midnight
        (dt.datetime(2026, 6, 30, 21, 5), "1.7.2026 klo 0.05 (Suomen aikaa)"),
        # an aware time in another zone is the same moment
        (
            dt.datetime(2026, 3, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            "1.4.2026 klo 7.59 (Suomen aikaa)",
        ),
    ],
)
def test_a_moment_is_shown_on_helsinkis_clock_with_the_zone_named(moment, shown):
    assert time_text(moment) == shown
