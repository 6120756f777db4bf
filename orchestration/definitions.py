"""The one Definitions object of the toteuma code location (see workspace.yaml)."""

import dagster as dg

from orchestration.assets.controls import controls_folder
from orchestration.assets.dbt import toteuma_dbt
from orchestration.assets.gate import quality_gate
from orchestration.assets.goals import goal_assets
from orchestration.assets.ingest import ingest_assets
from orchestration.assets.publish import published_warehouse
from orchestration.jobs import landing_sensor, nightly_job, nightly_schedule
from orchestration.resources import build_resources

defs = dg.Definitions(
    assets=[
        *ingest_assets,
        *goal_assets,
        controls_folder,
        toteuma_dbt,
        quality_gate,
        published_warehouse,
    ],
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[landing_sensor],
    resources=build_resources(),
)
