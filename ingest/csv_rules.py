"""Rules every finance CSV shares: encoding, header, numbers, dates and file identity.

The Python here touches bytes and the header line only; row values are handled by the
SQL expressions below so that DuckDB parses a 200 000-row month set-based.
"""

import codecs
import csv
import hashlib
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ingest.errors import LandingFileError

CHUNK_BYTES = 1 << 20
UTF8_BOM = codecs.BOM_UTF8

# Thousands separators seen in exports: space, no-break space, narrow no-break space.
_SPACES = " \u00a0\u202f"
_NUMBER_RE = rf"^[-\x{{2212}}]?[{_SPACES}]?(\d{{1,3}}([{_SPACES}]\d{{3}})+|\d+)(,\d{{1,2}})?$"
_DATE_RE = r"^\d{1,2}\.\d{1,2}\.\d{4}$"
NUMBER_EXPECTED = "a number like 1 234,56"
DATE_EXPECTED = "a date like 31.3.2026"


def sha256_file(path: Path) -> str:
    """Hex sha256 of the file's bytes as delivered (before any transcoding)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def detect_encoding(path: Path) -> str:
    """'utf-8-sig' when the file starts with a BOM, 'utf-8' when it all decodes, else 'cp1252'.

    Older exports are Windows-1252; any byte sequence that is not valid UTF-8 means one.
    """
    with path.open("rb") as stream:
        if stream.read(len(UTF8_BOM)) == UTF8_BOM:
            return "utf-8-sig"
        stream.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := stream.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _transcode(source: Path, encoding: str, target: Path) -> None:
    """Stream source into target as UTF-8 without BOM, one chunk at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with source.open("rb") as reader, target.open("w", encoding="utf-8", newline="") as writer:
        try:
            while chunk := reader.read(CHUNK_BYTES):
                writer.write(decoder.decode(chunk))
            writer.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as error:
            # cp1252 leaves five bytes undefined: such a file is neither of our encodings.
            raise LandingFileError(
                source.name,
                [
                    f"{source.name}: expected UTF-8 or Windows-1252 text, "
                    f"found byte 0x{error.object[error.start]:02x} that is neither"
                ],
            ) from error


@contextmanager
def utf8_source(path: Path) -> Iterator[Path]:
    """Yield a path to the file's text as UTF-8 without BOM (a temporary copy if needed).

    DuckDB reads UTF-8 but knows latin-1, not Windows-1252 (0x80 is '€' only in the
    latter), so other encodings are transcoded to a temporary file first.
    """
    encoding = detect_encoding(path)
    if encoding == "utf-8":
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="toteuma_ingest_") as folder:
        target = Path(folder) / path.name
        _transcode(path, encoding, target)
        yield target


def normalise_name(name: str) -> str:
    """The form column names are compared in: no BOM, no surrounding spaces, any case."""
    return unicodedata.normalize("NFC", name.replace("\ufeff", "")).strip().casefold()


def read_header(path: Path) -> list[str]:
    """The header line's column names as written (BOM and line ending removed)."""
    with path.open(encoding="utf-8", newline="") as stream:
        first_line = stream.readline().lstrip("\ufeff").rstrip("\r\n")
    return next(csv.reader([first_line], delimiter=";", quotechar='"'), [])


def match_columns(header: list[str], wanted: Sequence[str], file_name: str) -> dict[str, int]:
    """Position in the header of each wanted column; a missing or doubled one is an error."""
    if not any(name.strip() for name in header):
        raise LandingFileError(file_name, [f"{file_name}, line 1: expected a header, found none"])
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        positions.setdefault(normalise_name(name), []).append(index)
    problems = []
    found: dict[str, int] = {}
    for column in wanted:
        hits = positions.get(normalise_name(column), [])
        if len(hits) == 1:
            found[column] = hits[0]
        elif not hits:
            problems.append(f"{file_name}, line 1: expected a column '{column}', found none")
        else:
            problems.append(f"{file_name}, line 1: expected one column '{column}', found several")
    if problems:
        problems.append(f"{file_name}: the header is {';'.join(header)!r}")
        raise LandingFileError(file_name, problems)
    return found


# --- SQL expressions over one VARCHAR column (an already quoted identifier) -------------


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def text_sql(column: str) -> str:
    """Trimmed text; an empty field becomes NULL."""
    return f"nullif(trim({column}, {literal(_SPACES + chr(9))}), '')"


def number_is_valid_sql(column: str) -> str:
    """True when the field is empty or a number in the contract's format fitting DECIMAL(18,2)."""
    value = text_sql(column)
    return (
        f"({value} is null or (regexp_full_match({value}, {literal(_NUMBER_RE)})"
        f" and try_cast({_number_text(value)} as decimal(18, 2)) is not null))"
    )


def _number_text(value: str) -> str:
    without_spaces = f"regexp_replace({value}, {literal('[' + _SPACES + ']')}, '', 'g')"
    return f"replace(replace({without_spaces}, '\u2212', '-'), ',', '.')"


def amount_sql(column: str) -> str:
    """DECIMAL(18,2) from '-1 234,56', '− 742 373' or '1234'; empty means zero."""
    return f"coalesce(cast({_number_text(text_sql(column))} as decimal(18, 2)), 0)"


def date_is_valid_sql(column: str) -> str:
    """True when the field is empty or a real calendar date written d.m.yyyy."""
    value = text_sql(column)
    return (
        f"({value} is null or (regexp_full_match({value}, {literal(_DATE_RE)})"
        f" and try_strptime({value}, '%d.%m.%Y') is not null))"
    )


def date_sql(column: str) -> str:
    """DATE from '31.3.2026' or '01.04.2026'; empty becomes NULL."""
    return f"cast(strptime({text_sql(column)}, '%d.%m.%Y') as date)"
