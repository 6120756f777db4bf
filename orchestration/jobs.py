"""The nightly job, its schedule and the landing-folder sensor."""

import dagster as dg

from ingest.landing import files_fingerprint, survey_landing
from orchestration.resources import LandingResource, WarehouseResource
from orchestration.run_guard import sweep_abandoned_runs
from orchestration.settings import RUN_QUEUE_TAG
from warehouse.settings import Landing

# In-process: the multiprocess executor costs about 1.7 s per step on our machines, and
# the DuckDB candidate file takes one writer at a time anyway. One run at a time: every
# run carries RUN_QUEUE_TAG, which the instance's run queue lets one run hold (see
# settings.ensure_dagster_home), and holds the warehouse's run lock (see run_guard).
# No asset checks in the selection: Dagster plans every selected check at launch and shows
# one the run did not evaluate as "Skipped", hiding its last real result. Which checks a
# night evaluates is known only once its files are read (dbt may build part or nothing),
# so the steps report each check they evaluate as it happens, unplanned
# (orchestration/check_evidence.py).
nightly_job = dg.define_asset_job(
    "toteuma_nightly",
    selection=dg.AssetSelection.all().without_checks(),
    executor_def=dg.in_process_executor,
    description="Landing files → raw → dbt build and tests → publish when the checks pass.",
    run_tags=dict([RUN_QUEUE_TAG]),
)

nightly_schedule = dg.ScheduleDefinition(
    job=nightly_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Europe/Helsinki",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


def landing_fingerprint(landing: Landing) -> str:
    """Names, sizes and modification times of the complete landing files.

    A file still being written (changed within the settle interval, or under a writer's
    temporary name) is left out, so the sensor starts a run once it is complete, never
    while it is half-copied.
    """
    survey = survey_landing(landing.folder, landing.settle_seconds)
    return files_fingerprint(survey.complete + survey.unrecognised, landing.folder)


@dg.sensor(
    job=nightly_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING
)
def landing_sensor(
    context: dg.SensorEvaluationContext, landing: LandingResource, warehouse: WarehouseResource
):
    """Starts a run when files arrive in, change in or leave the landing folder.

    Also fails a run whose process died mid-way (it would keep queued runs waiting)."""
    for run_id in sweep_abandoned_runs(context, warehouse.settings):
        context.log.warning(f"Marked run {run_id} failed: its process ended mid-run.")
    fingerprint = landing_fingerprint(landing.landing)
    if fingerprint == context.cursor:
        return dg.SkipReason("landing folder unchanged")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)
