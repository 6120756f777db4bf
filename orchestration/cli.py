"""`toteuma`: the nightly run, the morning review, the board's documents, the dbt manifest.

Exit codes of `toteuma run`: 0 published, 5 published with some scopes withheld (a
municipality's or a unit's figures kept as published before, warehouse.gate.scopes),
3 nothing new published (withheld by failing checks), 1 error (the message names the
file, line and column where input was at fault),
4 another run of the same warehouse is in progress: this run did nothing (no file, no
Dagster run touched). With `--wait` the run waits for the other to end instead. Usage
errors (an unknown option, a missing value) exit 2, as click has it.

What a controller reads is in Finnish: refusals, the run's summary, times on Helsinki's
clock with the zone named. An expected outcome (a withheld run, a missing landing folder
or warehouse, a file another program holds, a closed pipe) is one plain message, never a
stack trace; an unexpected error is one line and the path of a log file holding the rest.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import functools
import os
import re
import sys
import traceback
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from orchestration import settings as settings_module
from warehouse import settings as warehouse_settings

EXIT_PUBLISHED, EXIT_ERROR, EXIT_WITHHELD, EXIT_BUSY, EXIT_PARTIAL = 0, 1, 3, 4, 5
_DEFAULT_WAREHOUSE = warehouse_settings.DEFAULT_WAREHOUSE_PATH.relative_to(
    warehouse_settings.PROJECT_ROOT
)
WAREHOUSE_HELP = f"published DuckDB file (default: {_DEFAULT_WAREHOUSE})"
DATE_HELP = "31.3.2026 or 2026-03-31"


class Refused(Exception):
    """An expected outcome the command states in one line and exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


app = typer.Typer(
    name="toteuma",
    help=__doc__.splitlines()[0],
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # a docstring's paragraphs are reflowed to the terminal (typer's "rich" mode keeps
    # every line break of the source, so lines broke mid-sentence at 80 columns)
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main(argv: list[str] | None = None) -> int:
    """The console script: parse, run the command, return its exit code.

    typer (click) ends every command with SystemExit: usage errors with 2 and click's
    message, a closed pipe with 1 (`toteuma failures | head`: click's own handling of
    EPIPE, which also keeps the interpreter's last flush quiet), a command with its code."""
    try:
        app(args=argv, prog_name="toteuma")
    except SystemExit as done:
        code = done.code
    else:
        code = EXIT_PUBLISHED
    if code is None:
        return EXIT_PUBLISHED
    return code if isinstance(code, int) else EXIT_ERROR


def _version(show: bool) -> None:
    if show:
        typer.echo(f"toteuma {version('toteuma')}")
        raise typer.Exit()


@app.callback()
def _toteuma(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="the installed version"),
    ] = False,
) -> None:
    """The nightly run, the morning review, the board's documents, the dbt manifest."""
    warehouse_settings.load_dotenv()


controls_app = typer.Typer(
    help="The warehouse's store of decisions: controls folders in and out, backup, restore.",
    no_args_is_help=True,
)
app.add_typer(controls_app, name="controls")


def _command(name: str, on: typer.Typer = app, group: str = ""):
    """A command's body: its refusals and the errors people can act on as one line in
    Finnish, anything unexpected as one line and a log file with the traceback. `group`:
    the sub-command group's name (`toteuma controls export`), as messages name it."""
    said = f"{group} {name}".strip()

    def wrap(body):
        @functools.wraps(body)
        def run(*args, **kwargs) -> int:
            try:
                code = body(*args, **kwargs)
            except Refused as refused:
                _tell(f"toteuma {said}: {refused}")
                code = refused.code
            except (BrokenPipeError, typer.Exit, typer.Abort, typer.BadParameter):
                raise  # typer's to handle: a closed pipe, a usage error
            except Exception as problem:  # the command's last word: never a stack trace
                told = _known_problem(problem)
                if told is not None:
                    _tell(f"toteuma {said}: {told}")
                else:
                    log = _error_log(name, kwargs.get("warehouse"))
                    _tell(
                        f"toteuma {said}: odottamaton virhe ({type(problem).__name__}: "
                        f"{_first_line(problem)}). Koko kuvaus: {log}"
                    )
                code = EXIT_ERROR
            if code:
                raise typer.Exit(code)
            return code

        return on.command(name)(run)

    return wrap


