"""Sheet `Tiedot`: which municipality, unit and reporting date a goal workbook is about."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.goals.workbook import (
    Book,
    clean_text,
    fail,
    find_sheet,
    header_key,
    open_book,
    quoted,
    sheet_cells,
)

SHEET = "Tiedot"
_LABELS = {
    "kunta": "municipality",
    "yksikkö": "unit",
    "raportointipäivä": "reporting_date",
    "vastuuhenkilö": "responsible",
}
# What a required row holds, as a message says it: (label as in the template, expected:
# partitive, "odotettiin …").
_REQUIRED = {
    "municipality": ("Kunta", "kuntanumeroa (esim. 111)"),
    "unit": ("Yksikkö", "organisaatioyksikön koodia (esim. 600)"),
    "reporting_date": ("Raportointipäivä", "raportointipäivää (esim. 31.3.2026)"),
}
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass(frozen=True)
class WorkbookInfo:
    """One workbook's identity: every other record of the workbook belongs to it."""

    file_name: str
    municipality_code: str
    unit_code: str
    reporting_date: dt.date
    responsible_person: str | None


def read_info(path: Path) -> WorkbookInfo:
    with open_book(path) as book:
        return info_from(book)


def info_from(book: Book) -> WorkbookInfo:
    """Labels in column A (any case), values in column B; Kunta, Yksikkö and date required.

    Raises LandingFileError naming the sheet, row or cell when one is missing or empty.
    """
    sheet = find_sheet(book, SHEET)
    if sheet is None:
        titles = ", ".join(quoted(title) for title in book.workbook.sheetnames)
        expected = (
            "odotettiin välilehteä 'Tiedot', jolla on rivit Kunta, Yksikkö ja Raportointipäivä"
        )
        raise fail(book, SHEET, None, f"{expected}, löytyi vain välilehdet {titles}")
    found: dict[str, tuple[object, str]] = {}
    for cells in sheet_cells(book, sheet, max_col=2):
        if len(cells) == 2 and (name := _LABELS.get(header_key(cells[0].value))):
            found[name] = (cells[1].value, f"solu B{cells[0].row} ({quoted(cells[0].value)})")
    for name, (label, expected) in _REQUIRED.items():
        if name not in found:
            reason = (
                f"odotettiin riviä '{label}' ja sen sarakkeeseen B {expected}, sellaista riviä"
                " ei löytynyt"
            )
            raise fail(book, SHEET, "sarake A", reason)
        if clean_text(found[name][0]) is None:
            raise fail(book, SHEET, found[name][1], f"odotettiin {expected}, löytyi tyhjä solu")
    municipality = clean_text(found["municipality"][0]).zfill(3)
    return WorkbookInfo(
        book.file_name,
        municipality,
        clean_text(found["unit"][0]),
        _date(book, *found["reporting_date"]),
        clean_text(found.get("responsible", (None,))[0]),
    )


def _date(book: Book, value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.fullmatch(clean_text(value) or "")
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))  # type: ignore[index]
    except (TypeError, ValueError):
        reason = f"odotettiin päivämäärää muodossa 31.3.2026, löytyi {quoted(value)}"
        raise fail(book, SHEET, where, reason) from None
