"""Asset keys the gate and the publish step wait for."""

import dagster as dg

from ingest.sources import SOURCES

REVIEW_TABLES = [
    dg.AssetKey(["review", name]) for name in ("income_statement", "binding_budget", "investments")
]
RAW_TABLES = [dg.AssetKey(["raw", kind]) for kind in SOURCES]
GOAL_TABLES = [dg.AssetKey(["raw", "goals"])]
GATE_UPSTREAM = [*RAW_TABLES, *GOAL_TABLES, *REVIEW_TABLES]
