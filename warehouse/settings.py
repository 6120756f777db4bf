"""Where a warehouse's files are and the switches a run obeys: the one module that reads
the environment for them (TOTEUMA_*; `.env.example` lists every setting).

Every setting has a default that works on a fresh clone. The command line, the Dagster
resources and the review web application all resolve their settings here; Dagster's own
(the instance folder, dbt's executable) are in orchestration/settings.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from warehouse.publish.digest import Digest
from warehouse.publish.publication import DEFAULT_STORAGE_VERSION

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETTLE_SECONDS = 60.0
# What runs write (the warehouse files, the lock, validation results, dbt's target): a
# git-ignored folder of its own, never a folder of source code.
RUNTIME_DIR = PROJECT_ROOT / "var"
DEFAULT_WAREHOUSE_PATH = RUNTIME_DIR / "toteuma.duckdb"
# The demo's decisions (its sign-offs approve the seed reports' dates): imported into the
# demo warehouse's store by the demo only (`toteuma run --demo-if-empty`).
DEMO_CONTROLS_DIR = PROJECT_ROOT / "demo" / "controls"


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
    # A warn-severity difference below this many euros is reported as info.
    materiality_eur: Decimal = Decimal("1")
    # A line needs an explanation beyond both (dbt's int_budget_deviations reads the same
    # variables, TOTEUMA_DEVIATION_EUR and TOTEUMA_DEVIATION_PCT, when it builds).
    deviation_eur: Decimal = Decimal("10000")
    deviation_pct: Decimal = Decimal("10")
    # DuckDB's storage format of the published file: the oldest DuckDB that opens it
    storage_version: str = DEFAULT_STORAGE_VERSION
    digest: Digest = field(default_factory=Digest)
    # The controls store (review/store): every decision made for this warehouse. A database
    # URL (TOTEUMA_STORE_URL, e.g. postgresql://toteuma@db.kunta.fi/toteuma) or, by
    # default, an SQLite file beside the published warehouse.
    store_url: str = ""
    # Where `toteuma web` listens, and the address the e-mail digest links to.
    web_host: str = "127.0.0.1"
    web_port: int = 8000
    web_url: str = ""

    @property
    def store(self) -> str:
        """The store's database URL: TOTEUMA_STORE_URL, or <stem>.controls.sqlite3 beside
        the published warehouse."""
        return self.store_url or f"sqlite:///{self.store_default_path}"

    @property
    def web_address(self) -> str:
        """Where the review's pages are, as e-mails link to them: TOTEUMA_WEB_URL, else the
        host and port the application listens on."""
        return self.web_url or f"http://{self.web_host}:{self.web_port}"

    @property
    def store_default_path(self) -> Path:
        return self.warehouse_path.with_name(f"{self.warehouse_path.stem}.controls.sqlite3")

    @property
    def secret_key_path(self) -> Path:
        """The web application's signing key when TOTEUMA_SECRET_KEY is not set: created
        once, readable by its owner only."""
        return self.warehouse_path.with_name(f"{self.warehouse_path.stem}.secret_key")

    # The run's snapshot of the store's decisions, in the controls-folder format (set by
    # the run: orchestration/resources.py); outside a run, where snapshots are kept.
    snapshot_dir: Path | None = None

    @property
    def controls_dir(self) -> Path:
        """The controls folder a run reads: its snapshot of the store (waivers.yaml,
        signoffs.yaml with approved/, explanations/), under <stem>.controls/<run id>/."""
        return self.snapshot_dir or self.snapshots_root

    @property
    def snapshots_root(self) -> Path:
        return self.warehouse_path.with_name(f"{self.warehouse_path.stem}.controls")

    @property
    def waivers_path(self) -> Path:
        return self.controls_dir / "waivers.yaml"

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


def load_settings(warehouse_path: str | Path | None = None) -> Settings:
    """An explicit path wins over TOTEUMA_WAREHOUSE_PATH. A warehouse obeys only the
    decisions of its own store (TOTEUMA_STORE_URL, default beside it): never the demo's."""
    env = os.environ
    warehouse = Path(
        warehouse_path or env.get("TOTEUMA_WAREHOUSE_PATH") or DEFAULT_WAREHOUSE_PATH
    ).resolve()
    return Settings(
        warehouse_path=warehouse,
        materiality_eur=Decimal(env.get("TOTEUMA_MATERIALITY_EUR") or "1"),
        deviation_eur=Decimal(env.get("TOTEUMA_DEVIATION_EUR") or "10000"),
        deviation_pct=Decimal(env.get("TOTEUMA_DEVIATION_PCT") or "10"),
        storage_version=env.get("TOTEUMA_STORAGE_VERSION") or DEFAULT_STORAGE_VERSION,
        digest=_digest(env),
        store_url=env.get("TOTEUMA_STORE_URL") or "",
        web_host=env.get("TOTEUMA_WEB_HOST") or "127.0.0.1",
        web_port=int(env.get("TOTEUMA_WEB_PORT") or 8000),
        web_url=(env.get("TOTEUMA_WEB_URL") or "").rstrip("/"),
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


# DuckDB's units, as its `memory_limit` setting takes them: 3GB, 500MB, 2.5GiB
_MEMORY = re.compile(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def duckdb_memory_limit() -> str:
    """TOTEUMA_DBT_MEMORY_LIMIT (default 3GB): the memory DuckDB may use in the run's
    heavy writes, beyond which it spills to disk beside the file. dbt's profile reads the
    same variable; the ledger's commit and the publication copy apply it too
    (warehouse.sql.limit_memory). Without a limit DuckDB takes up to 80 % of the
    machine's memory: a national year's commit peaked at 10.5 GiB, its publication at
    5.8 GiB (docs/scaling.md). Raises ValueError naming the variable for a value DuckDB
    would not take."""
    value = (os.environ.get("TOTEUMA_DBT_MEMORY_LIMIT") or "3GB").strip()
    if not _MEMORY.fullmatch(value):
        raise ValueError(
            f"TOTEUMA_DBT_MEMORY_LIMIT={value!r}: odotettiin muistin määrää DuckDB:n"
            " yksiköin, esimerkiksi 3GB tai 500MB"
        )
    return value


def load_dotenv(path: Path = PROJECT_ROOT / ".env") -> None:
    """The repository's `.env` (KEY=value lines, as .env.example), for the CLI as `dagster
    dev` reads it for the UI; a variable already set in the environment wins."""
    import dotenv

    if path.is_file():
        dotenv.load_dotenv(path, override=False)
