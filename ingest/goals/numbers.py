"""Numbers and percentages in goal-workbook cells, typed as numbers or as text."""

from __future__ import annotations

import re

from ingest.goals.workbook import Book, Notice, Row, clean_text, fail, quoted

PERCENT_AS_FRACTION = "percent_read_as_fraction"
_FRACTION = (
    "Prosenttisarakkeen pelkkä luku väliltä 0–1 luettiin osuutena, niin kuin Excel tallentaa "
    "prosentin (0,77 = 77 %); tarkista luku työkirjasta."
)

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
        raise fail(book, sheet, row.where(key), f"odotettiin lukua, löytyi {quoted(value)}")
    number = float(match["digits"].replace(",", "."))
    return -number if match["sign"] else number


def parse_percent(book: Book, sheet: str, row: Row, key: str) -> float | None:
    """A percentage, 0–100; text that starts with one and goes on to explain it keeps that
    number.

    A plain number between 0 and 1 with no percent format (0.77 among '66 %' and '28 %')
    is Excel's way of storing 77 % with the format lost: it is read as 77 and a notice
    (warn check percent_read_as_fraction) asks a person to confirm.
    """
    value = row.values.get(key)
    text = clean_text(value)
    if text and (match := _LEADING_PERCENT.match(text)):
        return float(match["number"].replace(",", "."))
    if _is_bare_fraction(value, row.formats.get(key, "")):
        percent = round(float(value) * 100, 9)  # type: ignore[arg-type]
        book.notices.append(_fraction_notice(book, sheet, row, key, percent))
        return percent
    return parse_number(book, sheet, row, key)


def _is_bare_fraction(value: object, number_format: str) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 < value < 1 and "%" not in number_format


def _fraction_notice(book: Book, sheet: str, row: Row, key: str, percent: float) -> Notice:
    found, read = _shown(row.values[key]), _shown(percent)
    message = (
        f"{book.file_name}, välilehti {quoted(sheet)}, {row.where(key)}: odotettiin"
        f" prosenttilukua, löytyi pelkkä luku {found} ilman prosenttimuotoilua; luettiin"
        f" {read} %:ksi (niin Excel tallentaa {read} %): tarkista se, tai kirjoita soluun"
        f" {read} %"
    )
    return Notice(PERCENT_AS_FRACTION, _FRACTION, sheet, row.number, row.cell(key), message)


def _shown(number: object) -> str:
    """A number as a Finnish Excel shows it: decimal comma."""
    return f"{number:g}".replace(".", ",")
