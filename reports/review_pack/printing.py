"""How a sheet prints: A4 landscape, one page wide, the table's heading row repeated on
every page, the unit and date in the header, page x / y, publication, run and release
status in the footer."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.finnish import date_text
from reports.stamps import combined_release, publication_text, release_text
from reports.units import ReportingDate, Unit

A4 = 9  # Excel's paper size code
HEADER_FONT_SIZE = 8


def set_up_printing(
    sheet: Worksheet, data: ReportingDate, unit: Unit | None, title_row: int | None
) -> None:
    """`title_row`: the row repeated at the top of every printed page (None: none)."""
    last_column = get_column_letter(max(sheet.max_column, 1))
    sheet.print_area = f"A1:{last_column}{max(sheet.max_row, 1)}"
    if title_row:
        sheet.print_title_rows = f"{title_row}:{title_row}"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5
    margins.top = margins.bottom = 0.75
    margins.header = margins.footer = 0.3
    _header_and_footer(sheet, data, unit)


def _header_and_footer(sheet: Worksheet, data: ReportingDate, unit: Unit | None) -> None:
    municipalities = {u.municipality_code for u in data.units}
    kunta = unit.municipality_code if unit else next(iter(sorted(municipalities)))
    everything = combined_release(data.units)
    parts = (
        (sheet.oddHeader.left, data.municipality_name(kunta)),
        (sheet.oddHeader.center, f"{unit.code} {unit.name}" if unit else "Sisällys"),
        (sheet.oddHeader.right, f"Tilanne {date_text(data.reporting_date)}"),
        (sheet.oddFooter.left, publication_text(data.publication)),
        (sheet.oddFooter.center, "Sivu &P / &N"),
        (sheet.oddFooter.right, release_text(unit.release if unit else everything)),
    )
    for part, text in parts:
        # '&' starts a code in Excel's header language; the page codes are ours
        part.text = text if text.startswith("Sivu &P") else text.replace("&", "&&")
        part.size = HEADER_FONT_SIZE
