"""What `toteuma run` shows while it works and when it is done, and the run's log file.

The terminal gets a progress display (files read per kind, dbt's nodes done of all) and
one summary in Finnish; everything Dagster and dbt say goes to the run's log file,
var/logs/<date>-<run id>.log beside the warehouse, and to the terminal too only with
`--verbose`. On a terminal the progress is a rich display that disappears when the
summary comes; otherwise (the nightly job's log, a pipe) one plain line per step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
import shlex
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import dagster as dg

from orchestration.file_names import names_from
from orchestration.runner import GOALS, KINDS, RunOutcome
from reports.finnish import helsinki, time_text
from warehouse import settings as warehouse_settings

# How the summary and the progress name each kind of landing file.
KIND_NAMES = {
    "org_units": "Organisaatio",
    "accounts": "Tilikartta",
    "gl_postings": "Kirjanpito",
    "budget_entries": "Talousarviot",
    "forecasts": "Ennusteet",
    GOALS: "Tavoitetyökirjat",
}
STEP_NAMES = {
    "landing__folder": "Saapuneet tiedostot tarkistettu",
    "controls_folder": "Päätökset (controls/) luettu",
    "toteuma_dbt": "dbt: mallit ja testit",
    "quality_gate": "Laatuportti: tarkistukset ja poikkeusluvat",
    "published_warehouse": "Julkaisu",
}
SEVERITY_NAMES = {"error": "virhe", "warn": "varoitus", "info": "info"}
# dbt's own counter, e.g. "04:07:40  12 of 279 OK created sql table model staging.x"
DBT_NODE = re.compile(r"\b(\d+) of (\d+) (OK|PASS|WARN|ERROR|FAIL|SKIP|NO-OP)\b")
DAGSTER_UI = "http://localhost:3000"


def log_path_for(warehouse: Path, run_id: str, now: dt.datetime | None = None) -> Path:
    """var/logs/2026-12-07-<run id>.log (the date on Helsinki's clock), beside the warehouse."""
    day = helsinki(now or dt.datetime.now(dt.UTC)).date()
    return warehouse.parent / "logs" / f"{day.isoformat()}-{run_id}.log"


class _Lines(io.TextIOBase):
    """A text stream that hands whole lines on (dbt's output, warnings, prints); dbt
    writes from its own thread (orchestration/dbt_runner.py), others from the step's."""

    def __init__(self, sink) -> None:
        self._sink = sink
        self._partial = ""
        self._lock = threading.Lock()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        with self._lock:
            self._partial += text
            *lines, self._partial = self._partial.split("\n")
        for line in lines:
            self._sink(line)
        return len(text)

    def flush(self) -> None:
        return None


class RunLog:
    """The run's log file; with `echo`, every line also goes to that stream (--verbose)."""

    def __init__(self, path: Path, echo: TextIO | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("a", encoding="utf-8")
        self._echo = echo
        self._lock = threading.Lock()
        self.on_line = None  # called with each line of captured output (dbt's progress)

    def line(self, text: str) -> None:
        with self._lock:
            self._file.write(text + "\n")
            self._file.flush()
            if self._echo is not None:
                try:
                    self._echo.write(text + "\n")
                    self._echo.flush()
                except BrokenPipeError:  # `toteuma run -v | head`: the log keeps it all
                    self._echo = None
        if self.on_line is not None:
            self.on_line(text)

    def event(self, entry: dg.EventLogEntry) -> None:
        """One Dagster event, as Dagster's console logger would print it."""
        when = helsinki(dt.datetime.fromtimestamp(entry.timestamp, dt.UTC))
        level = logging.getLevelName(entry.level)
        step = f" - {entry.step_key}" if entry.step_key else ""
        message = entry.user_message or (
            entry.dagster_event.message if entry.dagster_event is not None else ""
        )
        self.line(f"{when:%Y-%m-%d %H:%M:%S %Z} - {level}{step} - {message}")
        event = entry.dagster_event
        if event is None:
            return
        if event.is_step_failure:
            error = event.step_failure_data.error
        else:
            # before any step: a resource that could not start (e.g. the candidate file held
            # by another process); the run's failure itself carries no error of its own
            error = getattr(event.event_specific_data, "error", None)
        if error is not None and hasattr(error, "to_string"):
            self.line(error.to_string())

    @contextlib.contextmanager
    def capturing(self) -> Iterator[None]:
        """Everything written to stdout and stderr meanwhile (dbt's lines, which dbt in the
        run's process writes to sys.stdout; warnings; Python loggers writing to the
        streams) goes to the log. The streams given have no file descriptor, so Dagster
        captures nothing around them, and every line reaches the log once."""
        stream = _Lines(self.line)
        warnings_were = logging.captureWarnings
        with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
            handler = logging.StreamHandler(stream)
            handler.setFormatter(logging.Formatter("%(asctime)s - %(levelname)s - %(message)s"))
            # (Dagster's own loggers are in the run's events already: the listener has them)
            logging.getLogger("py.warnings").addHandler(handler)
            warnings_were(True)
            try:
                yield
            finally:
                warnings_were(False)
                logging.getLogger("py.warnings").removeHandler(handler)
                if stream._partial:
                    self.line(stream._partial)

    def close(self) -> None:
        self._file.close()


class Progress:
    """What the run is doing, from its events and dbt's counter: a rich display on a
    terminal, otherwise one plain line per step done."""

    def __init__(self, out: TextIO, live: bool) -> None:
        self._out = out
        self._closed = False  # the terminal went away (a closed pipe)
        self._live = None
        self._tasks: dict[str, int] = {}
        self._dbt_seen = 0
        self._dbt_told = 0
        self._notes: dict[str, str] = {}
        if live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bars

            console = Console(file=out)
            self._live = Bars(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[note]}"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )

    def __enter__(self) -> Progress:
        if self._live is not None:
            self._live.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.stop()

    def say(self, text: str) -> None:
        """A line for the terminal. A reader that went away (`toteuma run | head`) never
        stops the run: the rest goes to the log file only."""
        if self._closed:
            return
        try:
            if self._live is not None:
                self._live.console.print(text, markup=False, highlight=False)
            else:
                self._out.write(text + "\n")
                self._out.flush()
        except BrokenPipeError:
            self._closed = True

    def event(self, entry: dg.EventLogEntry) -> None:
        event = entry.dagster_event
        if event is None or entry.step_key is None:
            return
        step = entry.step_key
        if event.is_step_start:
            self._start(step)
        elif event.is_step_success or event.is_step_failure:
            self._end(step, event.is_step_success)
        elif event.is_step_materialization and step.startswith("raw"):
            self._files(step, event)

    def dbt_line(self, line: str) -> None:
        found = DBT_NODE.search(line)
        if not found:
            return
        done, total = int(found.group(1)), int(found.group(2))
        self._dbt_seen += 1
        if self._live is not None:
            task = self._task("toteuma_dbt", total)
            self._live.update(task, total=total, completed=self._dbt_seen)
        elif self._dbt_seen * 4 // total > self._dbt_told * 4 // total or done == total:
            self._dbt_told = self._dbt_seen
            self.say(f"  dbt: {self._dbt_seen}/{total} solmua valmiina")

    def _name(self, step: str) -> str:
        if step.startswith("raw__"):
            return KIND_NAMES.get(step[5:], step[5:])
        if step == "raw_goal_workbooks":
            return KIND_NAMES[GOALS]
        return STEP_NAMES.get(step, step)

    def _task(self, step: str, total: int | None = None) -> int:
        if step not in self._tasks:
            self._tasks[step] = self._live.add_task(self._name(step), total=total, note="")
        return self._tasks[step]

    def _start(self, step: str) -> None:
        if self._live is not None:
            self._task(step, 1)

    def _files(self, step: str, event) -> None:
        values = {k: getattr(v, "value", v) for k, v in event.event_specific_data
                  .materialization.metadata.items()}  # fmt: skip
        if "files_loaded" not in values:
            return
        quarantined = len(names_from(values.get("files_quarantined")))
        note = f"{values['files_loaded']} luettu, {values.get('files_unchanged', 0)} ennallaan" + (
            f", {quarantined} karanteeniin" if quarantined else ""
        )
        if self._live is not None:
            self._live.update(self._task(step), note=note)
        else:
            self._notes[step] = note

    def _end(self, step: str, success: bool) -> None:
        if self._live is not None:
            task = self._task(step, 1)
            total = self._live.tasks[task].total or 1
            note = "" if success else "epäonnistui"
            self._live.update(task, completed=total, **({"note": note} if note else {}))
            return
        note = self._notes.get(step, "")
        if step == "toteuma_dbt" and not self._dbt_seen:
            note = "ei ajettavaa" if success else ""
        if not success:
            note = "epäonnistui" + (f" ({note})" if note else "")
        self.say(f"  {self._name(step)}: {note or 'valmis'}")


def nothing_new_text(settings, quiet) -> str:
    """What `toteuma run` says on a night with nothing new (orchestration/nothing_new.py)."""
    finished = time_text(dt.datetime.fromisoformat(quiet.finished_at))
    return "\n".join([
        f"Ei mitään uutta: saapuvat tiedostot, päätökset, ohjelmisto ja asetukset ovat samat"
        f" kuin ajossa {quiet.run_id}, joka valmistui {finished} eikä ladannut eikä"
        " rakentanut mitään.",
        "Dagsteria ja dbt:tä ei käynnistetty; julkaistu tietovarasto on ennallaan:"
        f" {settings.warehouse_path}",
        "Avoimet poikkeamat ovat ennallaan: toteuma failures näyttää ne.",
        "Tarkistus kirjattu (web-katselmoinnin otsikossa: tarkistettu viimeksi)."
        " Täysi ajo silti: toteuma run --force",
    ])  # fmt: skip


def summary_text(outcome: RunOutcome) -> str:
    """One summary of the run, in Finnish: files per kind, dbt, checks, the decision, and
    where to look next."""
    where = outcome.settings.warehouse_path
    started = f" {time_text(outcome.started)}" if outcome.started else ""
    took = _duration(outcome.seconds) if outcome.seconds else ""
    lines = [f"Ajo {outcome.run_id}{started}" + (f", kesto {took}" if took else "") + "."]
    lines += _file_lines(outcome)
    if outcome.dbt_reused_from:
        lines.append(
            f"dbt: ei ajettu, mikään sen lukema ei muuttunut; ajon {outcome.dbt_reused_from}"
            " taulut ja testitulokset pätevät."
        )
    elif outcome.dbt_rebuilt is not None:
        lines.append(f"dbt: {outcome.dbt_rebuilt} taulua rakennettu, testit ajettu.")
    lines += _check_lines(outcome)
    lines.append("")
    if outcome.status == "published":
        lines.append(f"JULKAISTU: {where}")
        if outcome.previous_version:
            lines.append(f"  Edellinen versio tallessa: {outcome.previous_version}")
    elif outcome.status == "partial":
        lines.append(f"JULKAISTU OSITTAIN: {where}")
        lines.append("Pidätetty, näkyy edellisen julkaisun mukaisena:")
        lines += [f"  {scope}" for scope in outcome.withheld]
        lines.append(
            "Estävät virheet (korjaa tiedosto tai hyväksy poikkeus, sitten aja uudelleen):"
        )
        lines += [f"  {line}" for line in outcome.blocking] or [
            f"  {name}" for name in outcome.failed_checks
        ]
    elif outcome.status == "withheld":
        lines.append(
            f"JULKAISU PIDÄTETTY: {len(outcome.failed_checks)} estävää tarkistusta;"
            f" {_unchanged(where)}."
        )
        lines.append(
            "Estävät virheet (korjaa tiedosto tai hyväksy poikkeus, sitten aja uudelleen):"
        )
        lines += [f"  {line}" for line in outcome.blocking] or [
            f"  {name}" for name in outcome.failed_checks
        ]
    else:
        lines.append(f"AJO EPÄONNISTUI: {_unchanged(where)}.")
        lines += [f"  virhe: {text}" for text in outcome.errors]
    lines += ["", "Seuraavaksi:"]
    # the commands as they are to be typed: another warehouse than the default is named
    named = (
        ""
        if where == warehouse_settings.DEFAULT_WAREHOUSE_PATH
        else f" --warehouse {shlex.quote(str(where))}"
    )
    if outcome.checks is not None:
        lines.append(
            f"  toteuma failures{named}   avoimet poikkeamat ({outcome.checks.open_rows} riviä)"
        )
    lines.append(
        f"  toteuma web{named}        katselmointi selaimessa: {outcome.settings.web_address}/"
    )
    lines.append(f"  make serve         Dagster: {DAGSTER_UI}/runs/{outcome.run_id}")
    if outcome.log_path is not None:
        lines.append(f"  koko loki          {outcome.log_path}")
    return "\n".join(lines)


def _unchanged(warehouse: Path) -> str:
    """'<file> on ennallaan', or that nothing is published yet when there is no file."""
    if warehouse.exists():
        return f"{warehouse} on ennallaan"
    return f"mitään ei ole vielä julkaistu ({warehouse} puuttuu)"


def _file_lines(outcome: RunOutcome) -> list[str]:
    if not any(files.read or files.waiting for files in outcome.files.values()):
        return []
    lines = [
        f"{'Tiedostot':<18}{'luettu':>8}{'ennallaan':>11}{'karanteeniin':>14}"
        f"{'seuraavaan ajoon':>18}"
    ]
    for kind in KINDS:
        files = outcome.files.get(kind)
        if files is None or not (files.read or files.waiting):
            continue
        lines.append(
            f"  {KIND_NAMES.get(kind, kind):<16}{files.loaded:>8}{files.unchanged:>11}"
            f"{len(files.quarantined):>14}{len(files.waiting):>18}"
        )
    quarantined = [name for files in outcome.files.values() for name in files.quarantined]
    released = [name for files in outcome.files.values() for name in files.released]
    if quarantined:
        folder = outcome.landing / "quarantine" if outcome.landing else "landing/quarantine"
        lines.append(
            f"  Karanteenissa ({folder}/, syy <tiedosto>.failed.txt): {', '.join(quarantined)}"
        )
    if released:
        lines.append(f"  Vapautettu karanteenista ja luettu: {', '.join(released)}")
    if outcome.unrecognised:
        lines.append(f"  Tuntematon nimi, ei luettu: {', '.join(outcome.unrecognised)}")
    return lines


def _check_lines(outcome: RunOutcome) -> list[str]:
    counts = outcome.checks
    if counts is None:
        return []
    if not counts.rows:
        lines = ["Tarkistukset: ei poikkeamia."]
    else:
        lines = ["Tarkistukset (poikkeavat rivit):"]
        for severity in ("error", "warn", "info"):
            if not counts.rows.get(severity):
                continue
            novelty = counts.novelty.get(severity, {})
            lines.append(
                f"  {SEVERITY_NAMES[severity]:<9}{counts.checks.get(severity, 0):>3} tarkistusta,"
                f" {counts.rows[severity]} riviä: {novelty.get('new', 0)} uutta,"
                f" {novelty.get('changed', 0)} muuttunutta, {novelty.get('still', 0)} ennallaan"
            )
    if counts.waived_rows:
        lines.append(f"  poikkeusluvalla hyväksytty: {counts.waived_rows} riviä")
    return lines


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
