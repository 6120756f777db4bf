"""The Excel review pack (`toteuma export --date D`): the interim report's tables for
controllers, print-ready.

A contents sheet with a link to every sheet, then per unit in the seeds' order a sheet
with its finance tables (explanation text above them, a comment on every figure a
`warn` check questions) and, when the unit has any, a sheet with its goals, indicators,
risks and projects. Every sheet prints on A4 landscape one page wide, with the
municipality, unit and date in the header and page x / y, the publication, the run and
the release status in the footer. Figures stay numbers so they can be summed; only the
display is rounded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from reports.goals import goal_tables
from reports.review_pack.contents import CONTENTS_SHEET, write_contents
from reports.review_pack.goal_sheet import write_goal_sheet
from reports.review_pack.sheet_names import SheetNames
from reports.review_pack.unit_sheet import write_unit_sheet
from reports.source import read_reporting_date
from reports.units import Unit, unit_scope


@dataclass(frozen=True)
class ReviewPackSummary:
    """What write_review_pack wrote: sheet names in order (contents sheet first)."""

    path: Path
    sheets: tuple[str, ...]
    units: int


def write_review_pack(
    warehouse_path: Path,
    reporting_date: dt.date,
    out_path: Path,
    municipality_code: str | None = None,
    unit_code: str | None = None,
) -> ReviewPackSummary:
    """Write the review pack of `reporting_date` (optionally one municipality, and of it
    one unit with every unit under it, as the interim report takes them) to `out_path`."""
    data = read_reporting_date(warehouse_path, reporting_date, municipality_code)
    if unit_code is not None:
        data = replace(data, units=unit_scope(data, unit_code))
    workbook = Workbook()
    contents = workbook.active
    contents.title = CONTENTS_SHEET
    names = SheetNames(len({unit.municipality_code for unit in data.units}) > 1)
    listed: list[tuple[Unit, str, str | None]] = []
    for unit in data.units:
        figures = names.figures(unit)
        write_unit_sheet(workbook.create_sheet(figures), unit, data)
        tables = goal_tables(unit, reporting_date)
        goals = names.goals(unit) if tables else None
        if goals:
            write_goal_sheet(workbook.create_sheet(goals), unit, data, tables)
        listed.append((unit, figures, goals))
    write_contents(contents, listed, data)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out_path)
    return ReviewPackSummary(out_path, tuple(workbook.sheetnames), len(data.units))
