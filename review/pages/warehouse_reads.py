"""Everything the pages read from the published warehouse and the audit history: the one
module of the web application that opens DuckDB files.

Each read opens the file read-only for the one query set it needs and closes it before
the page is rendered (a `with` block): the application never holds a warehouse, so the
nightly run can replace the published file at any moment. Every query filters in SQL by
run, municipality, unit and date; no page loads a whole table into Python.

A file that is missing, or that another program holds open read-write (DuckDB then lets
nobody else open it), raises WarehouseUnavailable with a Finnish sentence naming what to
do; review.pages.middleware turns it into a plain 503 page.

Sources:
- `<stem>.duckdb` (published): review.income_statement / binding_budget / investments /
  explanations, marts.dim_org_unit, meta.publication;
- `<stem>.audit.duckdb` (history of every run): audit.runs, audit.check_results,
  audit.check_failures (evidence rows, identity codes masked by the gate), audit.withheld_scopes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import duckdb
from django.utils.translation import gettext

from reports.failures.choices import Choices
from reports.failures.query import COLUMNS, CheckInfo, FailureReport, Filters, _order
from reports.finnish import period_end
from reports.units import Unit
from warehouse.run_lock import Holder, read_holder
from warehouse.settings import Settings

FIGURE_TABLES = ("income_statement", "binding_budget", "investments")
FIGURE_ORDER = {
    "income_statement": "line_order",
    "binding_budget": "item_order",
    "investments": "item_order",
}
log = logging.getLogger("review.pages")
HISTORY_RUNS = 10  # a check's history: this many latest runs
# DuckDB's refusal when another process holds the file read-write
_LOCKED = re.compile(
    r'lock on file "(?P<file>[^"]+)".*?held in (?P<program>\S+) \(PID (?P<pid>\d+)\)', re.DOTALL
)


class WarehouseUnavailable(Exception):
    """A warehouse file cannot be read now; `str()` is a Finnish sentence for the page."""


def unavailable_text(problem: Exception, path: Path | None = None) -> str:
    """A sentence for the page (in its language) for a DuckDB error opening a file
    (locked, missing, damaged). The page names no path, program or process: those are
    the server's business and go to its log (logger review.pages), for the administrator."""
    held = _LOCKED.search(str(problem))
    if held:
        log.warning(
            "warehouse file %s held read-write by %s (PID %s): pages answer 503 until it is"
            " closed (open it read-only: duckdb -readonly or read_only=True)",
            held["file"], held["program"], held["pid"],
        )  # fmt: skip
        return gettext(
            "Toinen ohjelma pitää tietovaraston auki kirjoitustilassa; yritä hetken kuluttua."
        )
    log.warning("warehouse file %s could not be read: %s", path or "?", problem)
    return gettext(
        "Tietovarastoa ei voitu lukea juuri nyt. Yritä hetken kuluttua uudelleen; jos vika"
        " jatkuu, ota yhteys ylläpitäjään."
    )


