"""Header matching: any case, surrounding spaces, any order; a missing column is an error."""

from decimal import Decimal

import pytest

from ingest.errors import LandingFileError
from ingest.scan import read


def test_header_case_spaces_and_order_do_not_matter(con, write_file) -> None:
    # GIVEN a header in another order, in upper case, with spaces around names
    header = (
        " KREDIT ;debet;SELITE ; projekti;tili;KUSTANNUSPAIKKA;Tositenro;tositepvm;KAUSI;"
        "Tilikausi; kunta"
    )
    row = "5,00;;Myynti;;3000;K1;77;2.3.2026;3;2026;111"
    path = write_file("gl_111_2026_03.csv", [header, row])
    # WHEN it is read
    relation = read(con, "gl_postings", path)
    # THEN each value lands in its own column
    assert relation.project("voucher_no, account_code, description, credit").fetchall() == [
        ("77", "3000", "Myynti", Decimal("5.00"))
    ]


def test_missing_column_is_named(con, write_file) -> None:
    header = "Kunta;Tilikausi;Kausi;Tositepvm;Tositenro;Kustannuspaikka;Tili;Projekti;Selite;Debet"
    path = write_file("gl_111_2026_03.csv", [header, "111;2026;3;1.3.2026;1;K1;4000;;x;1"])
    with pytest.raises(LandingFileError) as error:
        read(con, "gl_postings", path)
    assert str(error.value).splitlines()[0] == (
        "gl_111_2026_03.csv, rivi 1: odotettiin saraketta 'Kredit', otsikkorivillä ei ole sen"
        " nimistä saraketta"
    )


def test_missing_header_line_is_named_without_quoting_the_data(con, write_file) -> None:
    # GIVEN an export whose first line is already data (with an identity code in Selite)
    path = write_file("gl_111_2026_03.csv", ["111;2026;3;1.3.2026;1;K1;4000;;131052-308T;1;"])
    # WHEN read
    with pytest.raises(LandingFileError) as error:
        read(con, "gl_postings", path)
    # THEN the message says the header is missing and quotes none of the line
    assert str(error.value) == (
        "gl_111_2026_03.csv, rivi 1: odotettiin otsikkoriviä (Kunta;Tilikausi;Kausi;Tositepvm;"
        "Tositenro;Kustannuspaikka;Tili;Projekti;Selite;Debet;Kredit), löytyi tietorivi:"
        " otsikkorivi puuttuu"
    )


def test_empty_file_says_the_header_is_missing(con, tmp_path) -> None:
    path = tmp_path / "gl_111_2026_03.csv"
    path.write_bytes(b"")
    expected = r"tiedosto on tyhjä \(0 tavua\); odotettiin otsikkoriviä"
    with pytest.raises(LandingFileError, match=expected):
        read(con, "gl_postings", path)
