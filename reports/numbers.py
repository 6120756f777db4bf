"""Numbers as the seed reports print them: whole euros grouped by spaces ("-10 233 700"),
percentages with a decimal comma ("20,51"). The group separator is a no-break space, so
a figure never wraps inside a table cell."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def rounded(value: Decimal | float | int | None, decimals: int = 0) -> Decimal:
    """Half away from zero, as the reports round; -0 becomes 0."""
    exponent = Decimal(1).scaleb(-decimals)
    result = Decimal(str(value or 0)).quantize(exponent, rounding=ROUND_HALF_UP)
    return result.copy_abs() if result == 0 else result


def whole_euros(value: Decimal | float | int | None) -> str:
    """'-10 233 700' for -10233699.5; '' for None (a figure not given)."""
    if value is None:
        return ""
    return f"{rounded(value):,}".replace(",", NBSP)


def percent(value: Decimal | float | int | None, decimals: int = 2) -> str:
    """'20,51'; '' for None."""
    if value is None:
        return ""
    whole, _, fraction = f"{rounded(value, decimals):,.{decimals}f}".partition(".")
    grouped = whole.replace(",", NBSP)
    return f"{grouped},{fraction}" if decimals else grouped


def parse_finnish(text: str) -> Decimal | None:
    """The inverse, for reading a document back: '-10 233 700' or '20,51'; None for ''."""
    cleaned = text.replace(NBSP, "").replace(" ", "").replace("\u2212", "-").replace(",", ".")
    return Decimal(cleaned) if cleaned else None


def amount_format(value: Decimal | float | int | None) -> str:
    """Excel format for whole euros grouped by no-break spaces, chosen for this value.

    Excel has no way to force a group separator other than the locale's, and literal
    spaces in a format are always printed (a fixed "# ### ##0" shows "-  5" for -5), so
    the format is built for the value's number of digits: 1234567.4 gets
    "#\u00a0###\u00a0##0;-#\u00a0###\u00a0##0" and displays "1 234 567"; -132480 gets
    "#\u00a0##0;-#\u00a0##0" and displays "-132 480"; 735 gets "0;-0"; values that round to
    zero get "0;0" so that -0.4 shows "0", not "-0".
    """
    whole = abs(rounded(value))
    if whole == 0:
        return "0;0"
    groups = (len(str(whole)) - 1) // 3
    positive = (f"#{NBSP}" + f"###{NBSP}" * (groups - 1) + "##0") if groups else "0"
    return f"{positive};-{positive}"


def percent_format(decimals: int) -> str:
    """Excel shows the decimal separator of the reader's locale: "121,24" in Finnish."""
    digits = "0." + "0" * decimals if decimals else "0"
    return f"{digits};-{digits}"
