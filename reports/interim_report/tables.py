"""The report's tables in Word: the heading row repeated on every page, figures in the
report's number format right-aligned, subtotals and section headings bold."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from reports.finance import FigureTable
from reports.goals import TextTable
from reports.interim_report.document import MARGIN_CM, TABLE_TEXT
from reports.interim_report.word import (
    keep_rows_whole,
    narrow_cell_margins,
    repeat_as_header,
    shade,
)
from reports.numbers import percent, whole_euros

TEXT_WIDTH_CM = 21 - 2 * MARGIN_CM
LABEL_WIDTH_CM = 4.0
CELL_MARGIN_CM = 0.1  # Word's 0,19 cm each side leaves "-10 233 700" no room in bold
HEADING_FILL = "DDE4EE"


def add_figure_table(document, table: FigureTable, label_heading: str = "Selite") -> None:
    headings = [label_heading, *(column.heading for column in table.columns)]
    figure_width = (TEXT_WIDTH_CM - LABEL_WIDTH_CM) / len(table.columns)
    word_table = _table(document, headings, [LABEL_WIDTH_CM] + [figure_width] * len(table.columns))
    for row in table.rows:
        figures = zip(row.values, table.columns, strict=True)
        texts = [row.label] + [_figure(value, column.decimals) for value, column in figures]
        _add_row(word_table, texts, bold=row.style != "line", numeric=True)
    keep_rows_whole(word_table)


def add_text_table(document, table: TextTable) -> None:
    total = sum(table.widths)
    widths = [TEXT_WIDTH_CM * width / total for width in table.widths]
    word_table = _table(document, list(table.headings), widths)
    for row in table.rows:
        _add_row(word_table, list(row), bold=False, numeric=False)


def _figure(value, decimals: int | None) -> str:
    return whole_euros(value) if decimals is None else percent(value, decimals)


def _table(document, headings: list[str], widths: list[float]):
    word_table = document.add_table(rows=1, cols=len(headings))
    word_table.style = "Table Grid"
    narrow_cell_margins(word_table, Cm(CELL_MARGIN_CM))
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word_table.autofit = False
    for cell, heading in zip(word_table.rows[0].cells, headings, strict=True):
        _write(cell, heading, bold=True)
        shade(cell, HEADING_FILL)
    for column, width in zip(word_table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice reads; Word reads the cells'
        for cell in column.cells:
            cell.width = Cm(width)
    repeat_as_header(word_table.rows[0])
    return word_table


def _add_row(word_table, texts: list[str], *, bold: bool, numeric: bool) -> None:
    cells = word_table.add_row().cells
    for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
        cell.width = word_table.rows[0].cells[index].width
        right = numeric and index > 0
        _write(cell, text, bold=bold, right=right)


def _write(cell, text: str, *, bold: bool, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph = cell.add_paragraph()
        paragraph.style = TABLE_TEXT
        paragraph.add_run(line).bold = bold
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
