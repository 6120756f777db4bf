"""The Excel review pack: one sheet per unit, laid out like the interim report."""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest

from warehouse.review_pack import amount_format, write_review_pack

MARCH = datetime.date(2026, 3, 31)
FIGURES = """tp_prior_year decimal(18,2), actual_prior_ytd decimal(18,2),
    budget_amended decimal(18,2), actual_ytd decimal(18,2), remaining decimal(18,2),
    realization_pct decimal(9,2)"""
UNIT = """municipality_code varchar, reporting_date date, org_unit_code varchar,
    org_unit_name varchar, org_level varchar"""
EL = ("111", MARCH, "EL", "Elinvoimalautakunnan toimiala", "TOIMIALA")
YP = ("111", MARCH, "YP", "Yhteiset palvelut/hallinto", "PALVELUALUE")
# (line code, name, order, kind, TP, TOT prior, TA, TOT, remaining, %, forecast)
EL_LINES = [
    ("MYYNTI", "Myyntituotot", 1, "revenue", 236279, 50000, 727500, 749574, -22074, 103.03, None),
    ("TUET", "Tuet ja avustukset", 3, "revenue", -132480, 0, 572000, 708267, -136267, 123.82, None),
    ("VUOKRA_T", "Vuokratuotot", 4, "revenue", 0, 0, 0, 0, 0, 0, None),
    (
        "TOIMINTATUOTOT",
        "Toimintatuotot",
        6,
        "subtotal",
        103799,
        50000,
        1299500,
        1457841,
        -158341,
        112.18,
        None,
    ),
    (
        "HENKILOSTO",
        "Henkilöstökulut",
        8,
        "cost",
        -3844890.40,
        -900000,
        -3935100,
        -3820562,
        -114538,
        97.09,
        None,
    ),
]
YP_LINES = [
    ("MYYNTI", "Myyntituotot", 1, "revenue", 779723, 21804, 626000, 49248, 576752, 7.87, 726000),
    (
        "TOIMINTAKULUT",
        "Toimintakulut",
        14,
        "subtotal",
        -8856536,
        -2138711,
        -10233700,
        -2099174,
        -8134526,
        20.51,
        -9720700,
    ),
]
BINDING = [("TULOT", 1, 100, 50, 200, 80, 120, 40.0), ("NETTO", 3, -1234567, 0, 0, 0, 0, 0)]


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """GIVEN a warehouse with two units on 31.3.2026 and one older date."""
    path = tmp_path / "toteuma.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema review")
        connection.execute(
            f"""create table review.income_statement ({UNIT}, line_code varchar,
            line_name varchar, line_order integer, line_kind varchar, {FIGURES},
            forecast decimal(18,2))"""
        )
        for table in ("binding_budget", "investments"):
            connection.execute(
                f"create table review.{table} ({UNIT}, item_code varchar, item_order integer, "
                f"{FIGURES})"
            )
        _insert(connection, "income_statement", [(*EL, *line) for line in EL_LINES])
        _insert(connection, "income_statement", [(*YP, *line) for line in YP_LINES])
        _insert(
            connection, "binding_budget", [(*unit, *item) for unit in (EL, YP) for item in BINDING]
        )
        _insert(
            connection, "investments", [(*EL, "MENOT", 2, -38279, 0, -210000, -726, -209274, 0.35)]
        )
        _insert(connection, "investments", [(*YP, "MENOT", 2, 0, 0, 0, 0, 0, 0)])
        older = ("111", datetime.date(2025, 12, 31), *EL[2:])
        _insert(connection, "binding_budget", [(*older, *BINDING[0])])
    return path


