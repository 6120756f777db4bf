"""The format every finance CSV shares: header, numbers and dates (bytes: `ingest.encoding`).

The Python here touches the header line only; row values are handled by the SQL
expressions below so that DuckDB parses a 200 000-row month set-based.
"""

import csv
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ingest.errors import LandingFileError
from warehouse.hetu import mask_hetu
from warehouse.sql import literal

# Thousands separators seen in exports: space, no-break space, narrow no-break space.
_SPACES = " \u00a0\u202f"
_NUMBER_RE = rf"^[-\x{{2212}}]?[{_SPACES}]?(\d{{1,3}}([{_SPACES}]\d{{3}})+|\d+)(,\d{{1,2}})?$"
_DATE_RE = r"^\d{1,2}\.\d{1,2}\.\d{4}$"
# What a message says was expected: "odotettiin lukua muodossa 1 234,56, löytyi …".
NUMBER_EXPECTED = "lukua muodossa 1 234,56"
DATE_EXPECTED = "päivämäärää muodossa 31.3.2026"


def normalise_name(name: str) -> str:
    """The form column names are compared in: no BOM, no surrounding spaces, any case."""
    return unicodedata.normalize("NFC", name.replace("\ufeff", "")).strip().casefold()


def read_header(path: Path) -> list[str]:
    """The header line's column names as written (BOM and line ending removed).

    A header that ends with a ';' (`a;b;c;`, as some exports write every line) has no
    column after it: the empty name that ';' leaves is not a column (see `without_trailing`).
    """
    with path.open(encoding="utf-8", newline="") as stream:
        first_line = stream.readline().lstrip("\ufeff").rstrip("\r\n")
    return without_trailing(next(csv.reader([first_line], delimiter=";", quotechar='"'), []))


def without_trailing(header: list[str]) -> list[str]:
    """The header's names without the empty one a trailing ';' leaves at the end."""
    return header[:-1] if len(header) > 1 and not header[-1].strip() else header


def match_columns(header: list[str], wanted: Sequence[str], file_name: str) -> dict[str, int]:
    """Position in the header of each wanted column; a missing or doubled one is an error."""
    if not any(name.strip() for name in header):
        problem = f"{file_name}, rivi 1: odotettiin otsikkoriviä, löytyi tyhjä rivi"
        raise LandingFileError(file_name, [problem])
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        positions.setdefault(normalise_name(name), []).append(index)
    found = {c: positions[normalise_name(c)][0] for c in wanted if normalise_name(c) in positions}
    missing = [c for c in wanted if c not in found]
    doubled = [c for c in wanted if len(positions.get(normalise_name(c), [])) > 1]
    if not missing and not doubled:
        return found
    where = f"{file_name}, rivi 1"
    separator = _other_separator(header)
    if len(missing) == len(wanted) and separator:
        problem = (
            f"{where}: odotettiin ';'-merkein eroteltuja sarakkeita, löytyi otsikkorivi, jonka"
            f" erotin on {separator}: tallenna tiedosto niin, että erottimena on ';'"
        )
        raise LandingFileError(file_name, [problem])
    if len(missing) == len(wanted) and _looks_like_data(header):
        problem = (
            f"{where}: odotettiin otsikkoriviä ({';'.join(wanted)}), löytyi tietorivi: "
            "otsikkorivi puuttuu"
        )
        raise LandingFileError(file_name, [problem])
    problems = []
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        if len(missing) == 1:
            text = f"saraketta {names}, otsikkorivillä ei ole sen nimistä saraketta"
        else:
            text = f"sarakkeita {names}, otsikkorivillä ei ole niiden nimisiä sarakkeita"
        problems.append(f"{where}: odotettiin {text}")
    if doubled:
        names = ", ".join(f"'{c}'" for c in doubled)
        problems.append(f"{where}: odotettiin kutakin saraketta kerran, löytyi {names} kahdesti")
    shown = ", ".join(f"'{shown_name(name)}'" for name in header)
    problems.append(f"{file_name}: otsikkorivin sarakkeet ovat {shown}")
    raise LandingFileError(file_name, problems)


def _other_separator(header: list[str]) -> str | None:
    """The separator a one-column header was really written with (',' or a tab)."""
    if len(header) != 1:
        return None
    line = header[0]
    named = {"','": line.count(","), "sarkain": line.count("\t"), "'|'": line.count("|")}
    best = max(named, key=named.__getitem__)
    return best if named[best] >= 2 else None


def _looks_like_data(header: list[str]) -> bool:
    """A first line whose fields are mostly numbers is a data row, not a header."""
    numeric = sum(bool(re.fullmatch(r"[\d\s.,\-]+", name.strip())) for name in header)
    return numeric * 2 >= len([name for name in header if name.strip()])


def shown_name(name: str) -> str:
    """A header name as a message may show it: identity codes masked, long names cut."""
    text = mask_hetu(name.replace("\ufeff", "").strip()) or ""
    return text if len(text) <= 40 else text[:40] + "…"


# --- SQL expressions over one VARCHAR column (an already quoted identifier) -------------
# The reader trims every field once (`text_sql`) before it types and checks the row; the
# other expressions take that trimmed text (NULL for an empty field).


_TRIMMED = _SPACES + chr(9)
# A field that starts or ends with a space or tab: the few that need trimming.
_PADDED_RE = f"^[{_TRIMMED}]|[{_TRIMMED}]$"


def text_sql(column: str) -> str:
    """Trimmed text; an empty field becomes NULL.

    DuckDB's trim with a set of characters reads the set anew for every value (three
    times the cost of the test); most fields have nothing to trim, so only those that
    start or end with one of the characters are trimmed.
    """
    trimmed = f"trim({column}, {literal(_TRIMMED)})"
    padded = f"regexp_matches({column}, {literal(_PADDED_RE)})"
    return f"nullif(case when {padded} then {trimmed} else {column} end, '')"


def number_is_valid_sql(value: str) -> str:
    """True when the trimmed field is empty or a number in the contract's format fitting
    DECIMAL(18,2)."""
    return (
        f"({value} is null or (regexp_full_match({value}, {literal(_NUMBER_RE)})"
        f" and try_cast({_number_text(value)} as decimal(18, 2)) is not null))"
    )


def _number_text(value: str) -> str:
    """The number as DuckDB reads one: no thousands spaces, '-' for '−', '.' for ','."""
    for space in _SPACES:  # plain replaces: a regular expression per value costs more
        value = f"replace({value}, {literal(space)}, '')"
    return f"replace(replace({value}, '\u2212', '-'), ',', '.')"


def amount_sql(value: str) -> str:
    """DECIMAL(18,2) from the trimmed '-1 234,56', '− 742 373' or '1234'; empty means zero.

    Never raises: a value that is not a number types as zero, and the file's value rule
    (`number_is_valid_sql`, evaluated in the same statement) refuses the file.
    """
    return f"coalesce(try_cast({_number_text(value)} as decimal(18, 2)), 0)"


def date_is_valid_sql(value: str) -> str:
    """True when the trimmed field is empty or a real calendar date written d.m.yyyy."""
    return (
        f"({value} is null or (regexp_full_match({value}, {literal(_DATE_RE)})"
        f" and try_strptime({value}, '%d.%m.%Y') is not null))"
    )


def date_sql(value: str) -> str:
    """DATE from the trimmed '31.3.2026' or '01.04.2026'; empty becomes NULL.

    Never raises: a value that is not a date types as NULL, and the file's value rule
    (`date_is_valid_sql`, evaluated in the same statement) refuses the file.
    """
    return f"cast(try_strptime({value}, '%d.%m.%Y') as date)"
