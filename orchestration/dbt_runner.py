"""`dbt build` in the run's own process, through dbt's programmatic entry point.

dagster-dbt (0.29) runs dbt only as a subprocess (`DbtCliResource.cli`): each build paid
`dbt --version`, an adapter handle in the run's process, and a second Python that
imported dbt and loaded the project again, about 8 s before dbt built anything. Here
`dbt.cli.main.dbtRunner` runs `dbt parse` and `dbt build` in this process:

- the project is parsed once per process and warehouse (dbt's own partial parse, from
  the warehouse's target folder, ~0.6 s on the demo project), and the parsed `Manifest`
  is handed to every later build (`dbtRunner(manifest=...)`), as dbt's documentation of
  programmatic invocations shows. A process that builds again (the Dagster daemon, a
  test session) parses again only when the project's files or the warehouse change.
- dbt's node results reach the caller as dagster-dbt's events (`DbtCoreCliEventMessage`,
  the class that reads `dbt --log-format json` lines, given the same dictionaries), so
  the translator names the assets exactly as before.
- dbt's log lines (`12 of 279 OK created sql table model ...`) go to `sys.stdout` as
  the command line prints them: `toteuma run` captures them into the run's log and its
  progress display (orchestration/run_display.py).

dbt keeps global state between invocations (flags, the event manager, the adapter
registry, dbt-duckdb's one DuckDB environment): every invocation sets its own flags and
adapters (dbt's `preflight`), and `_release` closes the DuckDB file and detaches dbt's
loggers afterwards, so the next step (or another build) can open the candidate.

`cd dbt_project && dbt build` and `toteuma docs` run the dbt command line as before.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchestration.dbt_project import prepare_manifest
from orchestration.settings import DBT_PROJECT_DIR

# dbt's events that end a node (those dagster-dbt turns into Dagster events)
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})
_DONE = object()


@dataclass
class Parsed:
    """The project parsed for one warehouse: dbt's `Manifest`, and manifest.json as a dict
    (what dagster-dbt's translator and the gate's records read)."""

    manifest: Any  # dbt.contracts.graph.manifest.Manifest
    nodes: dict  # manifest.json


@dataclass
class DbtBuild:
    """One `dbt build`: its arguments, and once finished, dbt's run_results.json (None: dbt
    stopped before it ran any node) and the exception dbt reported, if any."""

    args: list[str]
    target_path: Path
    manifest: dict
    results: dict | None = None
    exception: BaseException | None = None
    success: bool = False
    seconds: float = 0.0
    events: list[dict] = field(default_factory=list, repr=False)

    @property
    def command(self) -> str:
        return "dbt " + " ".join(self.args)


# one parsed project per (target folder, project fingerprint): see parsed_project
_PARSED: dict[tuple[str, str], Parsed] = {}
_PROJECT: dict[str, Any] = {}  # project_manifest's: its file's key and its dict
_LOCK = threading.Lock()  # dbt's global state allows one invocation at a time


def common_args(target_path: Path) -> list[str]:
    """What every invocation names: the project, its profiles, the warehouse's target
    folder (dbt's artifacts and its dbt.log), and plain text lines (no colour codes: the
    progress display reads dbt's counter from them)."""
    return [
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target_path),
        "--log-path", str(target_path),
        "--no-use-colors",
    ]  # fmt: skip


def project_manifest() -> dict:
    """dbt_project/target/manifest.json as a dict: the nodes Dagster's assets were made
    from, which dagster-dbt's translator and the gate's records read. Written anew by
    `dbt parse` when a project file is newer (`prepare_manifest`, which also sets
    TOTEUMA_CANDIDATE_PATH to the default warehouse's: call it before `export_for_dbt`);
    read once while unchanged."""
    path = prepare_manifest()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if _PROJECT.get("key") != key:
        _PROJECT["nodes"] = json.loads(path.read_text(encoding="utf-8"))
        _PROJECT["key"] = key
    return _PROJECT["nodes"]


def parsed_project(target_path: Path, project_key: str, nodes: dict) -> Parsed:
    """The project parsed for the warehouse whose target folder this is.

    `project_key` names the project's state (warehouse.build_state's project hash: every
    file of the project and the environment variables its SQL reads): a new key parses
    again. dbt parses partially from the target folder's partial_parse.msgpack (only the
    files that changed) and returns the `Manifest`; manifest.json is not written (half
    the parse's time): `nodes` (project_manifest) stands for it. The Manifest names each
    table's database after the candidate file (dbt-duckdb: the first part of its name),
    so it is kept per target folder, which is per warehouse.

    Raises RuntimeError with dbt's message when the project does not parse."""
    key = (str(target_path), project_key)
    with _LOCK:
        parsed = _PARSED.get(key)
        if parsed is not None:
            return parsed
        from dbt.cli.main import dbtRunner

        try:
            result = dbtRunner().invoke(["parse", "--no-write-json", *common_args(target_path)])
        finally:
            _release()
        if not result.success or result.result is None:
            raise RuntimeError(f"dbt parse failed: {result.exception}")
        parsed = Parsed(result.result, nodes)
        for old in [k for k in _PARSED if k[0] == key[0]]:
            del _PARSED[old]  # one project state per warehouse is kept
        _PARSED[key] = parsed
        return parsed


def build(args: list[str], target_path: Path, parsed: Parsed) -> Iterator[dict | DbtBuild]:
    """Run `dbt <args>` (a build) on the parsed project; yield each node's result event as
    dbt finishes it (the dictionary of its JSON log line: `info`, `data`), then the
    finished DbtBuild.

    dbt runs in a thread of its own while this generator hands the events on, so that the
    caller (a Dagster step) reports each model as it is built. The run_results.json of an
    earlier build is removed first: a build that stops before writing its own never
    passes off the old one."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    invocation = DbtBuild(list(args), target_path, parsed.nodes)
    (target_path / "run_results.json").unlink(missing_ok=True)
    events: queue.Queue = queue.Queue()

    def on_event(message) -> None:
        if message.info.name in RESULT_EVENTS:
            events.put(msg_to_dict(message))

    def work() -> None:
        clock = time.monotonic()
        try:
            with _LOCK:
                try:
                    runner = dbtRunner(manifest=parsed.manifest, callbacks=[on_event])
                    result = runner.invoke([*args, *common_args(target_path)])
                finally:
                    _release()
            invocation.success, invocation.exception = result.success, result.exception
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            invocation.exception = error
        finally:
            invocation.seconds = time.monotonic() - clock
            events.put(_DONE)

    worker = threading.Thread(target=work, name="dbt-build", daemon=True)
    worker.start()
    while (event := events.get()) is not _DONE:
        invocation.events.append(event)
        yield event
    worker.join()
    results = target_path / "run_results.json"
    if results.exists():
        invocation.results = json.loads(results.read_text(encoding="utf-8"))
    yield invocation


def _release() -> None:
    """After an invocation: dbt's connections closed, its adapters dropped, the DuckDB file
    closed (dbt-duckdb keeps one DuckDB environment per process, open until another
    profile replaces it: a step opening the candidate next in this process, with other
    settings, or another process writing it, would be refused), and dbt's loggers detached
    from the streams they were given (the run's log is closed when the run ends)."""
    from dbt.adapters.factory import reset_adapters
    from dbt_common.events.event_manager_client import cleanup_event_logger

    reset_adapters()
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # pragma: no cover - dbt-duckdb is a dependency
        DuckDBConnectionManager = None
    if DuckDBConnectionManager is not None:
        with DuckDBConnectionManager._LOCK:
            environment, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
        if environment is not None:
            environment.close()
    cleanup_event_logger()