def _tell(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _first_line(problem: Exception) -> str:
    text = str(problem).strip()
    return text.splitlines()[0] if text else ""


def _error_log(name: str, warehouse: str | None) -> Path:
    """The traceback of an unexpected error, kept where the run logs are."""
    folder = Path(warehouse).resolve().parent if warehouse else warehouse_settings.RUNTIME_DIR
    if not folder.is_dir():
        folder = warehouse_settings.RUNTIME_DIR
    path = folder / "logs" / f"{dt.date.today().isoformat()}-{name}-{os.getpid()}.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(f"toteuma {' '.join(sys.argv[1:])}\n{traceback.format_exc()}\n")
    return path


# "Could not set lock on file "/x/toteuma.duckdb": Conflicting lock is held in
# /usr/bin/python3.11 (PID 1234) by user maija. See also https://duckdb.org/..."
_DUCKDB_LOCK = re.compile(
    r'lock on file "(?P<file>[^"]+)".*?held in (?P<program>\S+) \(PID (?P<pid>\d+)\)'
    r"(?: by user (?P<user>[^.\s]+))?",
    re.DOTALL,
)


def _known_problem(problem: Exception) -> str | None:
    """Errors with a cause a person can remove, in Finnish; None for anything else."""
    import duckdb

    if isinstance(problem, duckdb.IOException | duckdb.ConnectionException):
        held = _DUCKDB_LOCK.search(str(problem))
        if held:
            user = f", käyttäjä {held['user']}" if held["user"] else ""
            return (
                f"tiedosto {held['file']} on toisen ohjelman käytössä: {held['program']} "
                f"(prosessi {held['pid']}{user}) pitää sen auki kirjoitustilassa, jolloin DuckDB"
                " ei päästä muita lukemaan sitä. Sulje tuo yhteys (avaa tiedosto jatkossa vain"
                " luku -tilassa: duckdb -readonly tai read_only=True) ja yritä uudelleen."
            )
    store_problem = _store_problem(problem)
    if store_problem is not None:
        return store_problem
    return None


def _store_problem(problem: Exception) -> str | None:
    """The store of decisions: written by a newer toteuma, or its database out of reach."""
    if type(problem).__name__ == "StoreTooNew":
        return str(problem)
    if type(problem).__module__.startswith(("django.db", "sqlite3", "psycopg")) and (
        type(problem).__name__ in ("OperationalError", "DatabaseError", "InterfaceError")
    ):
        return (
            "päätösvarastoon ei saatu yhteyttä (TOTEUMA_STORE_URL, tai tietovaraston"
            f" kansiossa oleva .controls.sqlite3): {type(problem).__name__}. Tarkista"
            " osoite ja käyttöoikeudet; mitään ei tallennettu."
        )
    return None


def _date(text: str) -> dt.date:
    """A date option's value, as typer's parser: a refusal names the option."""
    from reports.finnish import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' ei ole päivämäärä: kirjoita se muodossa 31.3.2026 tai 2026-03-31"
        ) from None


def _settings(warehouse: str | None):
    return warehouse_settings.load_settings(warehouse_path=warehouse)


def _existing(path: Path, what: str) -> None:
    """Read commands need the file a run writes: say so plainly when it is not there."""
    if not path.exists():
        raise Refused(
            f"{what} {path} ei ole olemassa. Tarkista --warehouse (oletus {_DEFAULT_WAREHOUSE})"
            " tai aja ensin `toteuma run`."
        )


def _suffix(out: Path, allowed: dict[str, str], command: str) -> str:
    """The format an --out name asks for; a name that asks for another is refused."""
    suffix = out.suffix.lower()
    if suffix not in allowed:
        names = " tai ".join(f"{kind} ({ending})" for ending, kind in allowed.items())
        raise Refused(
            f"{command} kirjoittaa vain muodossa {names}; --out {out} pyytää "
            f"{'muotoa ' + suffix if suffix else 'tiedostoa ilman päätettä'}. Anna tiedostolle"
            " oikea pääte."
        )
    return allowed[suffix]


