"""The interim report document: the seeds' order and layout, Finnish numbers, repeated
table headings, a table of contents, and 'Luonnos' until every unit in it is approved."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reports.interim_report import write_interim_report
from tests.unit.report_warehouse import EXPLANATION, MARCH, RUN_ID, build_warehouse

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("report") / "toteuma.duckdb")


@pytest.fixture(scope="module")
def report(warehouse: Path, tmp_path_factory) -> docx.document.Document:
    """WHEN the report of the sector (300, preliminary) and the units under it is written."""
    out = tmp_path_factory.mktemp("out") / "report.docx"
    summary = write_interim_report(warehouse, MARCH, out, "300")
    assert (summary.units, summary.release) == (3, "Alustava, ei hyväksytty")
    return docx.Document(str(out))


def _headings(document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]


def test_units_and_their_sections_in_the_seeds_order(report) -> None:
    assert _headings(report) == [
        ("Heading 1", "Elinvoimalautakunnan toimiala"),
        ("Heading 2", "TOIMIALAN TOIMINNAN JA TALOUDEN TOTEUTUMINEN"),
        ("Heading 3", "Valtuuston hyväksymä talousarvio"),
        ("Heading 3", "Tuloslaskelma"),
        ("Heading 2", "INVESTOINNIT"),
        ("Heading 1", "Työllisyyspalvelut"),
        ("Heading 2", "PALVELUALUEEN TOIMINNAN JA TALOUDEN TOTEUTUMINEN"),
        ("Heading 2", "INVESTOINNIT"),
        ("Heading 2", "STRATEGIASTA JOHDETUT TAVOITTEET (VALTUUSTON SITOVUUSTASO)"),
        ("Heading 2", "Käyttösuunnitelman toteutuminen, toiminnalliset tavoitteet"),
        ("Heading 2", "Tunnusluvut"),
        ("Heading 2", "Riskienhallinta"),
        ("Heading 2", "Hankkeet"),
        ("Heading 1", "Pajatoiminta ja nuorten työllistämisen palvelut"),
        ("Heading 2", "VASTUUALUEEN TOIMINNAN JA TALOUDEN TOTEUTUMINEN"),
    ]


def test_first_page_names_unit_date_release_and_publication(report) -> None:
    texts = [p.text for p in report.paragraphs[:6]]
    assert texts[:5] == [
        "KÄYTTÖSUUNNITELMAN TOTEUTUMINEN",
        "ELINVOIMALAUTAKUNNAN TOIMIALA -toimiala",
        "Heinolan kaupunki",
        "Toteuma 1–3/2026, tilanne 31.3.2026",
        "Alustava, ei hyväksytty",
    ]
    assert texts[5].startswith(f"Julkaistu 2.4.2026 klo 3.05 (Suomen aikaa), ajo {RUN_ID}")


def test_draft_says_luonnos_in_the_header_and_approved_does_not(
    report, warehouse: Path, tmp_path: Path
) -> None:
    header = report.sections[0].header.paragraphs[0].text
    assert header.startswith("Luonnos · Heinolan kaupunki")
    # GIVEN only 311 is approved WHEN its report alone is written THEN no draft mark
    summary = write_interim_report(warehouse, MARCH, tmp_path / "311.docx", "311")
    assert summary.release == "Hyväksytty: Controller (testi) 15.4.2026"
    approved = docx.Document(str(summary.path))
    assert "Luonnos" not in approved.sections[0].header.paragraphs[0].text


def test_footer_has_publication_and_page_fields(report) -> None:
    footer = report.sections[0].footer.paragraphs[0]
    instructions = [node.text.strip() for node in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert f"ajo {RUN_ID}" in footer.text


def test_table_of_contents_field_lists_the_headings(report) -> None:
    body = report.element.body
    instructions = [node.text for node in body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC") for text in instructions)
    # until Word updates the field (page numbers), it shows the headings of levels 1-2
    texts = [p.text for p in report.paragraphs]
    first_heading = next(i for i, p in enumerate(report.paragraphs) if p.style.name == "Heading 1")
    shown = [text for text in texts[texts.index("Sisällys") + 1 : first_heading] if text]
    assert shown == [text for style, text in _headings(report) if style != "Heading 3"]
    settings = report.settings.element.find(qn("w:updateFields"))
    assert settings is not None and settings.get(qn("w:val")) == "true"


def test_every_table_repeats_its_heading_row(report) -> None:
    for table in report.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None


def test_figures_in_finnish_format_with_ennuste(report) -> None:
    statement = report.tables[3]  # 300: binding, statement, investments; then 310
    cells = [[cell.text for cell in row.cells] for row in statement.rows]
    assert cells[0][-1] == "Ennuste 2026"
    assert cells[0][3] == "TA 2026 +muutos"
    by_label = {row[0]: row for row in cells}
    assert by_label["Tuet ja avustukset"][1:] == [
        f"-132{NBSP}480",
        "0",
        f"572{NBSP}000",
        f"108{NBSP}267",
        f"463{NBSP}733",
        "18,93",
        f"572{NBSP}000",
    ]
    assert "TOIMINTAKULUT" in by_label and "Valmistus omaan käyttöön" not in by_label
    investments = [[cell.text for cell in row.cells] for row in report.tables[4].rows]
    assert investments[1] == ["Menot", f"-38{NBSP}279", f"-210{NBSP}000", "-726"] + [
        f"-209{NBSP}274",
        "0,3",
    ]


def test_explanation_before_the_statement(report) -> None:
    texts = [p.text for p in report.paragraphs]
    assert EXPLANATION in texts
    assert "Henkilöstökulut: Avoimia tehtäviä täytettiin vaiheittain." in texts


def test_goals_risks_and_projects_read_as_the_workbook(report) -> None:
    tables = {table.rows[0].cells[0].text: table for table in report.tables}
    risks = [[c.text for c in row.cells] for row in tables["Riskiluokka"].rows]
    assert risks[1][2] == "Todennäköisyys: 2\nMerkittävyys: 3\nRiskiarvo: 6"
    projects = [[c.text for c in row.cells] for row in tables["Strateginen tavoite"].rows]
    assert projects[1][1:6] == ["Pajahanke", "2025–2026\nELY-keskus", "66 %", f"176{NBSP}987"] + [
        "25 %"
    ]


def test_unknown_unit_names_the_units_of_the_date(warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="yksiköllä 999 ei ole lukuja päivältä 31.3.2026") as error:
        write_interim_report(warehouse, MARCH, tmp_path / "x.docx", "999")
    assert "310 Työllisyyspalvelut" in str(error.value)
