"""Numbers and percentages in goal-workbook cells, typed as numbers or as text."""

from __future__ import annotations

import re

from ingest.goals.workbook import Book, Row, clean_text, fail, quoted

_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_NUMBER = re.compile(r"^(?P<sign>[-\u2212]?)(?P<digits>\d+(?:[.,]\d+)?)(?P<pct>%?)$")
_LEADING_PERCENT = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*%\s+\S")


def parse_number(book: Book, sheet: str, row: Row, key: str) -> float | None:
    """176987, '176 987', '301 987 €' -> 176987.0; '25 %' and 0.25 formatted as % -> 25.0.

    Raises LandingFileError naming the cell when the text is not a number.
    """
    value = row.values.get(key)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return round(float(value) * 100, 9) if "%" in row.formats.get(key, "") else float(value)
    text = _SPACES.sub("", clean_text(value) or "").replace("€", "")
    if not text:
        return None
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise fail(book, sheet, row.where(key), f"expected a number, found {quoted(value)}")
    number = float(match["digits"].replace(",", "."))
    return -number if match["sign"] else number


def parse_percent(book: Book, sheet: str, row: Row, key: str) -> float | None:
    """A percentage, 0–100; text that starts with one and goes on to explain it keeps that
    number."""
    text = clean_text(row.values.get(key))
    if text and (match := _LEADING_PERCENT.match(text)):
        return float(match["number"].replace(",", "."))
    return parse_number(book, sheet, row, key)