Warehouse = Annotated[str | None, typer.Option(help=WAREHOUSE_HELP)]
WholeUnit = Annotated[
    str | None, typer.Option("--unit", help="unit code (default: the whole municipality)")
]
OnlyMunicipality = Annotated[
    str | None, typer.Option("--municipality", help="3-digit code (default: the only one)")
]


# --- run ------------------------------------------------------------------------------


@_command("run")
def run(
    landing: Annotated[str | None, typer.Option(help="landing folder (default: ./landing)")] = None,
    warehouse: Warehouse = None,
    demo_if_empty: Annotated[
        bool,
        typer.Option(
            "--demo-if-empty",
            help="write the demo landing data first when the landing folder is empty",
        ),
    ] = False,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait",
            help="when another run of the warehouse is in progress, wait for it (default: exit 4)",
        ),
    ] = False,  # fmt: skip
    create: Annotated[
        bool, typer.Option("--create", help="create the --warehouse folder when it does not exist")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="show Dagster's and dbt's whole log too (it is always in var/logs/)",
        ),
    ] = False,  # fmt: skip
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="run in full even when nothing is new since the last quiet published run",
        ),
    ] = False,  # fmt: skip
) -> int:
    """Load the landing folder, build, check and publish.

    When nothing a run reads has changed since a published run that loaded and built
    nothing (orchestration/nothing_new.py), the run says so and exits 0 without starting
    Dagster or dbt."""
    from warehouse.run_lock import RunInProgress, acquire

    settings = warehouse_settings.load_settings(warehouse)
    folder = settings.warehouse_path.parent
    explicit = settings.warehouse_path != warehouse_settings.DEFAULT_WAREHOUSE_PATH
    if explicit and not folder.is_dir():
        if not create:
            raise Refused(
                f"tietovaraston kansiota {folder} ei ole. Tarkista polku (--warehouse tai "
                "TOTEUMA_WAREHOUSE_PATH); uuden tietovaraston kansio luodaan, kun lisäät --create."
            )
        folder.mkdir(parents=True)
    _warehouse_name_is_meant(settings, create)
    landing_settings = warehouse_settings.load_landing(landing)
    # Before anything else: the Dagster instance, the landing folder and every DuckDB file
    # of the warehouse are touched only by the run holding the lock.
    try:
        lock = acquire(settings.lock_path, wait=wait, on_wait=_say_waiting)
    except RunInProgress as busy:
        raise Refused(f"{_busy_text(busy)}; tämä ajo ei tehnyt mitään", EXIT_BUSY) from None
    with lock:
        return _run_locked(settings, landing_settings, demo_if_empty, verbose, force)


def _busy_text(busy) -> str:
    """'toinen toteuma-ajo on käynnissä 7.12.2026 klo 4.13 (Suomen aikaa) alkaen
    (prosessi 1234)'."""
    import socket

    from reports.finnish import time_text

    holder = busy.holder
    if holder is None:
        return "toinen toteuma-ajo on juuri käynnistymässä"
    where = f"prosessi {holder.pid}"
    if holder.host != socket.gethostname():
        where += f" koneella {holder.host}"
    return f"toinen toteuma-ajo on käynnissä {time_text(holder.started)} alkaen ({where})"


def _warehouse_name_is_meant(settings, create: bool) -> None:
    """A typo in the warehouse's file name never starts a load into a new file: the name
    ends in .duckdb, and a new warehouse beside another one needs --create."""
    path = settings.warehouse_path
    if path.suffix != ".duckdb":
        raise Refused(
            f"tietovaraston tiedoston nimen pitää päättyä .duckdb, löytyi {path.name}."
            " Tarkista --warehouse tai TOTEUMA_WAREHOUSE_PATH."
        )
    if create or path.exists() or settings.candidate_path.exists():
        return
    others = sorted(
        other.name
        for other in path.parent.glob("*.duckdb")
        if not any(part in other.name for part in (".candidate.", ".previous.", ".audit."))
    )
    if others:
        raise Refused(
            f"tietovarastoa {path.name} ei ole, mutta kansiossa {path.parent} on"
            f" {', '.join(others)}. Tarkista --warehouse; uusi tietovarasto tämän rinnalle"
            " luodaan, kun lisäät --create."
        )


