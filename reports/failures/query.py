"""Which failing rows a controller sees: the latest run's, filtered.

By default the open ones: rows of units and dates nobody has approved yet (and of years
not closed), error rows always, without rows under the materiality threshold (`info`).
`--date` shows that date whether approved or not; `--all` shows every row, as the
history holds them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from reports.finnish import period_end

COLUMNS = (
    "check_name", "layer", "severity", "row_severity", "status", "novelty", "is_open",
    "municipality_code", "org_unit_code", "org_unit_name", "unit_path", "line_code",
    "line_name", "period", "expected", "actual", "difference", "materiality_threshold",
    "source_file", "source_row", "explanation", "waiver", "details",
)  # fmt: skip
SEVERITY_ORDER = {"error": 0, "warn": 1, "info": 2}


@dataclass(frozen=True)
class Filters:
    date: dt.date | None = None
    unit: str | None = None  # the unit and every unit under it
    check: str | None = None
    severity: str | None = None  # error | warn | info
    new: bool = False
    all: bool = False
    municipality: str | None = None  # codes repeat across municipalities: one of them

    def keeps(self, row: dict) -> bool:
        if self.municipality and row["municipality_code"] != self.municipality:
            return False
        if self.check and row["check_name"] not in (self.check, f"assert_{self.check}"):
            return False
        if self.severity and row["row_severity"] != self.severity:
            return False
        if self.new and row["novelty"] != "new":
            return False
        if self.unit and not _under(row, self.unit):
            return False
        if self.date and period_end(row["period"]) != self.date:
            return False
        if self.all or self.date:
            return True
        return row["is_open"] and (self.severity == "info" or row["row_severity"] != "info")


def _under(row: dict, unit: str) -> bool:
    if row["unit_path"]:
        return f"/{unit}/" in row["unit_path"]
    return row["org_unit_code"] == unit


@dataclass(frozen=True)
class CheckInfo:
    name: str
    layer: str
    severity: str
    explanation: str


@dataclass
class FailureReport:
    run_id: str
    run_at: dt.datetime
    decision: str
    rows: list[dict]  # shown rows: errors first, then by check, unit, newest period first
    checks: dict[str, CheckInfo] = field(default_factory=dict)
    hidden: dict[str, int] = field(default_factory=dict)  # not open / info, when filtered
    dates: list[dt.date] = field(default_factory=list)  # the reporting dates shown, newest first
    filters: Filters = field(default_factory=Filters)
    # scopes the run withheld (decision 'partial' or 'withheld'), in Finnish, each with
    # the checks that hold it: "kunnan 222 kirjanpito 3/2026: gl_postings.account_known"
    withheld: list[str] = field(default_factory=list)


def latest_failures(
    audit: Path, run_id: str | None = None, filters: Filters | None = None
) -> FailureReport:
    """The given (default: latest) run's failing rows that the filters keep."""
    filters = filters or Filters(all=True)
    if not audit.exists():
        raise FileNotFoundError(
            f"tarkistushistoriaa ei vielä ole: {audit}; aja ensin `toteuma run`"
        )
    with duckdb.connect(str(audit), read_only=True) as con:
        runs = con.execute(
            "select run_id, run_at, decision from audit.runs "
            "where run_id = coalesce(?, run_id) order by run_at desc limit 1",
            [run_id],
        ).fetchall()
        if not runs:
            raise ValueError(f"ajoa {run_id} ei ole tarkistushistoriassa {audit}")
        run, run_at, decision = runs[0]
        available = {row[0] for row in con.execute("describe audit.check_failures").fetchall()}
        select = ", ".join(c if c in available else f"null as {c}" for c in COLUMNS)
        cursor = con.execute(f"select {select} from audit.check_failures where run_id = ?", [run])
        every = [
            _normalised(dict(zip(COLUMNS, values, strict=True))) for values in cursor.fetchall()
        ]
        checks = {
            name: CheckInfo(name, layer, severity, explanation or "")
            for name, layer, severity, explanation in con.execute(
                "select check_name, layer, severity, explanation from audit.check_results "
                "where run_id = ?",
                [run],
            ).fetchall()
        }
        withheld = _withheld(con, run)
    shown = sorted((row for row in every if filters.keeps(row)), key=_order)
    return FailureReport(
        run,
        run_at,
        decision,
        shown,
        checks,
        _hidden(every, filters),
        _dates(shown),
        filters,
        withheld,
    )


def _withheld(con: duckdb.DuckDBPyConnection, run: str) -> list[str]:
    """The run's withheld scopes with their checks (none in a history from before them)."""
    exists = con.execute(
        "select count(*) from information_schema.tables"
        " where table_schema = 'audit' and table_name = 'withheld_scopes'"
    ).fetchall()[0][0]
    if not exists:
        return []
    rows = con.execute(
        "select scope, string_agg(distinct check_name, ', ' order by check_name)"
        " from audit.withheld_scopes where run_id = ? group by scope order by scope",
        [run],
    ).fetchall()
    return [f"{scope}: {checks}" for scope, checks in rows]


def _normalised(row: dict) -> dict:
    """Rows written before the triage columns existed count as open, at their check's severity."""
    row["row_severity"] = row["row_severity"] or row["severity"]
    row["is_open"] = True if row["is_open"] is None else bool(row["is_open"])
    return row


def _order(row: dict) -> tuple:
    day = period_end(row["period"]) or dt.date.min
    return (
        SEVERITY_ORDER.get(row["severity"], 3),
        row["check_name"],
        row["unit_path"] or row["org_unit_code"] or "",
        -day.toordinal(),
        row["line_code"] or "",
        row["source_file"] or "",
        row["source_row"] or 0,
    )


def _hidden(rows: list[dict], filters: Filters) -> dict[str, int]:
    if filters.all or filters.date:
        return {}
    return {
        "approved_or_closed": sum(not row["is_open"] for row in rows),
        "info": sum(row["is_open"] and row["row_severity"] == "info" for row in rows)
        if filters.severity != "info"
        else 0,
    }


def _dates(rows: list[dict]) -> list[dt.date]:
    days = {period_end(row["period"]) for row in rows}
    return sorted((day for day in days if day), reverse=True)
