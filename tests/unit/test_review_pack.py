"""The Excel review pack: laid out like the interim report, print-ready, with the doubts
of the morning review on the figures they concern."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pytest

from reports.review_pack import write_review_pack
from tests.unit.report_warehouse import EXPLANATION, MARCH, RUN_ID, build_warehouse


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> openpyxl.Workbook:
    """GIVEN the tiny warehouse WHEN the pack of 31.3.2026 is written and reopened (once:
    the tests only read it)."""
    folder = tmp_path_factory.mktemp("pack")
    warehouse = build_warehouse(folder / "toteuma.duckdb")
    summary = write_review_pack(warehouse, MARCH, folder / "out" / "pack.xlsx")
    assert summary.units == 3
    return openpyxl.load_workbook(summary.path)


def _labels(sheet) -> list[str]:
    return [row[0].value for row in sheet.iter_rows() if row[0].value]


def _row(sheet, label: str, after: int = 0) -> tuple:
    return next(r for r in sheet.iter_rows(min_row=after + 1) if r[0].value == label)


def test_sheets_in_tree_order_with_names_cut_at_a_word(pack) -> None:
    assert pack.sheetnames == [
        "Sisällys",
        "300 Elinvoimalautakunnan…",
        "310 Työllisyyspalvelut",
        "310 tavoitteet",
        "311 Pajatoiminta ja nuorten…",
    ]
    assert all(len(name) <= 31 for name in pack.sheetnames)


def test_contents_links_every_sheet(pack) -> None:
    links = [
        cell.hyperlink.location
        for row in pack["Sisällys"].iter_rows()
        for cell in row
        if cell.hyperlink is not None
    ]
    assert sorted(link.split("!")[0].strip("'") for link in links) == sorted(pack.sheetnames[1:])


def test_every_sheet_prints_a4_landscape_one_page_wide_with_titles(pack) -> None:
    for sheet in pack.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,
            1,
            0,
        ), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_area and sheet.print_title_rows, sheet.title
    statement = pack["310 Työllisyyspalvelut"]
    heading_row = int(statement.print_title_rows.split(":")[0].strip("$"))
    assert statement.cell(heading_row, 1).value == "Selite"
    assert statement.cell(heading_row, 4).value == "TA 2026 +muutos"
    assert statement.cell(heading_row, 4).alignment.wrap_text


def test_header_and_footer_name_unit_date_pages_publication_run_and_status(pack) -> None:
    sheet = pack["311 Pajatoiminta ja nuorten…"]
    assert sheet.oddHeader.left.text == "Heinolan kaupunki"
    assert sheet.oddHeader.center.text == "311 Pajatoiminta ja nuorten työllistämisen palvelut"
    assert sheet.oddHeader.right.text == "Tilanne 31.3.2026"
    assert sheet.oddFooter.center.text == "Sivu &P / &N"
    assert sheet.oddFooter.left.text == f"Julkaistu 2.4.2026 klo 3.05 (Suomen aikaa), ajo {RUN_ID}"
    assert sheet.oddFooter.right.text == "Hyväksytty: Controller (testi) 15.4.2026"
    assert pack["310 Työllisyyspalvelut"].oddFooter.right.text == "Alustava, ei hyväksytty"


def test_statement_has_section_headings_and_only_lines_with_money(pack) -> None:
    labels = _labels(pack["310 Työllisyyspalvelut"])
    start = labels.index("Tuloslaskelma")
    assert labels[start + 2 : start + 18] == [
        "TOIMINTATUOTOT",
        "Myyntituotot",
        "Tuet ja avustukset",
        "Toimintatuotot",
        "TOIMINTAKULUT",
        "Henkilöstökulut",
        "Palvelujen ostot",
        "Toimintakulut",
        "Toimintakate",
        "Vuosikate",  # a subtotal is shown although Rahoitustuotot ja -kulut is zero
        "Poistot ja arvonalentumiset",
        "Tilikauden tulos",
        "INVESTOINNIT",
        "Selite",
        "Menot",  # Tulot is zero: left out; Netto always
        "Netto",
    ]
    # Valmistus omaan käyttöön carries -0,55 €: cents, not a line for the board
    assert "Valmistus omaan käyttöön" not in labels and "Verotulot" not in labels


def test_responsibility_area_prints_the_short_table_without_zero_revenue(pack) -> None:
    labels = _labels(pack["311 Pajatoiminta ja nuorten…"])
    assert labels[labels.index("Tuloslaskelma") + 2 :] == ["Toimintakulut", "Toimintakate"]


def test_sector_prints_the_binding_budget_first(pack) -> None:
    labels = _labels(pack["300 Elinvoimalautakunnan…"])
    assert labels.index("VALTUUSTON HYVÄKSYMÄ TALOUSARVIO") < labels.index("Tuloslaskelma")
    assert _row(pack["300 Elinvoimalautakunnan…"], "NETTO")[3].value == -4000


def test_figures_stay_numbers_in_the_reports_format(pack) -> None:
    sheet = pack["310 Työllisyyspalvelut"]
    grants = _row(sheet, "Tuet ja avustukset")
    assert grants[1].value == -132480  # a negative revenue line is kept as it is
    assert grants[1].number_format == "#\u00a0##0;-#\u00a0##0"
    assert grants[6].number_format == "0.00;-0.00"
    assert _row(sheet, "Toimintakulut")[7].value == -4959200  # Ennuste
    assert _row(sheet, "Toimintakulut")[0].font.bold
    menot = _row(sheet, "Menot")
    assert menot[5].value == pytest.approx(0.3457, abs=1e-4)  # printed 0,3 as the seeds do
    assert menot[5].number_format == "0.0;-0.0"


def test_explanation_text_is_above_the_table(pack) -> None:
    labels = _labels(pack["310 Työllisyyspalvelut"])
    assert labels.index(EXPLANATION) < labels.index("Tuloslaskelma")
    line = "Henkilöstökulut: Avoimia tehtäviä täytettiin vaiheittain."
    assert labels.index(line) < labels.index("Tuloslaskelma")


def test_warn_failures_comment_the_figure_they_question(pack) -> None:
    sheet = pack["310 Työllisyyspalvelut"]
    comments = {c.coordinate: c.comment.text for r in sheet.iter_rows() for c in r if c.comment}
    services, costs = _row(sheet, "Palvelujen ostot"), _row(sheet, "Toimintakulut")
    assert comments == {
        services[4].coordinate: "Palvelujen ostot poikkeavat (testi).",  # TOT 2026, actual
        costs[7].coordinate: "Ennusteet eivät täsmää (testi).",  # Ennuste
    }  # the info row under the threshold and the waived one carry none
    short = pack["311 Pajatoiminta ja nuorten…"]
    assert _row(short, "Toimintakulut")[0].comment.text == "Henkilöstökulut poikkeavat (testi)."
    goals = pack["310 tavoitteet"]
    assert _row(goals, "Uudistuva työ ja asuminen", after=9)[1].comment.text == (
        "Tavoitteelta puuttuu arvio (testi)."
    )


def test_goal_sheet_shows_goals_indicators_risks_and_projects(pack) -> None:
    sheet = pack["310 tavoitteet"]
    labels = _labels(sheet)
    titles = ["STRATEGIASTA JOHDETUT TAVOITTEET (VALTUUSTON SITOVUUSTASO)"]
    titles += ["Käyttösuunnitelman toteutuminen, toiminnalliset tavoitteet", "Tunnusluvut"]
    titles += ["Riskienhallinta", "Hankkeet"]
    assert [label for label in labels if label in titles] == titles
    binding = [row for row in sheet.iter_rows(values_only=True) if row[3] in ("Toteutuu",)]
    assert binding[0][:2] == ("Uudistuva työ ja asuminen", "Työllisyysaste nousee.")
    risk = _row(sheet, "Toiminnallinen")
    assert risk[2].value == "Todennäköisyys: 2\nMerkittävyys: 3\nRiskiarvo: 6"


def test_year_end_pack_uses_the_financial_statement_columns(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "toteuma.duckdb")
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("update review.income_statement set reporting_date = date '2025-12-31'")
    summary = write_review_pack(warehouse, dt.date(2025, 12, 31), tmp_path / "pack.xlsx")
    sheet = openpyxl.load_workbook(summary.path)["310 Työllisyyspalvelut"]
    headings = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Selite")
    assert headings[:6] == (
        "Selite",
        "Tilinpäätös 2024",
        "Talousarvio 2025",
        "Toteuma 2025",
        "Poikkeama",
        "Toteuma %",
    )


def test_missing_date_names_the_date_and_the_dates_that_exist(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "toteuma.duckdb")
    with pytest.raises(ValueError, match="28.2.2026") as error:
        write_review_pack(warehouse, dt.date(2026, 2, 28), tmp_path / "pack.xlsx")
    assert "Päivät, joilta rivejä on, uusin ensin: 31.3.2026" in str(error.value)
    assert not (tmp_path / "pack.xlsx").exists()