def _say_waiting(busy) -> None:
    print(f"toteuma run: {_busy_text(busy)}; odotetaan sen päättymistä.", flush=True)


def _demo_decisions(landing: Path, settings) -> None:
    """The demo warehouse's store gets the demo's decisions (sign-offs of the seed reports'
    dates, explanations) and three demo users, once: only when its landing folder is the
    demo's and its store holds no decision yet. Any other warehouse starts with none."""
    from demo.generate import is_demo_landing

    if not is_demo_landing(landing):
        return
    from review.store.demo_users import add_demo_decisions

    added = add_demo_decisions(settings.store, warehouse_settings.DEMO_CONTROLS_DIR)
    if added is None:
        return
    print(f"Demon päätökset tuotu demovaraston päätösvarastoon: {added.imported}.", flush=True)
    print("Demon käyttäjät (salasanat näytetään vain nyt; `toteuma web` avaa sivut):")
    for user in added.users:
        print(f"  {user.username:<16} {user.password}  {user.role}")


def _run_locked(settings, landing, demo_if_empty: bool, verbose: bool, force: bool) -> int:
    if demo_if_empty and not any((landing.folder / "finance").glob("*.csv")):
        from demo.generate import write_landing

        print(f"Saapuvien tiedostojen kansio {landing.folder} on tyhjä: kirjoitetaan "
              "demoaineisto (Heinola 111).", flush=True)  # fmt: skip
        write_landing(landing.folder)
        # Written by this process and closed: complete, however new.
        landing = dataclasses.replace(landing, settle_seconds=0)
    if demo_if_empty:
        _demo_decisions(landing.folder, settings)
    _landing_is_there(landing.folder)
    from orchestration.nothing_new import look
    from warehouse import quiet_nights

    inputs = look(settings, landing)
    quiet = None if force else quiet_nights.nothing_new(settings, inputs)
    if quiet is not None:
        from orchestration.run_display import nothing_new_text

        quiet_nights.record_look(settings, quiet)
        print(nothing_new_text(settings, quiet), flush=True)
        return EXIT_PUBLISHED
    _prepare()
    import uuid

    from orchestration.run_display import Progress, RunLog, is_terminal, log_path_for
    from orchestration.runner import run_nightly

    run_id = str(uuid.uuid4())
    out = sys.stdout
    log = RunLog(log_path_for(settings.warehouse_path, run_id), echo=out if verbose else None)
    live = is_terminal(out) and not verbose
    try:
        with Progress(out, live=live) as progress:
            if not live and not verbose:
                progress.say(f"Ajo {run_id} alkoi; koko loki: {log.path}")

            def listen(entry) -> None:
                log.event(entry)
                if not verbose:
                    progress.event(entry)

            log.on_line = None if verbose else progress.dbt_line
            with log.capturing():
                outcome = run_nightly(settings, landing, run_id=run_id, listener=listen)
    finally:
        log.close()
    outcome.log_path = log.path
    quiet_nights.record_run(settings, outcome.run_id, inputs, outcome.was_quiet)
    print(outcome.summary(), flush=True)
    _late_words_to(log.path)
    return {
        "published": EXIT_PUBLISHED,
        "partial": EXIT_PARTIAL,
        "withheld": EXIT_WITHHELD,
    }.get(outcome.status, EXIT_ERROR)


def _late_words_to(log: Path) -> None:
    """What is said on stderr once the summary is out goes to the run's log: DuckDB's
    bindings (nanobind) may list objects still alive when the interpreter ends, tens of
    lines that are no news to whoever reads the summary."""
    sys.stderr.flush()
    try:
        stderr = sys.stderr.fileno()
    except (AttributeError, ValueError, OSError):  # a test's stand-in stream: nothing to move
        return
    late = os.open(log, os.O_WRONLY | os.O_APPEND)
    os.dup2(late, stderr)
    os.close(late)


