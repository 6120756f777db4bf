"""The document around the units: A4 pages, a first page naming the unit, date and
release status, a table of contents, the header ("Luonnos" until every unit in it is
approved) and the footer (publication, run, page x / y)."""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from reports.finnish import date_text
from reports.interim_report.word import add_field, add_table_of_contents, update_fields_on_open
from reports.stamps import DRAFT, level_genitive, period_text, publication_text, release_text
from reports.units import Release, ReportingDate, Unit

TITLE = "KÄYTTÖSUUNNITELMAN TOTEUTUMINEN"
MARGIN_CM = 1.8
TABLE_TEXT = "Taulukon teksti"


def new_document(data: ReportingDate, root: Unit, release: Release):
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    _table_text_style(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(2)
    _header(section, data, root, release)
    _footer(section, data)
    properties = document.core_properties
    properties.title = f"{TITLE.capitalize()} – {root.name} {date_text(data.reporting_date)}"
    properties.author = properties.last_modified_by = "toteuma"
    update_fields_on_open(document)
    return document


def add_first_page(document, data: ReportingDate, root: Unit, release: Release) -> None:
    lines = (
        (TITLE, 20, True),
        (f"{root.name.upper()} -{root.level.lower()}", 16, True),
        (data.municipality_name(root.municipality_code), 12, False),
        (period_text(data.reporting_date), 12, False),
        (release_text(release), 12, not release.is_approved),
        (publication_text(data.publication), 9, False),
    )
    for text, size, bold in lines:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def add_contents(document, entries: list[tuple[int, str]]) -> None:
    heading = document.add_paragraph()
    run = heading.add_run("Sisällys")
    run.bold, run.font.size = True, Pt(14)
    add_table_of_contents(document.add_paragraph(), entries)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def unit_section_heading(unit: Unit) -> str:
    return f"{level_genitive(unit.level)} toiminnan ja talouden toteutuminen".upper()


def _table_text_style(document) -> None:
    """8 pt without space between paragraphs: a table's cells, empty ones included."""
    style = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(8)
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _header(section, data: ReportingDate, root: Unit, release: Release) -> None:
    paragraph = section.header.paragraphs[0]
    parts = [data.municipality_name(root.municipality_code), root.name]
    parts.append(f"tilanne {date_text(data.reporting_date)}")
    if not release.is_approved:
        draft = paragraph.add_run(f"{DRAFT} · ")
        draft.bold = True
    paragraph.add_run(" · ".join(parts)).font.size = Pt(8)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _footer(section, data: ReportingDate) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.add_run(f"{publication_text(data.publication)} · Sivu ").font.size = Pt(8)
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" / ")
    add_field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)
