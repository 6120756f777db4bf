"""Dates and euros as a Finnish controller writes and reads them.

`31.3.2026` and `2026-03-31` are the same reporting date; `-10 233 700,55 €` is a euro
amount (no-break spaces between thousands, so a wrapped line never splits a number).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

NBSP = "\u00a0"
HELSINKI = ZoneInfo("Europe/Helsinki")
_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")


def parse_date(text: str) -> dt.date:
    """`31.3.2026` or `2026-03-31` (also `31.03.2026`); anything else is refused in words."""
    value = text.strip()
    finnish = _FINNISH_DATE.fullmatch(value)
    try:
        if finnish:
            day, month, year = (int(part) for part in finnish.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(f"'{text}' ei ole päivämäärä: kirjoita se muodossa 31.3.2026 tai 2026-03-31")


def date_text(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def counted(number: int, one: str, many: str) -> str:
    """'1 rivi', '6 riviä': a count with its noun as Finnish says it (one: nominative,
    more or none: partitive)."""
    return f"{number} {one if number == 1 else many}"


def helsinki(moment: dt.datetime) -> dt.datetime:
    """A moment on Helsinki's clock. A naive time is UTC: the audit history and the
    publication record store UTC without a zone."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(HELSINKI)


def time_text(moment: dt.datetime, zone: bool = True) -> str:
    """'7.12.2026 klo 4.13 (Suomen aikaa)': Helsinki time, summer time included, the zone
    named so that nobody reads it as UTC (or as the server's clock)."""
    local = helsinki(moment)
    text = f"{date_text(local)} klo {local.hour}.{local.minute:02d}"
    return f"{text} (Suomen aikaa)" if zone else text


def period_end(period: str | None) -> dt.date | None:
    """The reporting date a check's period stands for: a date itself, the last day of a
    month ('2026-03'), the year end of a year ('2024'); None when it is none of them."""
    if not period:
        return None
    text = str(period).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    month = _MONTH.fullmatch(text)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        if 1 <= number <= 12:
            following = dt.date(year + number // 12, number % 12 + 1, 1)
            return following - dt.timedelta(days=1)
    if _YEAR.fullmatch(text):
        return dt.date(int(text), 12, 31)
    return None


def period_span(period: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a period covers: a day, a month or a year."""
    end = period_end(period)
    if end is None:
        return None
    text = str(period).strip()
    if _YEAR.fullmatch(text):
        return dt.date(end.year, 1, 1), end
    if _MONTH.fullmatch(text):
        return end.replace(day=1), end
    return end, end


def period_text(period: str | None) -> str:
    """'31.3.2026' for a date, '3/2026' for a month, the year as it is; '' for none."""
    if not period:
        return ""
    text = str(period).strip()
    if _MONTH.fullmatch(text):
        return f"{int(text[5:7])}/{text[:4]}"
    try:
        return date_text(dt.date.fromisoformat(text[:10]))
    except ValueError:
        return text


def euros(amount: Decimal | float | int | None, unit: str = " €") -> str:
    """`-10 233 700,55 €`; whole amounts without cents: `-513 000 €`."""
    if amount is None:
        return ""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), 1)
    grouped = f"{int(whole):,}".replace(",", NBSP)
    decimals = f",{int(cents * 100):02d}" if cents else ""
    return f"{sign}{grouped}{decimals}{unit}"


def decimal_comma(amount: Decimal | float | int | None) -> str:
    """A number for a Finnish CSV: `-513000,00` (no grouping, so Excel reads it as one)."""
    if amount is None:
        return ""
    return f"{Decimal(str(amount)):.2f}".replace(".", ",")
