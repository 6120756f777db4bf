"""Numbers and names as the printed documents show them."""

from decimal import Decimal

import pytest

from reports.numbers import amount_format, parse_finnish, percent, whole_euros
from reports.review_pack.sheet_names import SheetNames
from reports.units import Unit

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("-10233699.5"), f"-10{NBSP}233{NBSP}700"),  # half away from zero
        (Decimal("779722.54"), f"779{NBSP}723"),
        (Decimal("-0.4"), "0"),  # never "-0"
        (735, "735"),
        (None, ""),
    ],
)
def test_whole_euros_group_thousands_by_no_break_spaces(value, expected) -> None:
    assert whole_euros(value) == expected
    assert value is None or parse_finnish(expected) == Decimal(expected.replace(NBSP, ""))


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("20.51"), 2, "20,51"),
        (Decimal("0"), 2, "0,00"),
        (Decimal("0.3457"), 1, "0,3"),
        (Decimal("1234.5"), 1, f"1{NBSP}234,5"),
        (Decimal("66"), 0, "66"),
    ],
)
def test_percent_with_a_decimal_comma(value, decimals, expected) -> None:
    assert percent(value, decimals) == expected
    assert parse_finnish(expected) == Decimal(expected.replace(NBSP, "").replace(",", "."))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-0.4, "0;0"),
        (735, "0;-0"),
        (999.5, "#\u00a0##0;-#\u00a0##0"),  # rounds to 1 000
        (-132480, "#\u00a0##0;-#\u00a0##0"),
        (1234567.4, "#\u00a0###\u00a0##0;-#\u00a0###\u00a0##0"),
        (None, "0;0"),
    ],
)
def test_amount_format_groups_whole_euros_by_no_break_spaces(value, expected) -> None:
    assert amount_format(value) == expected


def test_sheet_names_are_cut_at_a_word_and_unique() -> None:
    names = SheetNames(several_municipalities=False)

    def unit(code: str, name: str) -> Unit:
        return Unit("111", code, name, "VASTUUALUE")

    # 31 characters at most: '512 Hyvinvoinnin ja työllisyyden…' would be 33
    assert names.figures(unit("512", "Hyvinvoinnin ja työllisyyden edistäminen")) == (
        "512 Hyvinvoinnin ja…"
    )
    assert names.figures(unit("330", "Kulttuuripalvelut ml. museot/kirjasto")) == (
        "330 Kulttuuripalvelut ml.…"
    )
    assert names.figures(unit("512", "Hyvinvoinnin ja työllisyyden edistäminen")) == (
        "512 Hyvinvoinnin ja… (2)"
    )
    assert names.goals(unit("512", "x")) == "512 tavoitteet"
    assert names.figures(unit("9", "Sisällys")) == "9 Sisällys"
