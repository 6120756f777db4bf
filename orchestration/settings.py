"""Dagster's and dbt's settings: dbt's project and executable, the Dagster instance folder.

The warehouse's paths and switches (TOTEUMA_*) are resolved in warehouse/settings.py;
dbt's profiles.yml reads TOTEUMA_CANDIDATE_PATH, which `export_for_dbt` sets.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from warehouse.settings import PROJECT_ROOT, Settings

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


def dbt_executable() -> str:
    """The venv's dbt: tests and CI call .venv/bin/python without activating the venv."""
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else "dbt"


def export_for_dbt(settings: Settings) -> None:
    """dbt (in the run's process, or `dbt` typed in dbt_project/) finds the candidate file
    through its environment.

    The deviation tolerance (TOTEUMA_DEVIATION_PCT, _EUR) reaches dbt's env_var() the same
    way: int_budget_deviations reads it, with the defaults 10 % and 10 000 €."""
    os.environ["TOTEUMA_CANDIDATE_PATH"] = str(settings.candidate_path)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


# Runs of the nightly job carry this tag; the instance lets one such run be in progress at a
# time, so runs launched by the schedule, the sensor or the UI wait in Dagster's run queue.
RUN_QUEUE_TAG = ("toteuma/queue", "nightly")
# The instance's dagster.yaml as toteuma writes it for a new instance folder.
INSTANCE_TEMPLATE = Path(__file__).with_name("dagster.yaml")
# Where the run-queue part of the template starts: appended to a file without one.
_QUEUE_PART = "# One toteuma_nightly run at a time"


def _queue_limit() -> dict:
    """The template's tag limit for the nightly runs (key, value, limit)."""
    import yaml

    template = yaml.safe_load(INSTANCE_TEMPLATE.read_text(encoding="utf-8"))
    return template["concurrency"]["runs"]["tag_concurrency_limits"][0]


def ensure_dagster_home() -> Path:
    """Runs from the CLI land in the same instance folder that `make serve` shows.

    A new instance folder gets orchestration/dagster.yaml (telemetry off, the run queue
    limit of the nightly job); a file an older version or a person wrote gains the limit
    when it has none, keeping every setting in it."""
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster_home")))
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        _replace_text(config, INSTANCE_TEMPLATE.read_text(encoding="utf-8"))
    else:
        _add_run_queue_limit(config)
    return home


def _add_run_queue_limit(config: Path) -> None:
    import yaml

    text = config.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict) or _has_queue_limit(data):
        return
    if not any(key in data for key in ("concurrency", "run_queue", "run_coordinator")):
        # Appended as text: the file's own comments and layout stay as they were.
        template = INSTANCE_TEMPLATE.read_text(encoding="utf-8")
        separator = "\n" if text and not text.endswith("\n") else ""
        _replace_text(config, text + separator + template[template.index(_QUEUE_PART) :])
        return
    _queue_limits(data).append(_queue_limit())
    _replace_text(config, yaml.safe_dump(data, sort_keys=False))


def _replace_text(path: Path, text: str) -> None:
    """The webserver or daemon may read the file at any moment: never show it half written."""
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text(text, encoding="utf-8")
    os.replace(staging, path)


def _has_queue_limit(data: dict) -> bool:
    places = [
        ((data.get("concurrency") or {}).get("runs") or {}),
        data.get("run_queue") or {},
        ((data.get("run_coordinator") or {}).get("config") or {}),
    ]
    return any(
        isinstance(limit, dict) and limit.get("key") == RUN_QUEUE_TAG[0]
        for place in places
        if isinstance(place, dict)
        for limit in place.get("tag_concurrency_limits") or []
    )


def _sets_run_limits(queue: dict) -> bool:
    """The run-queue settings Dagster does not accept beside a `concurrency: runs:` block."""
    blocking = queue.get("block_op_concurrency_limited_runs") or {}
    return (
        queue.get("max_concurrent_runs") is not None
        or queue.get("tag_concurrency_limits") is not None
        or (isinstance(blocking, dict) and blocking.get("op_concurrency_slot_buffer") is not None)
    )


def _queue_limits(data: dict) -> list:
    """The list of tag limits Dagster reads: `concurrency: runs:` unless the file already
    sets the run queue the older way (Dagster refuses both at once)."""
    run_queue = data.get("run_queue") or {}
    coordinator = data.get("run_coordinator") or {}
    if _sets_run_limits(run_queue):
        place = run_queue
    elif coordinator.get("class") == "QueuedRunCoordinator" and _sets_run_limits(
        coordinator.get("config") or {}
    ):
        place = coordinator["config"]
    else:
        concurrency = data.get("concurrency") or {}
        data["concurrency"] = concurrency
        place = concurrency.get("runs") or {}
        concurrency["runs"] = place
    if not place.get("tag_concurrency_limits"):
        place["tag_concurrency_limits"] = []
    return place["tag_concurrency_limits"]
