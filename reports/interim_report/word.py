"""What python-docx does not say in one call: fields (table of contents, page numbers),
table header rows repeated on every page, rows kept whole, cell shading."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A field Word computes (PAGE, NUMPAGES, ...), showing `shown` until it does."""
    _field_char(paragraph, "begin")
    _instruction(paragraph, instruction)
    _field_char(paragraph, "separate")
    paragraph.add_run(shown)
    _field_char(paragraph, "end")


def add_table_of_contents(first: Paragraph, entries: list[tuple[int, str]]) -> None:
    """A TOC field over headings 1–2 whose shown result is the headings themselves
    (without page numbers) until Word updates it, which the document asks for on opening.
    The field spans one paragraph per entry, as Word writes a table of contents."""
    _field_char(first, "begin")
    _instruction(first, 'TOC \\o "1-2" \\h \\z \\u')
    _field_char(first, "separate")
    paragraph = first
    for index, (level, text) in enumerate(entries or [(1, "")]):
        if index:
            paragraph = _after(paragraph, first.style)
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        paragraph.add_run(text)
    _field_char(paragraph, "end")


def update_fields_on_open(document) -> None:
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def repeat_as_header(row: _Row) -> None:
    """The row prints at the top of every page the table continues on."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def keep_rows_whole(table: Table) -> None:
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))


def narrow_cell_margins(table: Table, width) -> None:
    """Left and right padding of every cell of the table."""
    properties = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(width.twips)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)


def shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _after(paragraph: Paragraph, style) -> Paragraph:
    new = OxmlElement("w:p")
    paragraph._p.addnext(new)
    added = Paragraph(new, paragraph._parent)
    added.style = style
    return added


def _field_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _instruction(paragraph: Paragraph, text: str) -> None:
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {text} "
    paragraph.add_run()._r.append(instruction)
