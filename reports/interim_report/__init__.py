"""The interim report ("käyttösuunnitelman toteutuminen") as a Word document, the way the
seed reports print it: `toteuma report --date D [--unit CODE] --out FILE.docx`.

For a unit and every unit under it, in the seeds' order, each with a heading, the
explanation text, the income statement (with Ennuste where forecast), investments,
binding goals with assessment and status, operational goals with measure and
responsible officials, indicators, risks with probability and significance, projects.
The city edits the document and turns it into the PDF the board gets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reports.interim_report.document import add_contents, add_first_page, new_document
from reports.interim_report.units import add_unit, headings_of
from reports.source import read_reporting_date
from reports.stamps import combined_release, release_text
from reports.units import ReportingDate, Unit, unit_scope


@dataclass(frozen=True)
class InterimReportSummary:
    path: Path
    units: int
    release: str


def write_interim_report(
    warehouse_path: Path,
    reporting_date: dt.date,
    out_path: Path,
    unit_code: str | None = None,
    municipality_code: str | None = None,
) -> InterimReportSummary:
    data = read_reporting_date(warehouse_path, reporting_date, municipality_code)
    units = _scope(data, unit_code)
    release = combined_release(units)
    document = new_document(data, units[0], release)
    add_first_page(document, data, units[0], release)
    add_contents(document, [entry for unit in units for entry in headings_of(unit, reporting_date)])
    for unit in units:
        add_unit(document, unit, reporting_date)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    document.save(out_path)
    return InterimReportSummary(out_path, len(units), release_text(release))


def _scope(data: ReportingDate, unit_code: str | None) -> list[Unit]:
    """The unit and the units under it; without a unit, the municipality's every unit."""
    municipalities = sorted({unit.municipality_code for unit in data.units})
    if len(municipalities) > 1:
        raise ValueError(
            f"tietovarastossa on kunnat {', '.join(municipalities)}: anna --municipality"
        )
    if unit_code is None:
        return data.units
    return unit_scope(data, unit_code)
