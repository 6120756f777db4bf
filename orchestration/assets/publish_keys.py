"""Asset keys the gate and the publish step wait for."""

import dagster as dg

from orchestration.assets.ingest import SOURCE_KINDS

REVIEW_TABLES = [
    dg.AssetKey(["review", name]) for name in ("income_statement", "binding_budget", "investments")
]
RAW_TABLES = [dg.AssetKey(["raw", kind]) for kind in SOURCE_KINDS]
GOAL_TABLES = [dg.AssetKey(["raw", "goals"])]
GATE_UPSTREAM = [*RAW_TABLES, *GOAL_TABLES, *REVIEW_TABLES]
