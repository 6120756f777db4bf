"""What a sign-off of a reporting date needs from the warehouse: the scope (a unit and
everything under it, or the whole municipality), the reasons to refuse it, and the figures
it approves.

The figures approved are those of the latest run, as the ledger gives them (for a date
whose approved figures changed since: the new figures that `approved_figures_unchanged`
listed). The reasons, each named: the latest run has unwaived blocking failures in the
scope, or a deviating line in the scope has no explanation (`explained`: the (unit, line)
pairs the store's explanations cover, read by the caller at the moment it asks, so an
explanation saved a minute ago counts). Who may sign is the store's rule
(review.store.access), not this module's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from reports.finnish import date_text, euros, period_end
from warehouse.controls.signoffs import FIGURE_COLUMNS
from warehouse.gate.blocking import where_and_what


class Refused(Exception):
    def __init__(self, scope: str, reasons: list[str]) -> None:
        self.scope = scope
        self.reasons = reasons
        super().__init__(
            f"hyväksyntää ei tehty ({scope}):\n" + "\n".join(f"  - {r}" for r in reasons)
        )


@dataclass(frozen=True)
class Scope:
    municipality: str
    unit: str | None  # None: the whole municipality
    reporting_date: dt.date
    text: str  # "31.3.2026, yksikkö 600 Sivistyspalvelut", as refusals name it
    units: tuple[str, ...]  # the unit and every unit and cost centre under it
    run_id: str  # the latest run, whose candidate holds the figures


def scope_of(
    candidate: Path, audit: Path, municipality: str | None, unit: str | None, day: dt.date
) -> Scope:
    """The scope of a sign-off; Refused when no run has built the warehouse, the date is
    not a reporting date of the municipality or the unit is not in its organisation."""
    run_id = _latest_run(candidate, audit, date_text(day))
    with duckdb.connect(str(candidate), read_only=True) as con:
        municipality = municipality or _only_municipality(con)
        text = _scope(con, municipality, day, unit)
        units = _units_in_scope(con, municipality, day, unit)
    return Scope(municipality, unit, day, text, tuple(units), run_id)


def reasons_to_refuse(
    candidate: Path, audit: Path, scope: Scope, explained: set[tuple[str, str]]
) -> list[str]:
    """Every reason the scope's figures cannot be approved now (empty: they can)."""
    reasons = _blocking(audit, scope)
    with duckdb.connect(str(candidate), read_only=True) as con:
        reasons += _unexplained(con, scope, explained)
    return reasons


