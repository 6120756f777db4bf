"""A unit's sheet: its name, period and release status, the explanation text, then its
finance tables as the seed reports print them."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reports.finance import finance_tables
from reports.review_pack.cells import (
    TITLE,
    append_figure_table,
    append_text,
    append_title,
    set_widths,
)
from reports.review_pack.comments import add_comments, figure_notes, is_figure_failure
from reports.review_pack.printing import set_up_printing
from reports.stamps import level_genitive, period_text, release_text
from reports.units import ReportingDate, Unit

LABEL_WIDTH, FIGURE_WIDTH = 34, 13.5


def write_unit_sheet(sheet: Worksheet, unit: Unit, data: ReportingDate) -> None:
    tables = finance_tables(unit, data.reporting_date)
    width = 1 + max(len(table.columns) for table in tables)
    set_widths(sheet, [LABEL_WIDTH] + [FIGURE_WIDTH] * (width - 1))
    append_title(sheet, f"{unit.name} ({unit.code}, {unit.level.lower()})", TITLE)
    sheet.append([f"{period_text(data.reporting_date)} · {release_text(unit.release)}"])
    sheet.append([])
    append_title(sheet, f"{level_genitive(unit.level)} toiminnan ja talouden toteutuminen".upper())
    for paragraph in explanation_paragraphs(unit):
        append_text(sheet, paragraph, width)
    placed = []
    for table in tables:
        sheet.append([])
        placed.append(append_figure_table(sheet, table))
    failures = [f for f in unit.failures if is_figure_failure(unit, f)]
    add_comments(sheet, figure_notes(unit, placed, failures))
    statement = next(p for p in placed if p.table.kind == "income_statement")
    set_up_printing(sheet, data, unit, statement.heading_row)


def explanation_paragraphs(unit: Unit) -> list[str]:
    """The narrative's paragraphs, then each line's explanation as 'Line name: text'."""
    paragraphs = []
    for section in unit.tables["explanations"]:
        text = section["explanation_text"] or ""
        if section["heading"] is None:
            paragraphs += [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        elif text.strip():
            name = section["line_name"] or section["heading"]
            paragraphs.append(f"{name}: {' '.join(text.split())}")
    return paragraphs
