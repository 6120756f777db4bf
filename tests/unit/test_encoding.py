"""Encodings: UTF-8 with or without BOM, and Windows-1252 (which is not latin-1)."""

from pathlib import Path

import duckdb

from ingest.csv_rules import detect_encoding
from ingest.gl_postings import read_gl_postings
from tests.unit.helpers import gl_row


def _descriptions(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    return [row[0] for row in read_gl_postings(con, path).project("description").fetchall()]


def test_windows_1252_euro_and_dash_come_out_right(con, write_gl) -> None:
    # GIVEN a cp1252 file where '€' is byte 0x80 and '–' is 0x96 (other bytes in latin-1)
    path = write_gl([gl_row(selite="Vuokra – 5 €, Hämeenkatu")], encoding="cp1252")
    assert b"\x80" in path.read_bytes() and b"\x96" in path.read_bytes()
    # WHEN it is read
    assert detect_encoding(path) == "cp1252"
    # THEN the text is what the exporter meant
    assert _descriptions(con, path) == ["Vuokra – 5 €, Hämeenkatu"]


def test_utf8_bom_is_stripped_and_header_still_matches(con, write_gl) -> None:
    # GIVEN a UTF-8 file with a BOM in front of the first column name
    path = write_gl([gl_row(selite="Äänestys €")], bom=True)
    # WHEN it is read
    relation = read_gl_postings(con, path)
    # THEN the first column matched and text is intact
    assert detect_encoding(path) == "utf-8-sig"
    assert relation.project("municipality_code, description").fetchall() == [("111", "Äänestys €")]


def test_utf8_without_bom_is_read_as_is(con, write_gl) -> None:
    path = write_gl([gl_row(selite="Kahvila − ö")])
    assert detect_encoding(path) == "utf-8"
    assert _descriptions(con, path) == ["Kahvila − ö"]


def test_non_ascii_beyond_the_first_chunk_is_detected(tmp_path: Path) -> None:
    # GIVEN a file whose only cp1252 byte lies beyond the first 1 MiB chunk
    path = tmp_path / "big.csv"
    path.write_bytes(b"a" * (1 << 20) + b"\x80")
    # THEN the whole file, not only its start, decides the encoding
    assert detect_encoding(path) == "cp1252"


def test_utf8_character_split_across_chunks_is_still_utf8(tmp_path: Path) -> None:
    path = tmp_path / "split.csv"
    path.write_bytes(b"a" * ((1 << 20) - 1) + "€".encode())
    assert detect_encoding(path) == "utf-8"
