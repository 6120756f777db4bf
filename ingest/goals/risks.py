"""Sheet `Riskit`: identified risks, their probability and significance (1–3) and control."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingest.goals.numbers import parse_number
from ingest.goals.workbook import Book, Row, clean_text, fail, open_book, quoted, sheet_rows

SHEET = "Riskit"
RULES = {
    "risk_class": re.compile(r"^riskiluokka"),
    "risk": re.compile(r"^(tunnistettu )?riski$"),
    "probability": re.compile(r"^todennäköisyys"),
    "significance": re.compile(r"^merkittävyys"),
    "control": re.compile(r"^hallintakeino$"),
    "control_outcome": re.compile(r"^hallintakeinon toteutuminen"),
    "responsible": re.compile(r"^vastuu"),
}


@dataclass(frozen=True)
class Risk:
    file_name: str
    sheet: str
    row: int
    risk_class: str | None
    risk: str
    probability: int | None
    significance: int | None
    control: str | None
    control_outcome: str | None
    responsible: str | None


def read_risks(path: Path) -> list[Risk]:
    with open_book(path) as book:
        return risks_from(book)


def risks_from(book: Book) -> list[Risk]:
    _, rows = sheet_rows(book, SHEET, RULES, {"risk": "Tunnistettu riski"})
    return [_risk(book, row) for row in rows]


def _risk(book: Book, row: Row) -> Risk:
    text = clean_text(row.values["risk"])
    if text is None:
        reason = "odotettiin riskin tekstiä, löytyi tyhjä solu"
        raise fail(book, SHEET, row.where("risk"), reason)
    return Risk(
        book.file_name,
        SHEET,
        row.number,
        clean_text(row.values.get("risk_class")),
        text,
        _scale(book, row, "probability"),
        _scale(book, row, "significance"),
        clean_text(row.values.get("control")),
        clean_text(row.values.get("control_outcome")),
        clean_text(row.values.get("responsible")),
    )


def _scale(book: Book, row: Row, key: str) -> int | None:
    if key not in row.values:
        return None
    value = parse_number(book, SHEET, row, key)
    if value is not None and value not in (1, 2, 3):
        found = quoted(row.values[key])
        raise fail(book, SHEET, row.where(key), f"odotettiin 1, 2 tai 3, löytyi {found}")
    return None if value is None else int(value)
