"""Run the nightly job in process, recorded in the Dagster instance, and say what happened.

What happened is read from the run itself: the ingest assets' materialization metadata
(files loaded, unchanged, quarantined, released), the landing folder's (files left for the
next run), the dbt step's materializations (rebuilt or reused), the quality gate's and the
publish step's, and the audit history the gate wrote (checks by severity and novelty).
`orchestration.run_display` turns it into the summary people read.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from ingest.landing import classify
from ingest.sources import SOURCES
from orchestration.file_names import names_from
from warehouse.gate.blocking import blocking_lines
from warehouse.run_lock import held_lock
from warehouse.settings import Landing, Settings

GOALS = "goals"  # the goal workbooks, beside the finance kinds
KINDS = (*SOURCES, GOALS)
DBT_STEP = "toteuma_dbt"


@dataclass
class KindFiles:
    """What the run did with the landing files of one kind."""

    loaded: int = 0
    unchanged: int = 0
    quarantined: list[str] = field(default_factory=list)
    released: list[str] = field(default_factory=list)  # from quarantine, and loaded
    waiting: list[str] = field(default_factory=list)  # still being written: the next run's
    read: bool = False  # the kind's step ran


@dataclass
class CheckCounts:
    """The run's failing rows (from the audit history), by row severity."""

    checks: Counter = field(default_factory=Counter)  # severity -> failing checks
    rows: Counter = field(default_factory=Counter)  # severity -> unwaived failing rows
    novelty: dict[str, Counter] = field(default_factory=dict)  # severity -> new/changed/still
    waived_rows: int = 0
    open_rows: int = 0  # what `toteuma failures` shows by default


@dataclass
class RunOutcome:
    status: str  # published | partial (some scopes withheld) | withheld | error
    run_id: str
    settings: Settings
    errors: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)  # check, file, line, column, what
    started: dt.datetime | None = None
    seconds: float = 0.0
    log_path: Path | None = None
    files: dict[str, KindFiles] = field(default_factory=dict)
    unrecognised: list[str] = field(default_factory=list)
    dbt_rebuilt: int | None = None  # tables dbt built; None: the step did not run
    dbt_reused_from: str | None = None  # dbt not run: the build of this run stands
    checks: CheckCounts | None = None
    previous_version: str = ""
    withheld: list[str] = field(default_factory=list)  # scopes held back, in Finnish
    landing: Path | None = None  # the landing folder the run read (its quarantine/)

    @property
    def was_quiet(self) -> bool:
        """Published whole, and nothing loaded, quarantined, left waiting or built: the
        same inputs would make the same run again (orchestration/nothing_new.py)."""
        return (
            self.status == "published"
            and not self.withheld
            and not self.unrecognised
            and self.dbt_rebuilt == 0
            and not any(
                kind.loaded or kind.quarantined or kind.released or kind.waiting
                for kind in self.files.values()
            )
        )

    def summary(self) -> str:
        from orchestration.run_display import summary_text

        return summary_text(self)


EventListener = Callable[[dg.EventLogEntry], None]


def run_nightly(
    settings: Settings,
    landing: Landing,
    *,
    run_id: str | None = None,
    listener: EventListener | None = None,
    log_level: str = "CRITICAL",
) -> RunOutcome:
    """Run the job in this process, which must hold the warehouse's run lock already.

    `listener` sees every event of the run as it is stored (progress, the log file);
    `log_level` is the Dagster console logger's (CRITICAL: it prints nothing of a normal
    run, the listener tells what is needed)."""
    from orchestration.definitions import defs

    lock = held_lock(settings.lock_path)
    if lock is None:
        raise RuntimeError(f"run_nightly needs the run lock {settings.lock_path} held")
    # The run id goes into the lock file before the run exists in the instance: if this
    # process is killed, the next run knows which Dagster run to mark failed.
    run_id = run_id or str(uuid.uuid4())
    lock.note_run(run_id)

    instance = dg.DagsterInstance.get()
    if listener is not None:
        instance.add_event_listener(run_id, listener)
    job = defs.resolve_job_def("toteuma_nightly")
    config = {
        "loggers": {"console": {"config": {"log_level": log_level}}},
        "resources": {
            "landing": {
                "config": {
                    "folder": str(landing.folder),
                    "settle_seconds": landing.settle_seconds,
                }
            },
            "warehouse": {
                "config": {
                    "warehouse_path": str(settings.warehouse_path),
                }
            },
        },
    }
    started, clock = dt.datetime.now(dt.UTC), time.monotonic()
    result = job.execute_in_process(
        run_config=config, instance=instance, raise_on_error=False, run_id=run_id
    )
    outcome = _outcome(result, settings, run_id)
    outcome.started, outcome.seconds = started, time.monotonic() - clock
    outcome.landing = landing.folder
    _read_facts(result, outcome)
    return outcome


