"""A unit's second sheet: binding goals with their assessment and status, operational
goals, indicators, risks and projects, as the seed reports print them after the money.
A row a failing `warn` check names (by workbook and row) carries the check's sentence."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reports.goals import TextTable
from reports.review_pack.cells import (
    TITLE,
    WRAP,
    append_headings,
    append_title,
    set_widths,
)
from reports.review_pack.comments import add_comments, is_figure_failure, sheet_coordinate
from reports.review_pack.printing import set_up_printing
from reports.stamps import period_text, release_text
from reports.units import ReportingDate, Unit

IDENTITY = ("goal_text", "indicator_name", "risk_text", "project_name")
# Columns shared by the tables on the sheet (the projects table has the most, seven).
WIDTHS = (24, 34, 34, 24, 34, 16, 40)


def write_goal_sheet(
    sheet: Worksheet, unit: Unit, data: ReportingDate, tables: list[TextTable]
) -> None:
    set_widths(sheet, WIDTHS)
    append_title(sheet, f"{unit.name} ({unit.code}): tavoitteet, tunnusluvut, riskit", TITLE)
    sheet.append([f"{period_text(data.reporting_date)} · {release_text(unit.release)}"])
    rows_of_sources: dict[tuple, int] = {}
    first_heading = None
    for table in tables:
        sheet.append([])
        append_title(sheet, table.title)
        heading_row = append_headings(sheet, table.headings)
        first_heading = first_heading or heading_row
        for values, source in zip(table.rows, table.sources, strict=True):
            sheet.append(list(values))
            for cell in sheet[sheet.max_row]:
                cell.alignment = WRAP
            for key in _keys(source.get("source_file"), source.get("source_row"), source):
                rows_of_sources.setdefault(key, sheet.max_row)
    add_comments(sheet, _notes(unit, rows_of_sources))
    set_up_printing(sheet, data, unit, first_heading)


def _notes(unit: Unit, rows_of_sources: dict[tuple, int]) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for failure in unit.failures:
        if is_figure_failure(unit, failure):
            continue
        keys = _keys(failure["source_file"], failure["source_row"], failure["line_code"])
        row = next((rows_of_sources[key] for key in keys if key in rows_of_sources), None)
        coordinate = sheet_coordinate(row, 2) if row else "A1"
        notes.setdefault(coordinate, []).append(failure["explanation"] or failure["check_name"])
    return notes


def _keys(file: str | None, row, identity) -> list[tuple]:
    """A goal-table row by workbook, row and text (a workbook's sheets share row numbers),
    then by workbook and text alone (an indicator spans rows)."""
    if isinstance(identity, dict):
        identity = next((identity[k] for k in IDENTITY if identity.get(k)), None)
    return [(file, _int(row), identity), (file, None, identity)]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
