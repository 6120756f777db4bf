"""The raw.goal_* tables: their columns, and one workbook's rows as a DataFrame per table."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from ingest.goals import GoalWorkbook

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
        # the raw column keeps its old spelling: dbt's stg_goals__projects reads it by name
        "expense_realisation_pct": project.expense_realization_pct,
        "status_text": project.status_text,
        "description": project.description,
    }