def _outcome(result: dg.ExecuteInProcessResult, settings: Settings, run_id: str) -> RunOutcome:
    published = dg.AssetKey("published_warehouse") in {
        event.asset_key for event in result.get_asset_materialization_events()
    }
    if result.success and published:
        withheld = _gate_metadata(result, "withheld_scopes")
        if withheld:
            # published, but some scopes kept as published before (warehouse.gate.scopes)
            outcome = RunOutcome(
                "partial", run_id, settings, [], _gate_metadata(result, "blocking_checks"),
                blocking_lines(settings.audit_path, run_id),
            )  # fmt: skip
            outcome.withheld = withheld
            return outcome
        return RunOutcome("published", run_id, settings)
    blocking = _gate_metadata(result, "blocking_checks")
    if blocking and _only_publish_failed(result):
        # the gate withheld publication: the publish step failed the run on purpose
        return RunOutcome(
            "withheld", run_id, settings, [], blocking,
            blocking_lines(settings.audit_path, run_id),
        )  # fmt: skip
    return RunOutcome("error", run_id, settings, _step_errors(result))


def _read_facts(result: dg.ExecuteInProcessResult, outcome: RunOutcome) -> None:
    """Files per kind, dbt's work, the publication: from the run's materializations."""
    files = {kind: KindFiles() for kind in KINDS}
    dbt_tables, reused_from = 0, set()
    for event in result.get_asset_materialization_events():
        key, metadata = event.asset_key, _values(event.materialization.metadata)
        if key == dg.AssetKey(["landing", "folder"]):
            for name in names_from(metadata.get("still_arriving")):
                files[_kind_of(name)].waiting.append(name)
            outcome.unrecognised = names_from(metadata.get("unrecognised"))
        elif key in _INGEST_KEYS:
            kind = _INGEST_KEYS[key]
            files[kind] = KindFiles(
                metadata.get("files_loaded", 0),
                metadata.get("files_unchanged", 0),
                names_from(metadata.get("files_quarantined")),
                names_from(metadata.get("files_released_from_quarantine")),
                files[kind].waiting,
                read=True,
            )
        elif event.step_key == DBT_STEP:
            if "unchanged_since_run" in metadata:
                reused_from.add(metadata["unchanged_since_run"])
            else:
                dbt_tables += 1
        elif key == dg.AssetKey("published_warehouse"):
            outcome.previous_version = metadata.get("previous_version") or ""
    outcome.files = files
    if any(event.step_key == DBT_STEP for event in result.all_events if event.is_step_success):
        outcome.dbt_rebuilt = dbt_tables
        if not dbt_tables and reused_from:
            outcome.dbt_reused_from = sorted(reused_from)[0]
    outcome.checks = check_counts(outcome.settings.audit_path, outcome.run_id)


_INGEST_KEYS = {dg.AssetKey(["raw", kind]): kind for kind in SOURCES} | {
    dg.AssetKey(["raw", "goal_files"]): GOALS
}


def _values(metadata) -> dict:
    return {name: getattr(value, "value", value) for name, value in (metadata or {}).items()}


