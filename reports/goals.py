"""A unit's goals, indicators, risks and projects as the seed reports print them: the
tables after the finance tables, with the seeds' headings and columns, rows in the
order of the service area's workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reports.numbers import percent, whole_euros
from reports.stamps import level_genitive
from reports.units import Unit

BINDING_TITLE = "STRATEGIASTA JOHDETUT TAVOITTEET (VALTUUSTON SITOVUUSTASO)"
OPERATIONAL_TITLE = "Käyttösuunnitelman toteutuminen, toiminnalliset tavoitteet"


@dataclass(frozen=True)
class TextTable:
    kind: str  # "binding" | "operational" | "indicators" | "risks" | "projects"
    title: str
    headings: tuple[str, ...]
    widths: tuple[int, ...]  # relative column widths
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[dict, ...]  # the review row each table row prints


def goal_tables(unit: Unit, reporting_date: dt.date) -> list[TextTable]:
    """The tables the unit has rows for, in the seeds' order."""
    tables = (
        _goals(unit, reporting_date, "binding"),
        _goals(unit, reporting_date, "operational"),
        _indicators(unit),
        _risks(unit, reporting_date),
        _projects(unit, reporting_date),
    )
    return [table for table in tables if table.rows]


def _goals(unit: Unit, reporting_date: dt.date, kind: str) -> TextTable:
    goals = [row for row in unit.tables["goals"] if row["goal_kind"] == kind]
    themes = _once(goals, ("theme",), "theme")
    assessed = f"Toteuma {_day_month(reporting_date)}"
    year = reporting_date.year
    if kind == "binding":
        target = f"{level_genitive(unit.level).capitalize()} tavoite {year}"
        headings = ("Strateginen päämäärä", target, assessed, "Tila")
        rows = [
            (theme, row["goal_text"], row["assessment_text"], row["status"])
            for theme, row in zip(themes, goals, strict=True)
        ]
        return _table(kind, BINDING_TITLE, headings, (3, 5, 5, 2), rows, goals)
    headings = ("Strateginen päämäärä", f"Tavoite {year}", "Mittari ja tavoitetaso")
    headings += ("Vastuu", assessed, "Tila")
    responsible = _once(goals, ("theme", "responsible"), "responsible")
    rows = [
        (theme, row["goal_text"], row["measure_text"], officials)
        + (row["assessment_text"], row["status"])
        for theme, officials, row in zip(themes, responsible, goals, strict=True)
    ]
    return _table(kind, OPERATIONAL_TITLE, headings, (3, 4, 4, 3, 5, 2), rows, goals)


def _indicators(unit: Unit) -> TextTable:
    """One row per indicator, one column per year and kind (the seeds: Toteutuma 2022,
    Toteutuma 2023, Tavoite 2024, Toteutuma 2024); two values of a year both shown."""
    rows = unit.tables["indicators"]
    columns = sorted({(r["year"], r["kind"]) for r in rows}, key=lambda c: (c[0], c[1] != "target"))
    names = list(dict.fromkeys(row["indicator_name"] for row in rows))
    values: dict[tuple, list[str]] = {}
    for row in rows:
        key = (row["indicator_name"], row["year"], row["kind"])
        values.setdefault(key, []).append(_text(row["value_text"]))
    headings = ("Tunnusluku",) + tuple(
        f"{'Tavoite' if kind == 'target' else 'Toteutuma'} {year}" for year, kind in columns
    )
    table = [
        (name,) + tuple("; ".join(values.get((name, *column), [])) for column in columns)
        for name in names
    ]
    sources = [next(r for r in rows if r["indicator_name"] == name) for name in names]
    widths = (5,) + (2,) * len(columns)
    return _table("indicators", "Tunnusluvut", headings, widths, table, sources)


def _risks(unit: Unit, reporting_date: dt.date) -> TextTable:
    risks = unit.tables["risks"]
    headings = ("Riskiluokka", "Tunnistettu riski", "Riskiarvo", "Hallintakeino")
    headings += ("Hallintakeinon toteutuminen",)
    rows = [
        (row["risk_class"], row["risk_text"], risk_value(row), row["control_measure"])
        + (row["control_status_text"],)
        for row in risks
    ]
    return _table("risks", "Riskienhallinta", headings, (2, 4, 3, 5, 4), rows, risks)


def risk_value(row: dict) -> str:
    """'Todennäköisyys: 2, merkittävyys: 1, riskiarvo 2' (probability × significance)."""
    score = row.get("risk_score")
    if score is None and row["probability"] is not None and row["significance"] is not None:
        score = row["probability"] * row["significance"]
    return (
        f"Todennäköisyys: {_text(row['probability'])}\n"
        f"Merkittävyys: {_text(row['significance'])}\n"
        f"Riskiarvo: {_text(score)}"
    )


def _projects(unit: Unit, reporting_date: dt.date) -> TextTable:
    projects = unit.tables["projects"]
    headings = ("Strateginen tavoite", "Hankkeen nimi", "Toteutusaika ja rahoittaja")
    headings += ("Menojen toteuma %", "Hankkeen kokonaisrahoitus", "Kaupungin rahoitusosuus %")
    headings += (f"Toteuma {_day_month(reporting_date)}",)
    rows = [
        (row["theme"], row["project_name"], _period_and_funders(row))
        + (_pct(row["expense_realization_pct"]), whole_euros(row["total_funding"]))
        + (row["city_share_text"] or _pct(row["city_share_pct"]), row["status_text"])
        for row in projects
    ]
    return _table("projects", "Hankkeet", headings, (6, 6, 6, 4, 5, 5, 11), rows, projects)


def _period_and_funders(row: dict) -> str:
    return "\n".join(part for part in (row["period_text"], row["funders"]) if part)


def _pct(value) -> str:
    return f"{percent(value, 0)} %" if value is not None else ""


def _once(goals: list[dict], group: tuple[str, ...], column: str) -> list[str]:
    """`column` printed on the first goal of its group, as the seeds group a theme's goals
    (and the officials responsible for them) in one cell."""
    previous, shown = None, []
    for row in goals:
        key = tuple(row[name] for name in group)
        shown.append("" if key == previous else _text(row[column]))
        previous = key
    return shown


def _day_month(day: dt.date) -> str:
    return f"{day.day}.{day.month}."


def _text(value) -> str:
    return "" if value is None else str(value)


def _table(kind, title, headings, widths, rows, sources) -> TextTable:
    cleaned = tuple(tuple(_text(cell) for cell in row) for row in rows)
    return TextTable(kind, title, tuple(headings), tuple(widths), cleaned, tuple(sources))
