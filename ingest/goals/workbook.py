"""What every goal-workbook sheet shares: opening, header rules, cell text and messages.

Workbooks are opened read-only (streamed, fast on thousands of rows). Read-only mode does
not expose merged cells: a merged cell's value sits in its top-left cell and the cells it
covers read as empty. The theme column is therefore carried down from the last non-empty
theme above, which is what a reader of the merged cell sees; other merged texts (a
theme-level assessment) belong to the first row of the merge only.

Read-only mode also trusts the size a sheet declares (`<dimension ref="A1:H20"/>`). WPS
Office and some libraries declare `A1` whatever the sheet holds, so every sheet is read
to its real end instead (`sheet_cells`).

Every text read from a cell passes `clean_text`, which masks personal identity codes: a
code typed into a goal, a risk or a project never reaches a record or a message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ingest.errors import LandingFileError
from ingest.goals.refusals import refusal
from warehouse.hetu import mask_hetu

_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_SHOWN = 80  # characters of a cell's text quoted in a message


@dataclass(frozen=True)
class Notice:
    """A value read in a way a person should confirm: a warn-severity file check."""

    check: str  # e.g. percent_read_as_fraction
    explanation: str  # what the check means, the same for every notice of the check
    sheet: str
    row: int
    cell: str
    message: str  # names file, sheet and cell, what was found and how it was read


@dataclass(frozen=True)
class Book:
    """An open workbook, the file every record and message refers to, and the notices
    its readers raise on the way."""

    path: Path
    workbook: Workbook
    notices: list[Notice] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Row:
    """One data row: its number as Excel shows it and its cells by column key; `headers`
    holds each key's header as written in the workbook, for messages."""

    number: int
    values: dict[str, object]
    formats: dict[str, str]
    letters: dict[str, str]
    headers: dict[str, object]

    def cell(self, key: str) -> str:
        return f"{self.letters[key]}{self.number}"

    def where(self, key: str) -> str:
        """'solu D3 ('Kokonaisrahoitus')': the cell and the header a person sees above it."""
        return f"solu {self.cell(key)} ({quoted(self.headers[key])})"


@contextmanager
def open_book(path: Path) -> Iterator[Book]:
    """The workbook opened read-only with cached values (formulas as last computed).

    Raises LandingFileError (see ingest.goals.refusals) for a file that is not an .xlsx
    workbook, is damaged, or holds XML that defusedxml refuses.
    """
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # only openpyxl runs here: every failure is the file's
        raise refusal(path, error) from error
    try:
        yield Book(path, workbook)
    finally:
        workbook.close()


def fail(book: Book, sheet: str, where: str | None, reason: str) -> LandingFileError:
    """An error naming file, sheet and cell (or row) so that a person can find it:
    'w.xlsx, välilehti 'Riskit', solu C2 ('Todennäköisyys'): odotettiin 1, 2 tai 3,
    löytyi '5''."""
    place = f", {where}" if where else ""
    return LandingFileError(
        book.file_name, [f"{book.file_name}, välilehti {quoted(sheet)}{place}: {reason}"]
    )


def find_sheet(book: Book, name: str):
    """The sheet whose title matches `name` ignoring case and spaces, or None when missing."""
    wanted = header_key(name)
    return next((s for s in book.workbook.worksheets if header_key(s.title) == wanted), None)


def sheet_cells(book: Book, sheet, **limits) -> Iterator[tuple]:
    """The rows of `sheet` as openpyxl cells, read to the sheet's real end, never to the
    size it declares; `limits` are iter_rows' (e.g. max_col=2). A row may be shorter than
    the widest one, and a row missing from the file comes as an empty tuple.

    Raises LandingFileError naming the sheet when its XML cannot be read (damaged, or
    refused by defusedxml)."""
    sheet.reset_dimensions()
    try:
        yield from sheet.iter_rows(**limits)
    except Exception as error:  # only openpyxl's parsing runs inside this loop
        raise refusal(book.path, error, sheet.title) from error


def header_key(text: object) -> str:
    """Headers as compared: hyphenated line breaks joined, spaces collapsed, any case."""
    value = unicodedata.normalize("NFC", str(text or "")).replace("-\n", "").replace("\n", " ")
    return _SPACES.sub(" ", value).strip().casefold()


def clean_text(value: object) -> str | None:
    """Cell text with line breaks kept, spaces at line ends removed and personal identity
    codes masked (warehouse.hetu); empty becomes None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return mask_hetu("\n".join(lines).strip()) or None


def quoted(value: object) -> str:
    """A cell's content as a message shows it: masked, on one line, cut at 80 characters,
    in quotes; 'tyhjä solu' when empty."""
    text = clean_text(value)
    if text is None:
        return "tyhjä solu"
    text = " ".join(text.split("\n"))
    return f"'{text[:_SHOWN]}…'" if len(text) > _SHOWN else f"'{text}'"


def sheet_rows(
    book: Book, sheet_name: str, rules: dict[str, re.Pattern[str]], required: dict[str, str]
):
    """Header columns matched by rule, then the data rows; empty and 'Yhteensä' rows skipped.

    `required` maps a column's key to the header a person would write ('risk':
    'Tunnistettu riski'), for the message when it is missing. Returns (matched header
    extras, rows); a missing sheet gives no rows. A column whose header no rule knows is
    ignored; a required column missing, or two columns matching one rule, is an error.
    """
    sheet = find_sheet(book, sheet_name)
    if sheet is None:
        return {}, []
    rows = sheet_cells(book, sheet)
    header = next(rows, ())
    columns, extras = _match_header(book, sheet.title, header, rules, required)
    headers = {key: header[index].value for key, index in columns.items()}
    letters = {key: get_column_letter(index + 1) for key, index in columns.items()}
    found = []
    for cells in rows:
        if not cells:
            continue
        values = {k: cells[i].value if i < len(cells) else None for k, i in columns.items()}
        texts = [clean_text(v) for v in values.values()]
        if not any(texts) or any(t and t.casefold().startswith("yhteensä") for t in texts):
            continue
        number = next(c.row for c in cells if getattr(c, "row", None))
        formats = {k: _number_format(cells[i]) for k, i in columns.items() if i < len(cells)}
        found.append(Row(number, values, formats, letters, headers))
    return extras, found


def _number_format(cell) -> str:
    """The cell's number format, '' when it has none. The lookup runs in openpyxl outside
    its parsing: a style table that lacks the cell's style costs the format, not the run."""
    try:
        return getattr(cell, "number_format", "") or ""
    except (IndexError, KeyError):
        return ""


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
                first = header[columns[name]]
                where = f"solu {get_column_letter(index + 1)}1"
                reason = (
                    f"odotettiin yhtä saraketta kuten {quoted(first.value)} (sarake "
                    f"{get_column_letter(columns[name] + 1)}), löytyi toinen: {quoted(cell.value)}"
                )
                raise fail(book, title, where, reason)
            columns[name], extras[name] = index, match
            break
    missing = [quoted(label) for key, label in required.items() if key not in columns]
    if missing:
        shown = [quoted(c.value) for c in header if clean_text(c.value)]
        found = f"otsikot {', '.join(shown)}" if shown else "ei otsikoita"
        expected = "saraketta" if len(missing) == 1 else "sarakkeita"
        reason = f"odotettiin {expected} otsikolla {' ja '.join(missing)}, löytyi {found}"
        raise fail(book, title, "rivi 1", reason)
    return columns, extras
