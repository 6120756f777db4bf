"""Sheet `Hankkeet`: externally funded projects, their funding and how far spending has got."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingest.goals.numbers import parse_number, parse_percent
from ingest.goals.workbook import Book, Row, clean_text, fail, open_book, sheet_rows

SHEET = "Hankkeet"
RULES = {
    "theme": re.compile(r"^strateginen (päämäärä|tavoite)"),
    "description": re.compile(r"^hankkeen tavoite"),
    "name": re.compile(r"^(hankkeen nimi|hanke$)"),
    "period": re.compile(r"^toteutusaika"),
    "total_funding": re.compile(r"^(hankkeen )?kokonaisrahoitus"),
    "funder": re.compile(r"^(hankkeen )?rahoittaja"),
    "city_share": re.compile(r"^kaupungin rahoitusosuus"),
    "expense_realization": re.compile(r"^menojen toteuma"),
    "status": re.compile(r"^(tilannekatsaus|toteuma \d{1,2}\.\d{1,2}\.?$)"),
}


@dataclass(frozen=True)
class Project:
    """One project row; percentages are 0–100 (25.0 for '25 %' and for 0.25 shown as %)."""

    file_name: str
    sheet: str
    row: int
    theme: str | None
    name: str
    period: str | None
    total_funding: float | None
    funder: str | None
    city_share_pct: float | None
    city_share_text: str | None
    expense_realization_pct: float | None
    status_text: str | None
    description: str | None


def read_projects(path: Path) -> list[Project]:
    with open_book(path) as book:
        return projects_from(book)


def projects_from(book: Book) -> list[Project]:
    _, rows = sheet_rows(book, SHEET, RULES, {"name": "Hankkeen nimi"})
    projects, theme = [], None
    for row in rows:
        theme = clean_text(row.values.get("theme")) or theme
        projects.append(_project(book, row, theme))
    return projects


def _project(book: Book, row: Row, theme: str | None) -> Project:
    name = clean_text(row.values["name"])
    if name is None:
        raise fail(book, SHEET, row.where("name"), "odotettiin hankkeen nimeä, löytyi tyhjä solu")
    share = row.values.get("city_share")
    return Project(
        book.file_name,
        SHEET,
        row.number,
        theme,
        name,
        clean_text(row.values.get("period")),
        parse_number(book, SHEET, row, "total_funding"),
        clean_text(row.values.get("funder")),
        parse_percent(book, SHEET, row, "city_share"),
        clean_text(share) if isinstance(share, str) else None,
        parse_percent(book, SHEET, row, "expense_realization"),
        clean_text(row.values.get("status")),
        clean_text(row.values.get("description")),
    )