def _landing_is_there(folder: Path) -> None:
    """A missing or empty landing folder (an unmounted share) stops the run before
    anything is touched: yesterday's figures are never republished as tonight's. (The
    landing step checks the same, and the master data, inside the run.)"""
    from ingest.landing import classify

    if not folder.is_dir():
        raise Refused(
            f"saapuvien tiedostojen kansiota {folder} ei ole (irronnut verkkolevy, tai väärä "
            "--landing / TOTEUMA_LANDING_DIR?): mitään ei ladattu eikä julkaistu."
        )
    present = [
        path
        for sub in ("finance", "quarantine")
        if (folder / sub).is_dir()
        for path in (folder / sub).iterdir()
        if classify(path)
    ]
    if not present:
        raise Refused(
            f"saapuvien tiedostojen kansiossa {folder} ei ole taloustiedostoja (finance/"
            "org_<kunta>.csv, gl_<kunta>_<vvvv>_<kk>.csv, …): mitään ei ladattu eikä julkaistu."
        )


# --- the board's documents --------------------------------------------------------------


class ExportFormat(enum.StrEnum):
    xlsx = "xlsx"
    parquet = "parquet"


@_command("export")
def export(
    out: Annotated[Path, typer.Option(help="the .xlsx file or a folder (parquet)")],
    warehouse: Warehouse = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            help="xlsx: the review pack of --date (a file); parquet: every review and"
            " mart table, one file each, into the folder --out"
        ),
    ] = ExportFormat.xlsx,  # fmt: skip
    date: Annotated[dt.date | None, typer.Option(parser=_date, help=f"{DATE_HELP} (xlsx)")] = None,
    municipality: Annotated[
        str | None, typer.Option(help="3-digit municipality code (default: all)")
    ] = None,
) -> int:
    """Write the Excel review pack of one reporting date, or the warehouse as Parquet."""
    day = date
    settings = _settings(warehouse)
    if format is ExportFormat.parquet:
        if out.suffix or out.is_file():
            raise Refused(
                f"--format parquet kirjoittaa kansioon (yksi .parquet-tiedosto taulua kohden);"
                f" --out {out} on tiedoston nimi. Anna kansio, esim. --out parquet/."
            )
        _existing(settings.warehouse_path, "tietovarastoa")
        from warehouse.publish.parquet import export_parquet

        exported = export_parquet(settings.warehouse_path, out, municipality)
        rows = sum(exported.files.values())
        print(f"Kirjoitettu {len(exported.files)} Parquet-tiedostoa ({rows} riviä) ja "
              f"catalog.csv kansioon {out}.")  # fmt: skip
        return EXIT_PUBLISHED
    _suffix(out, {".xlsx": "Excel"}, "--format xlsx")
    if day is None:
        raise Refused("Excel-tarkastuspaketti tarvitsee päivän: --date 31.3.2026")
    _existing(settings.warehouse_path, "tietovarastoa")
    from reports.review_pack import write_review_pack

    try:
        summary = write_review_pack(settings.warehouse_path, day, out, municipality)
    except (ValueError, FileNotFoundError) as problem:
        raise Refused(str(problem)) from None
    print(f"Kirjoitettu {summary.path} ({summary.units} yksikköä, {len(summary.sheets)} "
          "välilehteä).")  # fmt: skip
    return EXIT_PUBLISHED


