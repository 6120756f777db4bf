"""What a landing CSV's bytes are: its hash, its encoding, and whether it is text at all.

One streaming pass per file (1 MiB chunks) gives the sha256, the encoding and the
line count, from which the reader knows whether its records are the editor's lines
(see `ingest.lines`). Encodings are
detected, never guessed: UTF-8 with or without BOM, UTF-16 with a BOM (PowerShell,
Excel's "Unicode text"), or Windows-1252 when no byte sequence in the file is UTF-8
beyond ASCII. A file that mixes UTF-8 with single Windows-1252 bytes, UTF-16 without a
BOM, a binary file and an empty file are refused, naming line and column where it helps.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import LandingFileError

CHUNK_BYTES = 1 << 20
UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ZIP_MAGIC = b"PK\x03\x04"
SAVE_AS_UTF8 = "tallenna tiedosto UTF-8- (tai Windows-1252-) tekstinä ja toimita se uudelleen"


@dataclass(frozen=True)
class FileSurvey:
    """The facts about one file's bytes that reading it needs."""

    sha256: str  # of the bytes as delivered, before any transcoding
    size: int  # bytes
    encoding: str  # 'utf-8' | 'utf-8-sig' | 'utf-16' | 'cp1252'
    lines: int  # editor lines (a last line without a newline counts); -1: not counted
    has_empty_lines: bool
    mtime_ns: int = 0  # the file's modification time before it was read

    def records_are_lines(self, records: int) -> bool:
        """True when `records` data rows + the header are exactly the file's lines."""
        return not self.has_empty_lines and self.lines == records + 1


def survey_file(path: Path) -> FileSurvey:
    """Hash, size and encoding of `path` in one pass; raises LandingFileError if not text."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    size, invalid, non_ascii, empty_lines, tail = 0, False, False, False, b""
    newlines, last = 0, b""
    with path.open("rb") as stream:
        mtime_ns = os.fstat(stream.fileno()).st_mtime_ns  # a later change shows as another
        head = stream.read(CHUNK_BYTES)
        _refuse_non_text(path.name, head)
        chunk = head
        while chunk:
            digest.update(chunk)
            size += len(chunk)
            text = decoder.decode(chunk)
            invalid = invalid or "\ufffd" in text
            non_ascii = non_ascii or not text.replace("\ufffd", "").isascii()
            window = tail + chunk
            empty_lines = empty_lines or b"\n\n" in window or b"\n\r\n" in window
            newlines += chunk.count(b"\n")
            tail, last = window[-2:], chunk[-1:]
            chunk = stream.read(CHUNK_BYTES)
    invalid = invalid or "\ufffd" in decoder.decode(b"", final=True)
    lines = newlines + (last != b"\n")
    if head.startswith(UTF16_BOMS):  # two bytes a character: lines are counted on the text
        return FileSurvey(digest.hexdigest(), size, "utf-16", -1, True, mtime_ns)
    if invalid and non_ascii:
        raise _mixed_encoding(path)
    if invalid:
        return FileSurvey(digest.hexdigest(), size, "cp1252", lines, empty_lines, mtime_ns)
    encoding = "utf-8-sig" if head.startswith(UTF8_BOM) else "utf-8"
    return FileSurvey(digest.hexdigest(), size, encoding, lines, empty_lines, mtime_ns)


def _refuse_non_text(name: str, head: bytes) -> None:
    if not head:
        problem = f"{name}: tiedosto on tyhjä (0 tavua); odotettiin otsikkoriviä"
        raise LandingFileError(name, [problem])
    if head.startswith(UTF16_BOMS):
        return
    if head.startswith(ZIP_MAGIC):
        raise LandingFileError(
            name,
            [
                f"{name}: odotettiin ';'-merkein eroteltua tekstiä, löytyi zip-tiedosto "
                f"(.csv-nimellä tallennettu Excel-työkirja?); {SAVE_AS_UTF8}"
            ],
        )
    if b"\x00" in head:
        # Every other byte zero is what UTF-16 text looks like when its BOM is missing.
        zeros = head[: 2 * 512].count(b"\x00")
        kind = (
            "UTF-16-tekstiä ilman tavujärjestysmerkkiä (BOM)"
            if zeros > len(head[:1024]) // 4
            else "binääridataa, ei tekstiä"
        )
        raise LandingFileError(name, [f"{name}: odotettiin tekstiä, löytyi {kind}; {SAVE_AS_UTF8}"])


def _mixed_encoding(path: Path) -> LandingFileError:
    """The first byte that is not UTF-8 in a file that otherwise is: line and column."""
    name = path.name
    header: list[str] = []
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                column = _column_at(raw[: error.start], header)
                byte = raw[error.start]
                guess = raw[error.start : error.start + 1].decode("cp1252", errors="replace")
                return LandingFileError(
                    name,
                    [
                        f"{name}, rivi {number}{column}: odotettiin UTF-8-tekstiä kuten muualla "
                        f"tiedostossa, löytyi tavu 0x{byte:02X} (Windows-1252:ssa '{guess}', "
                        f"kirjoitettu toisella ohjelmalla?); tiedostosta ei ladattu mitään, "
                        f"jottei mikään teksti vääristy: {SAVE_AS_UTF8}"
                    ],
                )
            if number == 1:
                header = line.rstrip("\r\n").split(";")
    return LandingFileError(name, [f"{name}: odotettiin UTF-8-tekstiä; {SAVE_AS_UTF8}"])


def _column_at(before: bytes, header: list[str]) -> str:
    index = before.count(b";")
    if index < len(header) and header[index].strip():
        return f", sarake '{header[index].strip()}'"
    return ""


def transcode(source: Path, encoding: str, target: Path) -> None:
    """Stream source into target as UTF-8 without BOM, one chunk at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with source.open("rb") as reader, target.open("w", encoding="utf-8", newline="") as writer:
        try:
            while chunk := reader.read(CHUNK_BYTES):
                writer.write(decoder.decode(chunk))  # utf-8-sig and utf-16 drop the BOM
            writer.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as error:
            # cp1252 leaves five bytes undefined: such a file is neither of our encodings.
            raise LandingFileError(
                source.name,
                [
                    f"{source.name}: odotettiin UTF-8- tai Windows-1252-tekstiä, löytyi tavu "
                    f"0x{error.object[error.start]:02X}, joka ei kuulu kumpaankaan; {SAVE_AS_UTF8}"
                ],
            ) from error


@contextmanager
def utf8_source(path: Path, survey: FileSurvey) -> Iterator[Path]:
    """Yield a path to the file's text as UTF-8 without BOM (a temporary copy if needed).

    DuckDB reads UTF-8 but knows latin-1, not Windows-1252 (0x80 is '€' only in the
    latter), so other encodings are transcoded to a temporary file first.
    """
    if survey.encoding == "utf-8":
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="toteuma_ingest_") as folder:
        target = Path(folder) / path.name
        transcode(path, survey.encoding, target)
        yield target
