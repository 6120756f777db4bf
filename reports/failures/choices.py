"""What the morning review's filters may name: a mistyped one is refused, never shown as
an empty all-clear ("0 riviä … Ei avoimia poikkeamia.").

The checks are those of the run shown (from the audit history); the municipalities, units
and reporting dates those of the published warehouse (read-only and briefly).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from reports.failures.query import FailureReport, Filters
from reports.finnish import date_text


@dataclass(frozen=True)
class Choices:
    """What the published warehouse holds (empty sets: no published file to ask)."""

    municipalities: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()  # unit and cost-centre codes, any municipality
    dates: tuple[dt.date, ...] = field(default_factory=tuple)  # reporting dates, newest first


def published_choices(published: Path) -> Choices:
    """Municipalities, units and reporting dates of the published warehouse."""
    if not published.exists():
        return Choices()
    with duckdb.connect(str(published), read_only=True) as con:
        units = con.execute(
            "select distinct municipality_code, org_unit_code from marts.dim_org_unit"
        ).fetchall()
        dates = con.execute(
            "select distinct reporting_date from review.income_statement order by 1 desc"
        ).fetchall()
    return Choices(
        frozenset(kunta for kunta, _ in units),
        frozenset(unit for _, unit in units),
        tuple(day for (day,) in dates),
    )


def unknown_filters(filters: Filters, report: FailureReport, choices: Choices) -> list[str]:
    """Each filter naming nothing there is, with the valid choices (none: all is known)."""
    problems = []
    checks = set(report.checks)
    if filters.check and not ({filters.check, f"assert_{filters.check}"} & checks):
        close = difflib.get_close_matches(filters.check, sorted(checks), n=5, cutoff=0.5)
        hint = f"; lähimmät: {', '.join(close)}" if close else ""
        problems.append(
            f"ajossa ei ole tarkistusta '{filters.check}'{hint} (kaikki tarkistukset ja niiden"
            " tila: toteuma failures --all)"
        )
    if (
        filters.municipality
        and choices.municipalities
        and (filters.municipality not in choices.municipalities)
    ):
        problems.append(
            f"tietovarastossa ei ole kuntaa '{filters.municipality}' (on: "
            f"{', '.join(sorted(choices.municipalities))})"
        )
    if filters.unit and choices.units and filters.unit not in choices.units:
        close = difflib.get_close_matches(filters.unit, sorted(choices.units), n=5, cutoff=0.6)
        hint = f" (lähimmät: {', '.join(close)})" if close else ""
        problems.append(f"tietovarastossa ei ole yksikköä '{filters.unit}'{hint}")
    if filters.date and choices.dates and filters.date not in choices.dates:
        shown = ", ".join(date_text(day) for day in choices.dates[:8])
        problems.append(
            f"{date_text(filters.date)} ei ole raportointipäivä (viimeisimmät: {shown})"
        )
    return problems
