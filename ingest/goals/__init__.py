"""Goal workbooks (<landing>/goals/*.xlsx) into raw.goal_* of the candidate.

One reader module per sheet kind (`goals.py`, `indicators.py`, `info.py`, `projects.py`,
`risks.py`; `workbook.py` the parts they share); `load.py` loads a workbook whole or
quarantines it (`ingest.quarantine`), with its tables (`tables.py`) and the file-check
rows the gate reads (`checks.py`).

Each reader returns typed records carrying the workbook's file name, the sheet and the row
(and cell where it helps) they came from; statuses and values keep the text as written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest.goals.goals import Goal, goals_from
from ingest.goals.indicators import IndicatorValue, indicators_from
from ingest.goals.info import WorkbookInfo, info_from
from ingest.goals.projects import Project, projects_from
from ingest.goals.risks import Risk, risks_from
from ingest.goals.workbook import Notice, open_book
from ingest.landing import is_complete


@dataclass(frozen=True)
class GoalWorkbook:
    """Everything one workbook holds; a missing sheet gives an empty list. `notices` are
    values read in a way a person should confirm (the workbook still loads)."""

    info: WorkbookInfo
    goals: list[Goal]
    indicators: list[IndicatorValue]
    risks: list[Risk]
    projects: list[Project]
    notices: list[Notice] = field(default_factory=list)


def read_goal_workbook(path: Path) -> GoalWorkbook:
    """Read every sheet of one workbook, opening the file once.

    Raises LandingFileError (one line naming file, sheet and cell) when the workbook
    cannot be accepted: not an .xlsx, damaged, unsafe XML, `Tiedot` missing, a bad value.
    """
    with open_book(path) as book:
        info = info_from(book)
        return GoalWorkbook(
            info,
            goals_from(book, info.reporting_date.year),
            indicators_from(book),
            risks_from(book),
            projects_from(book),
            book.notices,
        )


def goal_files(landing: Path, settle_seconds: float = 0) -> list[Path]:
    """The complete workbooks in <landing>/goals/, sorted by name (see `workbooks_in`);
    one changed less than `settle_seconds` ago may still be being written and waits."""
    now = time.time()
    return [p for p in workbooks_in(landing / "goals") if is_complete(p, settle_seconds, now)]


def workbooks_in(folder: Path) -> list[Path]:
    """The .xlsx files of `folder`, sorted by name; the extension in any case (`.XLSX` from
    some programs), Excel's `~$` lock files of open workbooks skipped."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix.lower() == ".xlsx" and path.is_file() and not path.name.startswith("~$")
    )
