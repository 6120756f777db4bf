"""Encodings: UTF-8 with or without BOM, and Windows-1252 (which is not latin-1)."""

from pathlib import Path

import duckdb
import pytest

from ingest.encoding import survey_file
from ingest.errors import LandingFileError
from ingest.scan import read
from tests.unit.helpers import gl_row


def _descriptions(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    return [row[0] for row in read(con, "gl_postings", path).project("description").fetchall()]


def test_windows_1252_euro_and_dash_come_out_right(con, write_gl) -> None:
    # GIVEN a cp1252 file where '€' is byte 0x80 and '–' is 0x96 (other bytes in latin-1)
    path = write_gl([gl_row(selite="Vuokra – 5 €, Hämeenkatu")], encoding="cp1252")
    assert b"\x80" in path.read_bytes() and b"\x96" in path.read_bytes()
    # WHEN it is read
    assert survey_file(path).encoding == "cp1252"
    # THEN the text is what the exporter meant
    assert _descriptions(con, path) == ["Vuokra – 5 €, Hämeenkatu"]


def test_utf8_bom_is_stripped_and_header_still_matches(con, write_gl) -> None:
    # GIVEN a UTF-8 file with a BOM in front of the first column name
    path = write_gl([gl_row(selite="Äänestys €")], bom=True)
    # WHEN it is read
    relation = read(con, "gl_postings", path)
    # THEN the first column matched and text is intact
    assert survey_file(path).encoding == "utf-8-sig"
    assert relation.project("municipality_code, description").fetchall() == [("111", "Äänestys €")]


def test_utf8_without_bom_is_read_as_is(con, write_gl) -> None:
    path = write_gl([gl_row(selite="Kahvila − ö")])
    assert survey_file(path).encoding == "utf-8"
    assert _descriptions(con, path) == ["Kahvila − ö"]


def test_non_ascii_beyond_the_first_chunk_is_detected(tmp_path: Path) -> None:
    # GIVEN a file whose only cp1252 byte lies beyond the first 1 MiB chunk
    path = tmp_path / "big.csv"
    path.write_bytes(b"a" * (1 << 20) + b"\x80")
    # THEN the whole file, not only its start, decides the encoding
    assert survey_file(path).encoding == "cp1252"


def test_utf8_character_split_across_chunks_is_still_utf8(tmp_path: Path) -> None:
    path = tmp_path / "split.csv"
    path.write_bytes(b"a" * ((1 << 20) - 1) + "€".encode())
    assert survey_file(path).encoding == "utf-8"


def test_a_stray_byte_after_a_first_chunk_of_utf8_text_is_mixed(tmp_path: Path) -> None:
    # GIVEN UTF-8 text with ä in the first 1 MiB and one Windows-1252 byte after it
    path = tmp_path / "mixed.csv"
    path.write_bytes("ä".encode() + b"a" * (1 << 20) + "ö".encode("cp1252") + b"\n")
    # THEN the file is neither encoding: refused, not read as Windows-1252
    with pytest.raises(LandingFileError, match="odotettiin UTF-8-tekstiä kuten muualla"):
        survey_file(path)


def test_a_windows_1252_file_whose_first_chunk_is_ascii(tmp_path: Path) -> None:
    # GIVEN ASCII for the first 1 MiB, then Windows-1252 letters and a character that
    # would be UTF-8's if its bytes were read so ('Ã¤' is the bytes of UTF-8 'ä')
    path = tmp_path / "late.csv"
    path.write_bytes(b"a" * (1 << 20) + "Työ € Ã".encode("cp1252") + b"\n")
    # THEN it is Windows-1252, its lines counted as they are
    survey = survey_file(path)
    assert (survey.encoding, survey.lines, survey.size) == ("cp1252", 1, (1 << 20) + 8)


def test_utf16_with_bom_is_read(con, write_gl) -> None:
    # GIVEN a month saved by PowerShell / Excel's "Unicode text": UTF-16 LE with BOM FF FE
    path = write_gl([gl_row(selite="Äänestys – 5 €")], encoding="utf-16-le")
    path.write_bytes(b"\xff\xfe" + path.read_bytes())
    # WHEN read
    relation = read(con, "gl_postings", path)
    # THEN every column matched and the text is intact
    assert relation.project("municipality_code, description").fetchall() == [
        ("111", "Äänestys – 5 €")
    ]


def test_utf16_without_bom_is_refused_saying_so(con, write_gl) -> None:
    path = write_gl([gl_row()], encoding="utf-16-le")
    with pytest.raises(LandingFileError) as error:
        read(con, "gl_postings", path)
    assert str(error.value) == (
        "gl_111_2026_03.csv: odotettiin tekstiä, löytyi UTF-16-tekstiä ilman"
        " tavujärjestysmerkkiä (BOM); tallenna tiedosto UTF-8- (tai Windows-1252-) tekstinä ja"
        " toimita se uudelleen"
    )


def test_one_windows_1252_byte_in_a_utf8_file_is_refused_at_its_line_and_column(
    con, write_file
) -> None:
    # GIVEN an org file in UTF-8 (names with ä/ö) where one name was typed in a cp1252 tool
    lines = [
        "Kunta;Koodi;Nimi;Taso;Ylempi;Voimassa alkaen;Voimassa asti",
        "111;1;Heinolan kaupunki;KUNTA;;1.1.2000;",
        "111;100;Henkilöstöpalvelut;VASTUUALUE;1;1.1.2000;",
        "111;101;Tyollisyys X;VASTUUALUE;1;1.1.2000;",
    ]
    path = write_file("org_111.csv", lines)
    path.write_bytes(path.read_bytes().replace(b"Tyollisyys X", "Työllisyys".encode("cp1252")))
    # WHEN read
    with pytest.raises(LandingFileError) as error:
        read(con, "org_units", path)
    # THEN nothing is garbled: the file is refused naming line 4, column Nimi and the byte
    assert str(error.value).startswith(
        "org_111.csv, rivi 4, sarake 'Nimi': odotettiin UTF-8-tekstiä kuten muualla"
        " tiedostossa, löytyi tavu 0xF6 (Windows-1252:ssa 'ö'"
    )


def test_a_workbook_saved_under_a_csv_name_is_refused(con, write_gl) -> None:
    path = write_gl([gl_row()])
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(LandingFileError, match="löytyi zip-tiedosto"):
        read(con, "gl_postings", path)
