"""Cell writing shared by the pack's sheets: titles, wrapped text across the table's
width, heading rows, figures with the report's number formats."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.finance import FigureTable
from reports.numbers import amount_format, percent_format

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEADING_FILL = PatternFill("solid", fgColor="DDE4EE")
RULE = Border(bottom=Side(style="thin"))
WRAP = Alignment(wrap_text=True, vertical="top")
HEADING_ALIGNMENT = Alignment(wrap_text=True, horizontal="center", vertical="center")
POINTS_PER_LINE = 15
CHARACTERS_PER_WIDTH = 1.15  # a column of width w holds about w / 1.15 characters of text


@dataclass
class PlacedTable:
    """Where a figure table landed: its rows by code, its columns by review column."""

    table: FigureTable
    heading_row: int
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)


def append_title(sheet: Worksheet, text: str, font: Font = BOLD) -> int:
    sheet.append([text])
    sheet.cell(sheet.max_row, 1).font = font
    return sheet.max_row


def append_text(sheet: Worksheet, text: str, width_columns: int, bold_lead: str = "") -> None:
    """A paragraph over the table's width, wrapped; Excel does not size merged rows, so
    the height is estimated from the text's length."""
    sheet.append([f"{bold_lead}{text}"])
    row = sheet.max_row
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width_columns)
    sheet.cell(row, 1).alignment = WRAP
    width = sum(_width(sheet, column) for column in range(1, width_columns + 1))
    per_line = max(int(width / CHARACTERS_PER_WIDTH), 20)
    lines = sum(len(part) // per_line + 1 for part in text.splitlines() or [""])
    sheet.row_dimensions[row].height = POINTS_PER_LINE * lines + 3


def append_headings(sheet: Worksheet, headings: list[str] | tuple[str, ...]) -> int:
    sheet.append(list(headings))
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font, cell.fill, cell.border = BOLD, HEADING_FILL, RULE
        cell.alignment = HEADING_ALIGNMENT
    sheet.cell(row, 1).alignment = Alignment(vertical="center")
    lines = max(
        math.ceil(len(str(heading)) * CHARACTERS_PER_WIDTH / _width(sheet, column))
        for column, heading in enumerate(headings, start=1)
    )
    sheet.row_dimensions[row].height = POINTS_PER_LINE * min(max(lines, 1), 4)
    return row


def append_figure_table(sheet: Worksheet, table: FigureTable) -> PlacedTable:
    append_title(sheet, table.title.upper() if table.kind != "income_statement" else table.title)
    heading_row = append_headings(sheet, ["Selite", *(c.heading for c in table.columns)])
    placed = PlacedTable(table, heading_row)
    placed.columns = {column.key: i + 2 for i, column in enumerate(table.columns)}
    for row in table.rows:
        sheet.append([row.label, *row.values])
        excel_row = sheet.max_row
        if row.code:
            placed.rows[row.code] = excel_row
        for column, cell in zip(table.columns, sheet[excel_row][1:], strict=False):
            decimals = column.decimals
            amount = decimals is None
            cell.number_format = amount_format(cell.value) if amount else percent_format(decimals)
        if row.style != "line":
            for cell in sheet[excel_row]:
                cell.font = BOLD
    return placed


def set_widths(sheet: Worksheet, widths: list[float] | tuple[float, ...]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _width(sheet: Worksheet, column: int) -> float:
    return sheet.column_dimensions[get_column_letter(column)].width or 8.43
