"""The pack's first sheet: every unit in the seeds' order, indented under its parent,
with its release status and links to its sheets."""

from __future__ import annotations

from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from reports.review_pack.cells import TITLE, append_headings, append_title, set_widths
from reports.review_pack.printing import set_up_printing
from reports.stamps import period_text, publication_text, release_text
from reports.units import ReportingDate, Unit

CONTENTS_SHEET = "Sisällys"
HEADINGS = ("Yksikkö", "Koodi", "Taso", "Tila", "Talous", "Tavoitteet ja riskit")
INDENT = "    "


def write_contents(
    sheet: Worksheet, listed: list[tuple[Unit, str, str | None]], data: ReportingDate
) -> None:
    set_widths(sheet, (48, 9, 14, 44, 34, 20))
    append_title(sheet, "Katsauspaketti – käyttösuunnitelman toteutuminen", TITLE)
    sheet.append([f"{period_text(data.reporting_date)} · {publication_text(data.publication)}"])
    sheet.append([])
    heading_row = append_headings(sheet, HEADINGS)
    for unit, figures, goals in listed:
        name = f"{INDENT * unit.depth}{unit.name}"
        if len({u.municipality_code for u, _, _ in listed}) > 1:
            name = f"{data.municipality_name(unit.municipality_code)}: {name}"
        sheet.append([name, unit.code, unit.level.lower(), release_text(unit.release)])
        _link(sheet, 5, figures)
        if goals:
            _link(sheet, 6, goals)
    sheet.freeze_panes = sheet.cell(heading_row + 1, 1)
    set_up_printing(sheet, data, None, heading_row)


def _link(sheet: Worksheet, column: int, target: str) -> None:
    """An internal link (a location, not an address: Excel and LibreOffice follow it)."""
    cell = sheet.cell(sheet.max_row, column, target)
    location = "'{}'!A1".format(target.replace("'", "''"))
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=target)
    cell.style = "Hyperlink"
