"""Paths and switches of a run. The only module that reads the environment.

Every setting has a default that works on a fresh clone; `.env.example` lists them.
dbt's profiles.yml reads TOTEUMA_CANDIDATE_PATH, which `export_for_dbt` sets.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_SETTLE_SECONDS = 60.0


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    warehouse_path: Path  # the published file analysts open
    waivers_path: Path = PROJECT_ROOT / "waivers.yaml"
    # A landing file is read once unchanged this long (a copy in progress is not).
    settle_seconds: float = DEFAULT_SETTLE_SECONDS

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


def load_settings(
    landing_dir: str | Path | None = None,
    warehouse_path: str | Path | None = None,
    waivers_path: str | Path | None = None,
    settle_seconds: float | None = None,
) -> Settings:
    """Explicit arguments win over TOTEUMA_LANDING_DIR / _WAREHOUSE_PATH / _WAIVERS_PATH /
    _SETTLE_SECONDS."""
    landing = landing_dir or os.environ.get("TOTEUMA_LANDING_DIR") or PROJECT_ROOT / "landing"
    warehouse = (
        warehouse_path
        or os.environ.get("TOTEUMA_WAREHOUSE_PATH")
        or PROJECT_ROOT / "warehouse" / "toteuma.duckdb"
    )
    waivers = (
        waivers_path or os.environ.get("TOTEUMA_WAIVERS_PATH") or PROJECT_ROOT / "waivers.yaml"
    )
    settle = settle_seconds
    if settle is None:
        settle = float(os.environ.get("TOTEUMA_SETTLE_SECONDS") or DEFAULT_SETTLE_SECONDS)
    return Settings(
        Path(landing).resolve(), Path(warehouse).resolve(), Path(waivers).resolve(), settle
    )


def dbt_executable() -> str:
    """The venv's dbt: tests and CI call .venv/bin/python without activating the venv."""
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else "dbt"


def export_for_dbt(settings: Settings) -> None:
    """dbt runs as a subprocess and finds the candidate file through its environment."""
    os.environ["TOTEUMA_CANDIDATE_PATH"] = str(settings.candidate_path)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


def ensure_dagster_home() -> Path:
    """Runs from the CLI land in the same instance folder that `make serve` shows."""
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster_home")))
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    return home


def quiet_libraries() -> None:
    """great-expectations phones home unless told not to; nothing here may reach out."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
