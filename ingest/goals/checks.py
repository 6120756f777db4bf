"""Goal workbooks' file checks: rows for audit_run.file_checks, which the gate reads.

A row has the shape warehouse.gate.file_checks.COLUMNS gives (the CSV ingest writes the
same): one row per workbook and check that failed. The gate shows them as check results
`goal_workbooks.<check>`; an error row blocks publication, a warn row only asks a person
to look.
"""

from __future__ import annotations

import json

from ingest.errors import LandingFileError
from ingest.goals import GoalWorkbook
from ingest.goals.workbook import Notice
from warehouse.gate.file_checks import UNREADABLE
from warehouse.gate.scopes import GOAL_WORKBOOK

KIND = "goal_workbooks"


def unreadable_row(
    run_id: str,
    file_name: str,
    problem: LandingFileError,
    placed: tuple[str, str] | None = None,
) -> dict:
    """An error row: the workbook could not be accepted, was quarantined, loaded nothing.

    `placed` is the (municipality, unit) an earlier version of the same file was loaded
    for: what the failure holds back is that unit's goals (warehouse.gate.scopes); a
    workbook never loaded before holds back every goal row, since its unit is unknown."""
    lines = str(problem).splitlines()
    return {
        "run_id": run_id,
        "kind": KIND,
        "source_file": file_name,
        "check_name": UNREADABLE,
        "severity": "error",
        "explanation": "Työkirjaa ei voitu lukea: " + lines[0][:300],
        "failures": 1,
        "examples": json.dumps([{"problem": line} for line in lines], ensure_ascii=False),
        "quarantined": True,
        "scope_kind": GOAL_WORKBOOK,
        "municipality_code": placed[0] if placed else None,
        "org_unit_code": placed[1] if placed else None,
    }


def notice_rows(run_id: str, workbook: GoalWorkbook) -> list[dict]:
    """Warn rows, one per check the reader raised notices for; each notice an example
    placed at the workbook's unit and reporting date, so a waiver can name them."""
    checks: dict[str, list[Notice]] = {}
    for notice in workbook.notices:
        checks.setdefault(notice.check, []).append(notice)
    return [
        {
            "run_id": run_id,
            "kind": KIND,
            "source_file": workbook.info.file_name,
            "check_name": check,
            "severity": "warn",
            "explanation": notices[0].explanation,
            "failures": len(notices),
            "examples": json.dumps(
                [_example(workbook, notice) for notice in notices], ensure_ascii=False
            ),
            "quarantined": False,
            "scope_kind": GOAL_WORKBOOK,
            "municipality_code": workbook.info.municipality_code,
            "org_unit_code": workbook.info.unit_code,
        }
        for check, notices in checks.items()
    ]


def _example(workbook: GoalWorkbook, notice: Notice) -> dict:
    info = workbook.info
    return {
        "municipality_code": info.municipality_code,
        "org_unit_code": info.unit_code,
        "period": info.reporting_date.isoformat(),
        "source_row": notice.row,  # an integer: the gate stores it as the evidence's row
        "sheet": notice.sheet,
        "cell": notice.cell,
        "problem": notice.message,
    }
