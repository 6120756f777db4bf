"""What controllers read each morning: the latest run's failing checks, with evidence."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

COLUMNS = (
    "check_name", "severity", "status", "org_unit_code", "line_code", "period",
    "expected", "actual", "difference", "source_file", "source_row", "explanation", "waiver",
    "details",
)  # fmt: skip
# The table on a terminal leaves out the raw evidence JSON (csv, json and Excel keep it).
TABLE_COLUMNS = COLUMNS[:-1]
HEADINGS = {
    "check_name": "check",
    "org_unit_code": "unit",
    "line_code": "line",
    "source_file": "file",
    "source_row": "row",
}


@dataclass(frozen=True)
class FailureReport:
    run_id: str
    run_at: str
    decision: str
    rows: list[dict]  # failing (and waived) evidence rows, blocking checks first


def latest_failures(audit: Path, run_id: str | None = None) -> FailureReport:
    """The given (default: latest) run's failures: errors before warnings, newest first."""
    if not audit.exists():
        raise FileNotFoundError(f"no check history yet at {audit}: run `toteuma run` first")
    with duckdb.connect(str(audit), read_only=True) as con:
        runs = con.execute(
            "select run_id, run_at, decision from audit.runs "
            "where run_id = coalesce(?, run_id) order by run_at desc limit 1",
            [run_id],
        ).fetchall()
        if not runs:
            raise ValueError(f"no run {run_id} in {audit}")
        run, run_at, decision = runs[0]
        cursor = con.execute(
            f"select {', '.join(COLUMNS)} from audit.check_failures where run_id = ? "
            "order by severity = 'error' desc, status = 'failed' desc, check_name, "
            "org_unit_code, line_code, period, source_file, source_row",
            [run],
        )
        rows = [dict(zip(COLUMNS, values, strict=True)) for values in cursor.fetchall()]
    return FailureReport(run, str(run_at), decision, rows)


def render(report: FailureReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            {"run_id": report.run_id, "run_at": report.run_at, "decision": report.decision,
             "failures": report.rows},
            ensure_ascii=False, indent=1, default=str,
        )  # fmt: skip
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(report.rows)
        return buffer.getvalue()
    return _table(report)


def _table(report: FailureReport) -> str:
    head = (
        f"Run {report.run_id} at {report.run_at}: publication {report.decision}; "
        f"{len(report.rows)} failing rows"
    )
    if not report.rows:
        return head + ". Nothing failed."
    shown = [c for c in TABLE_COLUMNS if any(row[c] is not None for row in report.rows)]
    cells = [[_cell(row[c]) for c in shown] for row in report.rows]
    names = [HEADINGS.get(c, c) for c in shown]
    widths = [min(60, max(len(n), *(len(r[i]) for r in cells))) for i, n in enumerate(names)]
    lines = [head, "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines += ["  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def _cell(value) -> str:
    return "" if value is None else str(value)


def write_workbook(report: FailureReport, out: Path) -> int:
    """One sheet per check, its evidence rows with the same columns; returns sheets written."""
    book = Workbook()
    summary = book.active
    summary.title = "Yhteenveto"
    summary.append(["run", report.run_id, "at", report.run_at, "publication", report.decision])
    summary.append(["check", "severity", "failing rows", "waived rows", "sheet"])
    by_check: dict[str, list[dict]] = {}
    for row in report.rows:
        by_check.setdefault(row["check_name"], []).append(row)
    for index, (check, rows) in enumerate(by_check.items(), start=1):
        title = f"{index} {check}"[:31]
        sheet = book.create_sheet(title)
        sheet.append([HEADINGS.get(c, c) for c in COLUMNS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_excel(row[c]) for c in COLUMNS])
        for column in range(1, len(COLUMNS) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 18
        sheet.freeze_panes = "A2"
        waived = sum(r["status"] == "waived" for r in rows)
        summary.append([check, rows[0]["severity"], len(rows) - waived, waived, title])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return len(by_check)


def _excel(value):
    return float(value) if hasattr(value, "as_tuple") else value
