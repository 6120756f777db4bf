"""`toteuma signoff`: a controller approves a reporting date's figures for a unit and
everything under it (no unit: the whole municipality).

The figures approved are those of the latest run, as the ledger gives them (for a date
whose approved figures changed since: the new figures that `approved_figures_unchanged`
listed). Refused, naming every reason, when the OS user may not approve the unit
(controls/signers.yaml), when the latest run has unwaived blocking failures in the
scope, or when a deviating line in the scope has no explanation in the controls folder
(read now, so an explanation written a minute ago counts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from reports.finnish import date_text, euros, period_end
from warehouse.controls.explanations import read_explanations
from warehouse.controls.folder import ControlsFolder
from warehouse.controls.signers import load_signers, permission
from warehouse.controls.signoffs import FIGURE_COLUMNS, SignOff, record_signoff
from warehouse.gate.blocking import where_and_what


class Refused(Exception):
    def __init__(self, scope: str, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__(
            f"hyväksyntää ei tehty ({scope}):\n" + "\n".join(f"  - {r}" for r in reasons)
        )


@dataclass(frozen=True)
class Request:
    reporting_date: dt.date
    by: str
    os_user: str
    unit: str | None = None
    municipality: str | None = None
    comment: str | None = None


def sign_off(
    candidate: Path, audit: Path, controls: Path, request: Request, now: dt.datetime | None = None
) -> tuple[SignOff, int]:
    """Record the sign-off; returns it and the number of units it approved."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    folder = ControlsFolder(controls)
    run_id = _latest_run(candidate, audit, date_text(request.reporting_date))
    with duckdb.connect(str(candidate), read_only=True) as con:
        municipality = request.municipality or _only_municipality(con)
        scope = _scope(con, municipality, request)
        units = _units_in_scope(con, municipality, request)
        reasons = _permission(folder, request, municipality, _above(con, municipality, request))
        reasons += _blocking(audit, run_id, municipality, request)
        reasons += _unexplained(con, folder, municipality, request)
        if reasons:
            raise Refused(scope, reasons)
        rows = _figures(con, municipality, request.reporting_date, units)
    record = record_signoff(
        folder,
        municipality=municipality,
        reporting_date=request.reporting_date,
        unit=request.unit,
        by=request.by,
        os_user=request.os_user,
        at=now,
        rows=rows,
        comment=request.comment,
    )
    return record, len({row["org_unit_code"] for row in rows})


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


def _scope(con, municipality: str, request: Request) -> str:
    day = request.reporting_date
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
    if request.unit is None:
        return f"{date_text(day)}, kunta {municipality}"
    name = con.execute(
        "select org_unit_name from intermediate.int_org_units_on_reporting_dates "
        "where municipality_code = ? and reporting_date = ? and org_unit_code = ?",
        [municipality, day, request.unit],
    ).fetchall()
    if not name:
        raise Refused(
            f"{date_text(day)}, yksikkö {request.unit}",
            [f"yksikköä {request.unit} ei ole päivän {date_text(day)} organisaatiossa"],
        )
    return f"{date_text(day)}, yksikkö {request.unit} {name[0][0]}"


def _units_in_scope(con, municipality: str, request: Request) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select distinct cost_centre_code from intermediate.int_org_paths "
            "where municipality_code = ? and reporting_date = ? "
            "and (ancestor_code = ? or (?::varchar is null and depth = 0))",
            [municipality, request.reporting_date, request.unit, request.unit],
        ).fetchall()
    ]


def _above(con, municipality: str, request: Request) -> list[str]:
    if request.unit is None:
        return []
    return [
        row[0]
        for row in con.execute(
            "select ancestor_code from intermediate.int_org_paths where municipality_code = ? "
            "and reporting_date = ? and cost_centre_code = ?",
            [municipality, request.reporting_date, request.unit],
        ).fetchall()
    ]


def _permission(folder, request: Request, municipality: str, above: list[str]) -> list[str]:
    signers = load_signers(folder.signers)
    if permission(signers, request.os_user, municipality, request.unit, above):
        return []
    what = f"yksikön {request.unit}" if request.unit else f"koko kunnan {municipality}"
    listed = [s for s in signers if s.user == request.os_user]
    if not listed:
        return [f"käyttäjää '{request.os_user}' ei ole tiedostossa controls/signers.yaml"]
    allowed = "; ".join(
        f"kunta {s.municipality}: " + ("kaikki yksiköt" if s.units is None else ", ".join(s.units))
        for s in listed
    )
    return [
        f"käyttäjä '{request.os_user}' ei saa hyväksyä {what} lukuja"
        f" (signers.yaml sallii: {allowed})"
    ]


def _blocking(audit: Path, run_id: str, municipality: str, request: Request) -> list[str]:
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
        if request.unit and unit and f"/{request.unit}/" not in (path or f"/{unit}/"):
            continue
        day = period_end(period)
        if day is not None and day > request.reporting_date:
            continue
        place = where_and_what(file, line, period, unit, code, text, details)
        reasons.append(f"estävä virhe, tarkistus {check}: {place}")
    return reasons


def _unexplained(con, folder: ControlsFolder, municipality: str, request: Request) -> list[str]:
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
        [municipality, request.reporting_date],
    ).fetchall()
    sections, _ = read_explanations(folder.explanations)
    explained = {
        (s.unit, s.line_code)
        for s in sections
        if s.municipality == municipality and s.reporting_date == request.reporting_date
    }
    reasons = []
    for unit, name, line, line_name, actual, pro_rata, deviation, above in deviations:
        if request.unit and request.unit not in above:
            continue
        if any((code, line) in explained for code in above):
            continue
        reasons.append(
            f"selittämätön poikkeama: {unit} {name}, {line_name} ({line}): "
            f"TOT {euros(actual)}, kuluneisiin kuukausiin suhteutettu talousarvio"
            f" {euros(pro_rata)}, poikkeama {euros(deviation)}; kirjoita selitys otsikon"
            f" '## {line_name}' alle tiedostoon"
            f" explanations/{municipality}/{unit}/{request.reporting_date.isoformat()}.md"
            " (tai ylemmän yksikön tiedostoon)"
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
