"""What every goal-workbook sheet shares: opening, header rules, cell text and numbers.

Workbooks are opened read-only (streamed, fast on thousands of rows). Read-only mode does
not expose merged cells: a merged cell's value sits in its top-left cell and the cells it
covers read as empty. The theme column is therefore carried down from the last non-empty
theme above, which is what a reader of the merged cell sees; other merged texts (a
theme-level assessment) belong to the first row of the merge only.

Read-only mode also trusts the size a sheet declares (`<dimension ref="A1:H20"/>`). WPS
Office and some libraries declare `A1` whatever the sheet holds, so every sheet is read
to its real end instead (`sheet_cells`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ingest.errors import LandingFileError

_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_NUMBER = re.compile(r"^(?P<sign>[-\u2212]?)(?P<digits>\d+(?:[.,]\d+)?)(?P<pct>%?)$")
_LEADING_PERCENT = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*%\s+\S")


@dataclass(frozen=True)
class Book:
    """An open workbook and the file name every record and error refers to."""

    file_name: str
    workbook: Workbook


@dataclass(frozen=True)
class Row:
    """One data row: its number as Excel shows it and its cells by column key."""

    number: int
    values: dict[str, object]
    formats: dict[str, str]
    letters: dict[str, str]

    def cell(self, key: str) -> str:
        return f"{self.letters[key]}{self.number}"


@contextmanager
def open_book(path: Path) -> Iterator[Book]:
    """The workbook opened read-only with cached values (formulas as last computed)."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is not xlsx
        problem = [f"{path.name}: expected an .xlsx workbook: {error}"]
        raise LandingFileError(path.name, problem) from error
    try:
        yield Book(path.name, workbook)
    finally:
        workbook.close()


def fail(book: Book, sheet: str, where: str, reason: str) -> LandingFileError:
    """An error naming file, sheet and cell (or row) so that a person can find it."""
    return LandingFileError(
        book.file_name, [f"{book.file_name}, sheet '{sheet}', {where}: {reason}"]
    )


def find_sheet(book: Book, name: str):
    """The sheet whose title matches `name` ignoring case and spaces, or None when missing."""
    wanted = header_key(name)
    return next((s for s in book.workbook.worksheets if header_key(s.title) == wanted), None)


def sheet_cells(sheet, **limits) -> Iterator[tuple]:
    """The rows of `sheet` as openpyxl cells, read to the sheet's real end, never to the
    size it declares; `limits` are iter_rows' (e.g. max_col=2). A row may be shorter than
    the widest one, and a row missing from the file comes as an empty tuple."""
    sheet.reset_dimensions()
    yield from sheet.iter_rows(**limits)


def header_key(text: object) -> str:
    """Headers as compared: hyphenated line breaks joined, spaces collapsed, any case."""
    value = unicodedata.normalize("NFC", str(text or "")).replace("-\n", "").replace("\n", " ")
    return _SPACES.sub(" ", value).strip().casefold()


def clean_text(value: object) -> str | None:
    """Cell text with line breaks kept, spaces at line ends removed; empty becomes None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip() or None


def sheet_rows(book: Book, sheet_name: str, rules: dict[str, re.Pattern[str]], required: set[str]):
    """Header columns matched by rule, then the data rows; empty and 'Yhteensä' rows skipped.

    Returns (matched header extras, rows); a missing sheet gives no rows. A column whose
    header no rule knows is ignored; a required column missing, or two columns matching one
    rule, is an error.
    """
    sheet = find_sheet(book, sheet_name)
    if sheet is None:
        return {}, []
    rows = sheet_cells(sheet)
    header = next(rows, ())
    columns, extras = _match_header(book, sheet.title, header, rules, required)
    found = []
    for cells in rows:
        if not cells:
            continue
        values = {k: cells[i].value if i < len(cells) else None for k, i in columns.items()}
        texts = [clean_text(v) for v in values.values()]
        if not any(texts) or any(t and t.casefold().startswith("yhteensä") for t in texts):
            continue
        number = next(c.row for c in cells if getattr(c, "row", None))
        formats = {
            k: getattr(cells[i], "number_format", "") for k, i in columns.items() if i < len(cells)
        }
        letters = {k: get_column_letter(i + 1) for k, i in columns.items()}
        found.append(Row(number, values, formats, letters))
    return extras, found


def _match_header(book, title, header, rules, required):
    columns: dict[str, int] = {}
    extras: dict[str, re.Match[str]] = {}
    for index, cell in enumerate(header):
        key = header_key(cell.value)
        for name, pattern in rules.items():
            match = pattern.search(key)
            if not match:
                continue
            name = name.format(*match.groups()) if "{" in name else name
            if name in columns:
                where = f"cell {get_column_letter(index + 1)}1"
                raise fail(book, title, where, f"a second column for '{name}' ('{cell.value}')")
            columns[name], extras[name] = index, match
            break
    missing = sorted(required - set(columns))
    if missing:
        found = ", ".join(repr(clean_text(c.value)) for c in header)
        raise fail(book, title, "row 1", f"expected columns {missing}, found {found}")
    return columns, extras


def parse_number(book: Book, sheet: str, row: Row, key: str) -> float | None:
    """176987, '176 987', '301 987 €' -> 176987.0; '25 %' and 0.25 formatted as % -> 25.0."""
    value = row.values.get(key)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return round(float(value) * 100, 9) if "%" in row.formats.get(key, "") else float(value)
    text = _SPACES.sub("", clean_text(value) or "").replace("€", "")
    if not text:
        return None
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise fail(book, sheet, f"cell {row.cell(key)}", f"expected a number, found {value!r}")
    number = float(match["digits"].replace(",", "."))
    return -number if match["sign"] else number


def parse_percent(book: Book, sheet: str, row: Row, key: str) -> float | None:
    """A percentage; text that starts with one and goes on to explain it keeps that number."""
    text = clean_text(row.values.get(key))
    if text and (match := _LEADING_PERCENT.match(text)):
        return float(match["number"].replace(",", "."))
    return parse_number(book, sheet, row, key)
