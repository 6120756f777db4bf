"""Resources: the landing folder a run reads and the warehouse it builds.

Two resources, as they are two things: the landing folder belongs to the exporters (a
run only reads it, and the sensor watches it); the warehouse files belong to the run
that holds their lock. Empty values fall back to the environment, then to the defaults
(orchestration/settings.py), resolved once per resource: every step of a run sees the
same settings, even if the environment changes while it runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator

import dagster as dg
from pydantic import PrivateAttr

from orchestration.controls_snapshot import take_snapshot
from warehouse.settings import Landing, Settings, load_landing, load_settings


class LandingResource(dg.ConfigurableResource):
    """Where the nightly exports arrive, and how long a file must rest before it is read."""

    folder: str = ""
    settle_seconds: float = -1.0  # negative: from the environment, then the default
    _resolved: Landing | None = PrivateAttr(default=None)

    @property
    def landing(self) -> Landing:
        if self._resolved is None:
            self._resolved = load_landing(
                self.folder or None, self.settle_seconds if self.settle_seconds >= 0 else None
            )
        return self._resolved


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse files of one run and the controls folder it obeys.

    In a run, the resource holds the warehouse's run lock from the first step to the last:
    every asset of the job uses it, so no run works while another does (see run_guard).
    """

    warehouse_path: str = ""
    _resolved: Settings | None = PrivateAttr(default=None)

    @property
    def settings(self) -> Settings:
        if self._resolved is None:
            self._resolved = load_settings(self.warehouse_path or None)
        return self._resolved

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[WarehouseResource]:
        if context.run is None:  # a sensor tick or a definitions check: no run, no lock
            yield self
            return
        from orchestration.run_guard import guarded_run

        with guarded_run(context, self.settings):
            # Every step of the run obeys the decisions of the moment the run started: one
            # snapshot of the store per run, taken by its first step (steps in processes
            # of their own find it there).
            snapshot = take_snapshot(self.settings, context.run.run_id)
            self._resolved = dataclasses.replace(self.settings, snapshot_dir=snapshot)
            yield self


def build_resources() -> dict[str, object]:
    return {
        "landing": LandingResource(),
        "warehouse": WarehouseResource(),
    }
