"""The other four kinds: org units, accounts, budget and forecasts."""

import datetime as dt
from decimal import Decimal

import pytest

from ingest.errors import LandingFileError
from ingest.scan import read

BUDGET_HEADER = "Kunta;Tilikausi;Kustannuspaikka;Tili;Laji;Pvm;Summa"


def test_org_units_keep_validity_and_empty_parent_is_null(con, write_file) -> None:
    # GIVEN a top unit and a cost centre that moved under a new parent
    path = write_file(
        "org_111.csv",
        [
            "Kunta;Koodi;Nimi;Taso;Ylempi;Voimassa alkaen;Voimassa asti",
            "111;T1;Sivistys;TOIMIALA;;1.1.2020;",
            "111;K100;Koulu;KUSTANNUSPAIKKA;T1;1.1.2020;31.12.2024",
        ],
    )
    rows = read(con, "org_units", path).project("unit_code, parent_code, valid_from, valid_to")
    assert rows.fetchall() == [
        ("T1", None, dt.date(2020, 1, 1), None),
        ("K100", "T1", dt.date(2020, 1, 1), dt.date(2024, 12, 31)),
    ]


def test_accounts_take_municipality_from_file_name_and_empty_line_is_null(con, write_file) -> None:
    path = write_file(
        "accounts_098.csv", ["Tili;Nimi;Rivi", "3000;Myyntituotot;", "4800;Vuokrat;muut_k"]
    )
    relation = read(con, "accounts", path)
    assert relation.project("municipality_code, account_code, line_code").fetchall() == [
        ("098", "3000", None),
        ("098", "4800", "MUUT_K"),
    ]


def test_account_number_must_have_four_digits(con, write_file) -> None:
    path = write_file("accounts_098.csv", ["Tili;Nimi;Rivi", "300;Myyntituotot;"])
    with pytest.raises(LandingFileError, match="rivi 2, sarake 'Tili': odotettiin 4-numeroista"):
        read(con, "accounts", path)


def test_budget_kind_is_upper_cased(con, write_file) -> None:
    path = write_file(
        "budget_111_2026.csv",
        [
            BUDGET_HEADER,
            "111;2026;K100;4000;ta;1.12.2025;-1 000",
            "111;2026;K100;4000;Muutos;1.6.2026;",
        ],
    )
    relation = read(con, "budget_entries", path).project("entry_kind, amount")
    assert relation.fetchall() == [("TA", Decimal("-1000")), ("MUUTOS", Decimal("0"))]


def test_budget_kind_other_than_ta_or_muutos_is_refused(con, write_file) -> None:
    path = write_file("budget_111_2026.csv", [BUDGET_HEADER, "111;2026;K100;4000;LISÄ;1.6.2026;5"])
    with pytest.raises(LandingFileError) as error:
        read(con, "budget_entries", path)
    assert str(error.value) == (
        "budget_111_2026.csv, rivi 2, sarake 'Laji': odotettiin TA tai MUUTOS, löytyi 'LISÄ'"
    )


def test_budget_year_must_match_the_file_name(con, write_file) -> None:
    path = write_file("budget_111_2026.csv", [BUDGET_HEADER, "111;2025;K100;4000;TA;1.6.2025;5"])
    with pytest.raises(LandingFileError, match="odotettiin tiedostonimen vuotta \\(2026\\)"):
        read(con, "budget_entries", path)


def test_forecast_month_comes_from_file_name_and_line_is_upper_cased(con, write_file) -> None:
    path = write_file(
        "forecast_111_2026_06.csv",
        ["Kunta;Tilikausi;Yksikkö;Rivi;Summa", "111;2026;PA10;toimintakulut;− 1 200 000"],
    )
    relation = read(con, "forecasts", path)
    assert relation.project("forecast_month, org_unit_code, line_code, amount").fetchall() == [
        (6, "PA10", "TOIMINTAKULUT", Decimal("-1200000"))
    ]


def test_reader_refuses_a_file_named_for_another_kind(con, write_file) -> None:
    path = write_file("org_111.csv", ["Tili;Nimi;Rivi"])
    expected = "odotettiin tiedostonimeä muotoa accounts_<kunta>.csv"
    with pytest.raises(LandingFileError, match=expected):
        read(con, "accounts", path)


