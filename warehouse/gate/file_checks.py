"""Checks on what comes in: each landing file's expectation results, kept in the candidate."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from reports.finnish import counted
from warehouse.gate.records import CheckResult, Evidence
from warehouse.gate.scopes import GOAL_WORKBOOK, WAREHOUSE, Scope
from warehouse.sql import columns_of, insert_rows

TABLE = "audit_run.file_checks"
COLUMNS = {
    "run_id": "varchar",
    "kind": "varchar",
    "source_file": "varchar",
    "check_name": "varchar",
    "severity": "varchar",
    "explanation": "varchar",
    "failures": "integer",
    "examples": "varchar",  # JSON list of failing rows, each with source_row
    "quarantined": "boolean",
    # what the file's failure holds back (warehouse.gate.scopes): the scope kind, and the
    # municipality, month or year, and unit (goal workbooks) ingest knows of the file
    "scope_kind": "varchar",
    "municipality_code": "varchar",
    "scope_period": "varchar",
    "org_unit_code": "varchar",
}


def file_check_name(kind: str, rule: str) -> str:
    """A file check as the gate, waivers and the morning review name it: gl_postings.enough_rows."""
    return f"{kind}.{rule}"


def record_file_checks(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    con.execute("create schema if not exists audit_run")
    ddl = ", ".join(f"{name} {kind}" for name, kind in COLUMNS.items())
    con.execute(f"create table if not exists {TABLE} ({ddl})")
    for name in ("scope_kind", "municipality_code", "scope_period", "org_unit_code"):
        con.execute(f"alter table {TABLE} add column if not exists {name} varchar")
    insert_rows(con, TABLE, [[row.get(name) for name in COLUMNS] for row in rows], list(COLUMNS))


def file_check_results(candidate: Path, run_id: str) -> list[CheckResult]:
    """One result per (kind, check) of this run; failing files become evidence rows."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        present = columns_of(con, "audit_run", "file_checks")
        if not present:
            return []
        scoped = "scope_kind" in present
        scope = (
            "scope_kind, municipality_code, scope_period, org_unit_code"
            if scoped
            else ("null, null, null, null")
        )
        rows = con.execute(
            f"select kind, source_file, check_name, severity, explanation, failures, examples, "
            f"quarantined, {scope} from {TABLE} where run_id = ? "
            "order by kind, check_name, source_file",
            [run_id],
        ).fetchall()
    results: dict[tuple[str, str], CheckResult] = {}
    for kind, file, check, severity, explanation, failures, examples, quarantined, *at in rows:
        name = file_check_name(kind, check)
        result = results.setdefault(
            (kind, check),
            CheckResult(
                name, "incoming", severity, _check_sentence(check, explanation), f"raw/{kind}"
            ),
        )
        result.failures += failures or 0
        held = _scope(*at)
        result.evidence += [
            replace(row, scope=held)
            for row in _examples(file, failures, examples, explanation, quarantined, kind)
        ]
    return list(results.values())


def _scope(kind, municipality_code, period, unit) -> Scope:
    """What a failing file holds back; a file ingest could not place, the whole warehouse."""
    if kind == GOAL_WORKBOOK:
        return Scope(GOAL_WORKBOOK, municipality_code or "", unit or "")
    if not kind or not municipality_code:
        return Scope(WAREHOUSE)
    return Scope(kind, municipality_code, "", period or "")


# Checks on the landing folder itself (a file still arriving, a name we do not know):
# the file was not read, so it was neither loaded nor quarantined.
LANDING_KIND = "landing"


def _examples(file, failures, examples, explanation, quarantined, kind=None) -> list[Evidence]:
    if not failures:
        return []
    rows = json.loads(examples or "[]") or [{}]
    if quarantined:
        fate = "tiedosto siirretty karanteeniin, siitä ei ladattu mitään"
    elif kind == LANDING_KIND:
        fate = "tiedostoa ei luettu tässä ajossa"
    else:
        fate = "tiedosto ladattu"
    rows_text = counted(failures, "rivi", "riviä")
    return [
        replace(
            located(row),
            source_file=file,
            explanation=f"{_row_sentence(explanation, row)} ({rows_text}; {fate})",
            details=json.dumps(row, ensure_ascii=False, default=str) if row else None,
        )
        for row in rows
    ]


# The check of a file that could not be read at all (ingest: 'Tiedostoa ei voitu lukea: <its
# first problem>'; a goal workbook: 'Työkirjaa …'); each problem line is a row of its own.
UNREADABLE = "file_is_readable"


def _check_sentence(check: str, explanation: str) -> str:
    """What the check is about: a file's own sentence, except for an unreadable file,
    whose sentence is its first problem (the check says it in general)."""
    if check != UNREADABLE:
        return explanation
    what = explanation.partition(": ")[0]
    return (
        f"{what}: sen rakenne, merkistö tai jokin arvo ei vastaa tiedostomuotoa. Tiedosto"
        " siirretään karanteeniin eikä siitä ladata mitään; rivit kertovat missä ja mitä."
    )


def _row_sentence(explanation: str, row: dict[str, Any]) -> str:
    """A row's sentence: a problem line of an unreadable file says its own problem (the
    file's sentence quotes only the first)."""
    problem = row.get("problem")
    if not problem:
        return explanation
    return f"{explanation.partition(': ')[0]}: {problem}"


def located(row: dict[str, Any]) -> Evidence:
    """Where a failing landing row sits, in the gate's terms (what waivers match on)."""
    return Evidence(
        municipality_code=_text(row.get("municipality_code")),
        org_unit_code=_text(row.get("cost_centre_code") or row.get("org_unit_code")),
        line_code=_text(row.get("account_code") or row.get("line_code")),
        period=_period(row),
        expected=_number(row.get("expected")),
        actual=_number(row.get("actual")),
        difference=_difference(row.get("expected"), row.get("actual")),
        source_row=row.get("source_row"),
    )


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _difference(expected, actual) -> Decimal | None:
    if expected is None or actual is None:
        return None
    return Decimal(str(actual)) - Decimal(str(expected))


def _text(value) -> str | None:
    return None if value is None else str(value)


def _period(row: dict) -> str | None:
    if row.get("period"):
        return str(row["period"])
    if row.get("fiscal_year") and row.get("period_month"):
        return f"{int(row['fiscal_year']):04d}-{int(row['period_month']):02d}"
    return _text(row.get("posting_date") or row.get("approval_date"))
