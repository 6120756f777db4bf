"""Sheet `Tunnusluvut`: one row per key indicator, one column per year and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingest.goals.workbook import Book, clean_text, open_book, sheet_rows

SHEET = "Tunnusluvut"
RULES = {
    "theme": re.compile(r"^(strateginen (päämäärä|tavoite)|elinvoiman kärki)"),
    "indicator": re.compile(r"^tunnusluku"),
    "value {} {}": re.compile(r"^(toteutuma|toteuma|tavoite) (\d{4})\b"),
}
_KINDS = {"toteutuma": "Toteutuma", "toteuma": "Toteutuma", "tavoite": "Tavoite"}
_NUM = r"-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?"
_VALUE = re.compile(rf"^(?P<low>{_NUM})(?:\s*[–—-]\s*(?P<high>{_NUM}))?\s*(?P<rest>.*)$", re.S)


@dataclass(frozen=True)
class IndicatorValue:
    """One printed value of one indicator, year and kind (a cell may hold two: two sources)."""

    file_name: str
    sheet: str
    row: int
    cell: str
    theme: str | None
    indicator: str
    year: int
    value_kind: str  # Toteutuma | Tavoite
    value_text: str
    value_low: float | None
    value_high: float | None
    value_unit: str | None
    value_note: str | None


def read_indicators(path: Path) -> list[IndicatorValue]:
    with open_book(path) as book:
        return indicators_from(book)


def indicators_from(book: Book) -> list[IndicatorValue]:
    _, rows = sheet_rows(book, SHEET, RULES, {"indicator": "Tunnusluku"})
    values: list[IndicatorValue] = []
    theme = None
    for row in rows:
        theme = clean_text(row.values.get("theme")) or theme
        name = clean_text(row.values["indicator"])
        for key, raw in row.values.items():
            if not key.startswith("value ") or (text := clean_text(raw)) is None:
                continue
            _, kind, year = key.split(" ")
            for part in split_values(text):
                low, high, unit, note = parse_value(part)
                values.append(
                    IndicatorValue(
                        book.file_name, SHEET, row.number, row.cell(key), theme, name or "",
                        int(year), _KINDS[kind], part, low, high, unit, note,
                    )
                )  # fmt: skip
    return values


def split_values(text: str) -> list[str]:
    """Two values in one cell, one per line ('15 by the register,\\n53 by Statistics Finland')."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and all(_VALUE.match(line) for line in lines):
        return lines
    return [text]


def parse_value(text: str) -> tuple[float | None, float | None, str | None, str | None]:
    """'10' -> (10, 10, None, None); '6–10 tonttia.' -> (6, 10, 'tonttia', None);
    '15 Heinolan väestötiedon mukaan,' -> (15, 15, None, 'Heinolan väestötiedon mukaan');
    text that does not start with a number -> all None."""
    match = _VALUE.match(text)
    if match is None:
        return None, None, None, None
    low = _number(match["low"])
    high = _number(match["high"]) if match["high"] else low
    rest = match["rest"].strip().rstrip(".,").strip()
    if not rest:
        return low, high, None, None
    if " " not in rest and "\n" not in rest:
        return low, high, rest, None
    return low, high, None, rest


def _number(text: str) -> float:
    return float(re.sub(r"[ \u00a0]", "", text).replace(",", "."))
