"""Is the landing folder fit to load from? And what in it will this run not read?

A missing or empty landing folder (an unmounted share, a wrong path), or one that lacks
master data the warehouse already holds, must stop the run: loading nothing and
publishing yesterday's figures as today's would look like a good night. Files still
being written and files with names we do not know are reported as warnings.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingest.landing import EXPECTED_NAMES, LandingSurvey, classify
from ingest.sources import MASTER_DATA


class LandingFolderError(RuntimeError):
    """The landing folder cannot be loaded from; the message says why, in plain words."""


def check_landing_folder(
    landing_dir: Path, survey: LandingSurvey, loaded_master_data: dict[str, set[str]]
) -> None:
    """Raise LandingFolderError when the folder is missing, empty or lacks master data.

    `loaded_master_data` maps a master-data kind (org_units, accounts) to the
    municipalities whose rows the warehouse holds; each needs its file in finance/ (or
    waiting in quarantine/).
    """
    stop = "nothing was loaded and nothing published"
    if not landing_dir.is_dir():
        raise LandingFolderError(
            f"The landing folder {landing_dir} does not exist (an unmounted share, or a wrong"
            f" --landing / TOTEUMA_LANDING_DIR?): {stop}."
        )
    present = [*survey.complete, *survey.arriving, *_quarantined(landing_dir)]
    if not any(path.parent.name in ("finance", "quarantine") for path in present):
        raise LandingFolderError(
            f"The landing folder {landing_dir} holds no finance files (expected {EXPECTED_NAMES}):"
            f" {stop}."
        )
    names = {path.name.lower() for path in present}
    missing = [
        name
        for source in MASTER_DATA
        for kunta in sorted(loaded_master_data.get(source.kind, ()))
        if (name := source.name_for(kunta)).lower() not in names
    ]
    if missing:
        raise LandingFolderError(
            f"The landing folder {landing_dir} lacks {', '.join(missing)}, although the"
            f" warehouse holds that master data: the folder looks incomplete (a partial copy"
            f" or the wrong folder?); {stop}."
        )


def _quarantined(landing_dir: Path) -> list[Path]:
    folder = landing_dir / "quarantine"
    return [p for p in folder.iterdir() if classify(p)] if folder.is_dir() else []


def landing_check_rows(
    run_id: str, survey: LandingSurvey, settle_seconds: float
) -> Iterable[dict[str, object]]:
    """File-check rows (see warehouse.gate.file_checks) for files this run does not read."""
    for path in survey.arriving:
        yield _row(
            run_id,
            path,
            "file_complete",
            f"{path.parent.name}/{path.name} was still being written (changed less than"
            f" {settle_seconds:g} s before the run, or named as a temporary file): left for"
            " the next run, which the landing sensor starts once the file is complete.",
        )
    for path in survey.unrecognised:
        yield _row(
            run_id,
            path,
            "file_name_recognised",
            f"{path.parent.name}/{path.name} was not read: its name matches none of the"
            f" expected names ({EXPECTED_NAMES}). Rename it, or remove it from the folder.",
        )


def _row(run_id: str, path: Path, check: str, explanation: str) -> dict[str, object]:
    return {
        "run_id": run_id,
        "kind": "landing",
        "source_file": path.name,
        "check_name": check,
        "severity": "warn",
        "explanation": explanation,
        "failures": 1,
        "examples": "[]",
        "quarantined": False,
    }
