"""One unit's part of the report, in the seeds' order: heading, explanation, finance
tables, then goals, indicators, risks and projects."""

from __future__ import annotations

import datetime as dt

from reports.finance import finance_tables
from reports.goals import goal_tables
from reports.interim_report.document import unit_section_heading
from reports.interim_report.tables import add_figure_table, add_text_table
from reports.units import Unit

INVESTMENTS = "INVESTOINNIT"


def headings_of(unit: Unit, reporting_date: dt.date) -> list[tuple[int, str]]:
    """(level, text) of the unit's headings, as add_unit writes them."""
    headings = [(1, unit.name), (2, unit_section_heading(unit))]
    if any(t.kind == "investments" for t in finance_tables(unit, reporting_date)):
        headings.append((2, INVESTMENTS))
    return headings + [(2, table.title) for table in goal_tables(unit, reporting_date)]


def add_unit(document, unit: Unit, reporting_date: dt.date) -> None:
    document.add_heading(unit.name, level=1)
    document.add_heading(unit_section_heading(unit), level=2)
    _explanation(document, unit)
    tables = finance_tables(unit, reporting_date)
    binding = any(table.kind == "binding_budget" for table in tables)
    for table in tables:
        if table.kind == "investments":
            document.add_heading(INVESTMENTS, level=2)
        elif binding:  # a sector's two tables, each under its own name (seed 000)
            document.add_heading(table.title, level=3)
        add_figure_table(document, table, f"{unit.name}\nSelite")
    for table in goal_tables(unit, reporting_date):
        document.add_heading(table.title, level=2)
        add_text_table(document, table)


def _explanation(document, unit: Unit) -> None:
    """The narrative as written, then each line's explanation led by the line's name."""
    for section in unit.tables["explanations"]:
        text = section["explanation_text"] or ""
        paragraphs = [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
        for index, paragraph_text in enumerate(paragraphs):
            paragraph = document.add_paragraph()
            if section["heading"] is not None and index == 0:
                lead = section["line_name"] or section["heading"]
                paragraph.add_run(f"{lead}: ").bold = True
            paragraph.add_run(paragraph_text)
