"""Resources: where the landing folder and the warehouse files are, and the dbt CLI."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.dbt_project import dbt_project
from orchestration.settings import Settings, dbt_executable, load_settings


class WarehouseResource(dg.ConfigurableResource):
    """Paths of one run. Empty values fall back to the environment, then to defaults."""

    landing_dir: str = ""
    warehouse_path: str = ""
    waivers_path: str = ""
    settle_seconds: float = -1.0  # negative: from the environment, then the default

    @property
    def settings(self) -> Settings:
        return load_settings(
            self.landing_dir or None,
            self.warehouse_path or None,
            self.waivers_path or None,
            self.settle_seconds if self.settle_seconds >= 0 else None,
        )


def build_resources() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
