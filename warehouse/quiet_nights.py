"""The record of quiet nights: the last published run that found nothing to do, and the
nights that looked and found nothing new since (`<stem>.nothing_new.json` beside the
warehouse).

What a run reads is compared as `Inputs` (sha256s, computed by orchestration/nothing_new.py
before Dagster starts). A published run that loaded, quarantined and built nothing is
recorded with its inputs and the warehouse files it left (size, modification time); a
later `toteuma run` with the same inputs and those files untouched would repeat it, so it
only records that it looked (the last 60 looks are kept; the web review's header shows
the latest as "tarkistettu viimeksi"). Any other outcome removes the record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path

from warehouse.settings import Settings

STATE_VERSION = 1
LOOKS_KEPT = 60


@dataclasses.dataclass(frozen=True)
class Inputs:
    """sha256s of what a run reads (see the module docstring)."""

    landing: str  # names, sizes and modification times of finance/, goals/, quarantine/
    store: str  # the store's export, as the run's snapshot would be (its time left out)
    day: str  # the waivers expired on the day (and the day, if dbt's SQL reads it)
    program: str  # the code, the dbt project, the libraries' versions
    settings: str  # TOTEUMA_* of the environment, the landing folder's path


@dataclasses.dataclass(frozen=True)
class QuietRun:
    """The last published run that found nothing to do, and what it read."""

    run_id: str
    finished_at: str  # ISO 8601, UTC
    inputs: Inputs
    outputs: dict[str, list[int] | None]  # warehouse file -> [size, mtime_ns] it left


@dataclasses.dataclass(frozen=True)
class Look:
    at: dt.datetime  # UTC
    matched_run: str


def state_path(settings: Settings) -> Path:
    return settings.warehouse_path.with_name(f"{settings.warehouse_path.stem}.nothing_new.json")


def quiet_run(settings: Settings) -> QuietRun | None:
    """The recorded quiet run, if any (an unreadable or older record counts as none)."""
    try:
        state = json.loads(state_path(settings).read_text(encoding="utf-8"))
        if state.get("version") != STATE_VERSION or not state.get("quiet_run"):
            return None
        found = state["quiet_run"]
        return QuietRun(
            found["run_id"], found["finished_at"], Inputs(**found["inputs"]), found["outputs"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def looks(settings: Settings) -> list[Look]:
    """The nights that found nothing new, latest last."""
    try:
        state = json.loads(state_path(settings).read_text(encoding="utf-8"))
        return [
            Look(dt.datetime.fromisoformat(entry["at"]), entry["matched_run"])
            for entry in state.get("looks", [])
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def nothing_new(settings: Settings, inputs: Inputs | None) -> QuietRun | None:
    """The quiet run tonight would repeat, or None: run."""
    if inputs is None:
        return None
    quiet = quiet_run(settings)
    if quiet is None or quiet.inputs != inputs or quiet.outputs != _outputs(settings):
        return None
    return quiet


def record_look(settings: Settings, quiet: QuietRun, at: dt.datetime | None = None) -> None:
    """Write down that a run looked and found nothing new since `quiet`."""
    at = at or dt.datetime.now(dt.UTC)
    entries = [
        {"at": entry.at.isoformat(), "matched_run": entry.matched_run} for entry in looks(settings)
    ]
    entries.append({"at": at.isoformat(), "matched_run": quiet.run_id})
    _write(settings, dataclasses.asdict(quiet), entries[-LOOKS_KEPT:])


def record_run(settings: Settings, run_id: str, inputs: Inputs | None, quiet: bool) -> None:
    """After a run: a quiet published run becomes the one later nights compare with;
    any other outcome removes the record (the next night runs in full)."""
    if not quiet or inputs is None:
        state_path(settings).unlink(missing_ok=True)
        return
    finished = QuietRun(run_id, dt.datetime.now(dt.UTC).isoformat(), inputs, _outputs(settings))
    _write(settings, dataclasses.asdict(finished), [])


def _write(settings: Settings, quiet_state: dict, entries: list[dict]) -> None:
    path = state_path(settings)
    text = json.dumps(
        {"version": STATE_VERSION, "quiet_run": quiet_state, "looks": entries}, indent=1
    )
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text(text + "\n", encoding="utf-8")
    os.replace(staging, path)


def _outputs(settings: Settings) -> dict[str, list[int] | None]:
    """The warehouse files a run leaves, by size and modification time: a file another
    run (the Dagster daemon's) or a person replaced means a full run."""
    found: dict[str, list[int] | None] = {}
    for path in (settings.warehouse_path, settings.audit_path, settings.candidate_path):
        try:
            stat = path.stat()
        except FileNotFoundError:
            found[path.name] = None
        else:
            found[path.name] = [stat.st_size, stat.st_mtime_ns]
    return found
