"""The morning review on a terminal: a count per check on top, then each check with what it
protects, its rows grouped by unit, newest first; long texts wrap, nothing is cut."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections import Counter
from itertools import groupby

from reports.failures import text
from reports.failures.query import FailureReport
from reports.finnish import date_text, time_text

# A screenful per check in the default view; `--check NAME` lists them all.
ROWS_PER_CHECK = 5


def render_table(report: FailureReport, width: int | None = None) -> str:
    width = max(60, width or shutil.get_terminal_size((100, 24)).columns)
    lines = _summary(report, width)
    capped = not (report.filters.check or report.filters.all)
    for check, rows in groupby(report.rows, key=lambda row: row["check_name"]):
        lines += ["", *_check(report, check, list(rows), width, capped)]
    return "\n".join(lines)


def _summary(report: FailureReport, width: int) -> list[str]:
    at = time_text(report.run_at)
    head = [f"Ajo {report.run_id} {at}: {text.DECISION.get(report.decision, report.decision)}."]
    if report.withheld:
        head.append(
            "Pidätetty (näkyy edellisen julkaisun mukaisena): " + "; ".join(report.withheld) + "."
        )
    if report.dates:
        shown = ", ".join(date_text(day) for day in report.dates[:6])
        more = " …" if len(report.dates) > 6 else ""
        head.append(f"Raportointipäivät: {shown}{more}.")
    novelty = Counter(row["novelty"] for row in report.rows)
    head.append(
        f"{len(report.rows)} riviä: {novelty['new']} uutta, {novelty['changed']} muuttunutta, "
        f"{novelty['still']} ennallaan."
    )
    hidden = report.hidden
    if hidden.get("approved_or_closed") or hidden.get("info"):
        head.append(
            f"Piilossa {hidden.get('approved_or_closed', 0)} riviä hyväksytyiltä päiviltä tai "
            f"suljetuilta vuosilta ja {hidden.get('info', 0)} olennaisuusrajan alittavaa "
            "(info) riviä: --all näyttää kaikki, --severity info vain ne."
        )
    lines = [line for part in head for line in _wrap(part, width, "")]
    if not report.rows:
        return [*lines, "Ei avoimia poikkeamia."]
    lines.append("")
    for check, rows in groupby(report.rows, key=lambda row: row["check_name"]):
        rows = list(rows)
        counts = Counter(row["novelty"] for row in rows)
        severity = text.SEVERITY.get(rows[0]["severity"], rows[0]["severity"])
        count = (
            f"{severity:<9} {check}: {len(rows)} riviä ({counts['new']} uutta, "
            f"{counts['changed']} muuttunutta)"
        )
        lines += _wrap(count, width, "  ", "            ")
    return lines


def _check(report: FailureReport, check: str, rows: list[dict], width: int, capped: bool):
    info = report.checks.get(check)
    severity = text.SEVERITY.get(rows[0]["severity"], rows[0]["severity"])
    layer = text.LAYER.get(rows[0]["layer"], rows[0]["layer"])
    lines = _wrap(f"== {check} ({severity}, {layer}) ==", width, "")
    if info and info.explanation:
        lines += _wrap(info.explanation, width, "")
    shown = rows[:ROWS_PER_CHECK] if capped else rows
    for unit, unit_rows in groupby(shown, key=text.unit_label):
        lines += ["", *_wrap(unit, width, "")]
        for row in unit_rows:
            lines += _row(row, width)
    if len(shown) < len(rows):
        more = f"… ja {len(rows) - len(shown)} riviä lisää: toteuma failures --check {check}"
        lines += ["", *_wrap(more, width, "")]
    return lines


def _row(row: dict, width: int) -> list[str]:
    lines = _wrap(text.heading(row), width, "  ", "      ")
    for part in (text.figures(row), text.flat(row["explanation"]), text.place(row)):
        if part:
            lines += _wrap(part, width, "      ")
    return lines


def _wrap(value: str, width: int, indent: str, following: str | None = None) -> list[str]:
    return textwrap.wrap(
        value,
        width=width,
        initial_indent=indent,
        subsequent_indent=following if following is not None else indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def render_json(report: FailureReport) -> str:
    return json.dumps(
        {
            "run_id": report.run_id,
            "run_at": report.run_at,
            "decision": report.decision,
            "withheld": report.withheld,
            "hidden": report.hidden,
            "failures": report.rows,
        },
        ensure_ascii=False,
        indent=1,
        default=str,
    )


def one_line(row: dict) -> str:
    """A row in one line, for the e-mail digest."""
    parts = [text.heading(row), text.unit_label(row), text.figures(row), text.place(row)]
    return f"{row['check_name']}: " + " – ".join(part for part in parts if part)
