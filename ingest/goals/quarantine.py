"""Where goal workbooks wait: <landing>/goals/ (arrived) and <landing>/quarantine/ (refused).

A refused workbook is moved aside with a note (ingest.quarantine), as a refused CSV
is, and read again on every run: it keeps failing its check (and withholding
publication) until it reads, or a new delivery of the same name replaces it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ingest.goals import goal_files, workbooks_in
from ingest.quarantine import discard_superseded


def waiting_workbooks(landing_dir: Path, settle_seconds: float = 0) -> list[Path]:
    """Quarantined workbooks with no delivery of the same name in goals/, then arrivals
    (those changed within `settle_seconds` are left for a later run)."""
    arrived = goal_files(landing_dir, settle_seconds)
    names = {path.name for path in arrived}
    quarantined = workbooks_in(landing_dir / "quarantine")
    return [path for path in quarantined if path.name not in names] + arrived


def is_quarantined(path: Path) -> bool:
    return path.parent.name == "quarantine"


def forget_quarantined(landing_dir: Path, name: str) -> None:
    """A new delivery replaces the refused copy: the copy and its note are deleted."""
    discard_superseded(landing_dir, name)


def release(path: Path, landing_dir: Path) -> None:
    """A quarantined workbook that now reads goes back to goals/, its note removed."""
    (landing_dir / "goals").mkdir(parents=True, exist_ok=True)
    shutil.move(path, landing_dir / "goals" / path.name)
    path.with_name(f"{path.name}.failed.txt").unlink(missing_ok=True)
