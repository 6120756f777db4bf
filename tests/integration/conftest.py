"""Real runs of the whole pipeline: demo landing data → `toteuma run` → published warehouse.

Each run is a fresh `toteuma` process (as the nightly job and CI run it), with its own
Dagster instance folder, so tests never share DuckDB connections with the run.
"""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from demo.generate import is_demo_landing, write_landing

TOTEUMA = str(Path(sys.executable).parent / "toteuma")


@dataclass
class Run:
    returncode: int
    output: str
    landing: Path
    warehouse: Path

    @property
    def log(self) -> str:
        """The run's whole Dagster and dbt log: the file its summary names."""
        found = re.search(r"^  koko loki +(\S+)$", self.output, re.MULTILINE)
        assert found, self.output[-3000:]
        return Path(found.group(1)).read_text(encoding="utf-8")


def run_toteuma(
    landing: Path,
    warehouse: Path,
    dagster_home: Path,
    waivers: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Run:
    """`extra_env`: e.g. the e-mail digest's settings. A run on the demo's landing folder
    gets the demo's decisions and users in its store (`--demo-if-empty`, as `make run`);
    any other run has its warehouse's own (none). `waivers`: a waivers.yaml the test
    wrote, imported into the warehouse's store before the run (entries already there are
    kept, as `toteuma controls import` does)."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    env.setdefault("TOTEUMA_DIGEST_TO", "")  # a developer's .env never mails from tests
    env.update(extra_env or {})
    # Tests write landing files and run at once: they are complete, however new.
    env.setdefault("TOTEUMA_SETTLE_SECONDS", "0")
    if waivers is not None and waivers.exists():
        import_waivers(warehouse, waivers)
    demo = ["--demo-if-empty"] if is_demo_landing(landing) else []
    done = subprocess.run(
        [
            TOTEUMA,
            "run",
            "--landing",
            str(landing),
            "--warehouse",
            str(warehouse),
            "--create",
            *demo,
        ],  # fmt: skip
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Run(done.returncode, done.stdout + done.stderr, landing, warehouse)


def import_waivers(warehouse: Path, waivers: Path) -> None:
    """The waivers of a waivers.yaml into the warehouse's store (in this process)."""
    from review.store.schema import open_store
    from warehouse.settings import load_settings

    folder = warehouse.parent / "waivers-to-import"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(waivers, folder / "waivers.yaml")
    with open_store(load_settings(warehouse).store):
        from review.store.folder import import_folder

        import_folder(folder, actor="test")


@pytest.fixture(scope="session")
def demo_landing(tmp_path_factory) -> Path:
    """The generated demo landing folder (read-only for tests: copy it to change it)."""
    landing = tmp_path_factory.mktemp("demo") / "landing"
    write_landing(landing)
    return landing


@pytest.fixture(scope="session")
def demo_run(demo_landing, tmp_path_factory) -> Run:
    """One real run of the nightly job on the demo data, shared by the read-only tests."""
    base = tmp_path_factory.mktemp("demo_run")
    run = run_toteuma(demo_landing, base / "warehouse" / "toteuma.duckdb", base / "dagster")
    assert run.returncode == 0, run.output[-5000:]
    return run


@pytest.fixture
def landing_copy(demo_landing, tmp_path) -> Path:
    target = tmp_path / "landing"
    shutil.copytree(demo_landing, target)
    return target
