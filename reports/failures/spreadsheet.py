"""The morning review for Finnish Excel: a CSV it opens in columns (`;`, decimal comma,
UTF-8 with BOM) and a workbook with a summary sheet and one sheet per check."""

from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from reports.failures import text
from reports.failures.query import FailureReport
from reports.finnish import decimal_comma, time_text
from reports.numbers import amount_format

SUMMARY_SHEET = "Yhteenveto"
STATUS = {"failed": "poikkeama", "waived": "vapautettu"}
NOVELTY = {"new": "uusi", "changed": "muuttunut", "still": "ennallaan"}
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEADER_ROW = 4
MAX_WIDTH = 60


def _value(row: dict, column: str):
    """A cell as Finnish Excel shows it: words in Finnish, money as numbers."""
    value = row[column]
    if column == "row_severity":
        return text.SEVERITY.get(value, value)
    if column == "status":
        return STATUS.get(value, value)
    if column == "novelty":
        return NOVELTY.get(value or "", value)
    if column == "is_open":
        return "kyllä" if value else "ei"
    if column == "line_code":
        return text.flat(value)
    return value


def render_csv(report: FailureReport) -> bytes:
    """`;`-separated, decimal comma, UTF-8 with BOM: Finnish Excel opens it in columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([text.HEADINGS[column] for column in text.EXPORT_COLUMNS])
    for row in report.rows:
        writer.writerow(
            [
                decimal_comma(row[column]) if column in text.EURO_COLUMNS else _value(row, column)
                for column in text.EXPORT_COLUMNS
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def write_workbook(report: FailureReport, out: Path) -> int:
    """A summary sheet first, then one sheet per check; returns the number of checks."""
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    checks = [(check, list(rows)) for check, rows in groupby(report.rows, key=_check)]
    names = _sheet_names([check for check, _ in checks])
    for (check, rows), name in zip(checks, names, strict=True):
        _check_sheet(book.create_sheet(name), report, check, rows)
    _summary_sheet(summary, report, checks, names)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return len(checks)


def _check(row: dict) -> str:
    return row["check_name"]


def _summary_sheet(sheet: Worksheet, report: FailureReport, checks, names) -> None:
    at = time_text(report.run_at)
    decision = text.DECISION.get(report.decision, report.decision)
    sheet.append([f"Tarkistusten poikkeamat – ajo {report.run_id}"])
    sheet.append([f"Ajettu {at}; {decision}; {len(report.rows)} riviä"])
    sheet["A1"].font = TITLE
    sheet.append([])
    headings = ["Tarkistus", "Vakavuus", "Taso", "Rivejä", "Uusia", "Muuttuneita",
                "Vapautettuja", "Välilehti"]  # fmt: skip
    sheet.append(headings)
    for (check, rows), name in zip(checks, names, strict=True):
        novelty = Counter(row["novelty"] for row in rows)
        waived = sum(row["status"] == "waived" for row in rows)
        first = rows[0]
        sheet.append(
            [check, text.SEVERITY.get(first["severity"], first["severity"]),
             text.LAYER.get(first["layer"], first["layer"]), len(rows), novelty["new"],
             novelty["changed"], waived, name]
        )  # fmt: skip
        link = sheet.cell(row=sheet.max_row, column=len(headings))
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location="'{}'!A1".format(name.replace("'", "''"))
        )
        link.style = "Hyperlink"
    _table(sheet, len(headings))


def _check_sheet(sheet: Worksheet, report: FailureReport, check: str, rows: list[dict]) -> None:
    info = report.checks.get(check)
    columns = text.EXPORT_COLUMNS
    sheet.append([check])
    sheet["A1"].font = TITLE
    sheet.append([info.explanation if info else ""])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(columns))
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 45
    sheet.append([])
    sheet.append([text.HEADINGS[column] for column in columns])
    for row in rows:
        sheet.append([_excel(_value(row, column)) for column in columns])
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=sheet.max_row, column=index)
            if column in text.EURO_COLUMNS and cell.value is not None:
                cell.number_format = _euro_format(cell.value)
            elif column == "explanation":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _table(sheet, len(columns))


def _table(sheet: Worksheet, width: int) -> None:
    """Bold header, frozen under it, an autofilter over the rows, widths that fit."""
    for cell in sheet[HEADER_ROW]:
        cell.font = BOLD
    last = get_column_letter(width)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(sheet.max_row, HEADER_ROW)}"
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    for index in range(1, width + 1):
        letter = get_column_letter(index)
        longest = max(
            (_shown_length(cell.value) for cell in sheet[letter][HEADER_ROW - 1 :]), default=0
        )
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(8, longest + 2))


def _shown_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return max((len(part) for part in str(value).splitlines()), default=0)


def _euro_format(value: float) -> str:
    """The review pack's euro format (no-break-space thousands), with cents."""
    return ";".join(f"{part}.00" for part in amount_format(value).split(";"))


def _excel(value):
    return float(value) if isinstance(value, Decimal) else value


def _sheet_names(checks: list[str]) -> list[str]:
    """At most 31 characters, unique; numbered so that a long name stays recognisable."""
    return [f"{index} {check}"[:31] for index, check in enumerate(checks, start=1)]
