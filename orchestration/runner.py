"""Run the nightly job in process, recorded in the Dagster instance, and say what happened."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import dagster as dg

from orchestration.settings import Landing, Settings
from warehouse.gate.blocking import blocking_lines
from warehouse.run_lock import held_lock


@dataclass
class RunOutcome:
    status: str  # published | partial (some scopes withheld) | withheld | error
    run_id: str
    settings: Settings
    errors: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)  # check, file, line, column, what
    withheld: list[str] = field(default_factory=list)  # scopes held back, in Finnish

    def summary(self) -> str:
        if self.status == "published":
            head = f"Published {self.settings.warehouse_path} (run {self.run_id})."
        elif self.status == "partial":
            head = (
                f"Published {self.settings.warehouse_path} partially (run {self.run_id}):"
                " withheld, as published before: " + "; ".join(self.withheld) + "."
            )
        elif self.status == "withheld":
            head = (
                f"Publication withheld (run {self.run_id}): {len(self.failed_checks)} blocking "
                f"check(s) failed; {self.settings.warehouse_path} is unchanged."
            )
        else:
            head = f"Run {self.run_id} failed; {self.settings.warehouse_path} is unchanged."
        if self.blocking:
            details = ["Blocking failures (fix the file or waive the failure, then run again):"]
            details += [f"  {line}" for line in self.blocking]
        else:
            details = [f"  failed check: {name}" for name in self.failed_checks]
        details += [f"  error: {text}" for text in self.errors]
        return "\n".join([head, *details])


def run_nightly(settings: Settings, landing: Landing) -> RunOutcome:
    """Run the job in this process, which must hold the warehouse's run lock already."""
    from orchestration.definitions import defs

    lock = held_lock(settings.lock_path)
    if lock is None:
        raise RuntimeError(f"run_nightly needs the run lock {settings.lock_path} held")
    # The run id goes into the lock file before the run exists in the instance: if this
    # process is killed, the next run knows which Dagster run to mark failed.
    run_id = str(uuid.uuid4())
    lock.note_run(run_id)

    instance = dg.DagsterInstance.get()
    job = defs.resolve_job_def("toteuma_nightly")
    config = {
        "loggers": {"console": {"config": {"log_level": "INFO"}}},
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
                    "waivers_path": str(settings.waivers_path),
                    "controls_dir": str(settings.controls_dir),
                }
            },
        },
    }
    result = job.execute_in_process(
        run_config=config, instance=instance, raise_on_error=False, run_id=run_id
    )
    published = dg.AssetKey("published_warehouse") in {
        event.asset_key for event in result.get_asset_materialization_events()
    }
    if result.success and published:
        withheld = _gate_metadata(result, "withheld_scopes")
        if withheld:
            return RunOutcome(
                "partial", run_id, settings, [], _gate_metadata(result, "blocking_checks"),
                blocking_lines(settings.audit_path, run_id), withheld,
            )  # fmt: skip
        return RunOutcome("published", run_id, settings)
    blocking = _gate_metadata(result, "blocking_checks")
    if blocking and _only_publish_failed(result):
        # the gate withheld publication: the publish step failed the run on purpose
        return RunOutcome(
            "withheld", run_id, settings, [], blocking,
            blocking_lines(settings.audit_path, run_id),
        )  # fmt: skip
    return RunOutcome("error", run_id, settings, _step_errors(result))


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
            f"before the first step: {_root_message(event.event_specific_data.error)}"
            for event in result.all_events
            if event.is_resource_init_failure and getattr(event.event_specific_data, "error", None)
        ]
    return errors or ["the run failed before any step ran"]


def _root_message(error) -> str:
    while error.cause is not None:
        error = error.cause
    return error.message.strip()
