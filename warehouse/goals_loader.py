"""Goal workbooks (<landing>/goals/*.xlsx) -> raw.goal_* tables of the candidate warehouse.

A workbook is skipped when raw.goal_files already holds its name with the same sha256;
otherwise it is read whole (a rejected workbook raises LandingFileError naming file, sheet
and cell, and loads nothing) and its earlier rows are replaced in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from ingest.goals import GoalWorkbook, goal_files, read_goal_workbook

_SOURCE = {"source_file": "VARCHAR", "source_hash": "VARCHAR"}
_ROW = {"source_sheet": "VARCHAR", "source_row": "INTEGER"}
_WORKBOOK = {"municipality_code": "VARCHAR", "org_unit_code": "VARCHAR", "reporting_date": "DATE"}
TABLES: dict[str, dict[str, str]] = {
    "goal_files": {
        **_SOURCE, **_WORKBOOK, "responsible_person": "VARCHAR", "ingested_at": "TIMESTAMP",
    },
    "goals": {
        **_SOURCE, **_ROW, **_WORKBOOK, "goal_kind": "VARCHAR", "theme_text": "VARCHAR",
        "goal_text": "VARCHAR", "measure_text": "VARCHAR", "responsible": "VARCHAR",
        "status_original": "VARCHAR",
    },
    "goal_assessments": {
        **_SOURCE, **_ROW, "cell": "VARCHAR", **_WORKBOOK, "goal_kind": "VARCHAR",
        "as_of_date": "DATE", "assessment_text": "VARCHAR",
    },
    "indicator_values": {
        **_SOURCE, **_ROW, "cell": "VARCHAR", "value_seq": "INTEGER", **_WORKBOOK,
        "theme_text": "VARCHAR", "indicator_name": "VARCHAR", "year": "INTEGER",
        "value_kind": "VARCHAR", "value_text": "VARCHAR", "value_low": "DOUBLE",
        "value_high": "DOUBLE", "value_unit": "VARCHAR", "value_note": "VARCHAR",
    },
    "risks": {
        **_SOURCE, **_ROW, **_WORKBOOK, "risk_class": "VARCHAR", "risk_text": "VARCHAR",
        "probability": "INTEGER", "significance": "INTEGER", "control_measure": "VARCHAR",
        "control_outcome": "VARCHAR", "responsible": "VARCHAR",
    },
    "projects": {
        **_SOURCE, **_ROW, **_WORKBOOK, "theme_text": "VARCHAR", "project_name": "VARCHAR",
        "period_text": "VARCHAR", "total_funding": "DOUBLE", "funder": "VARCHAR",
        "city_share_pct": "DOUBLE", "city_share_text": "VARCHAR",
        "expense_realisation_pct": "DOUBLE", "status_text": "VARCHAR", "description": "VARCHAR",
    },
}  # fmt: skip
GOAL_KINDS = {"binding": "binding", "plan": "operational"}


@dataclass(frozen=True)
class GoalLoadResult:
    """What the loader did with one workbook: rows per raw table, or skipped as unchanged."""

    file_name: str
    source_hash: str
    skipped: bool
    rows: dict[str, int] = field(default_factory=dict)


def load_goal_workbooks(candidate: Path, landing_dir: Path) -> list[GoalLoadResult]:
    """Load every changed workbook of <landing>/goals/; a rejected workbook raises."""
    candidate.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(candidate)) as con:
        ensure_goal_tables(con)
        return [_load_one(con, path) for path in goal_files(landing_dir)]


def ensure_goal_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for table, columns in TABLES.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        con.execute(f"create table if not exists raw.{table} ({ddl})")


def _load_one(con: duckdb.DuckDBPyConnection, path: Path) -> GoalLoadResult:
    source_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    found = con.execute(
        "select count(*) from raw.goal_files where source_file = ? and source_hash = ?",
        [path.name, source_hash],
    ).fetchall()
    if found[0][0]:
        return GoalLoadResult(path.name, source_hash, skipped=True)
    frames = workbook_frames(read_goal_workbook(path), source_hash)  # raises before any write
    con.begin()
    try:
        rows = {table: _replace(con, table, path.name, frame) for table, frame in frames.items()}
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return GoalLoadResult(path.name, source_hash, skipped=False, rows=rows)


def _replace(con: duckdb.DuckDBPyConnection, table: str, name: str, frame: pd.DataFrame) -> int:
    con.execute(f"delete from raw.{table} where source_file = ?", [name])
    if frame.empty:
        return 0
    columns = TABLES[table]
    casts = ", ".join(f'cast("{column}" as {kind}) as {column}' for column, kind in columns.items())
    con.register("goal_frame", frame)
    try:
        con.execute(f"insert into raw.{table} by name select {casts} from goal_frame")
    finally:
        con.unregister("goal_frame")
    return len(frame)


def workbook_frames(book: GoalWorkbook, source_hash: str) -> dict[str, pd.DataFrame]:
    """One DataFrame per raw table, each row tagged with its file, hash, sheet and row."""
    info = book.info
    common = {
        "source_file": info.file_name,
        "source_hash": source_hash,
        "municipality_code": info.municipality_code,
        "org_unit_code": info.unit_code,
        "reporting_date": info.reporting_date,
    }
    files = [{**common, "responsible_person": info.responsible_person, "ingested_at": _now()}]
    records = {
        "goal_files": files,
        "goals": [{**common, **_goal(goal)} for goal in book.goals],
        "goal_assessments": [
            {**common, **_assessment(goal, assessment)}
            for goal in book.goals
            for assessment in goal.assessments
        ],
        "indicator_values": [{**common, **row} for row in _indicator_rows(book)],
        "risks": [{**common, **_risk(risk)} for risk in book.risks],
        "projects": [{**common, **_project(project)} for project in book.projects],
    }
    return {
        table: pd.DataFrame(rows, columns=list(TABLES[table])) for table, rows in records.items()
    }


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # UTC, stored as a plain TIMESTAMP


def _goal(goal) -> dict[str, object]:
    return {
        "source_sheet": goal.sheet,
        "source_row": goal.row,
        "goal_kind": GOAL_KINDS[goal.goal_kind],
        "theme_text": goal.theme,
        "goal_text": goal.goal,
        "measure_text": goal.measure,
        "responsible": goal.responsible,
        "status_original": goal.status,
    }


def _assessment(goal, assessment) -> dict[str, object]:
    return {
        "source_sheet": goal.sheet,
        "source_row": goal.row,
        "cell": assessment.cell,
        "goal_kind": GOAL_KINDS[goal.goal_kind],
        "as_of_date": assessment.as_of_date,
        "assessment_text": assessment.text,
    }


def _indicator_rows(book: GoalWorkbook) -> list[dict[str, object]]:
    """value_seq numbers the values of one cell (two sources give two values) from 1."""
    rows, seen = [], {}
    for value in book.indicators:
        seen[value.cell] = seen.get(value.cell, 0) + 1
        rows.append(
            {
                "source_sheet": value.sheet, "source_row": value.row, "cell": value.cell,
                "value_seq": seen[value.cell], "theme_text": value.theme,
                "indicator_name": value.indicator, "year": value.year,
                "value_kind": value.value_kind, "value_text": value.value_text,
                "value_low": value.value_low, "value_high": value.value_high,
                "value_unit": value.value_unit, "value_note": value.value_note,
            }
        )  # fmt: skip
    return rows


def _risk(risk) -> dict[str, object]:
    return {
        "source_sheet": risk.sheet,
        "source_row": risk.row,
        "risk_class": risk.risk_class,
        "risk_text": risk.risk,
        "probability": risk.probability,
        "significance": risk.significance,
        "control_measure": risk.control,
        "control_outcome": risk.control_outcome,
        "responsible": risk.responsible,
    }


def _project(project) -> dict[str, object]:
    return {
        "source_sheet": project.sheet,
        "source_row": project.row,
        "theme_text": project.theme,
        "project_name": project.name,
        "period_text": project.period,
        "total_funding": project.total_funding,
        "funder": project.funder,
        "city_share_pct": project.city_share_pct,
        "city_share_text": project.city_share_text,
        "expense_realisation_pct": project.expense_realisation_pct,
        "status_text": project.status_text,
        "description": project.description,
    }