def _kind_of(name: str) -> str:
    known = classify(Path(name))
    return known.kind if known else GOALS


def check_counts(audit: Path, run_id: str) -> CheckCounts | None:
    """The run's failing rows by severity and novelty (None: the gate wrote nothing)."""
    from reports.failures.query import Filters, latest_failures

    if not audit.exists():
        return None
    try:
        every = latest_failures(audit, run_id, Filters(all=True))
        shown = latest_failures(audit, run_id, Filters())
    except ValueError:  # the run did not reach the gate
        return None
    counts = CheckCounts(open_rows=len(shown.rows))
    failing: dict[str, set[str]] = {}
    for row in every.rows:
        if row["status"] == "waived":
            counts.waived_rows += 1
            continue
        if row["status"] not in ("failed", "error"):
            continue
        severity = row["row_severity"]
        counts.rows[severity] += 1
        counts.novelty.setdefault(severity, Counter())[row["novelty"] or "new"] += 1
        failing.setdefault(severity, set()).add(row["check_name"])
    counts.checks = Counter({severity: len(names) for severity, names in failing.items()})
    return counts


def _gate_metadata(result: dg.ExecuteInProcessResult, key: str) -> list[str]:
    """A list the gate of this run recorded with its materialization: its blocking checks
    or the scopes it withheld (empty: none, or the gate did not run)."""
    for event in result.get_asset_materialization_events():
        if event.asset_key == dg.AssetKey("quality_gate"):
            found = event.materialization.metadata.get(key)
            return list(found.value) if found is not None else []
    return []


def _only_publish_failed(result: dg.ExecuteInProcessResult) -> bool:
    failed = {event.step_key for event in result.all_events if event.is_step_failure}
    return failed <= {"published_warehouse"}


def _step_errors(result: dg.ExecuteInProcessResult) -> list[str]:
    errors = [
        f"{event.step_key}: {_root_message(event.step_failure_data.error)}"
        for event in result.all_events
        if event.is_step_failure
    ]
    if not errors:
        # Before any step: the resources could not start (e.g. the candidate file is held
        # by a process left over from a killed run), which DuckDB's message names.
        errors = [
            f"ennen ensimmäistä vaihetta: {_root_message(event.event_specific_data.error)}"
            for event in result.all_events
            if event.is_resource_init_failure and getattr(event.event_specific_data, "error", None)
        ]
    return errors or ["ajo epäonnistui ennen kuin yksikään vaihe alkoi"]


# Errors of the controls store's database (PostgreSQL through psycopg, SQLite, Django's
# wrappers): a person can remove their cause, and the summary says it in Finnish.
_STORE_ERRORS = ("OperationalError", "InterfaceError", "DatabaseError")
_STORE_MODULES = ("psycopg", "django.db", "sqlite3")
# The packages whose exceptions carry a Finnish sentence of their own.
_OWN_PACKAGES = ("ingest.", "warehouse.", "orchestration.", "expectations.", "review.")


def _root_message(error) -> str:
    """The innermost error's message (a Dagster SerializableErrorInfo chain); a store
    that cannot be reached in Finnish, as `toteuma waive` says it, not in psycopg's words.
    Our own errors' messages are already the sentence a controller reads: Dagster's
    `module.Class: ` before them is dropped (a library's class name stays: it is the
    clue to what failed)."""
    while error.cause is not None:
        error = error.cause
    if error.cls_name in _STORE_ERRORS and error.message.startswith(_STORE_MODULES):
        return (
            "päätösvarastoon ei saatu yhteyttä (TOTEUMA_STORE_URL, tai tietovaraston"
            f" kansiossa oleva .controls.sqlite3): {error.cls_name}. Tarkista osoite ja"
            " käyttöoikeudet."
        )
    message = error.message.strip()
    qualified, separator, sentence = message.partition(": ")
    if (
        separator
        and qualified.endswith(f".{error.cls_name}")
        and qualified.startswith(_OWN_PACKAGES)
    ):
        return sentence
    return message