@_command("report")
def report(
    date: Annotated[dt.date, typer.Option(parser=_date, help=DATE_HELP)],
    out: Annotated[Path, typer.Option(help="the .docx file")],
    unit: WholeUnit = None,
    municipality: OnlyMunicipality = None,
    warehouse: Warehouse = None,
) -> int:
    """Write the interim report (käyttösuunnitelman toteutuminen) of a date as .docx.

    A unit and every unit under it, in the seed reports' order and layout; 'Luonnos' in
    the header until every unit in it is approved."""
    day = date
    _suffix(out, {".docx": "Word"}, "report")
    settings = _settings(warehouse)
    _existing(settings.warehouse_path, "tietovarastoa")
    from reports.interim_report import write_interim_report

    try:
        summary = write_interim_report(settings.warehouse_path, day, out, unit, municipality)
    except (ValueError, FileNotFoundError) as problem:
        raise Refused(str(problem)) from None
    print(f"Kirjoitettu {summary.path} ({summary.units} yksikköä; {summary.release}).")
    return EXIT_PUBLISHED


# --- the morning review -------------------------------------------------------------


class Severity(enum.StrEnum):
    error = "error"
    warn = "warn"
    info = "info"


class FailuresFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@_command("failures")
def failures(
    warehouse: Warehouse = None,
    date: Annotated[
        dt.date | None, typer.Option(parser=_date, help=f"one reporting date: {DATE_HELP}")
    ] = None,
    municipality: Annotated[
        str | None, typer.Option(help="3-digit code: only this municipality's rows")
    ] = None,
    unit: Annotated[
        str | None, typer.Option(help="a unit code: the unit and every unit under it")
    ] = None,
    check: Annotated[str | None, typer.Option(help="one check, as the list names it")] = None,
    severity: Annotated[Severity | None, typer.Option()] = None,
    new: Annotated[
        bool, typer.Option("--new", help="only rows not failing in the previous publication")
    ] = False,
    all_rows: Annotated[
        bool, typer.Option("--all", help="every row, also approved dates and info rows")
    ] = False,
    format: Annotated[FailuresFormat, typer.Option()] = FailuresFormat.table,
    run_id: Annotated[
        str | None, typer.Option("--run", help="a run id (default: the latest run)")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="write a file: .xlsx (one sheet per check) or .csv")
    ] = None,
) -> int:
    """The morning review: the latest run's failures on open reporting dates.

    By default the latest run's failures of units and dates not yet approved (error rows
    always), without rows under the materiality threshold."""
    from reports.failures.query import Filters, latest_failures
    from reports.failures.spreadsheet import render_csv, write_workbook
    from reports.failures.terminal import render_json, render_table

    day = date
    written = _suffix(out, {".xlsx": "Excel", ".csv": "CSV"}, "--out") if out \
        else None  # fmt: skip
    settings = _settings(warehouse)
    _existing(settings.audit_path, "tarkistushistoriaa")
    level = severity.value if severity else None
    filters = Filters(day, unit, check, level, new, all_rows, municipality)
    try:
        found = latest_failures(settings.audit_path, run_id, filters)
    except (ValueError, FileNotFoundError) as problem:
        raise Refused(str(problem)) from None
    from reports.failures.choices import published_choices, unknown_filters

    unknown = unknown_filters(filters, found, published_choices(settings.warehouse_path))
    if unknown:
        raise Refused("; ".join(unknown))
    if written == "CSV":
        out.write_bytes(render_csv(found))
        print(f"Kirjoitettu {out} ({len(found.rows)} riviä).")
    elif written == "Excel":
        sheets = write_workbook(found, out)
        print(f"Kirjoitettu {out} ({sheets} tarkistusta, {len(found.rows)} riviä).")
    elif format is FailuresFormat.csv:
        sys.stdout.buffer.write(render_csv(found))
    elif format is FailuresFormat.json:
        print(render_json(found))
    else:
        print(render_table(found))
    return EXIT_PUBLISHED


def _period(text: str | None) -> str | None:
    """A period as the failures name it: Finnish dates become ISO, months and years stay."""
    if not text:
        return None
    from reports.finnish import parse_date

    try:
        return parse_date(text).isoformat()
    except ValueError:
        return text


# --- documentation and the demo -----------------------------------------------------


@_command("data-docs")
def data_docs(warehouse: Warehouse = None) -> int:
    """Build the great-expectations Data Docs site."""
    from expectations.data_docs import build_data_docs

    settings = _settings(warehouse)
    index = build_data_docs(settings.results_dir, settings.results_dir / "site")
    print(f"Data Docs ({settings.results_dir}): {index}")
    return EXIT_PUBLISHED


