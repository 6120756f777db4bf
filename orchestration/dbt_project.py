"""The dbt project as Dagster sees it, and the step that writes its manifest."""

from __future__ import annotations

import subprocess
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.settings import DBT_PROJECT_DIR, dbt_executable, export_for_dbt
from warehouse.settings import load_settings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

_SOURCES = ("models", "macros", "seeds", "tests", "dbt_project.yml")


def manifest_is_stale() -> bool:
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    files = (p for name in _SOURCES for p in _walk(DBT_PROJECT_DIR / name))
    return any(path.stat().st_mtime > built for path in files)


def _walk(path: Path):
    return path.rglob("*") if path.is_dir() else [path]


def prepare_manifest(force: bool = False) -> Path:
    """Run `dbt parse` so that @dbt_assets can load; a no-op when the manifest is current."""
    if force or manifest_is_stale():
        export_for_dbt(load_settings())
        subprocess.run(
            [
                dbt_executable(),
                "parse",
                "--quiet",
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
            ],
            check=True,
        )
    return dbt_project.manifest_path