def approved_figures(candidate: Path, scope: Scope) -> list[dict]:
    """Every review row of the scope as the ledger gives it: what the sign-off approves."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        return _figures(con, scope.municipality, scope.reporting_date, list(scope.units))


def _latest_run(candidate: Path, audit: Path, day: str) -> str:
    """The figures approved must be those the latest run built and checked; `day` is the
    date asked for, as the refusal names it."""
    if not audit.exists() or not candidate.exists():
        raise Refused(
            day,
            [
                f"tietovarastoa {candidate.parent} ei ole vielä rakentanut yksikään ajo:"
                " tarkista --warehouse, tai aja ensin `toteuma run`"
            ],
        )
    with duckdb.connect(str(audit), read_only=True) as con:
        (run_id,) = con.execute(
            "select run_id from audit.runs order by run_at desc limit 1"
        ).fetchall()[0]
    with duckdb.connect(str(candidate), read_only=True) as con:
        built = con.execute("select distinct run_id from audit_run.dbt_tests").fetchall()
    if [(run_id,)] != built:
        raise Refused(
            day,
            [
                f"ehdokastietovarasto ei ole viimeisimmän ajon ({run_id}) rakentama:"
                " aja `toteuma run`"
            ],
        )
    return run_id


def _only_municipality(con: duckdb.DuckDBPyConnection) -> str:
    found = [
        row[0]
        for row in con.execute(
            "select distinct municipality_code from intermediate.int_reporting_dates order by 1"
        ).fetchall()
    ]
    if len(found) != 1:
        raise Refused(
            "päivä", [f"anna --municipality: tietovarastossa on kunnat {', '.join(found)}"]
        )
    return found[0]


def _scope(con, municipality: str, day: dt.date, unit: str | None) -> str:
    dates = con.execute(
        "select reporting_date from intermediate.int_reporting_dates "
        "where municipality_code = ? order by reporting_date desc",
        [municipality],
    ).fetchall()
    if (day,) not in dates:
        latest = ", ".join(date_text(row[0]) for row in dates[:4])
        raise Refused(
            date_text(day), [f"{date_text(day)} ei ole raportointipäivä (viimeisimmät: {latest})"]
        )
    if unit is None:
        return f"{date_text(day)}, kunta {municipality}"
    name = con.execute(
        "select org_unit_name from intermediate.int_org_units_on_reporting_dates "
        "where municipality_code = ? and reporting_date = ? and org_unit_code = ?",
        [municipality, day, unit],
    ).fetchall()
    if not name:
        raise Refused(
            f"{date_text(day)}, yksikkö {unit}",
            [f"yksikköä {unit} ei ole päivän {date_text(day)} organisaatiossa"],
        )
    return f"{date_text(day)}, yksikkö {unit} {name[0][0]}"


def _units_in_scope(con, municipality: str, day: dt.date, unit: str | None) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select distinct cost_centre_code from intermediate.int_org_paths "
            "where municipality_code = ? and reporting_date = ? "
            "and (ancestor_code = ? or (?::varchar is null and depth = 0))",
            [municipality, day, unit, unit],
        ).fetchall()
    ]


def _blocking(audit: Path, scope: Scope) -> list[str]:
    run_id, municipality = scope.run_id, scope.municipality
    with duckdb.connect(str(audit), read_only=True) as con:
        not_run = con.execute(
            "select check_name, error from audit.check_results "
            "where run_id = ? and blocks_publication and error is not null",
            [run_id],
        ).fetchall()
        rows = con.execute(
            "select check_name, municipality_code, unit_path, org_unit_code, source_file, "
            "source_row, period, line_code, explanation, details from audit.check_failures "
            "where run_id = ? and status = 'failed' and severity = 'error'",
            [run_id],
        ).fetchall()
    reasons = [
        f"estävää tarkistusta {name} ei voitu ajaa: {error[:200]}" for name, error in not_run
    ]
    for check, row_municipality, path, unit, file, line, period, code, text, details in rows:
        if row_municipality not in (None, municipality):
            continue
        if scope.unit and unit and f"/{scope.unit}/" not in (path or f"/{unit}/"):
            continue
        day = period_end(period)
        if day is not None and day > scope.reporting_date:
            continue
        place = where_and_what(file, line, period, unit, code, text, details)
        reasons.append(f"estävä virhe, tarkistus {check}: {place}")
    return reasons


def _unexplained(con, scope: Scope, explained: set[tuple[str, str]]) -> list[str]:
    municipality = scope.municipality
    deviations = con.execute(
        "select deviations.org_unit_code, deviations.org_unit_name, deviations.line_code, "
        "deviations.line_name, deviations.actual_ytd, deviations.pro_rata_budget, "
        "deviations.deviation, list(paths.ancestor_code) "
        "from intermediate.int_budget_deviations as deviations "
        "inner join intermediate.int_org_paths as paths "
        "on deviations.municipality_code = paths.municipality_code "
        "and deviations.reporting_date = paths.reporting_date "
        "and deviations.org_unit_code = paths.cost_centre_code "
        "where deviations.municipality_code = ? and deviations.reporting_date = ? "
        "group by all order by deviations.org_unit_code, deviations.line_code",
        [municipality, scope.reporting_date],
    ).fetchall()
    reasons = []
    for unit, name, line, line_name, actual, pro_rata, deviation, above in deviations:
        if scope.unit and scope.unit not in above:
            continue
        if any((code, line) in explained for code in above):
            continue
        reasons.append(
            f"selittämätön poikkeama: {unit} {name}, {line_name} ({line}): "
            f"TOT {euros(actual)}, kuluneisiin kuukausiin suhteutettu talousarvio"
            f" {euros(pro_rata)}, poikkeama {euros(deviation)}; kirjoita riville selitys"
            f" yksikön {unit} (tai ylemmän yksikön) selitykseen: selityssivulla tai"
            f" komennolla `toteuma explain`"
        )
    return reasons


def _figures(con, municipality: str, day: dt.date, units: list[str]) -> list[dict]:
    """Every review row of the scope as the ledger gives it: what the sign-off approves."""
    figures = ", ".join(FIGURE_COLUMNS[:-1])
    query = (
        "select '{table}' as table_name, org_unit_code, org_unit_name, org_level, "
        "is_valid_on_reporting_date, {line} as line_code, {figures}, {forecast} as forecast "
        "from intermediate.{model} where municipality_code = ? and reporting_date = ? "
        "and list_contains(?, org_unit_code)"
    )
    rows = []
    for table, model, line, forecast in (
        ("income_statement", "int_income_statement_from_ledger", "line_code", "forecast"),
        ("investments", "int_investments_from_ledger", "item_code", "null"),
    ):
        cursor = con.execute(
            query.format(table=table, model=model, line=line, figures=figures, forecast=forecast),
            [municipality, day, units],
        )
        names = [column[0] for column in cursor.description]
        rows += [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    for row in rows:
        for column in FIGURE_COLUMNS:
            if row[column] is not None:
                row[column] = Decimal(row[column])
    return rows
