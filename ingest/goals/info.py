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
    sheet_cells,
)

SHEET = "Tiedot"
_LABELS = {
    "kunta": "municipality",
    "yksikkö": "unit",
    "raportointipäivä": "reporting_date",
    "vastuuhenkilö": "responsible",
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
    """Labels in column A (any case), values in column B; Kunta, Yksikkö and date required."""
    sheet = find_sheet(book, SHEET)
    if sheet is None:
        raise fail(book, SHEET, "sheet", "expected a sheet 'Tiedot' with Kunta, Yksikkö, ...")
    found: dict[str, tuple[object, str]] = {}
    for cells in sheet_cells(sheet, max_col=2):
        if len(cells) == 2 and (name := _LABELS.get(header_key(cells[0].value))):
            found[name] = (cells[1].value, f"cell B{cells[0].row}")
    for name in ("municipality", "unit", "reporting_date"):
        if clean_text(found.get(name, (None,))[0]) is None:
            raise fail(book, SHEET, "column A", f"expected a filled '{name}' row, found none")
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
        raise fail(book, SHEET, where, f"expected a date like 31.3.2026, found {value!r}") from None
