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
    with pytest.raises(LandingFileError, match="line 2, column 'Tili': expected a 4-digit"):
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
        "budget_111_2026.csv, line 2, column 'Laji': expected TA or MUUTOS, found 'LISÄ'"
    )


def test_budget_year_must_match_the_file_name(con, write_file) -> None:
    path = write_file("budget_111_2026.csv", [BUDGET_HEADER, "111;2025;K100;4000;TA;1.6.2025;5"])
    with pytest.raises(LandingFileError, match="expected the year of the file name \\(2026\\)"):
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
    with pytest.raises(LandingFileError, match="expected a accounts file name"):
        read(con, "accounts", path)
