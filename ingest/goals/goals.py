"""Sheets `Sitovat tavoitteet` (binding goals) and `Käyttösuunnitelma` (operational plan)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.goals.info import info_from
from ingest.goals.workbook import Book, Row, clean_text, fail, open_book, quoted, sheet_rows

SHEETS = {"binding": "Sitovat tavoitteet", "plan": "Käyttösuunnitelma"}
_UNIT_WORDS = r"(?:toimialan|palvelualueen|vastuualueen|lautakunnan|yksikön)"
REQUIRED = {"theme": "Strateginen päämäärä", "goal": "Tavoite"}
RULES = {
    "theme": re.compile(r"^strateginen (päämäärä|tavoite)"),
    "goal": re.compile(rf"^(?:{_UNIT_WORDS} )?tavoite(?: \d{{4}})?$"),
    "measure": re.compile(r"^mittari"),
    "responsible": re.compile(r"^vastuu"),
    "status": re.compile(r"^tila$"),
    "assessment {}.{}": re.compile(r"^toteuma (\d{1,2})\.(\d{1,2})\.?$"),
}


@dataclass(frozen=True)
class Assessment:
    """What the unit wrote about a goal at one reporting date (a Toteuma column)."""

    as_of_date: dt.date
    text: str
    cell: str


@dataclass(frozen=True)
class Goal:
    """One goal row; `theme` is carried down from the merged theme cell above."""

    file_name: str
    sheet: str
    row: int
    goal_kind: str  # binding | plan
    theme: str | None
    goal: str
    measure: str | None
    responsible: str | None
    status: str | None
    assessments: tuple[Assessment, ...]


def read_goals(path: Path) -> list[Goal]:
    with open_book(path) as book:
        return goals_from(book, info_from(book).reporting_date.year)


def goals_from(book: Book, year: int) -> list[Goal]:
    """Both goal sheets' rows; assessment dates take the year of the reporting date."""
    goals: list[Goal] = []
    for kind, sheet in SHEETS.items():
        _, rows = sheet_rows(book, sheet, RULES, REQUIRED)
        theme = None
        for row in rows:
            theme = clean_text(row.values["theme"]) or theme
            goals.append(_goal(book, sheet, kind, row, theme, year))
    return goals


def _goal(book: Book, sheet: str, kind: str, row: Row, theme: str | None, year: int) -> Goal:
    text = clean_text(row.values["goal"])
    if text is None:
        reason = "odotettiin tavoitteen tekstiä, löytyi tyhjä solu"
        raise fail(book, sheet, row.where("goal"), reason)
    return Goal(
        book.file_name,
        sheet,
        row.number,
        kind,
        theme,
        text,
        clean_text(row.values.get("measure")),
        clean_text(row.values.get("responsible")),
        clean_text(row.values.get("status")),
        _assessments(book, sheet, row, year),
    )


def _assessments(book: Book, sheet: str, row: Row, year: int) -> tuple[Assessment, ...]:
    found = []
    for key, value in row.values.items():
        if not key.startswith("assessment ") or (text := clean_text(value)) is None:
            continue
        day, month = (int(part) for part in key.removeprefix("assessment ").split("."))
        try:
            found.append(Assessment(dt.date(year, month, day), text, row.cell(key)))
        except ValueError:
            where = f"solu {row.letters[key]}1"
            reason = (
                f"odotettiin otsikkoa 'Toteuma p.k.', jonka päivä on vuoden {year} päivä (esim."
                f" 'Toteuma 31.3.'), löytyi {quoted(row.headers[key])}"
            )
            raise fail(book, sheet, where, reason) from None
    return tuple(sorted(found, key=lambda a: a.as_of_date))
