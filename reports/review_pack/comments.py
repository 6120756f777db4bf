"""A cell comment on every figure a failing `warn` check questions, with the check's own
sentence: the controller sees the doubt where the number is.

The cell: the failure's line (or investment item) and the figure it names (`figure` in
its details), a forecast for `forecast_grains_agree`, else the figure whose value is the
one the check found. A line the table does not print (a responsibility area's short
table) comments its section total; what has no cell comments the sheet's title.
"""

from __future__ import annotations

import json

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.review_pack.cells import PlacedTable
from reports.units import Unit

AUTHOR = "toteuma"
SECTION_TOTALS = ("TOIMINTATUOTOT", "TOIMINTAKULUT", "TOIMINTAKATE")
COLUMN_OF_CHECK = {"forecast_grains_agree": "forecast"}
INVESTMENT_PREFIX = "INVESTOINNIT_"


def add_comments(sheet: Worksheet, notes: dict[str, list[str]]) -> None:
    for coordinate, texts in notes.items():
        text = "\n\n".join(dict.fromkeys(texts))
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 320, 40 + 16 * (len(text) // 45 + text.count("\n"))
        sheet[coordinate].comment = comment


def figure_notes(unit: Unit, placed: list[PlacedTable], failures: list[dict]) -> dict:
    notes: dict[str, list[str]] = {}
    for failure in failures:
        coordinate = _cell(unit, placed, failure) or "A1"
        notes.setdefault(coordinate, []).append(failure["explanation"] or failure["check_name"])
    return notes


def is_figure_failure(unit: Unit, failure: dict) -> bool:
    code = failure["line_code"] or ""
    lines = {row["line_code"] for row in unit.tables["income_statement"]}
    return code in lines or code.startswith(INVESTMENT_PREFIX)


def _cell(unit: Unit, placed: list[PlacedTable], failure: dict) -> str | None:
    code = failure["line_code"] or ""
    kind = "investments" if code.startswith(INVESTMENT_PREFIX) else "income_statement"
    code = code.removeprefix(INVESTMENT_PREFIX)
    table = next((p for p in placed if p.table.kind == kind), None)
    if table is None:
        return None
    if code in table.rows:
        column = _column(table, code, failure)
        return sheet_coordinate(table.rows[code], table.columns.get(column, 1))
    total = _section_total(unit, code)
    return sheet_coordinate(table.rows[total], 1) if total in table.rows else None


def _column(table: PlacedTable, code: str, failure: dict) -> str | None:
    details = json.loads(failure.get("details") or "{}")
    if details.get("figure") in table.columns:
        return details["figure"]
    if COLUMN_OF_CHECK.get(failure["check_name"]) in table.columns:
        return COLUMN_OF_CHECK[failure["check_name"]]
    row = next(r for r in table.table.rows if r.code == code)
    values = dict(zip((c.key for c in table.table.columns), row.values, strict=True))
    found = failure.get("actual")
    if found is None:
        return None
    return next((key for key, value in values.items() if value == found), None)


def _section_total(unit: Unit, code: str) -> str | None:
    """The first section total printed after the line: revenue lines → Toimintatuotot,
    cost lines → Toimintakulut, own work capitalised → Toimintakate."""
    lines = {row["line_code"]: row for row in unit.tables["income_statement"]}
    if code not in lines or code in SECTION_TOTALS:
        return None
    order, kind = lines[code]["line_order"], lines[code]["line_kind"]
    before = {t: order < lines[t]["line_order"] for t in SECTION_TOTALS if t in lines}
    if kind == "revenue" and before.get("TOIMINTATUOTOT"):
        return "TOIMINTATUOTOT"
    if kind == "cost" and before.get("TOIMINTAKULUT"):
        return "TOIMINTAKULUT"
    return "TOIMINTAKATE" if before.get("TOIMINTAKATE") else None


def sheet_coordinate(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"
