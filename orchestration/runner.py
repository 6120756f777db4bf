"""Run the nightly job in process, recorded in the Dagster instance, and say what happened."""

from __future__ import annotations

from dataclasses import dataclass, field

import dagster as dg

from orchestration.settings import Settings


@dataclass
class RunOutcome:
    status: str  # published | withheld | error
    run_id: str
    settings: Settings
    errors: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.status == "published":
            head = f"Published {self.settings.warehouse_path} (run {self.run_id})."
        elif self.status == "withheld":
            head = (
                f"Publication withheld (run {self.run_id}): {len(self.failed_checks)} blocking "
                f"check(s) failed; {self.settings.warehouse_path} is unchanged."
            )
        else:
            head = f"Run {self.run_id} failed; {self.settings.warehouse_path} is unchanged."
        details = [f"  failed check: {name}" for name in self.failed_checks]
        details += [f"  error: {text}" for text in self.errors]
        return "\n".join([head, *details])


def run_nightly(settings: Settings) -> RunOutcome:
    from orchestration.assets.publish import failed_blocking_checks
    from orchestration.definitions import defs

    instance = dg.DagsterInstance.get()
    job = defs.resolve_job_def("toteuma_nightly")
    config = {
        "loggers": {"console": {"config": {"log_level": "INFO"}}},
        "resources": {
            "warehouse": {
                "config": {
                    "landing_dir": str(settings.landing_dir),
                    "warehouse_path": str(settings.warehouse_path),
                }
            }
        },
    }
    result = job.execute_in_process(run_config=config, instance=instance, raise_on_error=False)
    run_id = result.run_id
    failed = failed_blocking_checks(instance, run_id)
    if not result.success:
        errors = _step_errors(result)
        # A blocking check that fails stops its step: publication was withheld, not broken.
        status = "withheld" if failed and not errors else "error"
        return RunOutcome(status, run_id, settings, errors, failed)
    published = dg.AssetKey("published_warehouse") in {
        event.asset_key for event in result.get_asset_materialization_events()
    }
    return RunOutcome("published" if published else "withheld", run_id, settings, [], failed)


def _step_errors(result: dg.ExecuteInProcessResult) -> list[str]:
    """Why steps failed, except for failed blocking checks (reported as checks)."""
    errors = []
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            if error.cls_name != "DagsterAssetCheckFailedError":
                errors.append(f"{event.step_key}: {_root_message(error)}")
    if not errors and not any(event.is_step_failure for event in result.all_events):
        errors.append("the run failed before any step ran")
    return errors


def _root_message(error) -> str:
    while error.cause is not None:
        error = error.cause
    return error.message.strip()
