"""Where a `toteuma run` spent its time, from the run's own records.

Step times come from the Dagster instance the run wrote to (DAGSTER_HOME): the step
start and end of each step key (`DagsterInstance.get_run_step_stats`). Stages group the
steps: ingest = the landing check and the six ingest steps (great-expectations runs
inside them, per file), dbt, gate, publish; start-up = wall time minus the run's own
start-to-end (imports, dbt manifest, loading definitions). Validation is not a step of
its own: its share of ingest is read from the great-expectations results the run wrote
(warehouse/data_docs/<file>/<UTC stamp>.json, written right after each validation;
`meta.batch_markers.ge_load_time` marks when the batch was loaded), a lower bound that
leaves out building each validation's context.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

STAGE_OF_STEP = {
    "toteuma_dbt": "dbt",
    "quality_gate": "gate",
    "published_warehouse": "publish",
}


def stage_of(step_key: str) -> str:
    return STAGE_OF_STEP.get(step_key, "ingest")


def step_seconds(run_id: str) -> tuple[dict[str, float], float, float | None]:
    """(seconds per step key, the run's start-to-end seconds, the POSIX time its first
    step started) from DAGSTER_HOME."""
    import dagster as dg

    instance = dg.DagsterInstance.get()
    stats = [s for s in instance.get_run_step_stats(run_id) if s.start_time is not None]
    steps = {s.step_key: (s.end_time or s.start_time) - s.start_time for s in stats}
    run = instance.get_run_stats(run_id)
    first = min((s.start_time for s in stats), default=None)
    return steps, (run.end_time or 0) - (run.start_time or 0), first


def stage_seconds(steps: dict[str, float]) -> dict[str, float]:
    stages = dict.fromkeys(("ingest", "dbt", "gate", "publish"), 0.0)
    for key, seconds in steps.items():
        stages[stage_of(key)] += seconds
    return stages


def validation_seconds(results_dir: Path, since: float, until: float) -> tuple[float, int]:
    """(seconds, validations) of the GX results written between two POSIX times.

    One validation covers a batch of files; each file gets its own copy of the result,
    all with the batch's load time: a validation lasts from it to its last copy.
    """
    ends: dict[float, float] = {}
    for path in results_dir.glob("*/*.json"):
        written = _utc(path.stem, "%Y%m%dT%H%M%S%fZ")
        if written is None or not since <= written <= until:
            continue
        marker = json.loads(path.read_text(encoding="utf-8"))["meta"]["batch_markers"]
        loaded = _utc(marker["ge_load_time"], "%Y%m%dT%H%M%S.%fZ")
        if loaded is not None:
            ends[loaded] = max(ends.get(loaded, written), written)
    return sum(end - loaded for loaded, end in ends.items()), len(ends)


def _utc(text: str, pattern: str) -> float | None:
    try:
        return dt.datetime.strptime(text, pattern).replace(tzinfo=dt.UTC).timestamp()
    except ValueError:
        return None
