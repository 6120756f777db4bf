"""The failures that withheld a publication, as `toteuma run`, the Dagster run's failure
message and the e-mail digest print them: check, file, line (and column), what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from reports.failures.text import LAYER
from reports.finnish import counted, period_text

MAX_ROWS_PER_CHECK = 10


def blocking_lines(audit: Path, run_id: str) -> list[str]:
    """One heading per blocking check, then its failing rows, each where and what."""
    if not audit.exists():
        return []
    with duckdb.connect(str(audit), read_only=True) as con:
        # a check's rows: those listed below, as the run's summary counts them (a landing
        # check's failure count is its files, and one file may have several problem
        # lines), or its own count when its evidence was cut to its first rows
        checks = con.execute(
            "select check_name, layer, greatest(coalesce(unwaived_failures, 0), ("
            "select count(*) from audit.check_failures f where f.run_id = r.run_id"
            " and f.check_name = r.check_name and f.status = 'failed')), error"
            " from audit.check_results r where run_id = ? and blocks_publication"
            " order by check_name",
            [run_id],
        ).fetchall()
        lines = []
        for check, layer, failing, error in checks:
            rows_text = counted(failing, "poikkeava rivi", "poikkeavaa riviä")
            lines.append(f"{check} ({LAYER.get(layer, layer)}, {rows_text})")
            if error:
                lines.append(f"  tarkistusta ei voitu ajaa: {error.strip()[:300]}")
            rows = con.execute(
                "select source_file, source_row, period, org_unit_code, line_code, explanation,"
                " details from audit.check_failures where run_id = ? and check_name = ? "
                "and status = 'failed' order by source_file, source_row limit ?",
                [run_id, check, MAX_ROWS_PER_CHECK + 1],
            ).fetchall()
            lines += [f"  {where_and_what(*row)}" for row in rows[:MAX_ROWS_PER_CHECK]]
            if len(rows) > MAX_ROWS_PER_CHECK:
                lines.append(f"  … ja lisää: toteuma failures --check {check} --all")
    return lines


def where_and_what(file, row, period, unit, line, explanation, details) -> str:
    """'gl_111_2026_03.csv, rivi 57, sarake 'Kredit': odotettiin …' — a parse problem names
    its place itself; a rule's row gets file, line and the failing values."""
    extra = _json(details)
    problem = extra.get("problem")
    if problem:
        return str(problem)
    place = ", ".join(
        part
        for part in (
            file,
            f"rivi {row}" if row is not None else None,
            f"sarake '{extra['column']}'" if extra.get("column") else None,
        )
        if part
    )
    kind = "tili" if (line or "").isdigit() else "tuloslaskelman rivi"
    about = ", ".join(
        f"{name} {value}"
        for name, value in (("yksikkö", unit), (kind, line), ("kausi", period_text(period)))
        if value
    )
    text = explanation or ""
    return " – ".join(part for part in (place, about, text) if part)


def _json(details) -> dict:
    try:
        value = json.loads(details) if details else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
