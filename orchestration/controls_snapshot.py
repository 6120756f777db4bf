"""A run's snapshot of its warehouse's controls store, in the controls-folder format.

The run reads the controllers' decisions through files (warehouse/controls/load.py, the
gate's waivers.yaml, the loader's waived expectations), as it always has; the store is
the record. The snapshot is `<stem>.controls/<run id>/`: written whole by the run's first
step under the run lock, reused by the run's other steps, and the previous runs'
snapshots are removed (the store keeps every decision; its audit trail their history).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from warehouse.settings import Settings


def take_snapshot(settings: Settings, run_id: str) -> Path:
    """The folder holding the store's decisions in force for run `run_id`."""
    root = settings.snapshots_root
    snapshot = root / run_id
    if snapshot.is_dir():
        return snapshot
    from review.store.schema import open_store

    with open_store(settings.store):
        from review.store.folder import export_folder

        export_folder(snapshot)
    for other in root.iterdir():
        if other.name != run_id:
            shutil.rmtree(other, ignore_errors=True) if other.is_dir() else other.unlink()
    return snapshot
