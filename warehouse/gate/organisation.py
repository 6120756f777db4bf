"""What the gate needs to know of the organisation and the sign-offs, read from the candidate:
which unit is under which on a date (waivers with descendants, `--unit`), unit names,
and which units and dates are open for the morning review (fct_release_status).

Read from the models dbt built in this run; a candidate without them (dbt has not run,
as in the fault matrix) gives an empty organisation: every failure is open.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.controls.explanations import report_lines


@dataclass
class Organisation:
    # (municipality, unit) -> date -> the unit and every unit above it on that date
    paths: dict[tuple[str, str], dict[dt.date, tuple[str, ...]]] = field(default_factory=dict)
    names: dict[tuple[str, str], dict[dt.date, str]] = field(default_factory=dict)
    # (municipality, date, unit) -> open for the morning review
    open: dict[tuple[str, dt.date, str], bool] = field(default_factory=dict)
    top_units: dict[tuple[str, dt.date], list[str]] = field(default_factory=dict)
    closed_years: set[tuple[str, int, str]] = field(default_factory=set)
    line_names: dict[str, str] = field(default_factory=dict)

    def path(self, municipality: str | None, unit: str, on: dt.date | None) -> tuple[str, ...]:
        """The unit and the units above it, top first; on the date, else the latest known."""
        dates = self.paths.get((municipality or "", unit)) or {}
        if not dates:
            return (unit,)
        chosen = on if on in dates else max(dates)
        return dates[chosen]

    def is_within(
        self, municipality: str | None, unit: str, above: str, on: dt.date | None
    ) -> bool:
        dates = self.paths.get((municipality or "", unit)) or {}
        if on in dates:
            return above in dates[on]
        return any(above in path for path in dates.values())

    def name(self, municipality: str | None, unit: str, on: dt.date | None) -> str | None:
        dates = self.names.get((municipality or "", unit)) or {}
        if not dates:
            return None
        return dates[on] if on in dates else dates[max(dates)]

    def is_open(self, municipality: str | None, unit: str | None, on: dt.date | None) -> bool:
        """A failure is open unless its unit's date is approved (figures unchanged) or its
        year closed; one without a unit is judged by the municipality's top unit(s)."""
        if not municipality or on is None:
            return True
        units = [unit] if unit else self.top_units.get((municipality, on), [])
        if not units:
            return True
        return any(self._unit_open(municipality, code, on) for code in units)

    def _unit_open(self, municipality: str, unit: str, on: dt.date) -> bool:
        known = self.open.get((municipality, on, unit))
        if known is not None:
            return known
        return (municipality, on.year, unit) not in self.closed_years


def read_organisation(candidate: Path) -> Organisation:
    organisation = Organisation(line_names={code: name for name, code in report_lines().items()})
    if not candidate.exists():
        return organisation
    with duckdb.connect(str(candidate), read_only=True) as con:
        tables = {
            name
            for (_, name) in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema in ('intermediate', 'marts')"
            ).fetchall()
        }
        if {"int_org_paths", "int_org_units_on_reporting_dates"} <= tables:
            _read_paths(con, organisation)
        if "fct_release_status" in tables:
            _read_release_status(con, organisation)
    return organisation


def _read_paths(con: duckdb.DuckDBPyConnection, organisation: Organisation) -> None:
    rows = con.execute(
        "select municipality_code, cost_centre_code, reporting_date, "
        "list(ancestor_code order by depth desc) "
        "from intermediate.int_org_paths group by all"
    ).fetchall()
    paths: dict = defaultdict(dict)
    for municipality, unit, day, above in rows:
        paths[(municipality, unit)][day] = tuple(above)
    organisation.paths = dict(paths)
    names: dict = defaultdict(dict)
    for municipality, unit, day, name in con.execute(
        "select municipality_code, org_unit_code, reporting_date, org_unit_name "
        "from intermediate.int_org_units_on_reporting_dates"
    ).fetchall():
        names[(municipality, unit)][day] = name
    organisation.names = dict(names)


def _read_release_status(con: duckdb.DuckDBPyConnection, organisation: Organisation) -> None:
    rows = con.execute(
        "select municipality_code, reporting_date, org_unit_code, is_open, is_top_unit, "
        "is_year_closed from marts.fct_release_status"
    ).fetchall()
    tops: dict = defaultdict(list)
    for municipality, day, unit, is_open, is_top, year_closed in rows:
        organisation.open[(municipality, day, unit)] = bool(is_open)
        if is_top:
            tops[(municipality, day)].append(unit)
        if year_closed:
            organisation.closed_years.add((municipality, day.year, unit))
    organisation.top_units = dict(tops)
