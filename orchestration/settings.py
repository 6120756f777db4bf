"""Paths and switches of a run. The only module that reads the environment.

Every setting has a default that works on a fresh clone; `.env.example` lists them.
dbt's profiles.yml reads TOTEUMA_CANDIDATE_PATH, which `export_for_dbt` sets.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from warehouse.publish.digest import Digest
from warehouse.publish.publication import DEFAULT_STORAGE_VERSION

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_SETTLE_SECONDS = 60.0
# What runs write (the warehouse files, the lock, validation results, dbt's target): a
# git-ignored folder of its own, never a folder of source code.
RUNTIME_DIR = PROJECT_ROOT / "var"
DEFAULT_WAREHOUSE_PATH = RUNTIME_DIR / "toteuma.duckdb"
# The demo's decisions (its sign-offs approve the seed reports' dates): copied into the
# demo warehouse's controls folder by the demo only (`toteuma run --demo-if-empty`).
DEMO_CONTROLS_DIR = PROJECT_ROOT / "demo" / "controls"
# A warehouse's decisions live beside it: <warehouse folder>/controls/ unless
# TOTEUMA_CONTROLS_DIR names another folder. A warehouse only ever obeys its own.
CONTROLS_FOLDER_NAME = "controls"


@dataclass(frozen=True)
class Landing:
    """Where the nightly exports arrive, and when a file there is complete."""

    folder: Path  # <landing>/finance/*.csv, <landing>/goals/*.xlsx, <landing>/quarantine/
    # A landing file is read once unchanged this long (a copy in progress is not).
    settle_seconds: float = DEFAULT_SETTLE_SECONDS


@dataclass(frozen=True)
class Settings:
    """The warehouse a run builds and publishes, and the decisions and switches it obeys."""

    warehouse_path: Path  # the published file analysts open
    waivers_path: Path
    # The controllers' decisions for this warehouse: waivers, signers, sign-offs,
    # explanations (default <warehouse folder>/controls/).
    controls_dir: Path
    # A warn-severity difference below this many euros is reported as info.
    materiality_eur: Decimal = Decimal("1")
    # DuckDB's storage format of the published file: the oldest DuckDB that opens it
    storage_version: str = DEFAULT_STORAGE_VERSION
    digest: Digest = field(default_factory=Digest)

    @property
    def candidate_path(self) -> Path:
        """The run's own build file; analysts never open it."""
        return self.warehouse_path.with_name(f"{self.warehouse_path.stem}.candidate.duckdb")

    @property
    def audit_path(self) -> Path:
        """Every run's check results and failing rows, kept also when publication is blocked."""
        return self.warehouse_path.with_name(f"{self.warehouse_path.stem}.audit.duckdb")

    @property
    def results_dir(self) -> Path:
        """great-expectations validation results and their Data Docs site."""
        return self.warehouse_path.parent / "data_docs"

    @property
    def previous_path(self) -> Path:
        """The published version before the latest, kept for rollback."""
        return self.warehouse_path.with_name(f"{self.warehouse_path.stem}.previous.duckdb")

    @property
    def lock_path(self) -> Path:
        """Held by the one run at work on this warehouse (see warehouse/run_lock.py)."""
        return self.warehouse_path.with_name(f"{self.warehouse_path.stem}.lock")


def load_landing(folder: str | Path | None = None, settle_seconds: float | None = None) -> Landing:
    """Explicit arguments win over TOTEUMA_LANDING_DIR / TOTEUMA_SETTLE_SECONDS."""
    env = os.environ
    chosen = folder or env.get("TOTEUMA_LANDING_DIR") or PROJECT_ROOT / "landing"
    if settle_seconds is None:
        settle_seconds = float(env.get("TOTEUMA_SETTLE_SECONDS") or DEFAULT_SETTLE_SECONDS)
    return Landing(Path(chosen).resolve(), settle_seconds)


def load_settings(
    warehouse_path: str | Path | None = None,
    waivers_path: str | Path | None = None,
    controls_dir: str | Path | None = None,
) -> Settings:
    """Explicit arguments win over TOTEUMA_WAREHOUSE_PATH / _WAIVERS_PATH / _CONTROLS_DIR.
    The controls folder is <warehouse folder>/controls/ unless named: a warehouse obeys
    only the decisions made for it (never the demo's). The waivers are
    <controls>/waivers.yaml unless TOTEUMA_WAIVERS_PATH names another file."""
    env = os.environ
    warehouse = Path(
        warehouse_path or env.get("TOTEUMA_WAREHOUSE_PATH") or DEFAULT_WAREHOUSE_PATH
    ).resolve()
    controls = Path(
        controls_dir or env.get("TOTEUMA_CONTROLS_DIR") or warehouse.parent / CONTROLS_FOLDER_NAME
    )
    waivers = waivers_path or env.get("TOTEUMA_WAIVERS_PATH") or controls / "waivers.yaml"
    return Settings(
        warehouse_path=warehouse,
        waivers_path=Path(waivers).resolve(),
        controls_dir=controls.resolve(),
        materiality_eur=Decimal(env.get("TOTEUMA_MATERIALITY_EUR") or "1"),
        storage_version=env.get("TOTEUMA_STORAGE_VERSION") or DEFAULT_STORAGE_VERSION,
        digest=_digest(env),
    )


def _digest(env) -> Digest:
    return Digest(
        to=tuple(a.strip() for a in (env.get("TOTEUMA_DIGEST_TO") or "").split(",") if a.strip()),
        sender=env.get("TOTEUMA_DIGEST_FROM") or Digest.sender,
        host=env.get("TOTEUMA_SMTP_HOST") or Digest.host,
        port=int(env.get("TOTEUMA_SMTP_PORT") or Digest.port),
        starttls=(env.get("TOTEUMA_SMTP_STARTTLS") or "").lower() in ("1", "true", "yes"),
        user=env.get("TOTEUMA_SMTP_USER") or "",
        password=env.get("TOTEUMA_SMTP_PASSWORD") or "",
    )


def dbt_executable() -> str:
    """The venv's dbt: tests and CI call .venv/bin/python without activating the venv."""
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else "dbt"


def export_for_dbt(settings: Settings) -> None:
    """dbt runs as a subprocess and finds the candidate file through its environment.

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


def load_dotenv(path: Path = PROJECT_ROOT / ".env") -> None:
    """The repository's `.env` (KEY=value lines, as .env.example), for the CLI as `dagster
    dev` reads it for the UI; a variable already set in the environment wins."""
    import dotenv

    if path.is_file():
        dotenv.load_dotenv(path, override=False)
