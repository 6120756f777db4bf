"""What a run would read, looked at before Dagster or dbt starts (`toteuma run`).

A run reads the landing folder's files, the controls store's decisions in force, the
day (only through the waivers it finds expired: no model reads the day), the program
(code, dbt project, library versions) and the settings (TOTEUMA_*). `look` gives their
sha256s as `Inputs`; warehouse/quiet_nights.py keeps those of the last published run
that loaded, quarantined and built nothing. When tonight's look is the same and the
warehouse files are still the ones that run left, the run would repeat it: `toteuma run`
says so, records that it looked, starts nothing and exits 0.

Anything that cannot be read (a store that does not open, a landing file still being
written) means "cannot tell" (None): the run goes ahead and reports it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import tempfile
from pathlib import Path

import yaml

from warehouse.quiet_nights import Inputs
from warehouse.settings import PROJECT_ROOT, Landing, Settings

# What the program is: the packages a run executes and the dbt project it builds.
PROGRAM_PARTS = (
    "orchestration", "ingest", "warehouse", "expectations", "review", "reports", "dbt_project",
)  # fmt: skip
PROGRAM_SUFFIXES = {".py", ".sql", ".yml", ".yaml", ".csv", ".json", ".md"}
SKIPPED_FOLDERS = {"__pycache__", "target", "dbt_target", "logs", "dbt_packages"}
LIBRARIES = ("toteuma", "dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "duckdb",
             "great-expectations", "pandas", "openpyxl")  # fmt: skip
# Settings that do not change what a run does (a password for the command line).
NOT_RUN_SETTINGS = {"TOTEUMA_PASSWORD"}


def look(settings: Settings, landing: Landing, today: dt.date | None = None) -> Inputs | None:
    """What a run would read now; None when it cannot be told (files still arriving,
    a store that does not open). `today` is the day waivers are judged on (default: the
    gate's, `waiver_day()`: Helsinki's, whatever the server's zone)."""
    from warehouse.gate.waivers import waiver_day

    today = today or waiver_day()
    landing_part = _landing(landing)
    if landing_part is None:
        return None
    try:
        store, expired = _store(settings, today)
    except Exception:  # noqa: BLE001 - the run itself reports a store it cannot open
        return None
    day = hashlib.sha256(json.dumps(expired).encode())
    if _project_reads_the_day():  # the day dbt's SQL would see (build_state.BUILD_DAY)
        day.update(dt.date.today().isoformat().encode())
    return Inputs(landing_part, store, day.hexdigest(), _program(), _settings(landing))


def _landing(landing: Landing) -> str | None:
    from ingest.landing import files_fingerprint, survey_landing

    survey = survey_landing(landing.folder, landing.settle_seconds)
    if survey.arriving:
        return None  # the run tells which files it leaves for the next one
    quarantine = landing.folder / "quarantine"
    paths = survey.complete + survey.unrecognised
    if quarantine.is_dir():
        paths += [path for path in quarantine.rglob("*") if path.is_file()]
    return files_fingerprint(paths, landing.folder)


def _store(settings: Settings, today: dt.date) -> tuple[str, list[int]]:
    """The hash of the store's export (the run's snapshot, its time of export left out)
    and the positions of the waivers expired on `today`."""
    from review.store.schema import open_store

    with tempfile.TemporaryDirectory(prefix="toteuma-look-") as scratch:
        root = Path(scratch) / "controls"
        with open_store(settings.store):
            from review.store.folder import export_folder  # Django is set up by now

            export_folder(root)
        digest = hashlib.sha256()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            kept = "".join(line for line in lines if not line.startswith("exported_at:"))
            digest.update(f"{path.relative_to(root).as_posix()}\n{kept}\n".encode())
        waivers = yaml.safe_load((root / "waivers.yaml").read_text(encoding="utf-8")) or {}
    entries = waivers.get("waivers") or [] if isinstance(waivers, dict) else []
    expired = [
        position
        for position, entry in enumerate(entries)
        if dt.date.fromisoformat(str(entry["expires"])) < today
    ]
    return digest.hexdigest(), expired


def _project_reads_the_day() -> bool:
    from warehouse.build_state import READS_THE_DAY

    models = PROJECT_ROOT / "dbt_project"
    return any(
        READS_THE_DAY.search(path.read_text(encoding="utf-8", errors="replace"))
        for folder in ("models", "macros", "tests", "snapshots")
        for path in (models / folder).rglob("*.sql")
    )


def _program() -> str:
    digest = hashlib.sha256()
    for part in PROGRAM_PARTS:
        base = PROJECT_ROOT / part
        for path in sorted(base.rglob("*")):
            if (
                path.suffix in PROGRAM_SUFFIXES
                and path.is_file()
                and not SKIPPED_FOLDERS & set(path.relative_to(base).parts)
            ):
                digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=-\n".encode())
    return digest.hexdigest()


def _settings(landing: Landing) -> str:
    chosen = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name.startswith("TOTEUMA_") and name not in NOT_RUN_SETTINGS
    )
    chosen.append(("landing", f"{landing.folder.resolve()}:{landing.settle_seconds}"))
    return hashlib.sha256(json.dumps(chosen).encode()).hexdigest()