@contextlib.contextmanager
def _open(path: Path, missing: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-only connection; WarehouseUnavailable when the file is missing
    (`missing`: the Finnish sentence) or cannot be opened."""
    if not Path(path).exists():
        raise WarehouseUnavailable(missing)
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as problem:
        raise WarehouseUnavailable(unavailable_text(problem, Path(path))) from None
    with connection:
        yield connection


PUBLISHED_MISSING = (
    "Julkaistua tietovarastoa ei vielä ole: ensimmäinen yöajo ei ole valmistunut"
    " (ylläpitäjä: toteuma run)."
)
AUDIT_MISSING = (
    "Tarkistushistoriaa ei vielä ole: yhtään yöajoa ei ole ajettu (ylläpitäjä: toteuma run)."
)


def _published(settings: Settings):
    return _open(settings.warehouse_path, PUBLISHED_MISSING)


def _audit(settings: Settings):
    return _open(settings.audit_path, AUDIT_MISSING)


def _dicts(cursor) -> list[dict]:
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


_TABLES: dict[tuple, frozenset[str]] = {}  # file version -> its tables


def _tables(con, version: tuple | None = None) -> frozenset[str]:
    """The schema.table names of the file (an older file may lack some); per version of
    the file when given, read once."""
    found = _TABLES.get(version) if version else None
    if found is None:
        listed = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables"
        ).fetchall()
        found = frozenset(row[0] for row in listed)
        if version:
            if len(_TABLES) > 16:
                _TABLES.clear()
            _TABLES[version] = found
    return found


# --- run status ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RunStatus:
    """The latest run as every page's header tells it."""

    run_id: str | None
    run_at: dt.datetime | None  # UTC, naive (as audit.runs keeps it)
    decision: str | None  # publish | partial | withheld
    blocking_checks: int = 0
    withheld: tuple[str, ...] = ()  # "scope: checks" of a partial or withheld run
    blocking: tuple[str, ...] = ()  # the checks whose failures withheld publication
    running: Holder | None = None  # the run holding the lock now
    running_now: bool = False
    problem: str = ""  # why the status could not be read (Finnish)
    # a later `toteuma run` looked and found nothing new since this run (UTC, aware)
    checked_at: dt.datetime | None = None


def run_status(settings: Settings) -> RunStatus:
    """The latest run of the audit history and whether a run holds the lock now. Never
    raises: a history that cannot be read is told in `problem`. The history is read once
    per version of its file (a run replaces the file: a new version)."""
    running_now = lock_is_held(settings.lock_path)
    holder = read_holder(settings.lock_path) if running_now else None
    try:
        latest, withheld = _latest_run(_version(settings.audit_path, AUDIT_MISSING))
    except WarehouseUnavailable as problem:
        return RunStatus(None, None, None, running=holder, running_now=running_now,
                         problem=str(problem))  # fmt: skip
    if latest is None:
        return RunStatus(None, None, None, running=holder, running_now=running_now)
    return RunStatus(
        *latest[:4], withheld, latest[4], holder, running_now, checked_at=_checked(settings, latest)
    )


def _checked(settings: Settings, latest: tuple) -> dt.datetime | None:
    """When a run last found nothing new since the latest run (orchestration/nothing_new)."""
    from warehouse.quiet_nights import looks

    found = looks(settings)
    return found[-1].at if found and found[-1].matched_run == latest[0] else None


@functools.lru_cache(maxsize=4)
def _latest_run(version: tuple) -> tuple[tuple | None, tuple[str, ...]]:
    with _open(Path(version[0]), AUDIT_MISSING) as con:
        found = con.execute(
            "select run_id, run_at, decision, blocking_checks from audit.runs"
            " order by run_at desc limit 1"
        ).fetchone()
        if found is None:
            return None, ()
        blocking = tuple(
            name
            for (name,) in con.execute(
                "select check_name from audit.check_results where run_id = ?"
                " and blocks_publication and coalesce(unwaived_failures, failures) > 0"
                " order by check_name",
                [found[0]],
            ).fetchall()
        )
        found = (*found, blocking)
        if "audit.withheld_scopes" not in _tables(con):
            return found, ()
        return found, tuple(
            f"{scope}: {checks}"
            for scope, checks in con.execute(
                "select scope, string_agg(distinct check_name, ', ' order by check_name)"
                " from audit.withheld_scopes where run_id = ? group by scope order by scope",
                [found[0]],
            ).fetchall()
        )


def _version(path: Path, missing: str) -> tuple[str, int, int]:
    """A file's identity for caching what is read from it: the nightly run replaces the
    published file and the audit history by rename, so a new file is a new version."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        raise WarehouseUnavailable(missing) from None
    return (str(path), stat.st_mtime_ns, stat.st_size)


def lock_is_held(lock_path: Path) -> bool:
    """Whether a run holds the warehouse's run lock (warehouse/run_lock.py) now: a shared
    lock is refused while the run's exclusive one is held. Taken and dropped at once, so
    a run starting meanwhile waits a moment at most (the lock's own patience is 1 s)."""
    import fcntl
    import os

    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


# --- the published warehouse's choices ------------------------------------------------------


def choices(settings: Settings, municipality: str | None = None) -> Choices:
    """Municipalities, units and reporting dates the published warehouse holds (as
    reports.failures.choices.published_choices reads them, for one municipality when
    given), for refusing a filter that names nothing there is; read once per version of
    the published file."""
    return _choices(_version(settings.warehouse_path, PUBLISHED_MISSING), municipality)


@functools.lru_cache(maxsize=16)
def _choices(version: tuple, municipality: str | None) -> Choices:
    with _open(Path(version[0]), PUBLISHED_MISSING) as con:
        municipalities = con.execute(
            "select distinct municipality_code from marts.dim_org_unit"
        ).fetchall()
        units = con.execute(
            "select distinct org_unit_code from marts.dim_org_unit"
            " where ?::varchar is null or municipality_code = ?",
            [municipality, municipality],
        ).fetchall()
        dates = con.execute(
            "select distinct reporting_date from review.income_statement"
            " where ?::varchar is null or municipality_code = ? order by 1 desc",
            [municipality, municipality],
        ).fetchall()
    return Choices(
        frozenset(code for (code,) in municipalities),
        frozenset(code for (code,) in units),
        tuple(day for (day,) in dates),
    )


def official_dates(settings: Settings, municipality: str) -> tuple[dt.date, ...]:
    """The municipality's official reporting dates (marts.dim_period) that have figures,
    newest first; read once per version of the published file."""
    return _official_dates(_version(settings.warehouse_path, PUBLISHED_MISSING), municipality)


@functools.lru_cache(maxsize=16)
def _official_dates(version: tuple, municipality: str) -> tuple[dt.date, ...]:
    with _open(Path(version[0]), PUBLISHED_MISSING) as con:
        rows = con.execute(
            "select distinct statement.reporting_date from review.income_statement as statement"
            " inner join marts.dim_period as periods"
            " on periods.calendar_date = statement.reporting_date"
            " where statement.municipality_code = ? and periods.is_official_reporting_date"
            " order by 1 desc",
            [municipality],
        ).fetchall()
    return tuple(day for (day,) in rows)


# --- the morning queue -----------------------------------------------------------------------


@dataclass
class Morning:
    report: FailureReport
    failing_checks: list[str]  # checks with failing rows in the run, by name
    # open rows under the materiality threshold the filters left out (shown on request)
    below_materiality: list[dict] = field(default_factory=list)


def failures(settings: Settings, municipalities: list[str], filters: Filters) -> Morning:
    """The latest run's failing rows of the municipalities (and rows of no municipality),
    kept by `filters` as `toteuma failures` keeps them (reports.failures.query.Filters),
    in its order. Open rows only unless a date is asked (SQL does the coarse cut: run,
    municipality, openness, date; Filters.keeps the rest)."""
    with _audit(settings) as con:
        run = con.execute(
            "select run_id, run_at, decision from audit.runs order by run_at desc limit 1"
        ).fetchone()
        if run is None:
            raise WarehouseUnavailable("Tarkistushistoriassa ei ole vielä yhtään ajoa.")
        available = {row[0] for row in con.execute("describe audit.check_failures").fetchall()}
        select = ", ".join(c if c in available else f"null as {c}" for c in COLUMNS)
        wanted = list(municipalities) or [""]
        where = ["run_id = ?", "(coalesce(municipality_code, '') = '' or municipality_code in"
                 f" ({', '.join('?' for _ in wanted)}))"]  # fmt: skip
        parameters: list = [run[0], *wanted]
        if not (filters.all or filters.date) and "is_open" in available:
            where.append("coalesce(is_open, true)")
        if filters.check:
            where.append("check_name in (?, ?)")
            parameters += [filters.check, f"assert_{filters.check}"]
        cursor = con.execute(
            f"select {select} from audit.check_failures where {' and '.join(where)}", parameters
        )
        rows = [_normalised(row) for row in _dicts(cursor)]
        checks = {
            name: CheckInfo(name, layer, severity, explanation or "")
            for name, layer, severity, explanation in con.execute(
                "select check_name, layer, severity, explanation from audit.check_results"
                " where run_id = ?",
                [run[0]],
            ).fetchall()
        }
        failing = [
            name
            for (name,) in con.execute(
                "select check_name from audit.check_results where run_id = ? and failures > 0"
                " order by check_name",
                [run[0]],
            ).fetchall()
        ]
    shown = sorted((row for row in rows if filters.keeps(row)), key=_order)
    report = FailureReport(run[0], run[1], run[2], shown, checks, {}, _dates(shown), filters)
    below = [
        row
        for row in rows
        if row["row_severity"] == "info"
        and row["is_open"]
        and not filters.keeps(row)
        and replace(filters, severity="info").keeps(row)
    ]
    return Morning(report, failing, below)


def _normalised(row: dict) -> dict:
    row["row_severity"] = row["row_severity"] or row["severity"]
    row["is_open"] = True if row["is_open"] is None else bool(row["is_open"])
    return row


def _dates(rows: list[dict]) -> list[dt.date]:
    days = {period_end(row["period"]) for row in rows}
    return sorted((day for day in days if day), reverse=True)


# --- one failure -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FailureKey:
    """What names a failure on its page: the check and where (empty: any)."""

    check: str
    municipality: str = ""
    unit: str = ""
    line: str = ""
    period: str = ""


@dataclass
class CheckEvidence:
    run_id: str | None
    run_at: dt.datetime | None
    info: CheckInfo | None
    rows: list[dict]
    history: list[dict] = field(default_factory=list)  # {run_id, run_at, rows, open, waived}


def check_evidence(settings: Settings, key: FailureKey) -> CheckEvidence:
    """The latest run's failing rows of the check at the key's place, and the check's
    history at the key's unit over the latest HISTORY_RUNS runs (failing rows per run,
    newest first)."""
    conditions, parameters = _key_filter(key)
    # the history is the unit's: every line and period of the check there
    unit_conditions, unit_parameters = _key_filter(
        FailureKey(key.check, key.municipality, key.unit), prefix="failures."
    )
    with _audit(settings) as con:
        run = con.execute(
            "select run_id, run_at from audit.runs order by run_at desc limit 1"
        ).fetchone()
        if run is None:
            return CheckEvidence(None, None, None, [])
        info = con.execute(
            "select check_name, layer, severity, explanation from audit.check_results"
            " where run_id = ? and check_name in (?, ?)",
            [run[0], key.check, f"assert_{key.check}"],
        ).fetchone()
        available = {row[0] for row in con.execute("describe audit.check_failures").fetchall()}
        select = ", ".join(c if c in available else f"null as {c}" for c in COLUMNS)
        rows = _dicts(
            con.execute(
                f"select {select} from audit.check_failures where run_id = ? and {conditions}",
                [run[0], *parameters],
            )
        )
        history = _dicts(
            con.execute(
                "with latest as (select run_id, run_at from audit.runs order by run_at desc"
                f" limit {HISTORY_RUNS}) select latest.run_id, latest.run_at,"
                " count(failures.run_id) as rows,"
                " count(failures.run_id) filter (where failures.status = 'waived') as waived,"
                " count(failures.run_id) filter (where failures.novelty = 'new') as new"
                " from latest left join audit.check_failures as failures"
                f" on failures.run_id = latest.run_id and {unit_conditions}"
                " group by all order by latest.run_at desc",
                unit_parameters,
            )
        )
    checked = CheckInfo(*info[:3], info[3] or "") if info else None
    shown = sorted((_normalised(row) for row in rows), key=_order)
    return CheckEvidence(run[0], run[1], checked, shown, history)


def _key_filter(key: FailureKey, prefix: str = "") -> tuple[str, list]:
    conditions = [f"{prefix}check_name in (?, ?)"]
    parameters: list = [key.check, f"assert_{key.check}"]
    for column, value in (
        ("municipality_code", key.municipality),
        ("org_unit_code", key.unit),
        ("line_code", key.line),
        ("period", key.period),
    ):
        if value:
            conditions.append(f"{prefix}{column} = ?")
            parameters.append(value)
    return " and ".join(f"({c})" for c in conditions), parameters


# --- a unit on a date --------------------------------------------------------------------


@dataclass(frozen=True)
class Neighbours:
    """A unit's place in the date's organisation: the unit above it and those under it."""

    parent: tuple[str, str] | None  # (code, name)
    children: list[tuple[str, str]]


@dataclass(frozen=True)
class Deviation:
    """A line beyond the tolerance, as the warehouse's check `deviations_explained` sees it
    (marts.fct_budget_deviations). Euros; deviation = actual - pro-rata share."""

    line_code: str
    line_name: str
    pro_rata_budget: Decimal
    actual_ytd: Decimal
    deviation: Decimal


@dataclass
class UnitFigures:
    """What the unit page reads from the published file in one connection.

    `code`: the unit read ("" asked = the municipality's own unit of level KUNTA, `top`);
    `unit`: its figure tables of the date as reports.finance lays them out (None: no rows
    that day; `dates` then holds the dates it has, newest first); `months`: the year's
    month ends of the charted line (reporting_date, actual_ytd, budget_amended, forecast);
    `published_release`: review.releases' current row of the unit; `deviations`: line
    code -> its Deviation; `is_official`: the date is an official reporting date
    (marts.dim_period), the only dates deviations are judged on; `official_dates`: of
    `dates`, the official ones."""

    code: str
    top: str | None
    municipality_name: str
    unit: Unit | None
    months: list[dict] = field(default_factory=list)
    published_release: dict | None = None
    neighbours: Neighbours = field(default_factory=lambda: Neighbours(None, []))
    dates: list[dt.date] = field(default_factory=list)
    deviations: dict[str, Deviation] = field(default_factory=dict)
    is_official: bool = False
    official_dates: list[dt.date] = field(default_factory=list)


def top_unit(settings: Settings, municipality: str) -> str | None:
    """The code of the municipality's own row in the organisation (level KUNTA)."""
    with _published(settings) as con:
        return _top(con, municipality)[0]


def _top(con, municipality: str) -> tuple[str | None, str]:
    found = con.execute(
        "select org_unit_code, org_unit_name from marts.dim_org_unit"
        " where municipality_code = ? and org_level = 'KUNTA'"
        " order by valid_to_date desc limit 1",
        [municipality],
    ).fetchone()
    return (found[0], found[1]) if found else (None, municipality)


def unit_figures(
    settings: Settings, municipality: str, unit: str, day: dt.date, chart_line: str
) -> UnitFigures:
    """The unit's (unit "": the municipality's) figures of the date, its year's months of
    `chart_line`, its release in the published file and its place in the organisation."""
    version = _version(settings.warehouse_path, PUBLISHED_MISSING)
    with _published(settings) as con:
        tables = _tables(con, version)
        top, name = _top(con, municipality)
        code = unit or top or ""
        found: Unit | None = None
        for table in FIGURE_TABLES:
            if f"review.{table}" not in tables:
                continue
            for row in _dicts(
                con.execute(
                    f"select * from review.{table} where municipality_code = ?"
                    " and reporting_date = ? and org_unit_code = ?"
                    f" order by {FIGURE_ORDER[table]}",
                    [municipality, day, code],
                )
            ):
                if found is None:
                    found = Unit(municipality, code, row["org_unit_name"], row["org_level"])
                found.tables[table].append(row)
        if found is None:
            found_dates = con.execute(
                "select distinct statement.reporting_date,"
                " coalesce(periods.is_official_reporting_date, false)"
                " from review.income_statement as statement"
                " left join marts.dim_period as periods"
                " on periods.calendar_date = statement.reporting_date"
                " where statement.municipality_code = ? and statement.org_unit_code = ?"
                " order by 1 desc",
                [municipality, code],
            ).fetchall()
            return UnitFigures(
                code, top, name, None, dates=[d for d, _ in found_dates],
                official_dates=[d for d, official in found_dates if official],
            )  # fmt: skip
        months = _dicts(
            con.execute(
                "select reporting_date, actual_ytd, budget_amended, forecast"
                " from review.income_statement where municipality_code = ?"
                " and org_unit_code = ? and line_code = ? and reporting_date <= ?"
                " and reporting_date >= ? order by reporting_date",
                [municipality, code, chart_line, day, dt.date(day.year, 1, 1)],
            )
        )
        release = None
        if "review.releases" in tables:
            rows = _dicts(
                con.execute(
                    "select * from review.releases where municipality_code = ?"
                    " and reporting_date = ? and org_unit_code = ? and is_current_status",
                    [municipality, day, code],
                )
            )
            release = rows[0] if rows else None
        placed = _neighbours(con, municipality, code, day)
        official = con.execute(
            "select coalesce(any_value(is_official_reporting_date), false)"
            " from marts.dim_period where calendar_date = ?",
            [day],
        ).fetchone()[0]
        deviations = {}
        if "marts.fct_budget_deviations" in tables:  # a file published before it: none
            deviations = {
                row[0]: Deviation(*row)
                for row in con.execute(
                    "select line_code, line_name, pro_rata_budget, actual_ytd, deviation"
                    " from marts.fct_budget_deviations where municipality_code = ?"
                    " and reporting_date = ? and org_unit_code = ?",
                    [municipality, day, code],
                ).fetchall()
            }
    return UnitFigures(
        code, top, name, found, months, release, placed, deviations=deviations,
        is_official=official,
    )  # fmt: skip


def _neighbours(con, municipality: str, unit: str, day: dt.date) -> Neighbours:
    rows = con.execute(
        "select org_unit_code, org_unit_name, parent_code from marts.dim_org_unit"
        " where municipality_code = ? and ? between valid_from_date and valid_to_date"
        " and (org_unit_code = ? or parent_code = ?)",
        [municipality, day, unit, unit],
    ).fetchall()
    parent_code = next((parent for code, _, parent in rows if code == unit), None)
    parent = None
    if parent_code:
        found = con.execute(
            "select org_unit_code, org_unit_name from marts.dim_org_unit"
            " where municipality_code = ? and org_unit_code = ?"
            " and ? between valid_from_date and valid_to_date",
            [municipality, parent_code, day],
        ).fetchone()
        parent = (found[0], found[1]) if found else None
    children = sorted(
        ((code, name) for code, name, above in rows if above == unit and code != unit),
        key=lambda item: (len(item[0]), item[0]),
    )
    return Neighbours(parent, children)


def unit_failures(settings: Settings, municipality: str, unit: str, day: dt.date) -> list[dict]:
    """The latest run's failing rows of the unit on the date (period = the date or its
    month), for marking lines on the unit page."""
    with _audit(settings) as con:
        cursor = con.execute(
            "select check_name, severity, row_severity, status, line_code, line_name, period,"
            " expected, actual, difference, explanation, waiver, novelty"
            " from audit.check_failures where run_id = (select run_id from audit.runs"
            " order by run_at desc limit 1) and municipality_code = ? and org_unit_code = ?"
            " and period in (?, ?)",
            [municipality, unit, day.isoformat(), day.strftime("%Y-%m")],
        )
        return _dicts(cursor)


# --- releases ------------------------------------------------------------------------------


def changed_cells(settings: Settings, municipalities: list[str]) -> list[dict]:
    """The latest run's rows of check approved_figures_unchanged: approved cells the ledger
    now gives otherwise (expected = approved, actual = now)."""
    if not municipalities:
        return []
    marks = ", ".join("?" for _ in municipalities)
    with _audit(settings) as con:
        cursor = con.execute(
            "select municipality_code, org_unit_code, org_unit_name, line_code, line_name,"
            " period, expected, actual, difference, details from audit.check_failures"
            " where run_id = (select run_id from audit.runs order by run_at desc limit 1)"
            " and check_name in ('approved_figures_unchanged',"
            " 'assert_approved_figures_unchanged')"
            f" and municipality_code in ({marks})"
            " order by period desc, municipality_code, org_unit_code, line_code",
            list(municipalities),
        )
        return _dicts(cursor)
