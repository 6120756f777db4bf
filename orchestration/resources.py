"""Resources: where the landing folder and the warehouse files are, and the dbt CLI."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.dbt_project import dbt_project
from orchestration.settings import Settings, dbt_executable, load_settings


class WarehouseResource(dg.ConfigurableResource):
    """Paths of one run. Empty values fall back to the environment, then to defaults.

    In a run, the resource holds the warehouse's run lock from the first step to the last:
    every asset of the job uses it, so no run works while another does (see run_guard).
    """

    landing_dir: str = ""
    warehouse_path: str = ""
    waivers_path: str = ""
    controls_dir: str = ""
    settle_seconds: float = -1.0  # negative: from the environment, then the default

    @property
    def settings(self) -> Settings:
        return load_settings(
            self.landing_dir or None,
            self.warehouse_path or None,
            self.waivers_path or None,
            self.settle_seconds if self.settle_seconds >= 0 else None,
            self.controls_dir or None,
        )

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[WarehouseResource]:
        if context.run is None:  # a sensor tick or a definitions check: no run, no lock
            yield self
            return
        from orchestration.run_guard import guarded_run

        with guarded_run(context, self.settings):
            yield self


def build_resources() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