@_command("docs")
def dbt_docs(warehouse: Warehouse = None) -> int:
    """dbt's documentation of every table and column, one HTML file."""
    from warehouse.publish.dbt_docs import build_dbt_docs

    settings = _settings(warehouse)
    _existing(settings.warehouse_path, "tietovarastoa")
    out = settings.warehouse_path.parent / "dbt_docs"
    try:
        index = build_dbt_docs(
            settings.warehouse_path,
            settings_module.DBT_PROJECT_DIR,
            out,
            settings_module.dbt_executable(),
        )
    except (FileNotFoundError, RuntimeError) as problem:
        raise Refused(str(problem)) from None
    print(f"dbt:n dokumentaatio ({settings.warehouse_path}): {index}")
    return EXIT_PUBLISHED


@_command("demo")
def demo(
    landing: Annotated[
        Path | None, typer.Argument(help="the Heinola demo's landing folder")
    ] = None,
    municipalities: Annotated[
        int | None, typer.Option(help="scale: municipalities, default 20")
    ] = None,
    years: Annotated[
        int | None, typer.Option(help="scale: calendar years up to 2025, default 1")
    ] = None,
    rows: Annotated[
        int | None, typer.Option(help="scale: ledger rows in all, default 1 000 000")
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="scale: default 1; the same seed writes the same bytes")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="scale: the landing folder to write")] = None,
) -> int:
    """Write the demo landing folder (Heinola, 111), or with the scale options a landing
    folder of any size (many municipalities), e.g. --municipalities 20 --rows 1000000."""
    from demo.scale.options import scale_requested

    args = argparse.Namespace(
        landing=landing, municipalities=municipalities, years=years, rows=rows, seed=seed,
        out=out,
    )  # fmt: skip
    if scale_requested(args):
        from demo.scale.generate import run_from_arguments

        target = out or landing
        if target is None or (out and landing):
            raise Refused("anna kirjoitettava kansio kerran, muodossa --out KANSIO")
        try:
            run_from_arguments(args, target)
        except ValueError as problem:
            raise Refused(str(problem)) from None
        return EXIT_PUBLISHED
    if landing is None:
        raise Refused("anna kansio, johon demoaineisto kirjoitetaan (tai --out KANSIO)")
    from demo.generate import write_landing

    counts = write_landing(landing)
    print(", ".join(f"{kind}: {written} riviä" for kind, written in counts.items()))
    return EXIT_PUBLISHED


@_command("web")
def web(
    warehouse: Warehouse = None,
    host: Annotated[str | None, typer.Option(help="default: TOTEUMA_WEB_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default: TOTEUMA_WEB_PORT or 8000")] = None,
) -> int:
    """The controllers' review pages of the warehouse (its store migrated first), until Ctrl-C."""
    from orchestration.web import WebRefused, bind, serve

    settings = _settings(warehouse)
    if settings.warehouse_path == warehouse_settings.DEFAULT_WAREHOUSE_PATH:
        settings.warehouse_path.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone
    if not settings.warehouse_path.parent.is_dir():
        raise Refused(
            f"kansiota {settings.warehouse_path.parent} ei ole: tarkista --warehouse tai aja"
            " ensin `toteuma run`"
        )
    try:
        serve(bind(host or settings.web_host, port or settings.web_port), settings)
    except WebRefused as refused:
        raise Refused(str(refused)) from None
    return EXIT_PUBLISHED


@_command("prepare")
def prepare() -> int:
    """Write dbt's manifest so Dagster can load."""
    return _prepare()


def _prepare() -> int:
    """Everything a run or the UI needs before Dagster loads: instance folder, dbt manifest."""
    from orchestration.dbt_project import prepare_manifest

    settings_module.ensure_dagster_home()
    prepare_manifest()
    return EXIT_PUBLISHED


# the store's commands (waive, explain, signoff, reopen, users, controls …) register on `app`
from orchestration import cli_store  # noqa: E402, F401

if __name__ == "__main__":
    sys.exit(main())
