"""One reporting date of the published warehouse, read once for the pack and the report.

Everything comes from the published file, opened read-only: the review tables, the
organisation tree on the date (`marts.dim_org_unit`), the publication stamp (`meta`) and
the published run's failing `warn` rows (`audit`). A table the file lacks (an older
file, a warehouse without goal workbooks) reads as empty.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from reports.finnish import date_text, period_end
from reports.units import Publication, Release, ReportingDate, Unit, tree_order

FIGURE_TABLES = {
    "income_statement": "line_order",
    "binding_budget": "item_order",
    "investments": "item_order",
}
TEXT_TABLES = {
    "explanations": "section_seq",
    "goals": "goal_kind, source_row",
    "indicators": "source_row, indicator_name, year, kind desc, value_seq",
    "risks": "source_row",
    "projects": "source_row",
}


def read_reporting_date(
    warehouse_path: Path, reporting_date: dt.date, municipality: str | None = None
) -> ReportingDate:
    """The units of `reporting_date` in the seeds' order, each with its rows; raises
    ValueError naming the dates that exist when the date has no figures."""
    if not warehouse_path.exists():
        raise FileNotFoundError(
            f"julkaistua tietovarastoa ei ole: {warehouse_path}; aja ensin `toteuma run`"
        )
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        reader = _Reader(connection, reporting_date, municipality)
        units = reader.units()
        if not units:
            raise ValueError(reader.missing_date_message())
        return ReportingDate(
            reporting_date, reader.municipality_names(), reader.publication(), units
        )


class _Reader:
    def __init__(self, connection, reporting_date: dt.date, municipality: str | None) -> None:
        self.connection, self.date, self.municipality = connection, reporting_date, municipality
        listed = connection.execute(
            "select table_schema || '.' || table_name from information_schema.tables"
        ).fetchall()
        self.tables = {row[0] for row in listed}

    def rows(self, table: str, order: str) -> list[dict]:
        """The table's rows of the date (and municipality); none if the file lacks it."""
        if table not in self.tables:
            return []
        cursor = self.connection.execute(
            f"select * from {table} where reporting_date = ? "
            f"and (?::varchar is null or municipality_code = ?) order by {order}",
            [self.date, self.municipality, self.municipality],
        )
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]

    def units(self) -> list[Unit]:
        units: dict[tuple[str, str], Unit] = {}
        for table, order in FIGURE_TABLES.items():
            for row in self.rows(f"review.{table}", order):
                _unit(units, row).tables[table].append(row)
        if not units:
            return []
        for table, order in TEXT_TABLES.items():
            for row in self.rows(f"review.{table}", order):
                key = (row["municipality_code"], row["org_unit_code"])
                if key in units:
                    units[key].tables[table].append(row)
        self._attach_releases(units)
        self._attach_failures(units)
        return tree_order(list(units.values()), self.parents())

    def parents(self) -> dict[tuple[str, str], str]:
        """Each unit's parent on the date (its nearest version for a unit closed by then)."""
        if "marts.dim_org_unit" not in self.tables:
            return {}
        found = self.connection.execute(
            "select municipality_code, org_unit_code, parent_code from marts.dim_org_unit "
            "qualify row_number() over (partition by municipality_code, org_unit_code "
            "order by (? between valid_from_date and valid_to_date) desc, "
            "valid_to_date desc) = 1",
            [self.date],
        ).fetchall()
        return {(kunta, code): parent for kunta, code, parent in found if parent}

    def municipality_names(self) -> dict[str, str]:
        if "marts.dim_org_unit" not in self.tables:
            return {}
        found = self.connection.execute(
            "select municipality_code, arg_max(org_unit_name, valid_to_date) "
            "from marts.dim_org_unit where org_level = 'KUNTA' group by all"
        ).fetchall()
        return dict(found)

    def publication(self) -> Publication:
        if "meta.publication" not in self.tables:
            return Publication(None, None)
        found = self.connection.execute(
            "select published_at, run_id from meta.publication"
        ).fetchone()
        return Publication(*found) if found else Publication(None, None)

    def _attach_releases(self, units: dict[tuple[str, str], Unit]) -> None:
        rows = self.rows("review.releases", "org_unit_code, status_seq")
        for row in rows:
            unit = units.get((row["municipality_code"], row["org_unit_code"]))
            if unit is not None and row["is_current_status"]:
                unit.release = Release.from_row(row)
        for unit in units.values():
            if not rows and unit.tables["income_statement"]:
                unit.release = Release.from_row(unit.tables["income_statement"][0])

    def _attach_failures(self, units: dict[tuple[str, str], Unit]) -> None:
        """The published run's unwaived `warn` rows of this date (not the `info` ones
        under the materiality threshold)."""
        if not {"audit.check_failures", "meta.publication"} <= self.tables:
            return
        cursor = self.connection.execute(
            "select * from audit.check_failures where run_id = (select run_id from "
            "meta.publication) and severity = 'warn' and row_severity = 'warn' "
            "and nullif(waiver, '') is null"
        )
        columns = [column[0] for column in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(columns, values, strict=True))
            unit = units.get((row["municipality_code"], row["org_unit_code"]))
            if unit is not None and period_end(row["period"]) == self.date:
                unit.failures.append(row)

    def missing_date_message(self) -> str:
        union = " union ".join(
            f"select distinct reporting_date from review.{table} "
            "where ?::varchar is null or municipality_code = ?"
            for table in FIGURE_TABLES
        )
        dates = self.connection.execute(
            f"select distinct reporting_date from ({union}) order by 1 desc limit 13",
            [self.municipality, self.municipality] * len(FIGURE_TABLES),
        ).fetchall()
        shown = ", ".join(date_text(row[0]) for row in dates[:12]) or "ei yhtään"
        more = " (ja vanhempia)" if len(dates) > 12 else ""
        scope = f" kunnalta {self.municipality}" if self.municipality else ""
        return (
            f"tarkastelutauluissa ei ole rivejä raportointipäivältä {date_text(self.date)}"
            f"{scope}. Päivät, joilta rivejä on, uusin ensin: {shown}{more}."
        )


def _unit(units: dict[tuple[str, str], Unit], row: dict) -> Unit:
    key = (row["municipality_code"], row["org_unit_code"])
    if key not in units:
        units[key] = Unit(*key, name=row["org_unit_name"], level=row["org_level"])
    return units[key]