def _insert(connection: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    marks = ", ".join("?" * len(rows[0]))
    connection.executemany(f"insert into review.{table} values ({marks})", rows)


def _rows_by_label(sheet) -> dict[str, tuple]:
    return {row[0].value: row for row in sheet.iter_rows() if row[0].value}


@pytest.fixture
def pack(warehouse: Path, tmp_path: Path) -> openpyxl.Workbook:
    """WHEN the pack of 31.3.2026 is written and reopened."""
    summary = write_review_pack(warehouse, MARCH, tmp_path / "out" / "pack.xlsx")
    assert summary.units == 2
    return openpyxl.load_workbook(summary.path)


def test_one_sheet_per_unit_in_level_order_with_safe_names(pack: openpyxl.Workbook) -> None:
    # The sector comes before the service area; 31 characters at most; no "/" in names.
    assert pack.sheetnames == [
        "Sisällys",
        "EL Elinvoimalautakunnan toimial",
        "YP Yhteiset palvelut-hallinto",
    ]
    contents = [[cell.value for cell in row] for row in pack["Sisällys"].iter_rows(min_row=4)]
    assert contents[1] == [
        "111",
        "PALVELUALUE",
        "YP",
        "Yhteiset palvelut/hallinto",
        "YP Yhteiset palvelut-hallinto",
    ]


def test_header_drops_forecast_when_the_unit_has_none(pack: openpyxl.Workbook) -> None:
    headers = ["Selite", "TP 2025", "TOT 2025 3 kk", "TA 2026 + muutos", "TOT 2026 3 kk"]
    headers += ["Jäljellä", "TOT-%"]
    sector, service_area = pack.worksheets[1], pack.worksheets[2]
    assert [cell.value for cell in sector[3]] == headers
    assert [cell.value for cell in service_area[3]] == [*headers, "Ennuste 2026"]
    assert sector.freeze_panes == "B4"
    assert sector["A2"].value.startswith("Toteuma 1–3/2026")


def test_figures_stay_numeric_with_report_formats(pack: openpyxl.Workbook) -> None:
    rows = _rows_by_label(pack.worksheets[1])
    grants = rows["Tuet ja avustukset"]
    assert grants[1].value == -132480  # a negative revenue line is kept as it is
    assert grants[1].number_format == "#\u00a0##0;-#\u00a0##0"
    assert rows["Henkilöstökulut"][1].value == pytest.approx(-3844890.40)
    assert rows["Henkilöstökulut"][1].number_format == "#\u00a0###\u00a0##0;-#\u00a0###\u00a0##0"
    assert rows["Myyntituotot"][6].value == pytest.approx(103.03)
    assert rows["Myyntituotot"][6].number_format == "0.00;-0.00"
    forecast = _rows_by_label(pack.worksheets[2])["Toimintakulut"][7]
    assert forecast.value == -9720700


def test_subtotals_bold_and_zero_rent_lines_dropped(pack: openpyxl.Workbook) -> None:
    rows = _rows_by_label(pack.worksheets[1])
    assert all(cell.font.bold for cell in rows["Toimintatuotot"])
    assert not rows["Myyntituotot"][1].font.bold
    assert "Vuokratuotot" not in rows


def test_binding_level_always_and_investments_only_when_non_zero(pack: openpyxl.Workbook) -> None:
    sector = _rows_by_label(pack.worksheets[1])
    assert sector["Netto"][1].value == -1234567
    assert sector["Menot"][3].value == -210000  # the investment block's Menot
    assert "Sitova taso" in sector and "Investoinnit" in sector
    service_area = _rows_by_label(pack.worksheets[2])
    assert "Sitova taso" in service_area and "Investoinnit" not in service_area


def test_missing_date_names_the_date_and_the_dates_that_exist(
    warehouse: Path, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="2026-02-28") as error:
        write_review_pack(warehouse, datetime.date(2026, 2, 28), tmp_path / "pack.xlsx")
    assert "2026-03-31, 2025-12-31" in str(error.value)
    assert not (tmp_path / "pack.xlsx").exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-0.4, "0;0"),
        (735, "0;-0"),
        (999.5, "#\u00a0##0;-#\u00a0##0"),  # rounds to 1 000
        (-132480, "#\u00a0##0;-#\u00a0##0"),
        (1234567.4, "#\u00a0###\u00a0##0;-#\u00a0###\u00a0##0"),
        (None, "0;0"),
    ],
)
def test_amount_format_groups_whole_euros_by_no_break_spaces(value, expected) -> None:
    assert amount_format(value) == expected