# --- the trailing separator: lines ending with a ';' the header lacks (or both) -----------

PLAIN = {
    "gl_postings": (
        "gl_111_2026_03.csv",
        [
            "Kunta;Tilikausi;Kausi;Tositepvm;Tositenro;Kustannuspaikka;Tili;Projekti;Selite;"
            "Debet;Kredit",
            '111;2026;3;2.3.2026;1;K100;3200;;"Osallistumismaksut; kevät";;306,96',
            "111;2026;3;2.3.2026;1;K100;4300;P1;Kahvila – tarjoilu ö;12,50;",
            '111;2026;3;3.3.2026;2;K100;4000;;Palkat;1 000,00;"0"',
        ],
    ),
    "budget_entries": (
        "budget_111_2026.csv",
        [
            BUDGET_HEADER,
            "111;2026;K100;4000;TA;1.12.2025;-48 000,00",
            "111;2026;K100;3000;MUUTOS;1.6.2026;",
        ],
    ),
    "forecasts": (
        "forecast_111_2026_06.csv",
        [
            "Kunta;Tilikausi;Yksikkö;Rivi;Summa",
            "111;2026;PA10;TOIMINTAKULUT;- 1 200",
            "111;2026;PA10;TOIMINTATUOTOT;",
        ],
    ),
    "org_units": (
        "org_111.csv",
        [
            "Kunta;Koodi;Nimi;Taso;Ylempi;Voimassa alkaen;Voimassa asti",
            "111;T1;Sivistys;TOIMIALA;;1.1.2020;",
            '111;K100;"Koulu; keittiö";KUSTANNUSPAIKKA;T1;1.1.2020;31.12.2024',
        ],
    ),
    "accounts": (
        "accounts_111.csv",
        ["Tili;Nimi;Rivi", "3000;Myyntituotot;", "4800;Vuokrat;MUUT_K"],
    ),
}

# (header ends with ';', data lines end with ';')
TRAILING = {
    "header without, lines with": (False, True),
    "header with, lines with": (True, True),
    "header with, lines without": (True, False),
}
FORMS = {  # how the file's bytes are written: encoding, line end, byte-order mark
    "UTF-8, LF": ("utf-8", "\n", False),
    "Windows-1252, CRLF": ("cp1252", "\r\n", False),
    "UTF-8 with BOM, CRLF": ("utf-8", "\r\n", True),
}


def with_trailing(lines: list[str], header: bool, rows: bool) -> list[str]:
    return [line + ";" if (header if i == 0 else rows) else line for i, line in enumerate(lines)]


def _rows(con, kind: str, path) -> list[tuple]:
    return read(con, kind, path).project("* exclude (source_hash)").order("source_row").fetchall()


@pytest.mark.parametrize("form", FORMS, ids=str)
@pytest.mark.parametrize("trailing", TRAILING, ids=str)
@pytest.mark.parametrize("kind", PLAIN, ids=str)
def test_a_trailing_separator_reads_as_if_it_were_absent(
    con, write_file, tmp_path, kind: str, trailing: str, form: str
) -> None:
    # GIVEN a file of the kind as exports write it with a ';' ending its lines, and the
    # same file without
    name, lines = PLAIN[kind]
    encoding, newline, bom = FORMS[form]
    plain = write_file(name, lines)
    expected = _rows(con, kind, plain)
    plain.unlink()
    path = write_file(
        name, with_trailing(lines, *TRAILING[trailing]), encoding=encoding, newline=newline, bom=bom
    )
    # WHEN read / THEN the rows are the same, value for value and line for line
    assert _rows(con, kind, path) == expected
    assert len(expected) == len(lines) - 1


def test_a_quoted_last_field_before_the_trailing_separator(con, write_file) -> None:
    path = write_file(
        "accounts_111.csv",
        ['"Tili";"Nimi";"Rivi";', '"3000";"Myyntituotot";"";', '"4800";"Vuokrat; muut";"MUUT_K";'],
        newline="\r\n",
    )
    assert read(con, "accounts", path).project("account_code, account_name, line_code").order(
        "account_code"
    ).fetchall() == [("3000", "Myyntituotot", None), ("4800", "Vuokrat; muut", "MUUT_K")]
