"""The good landing folder and its loaded warehouse, made once and copied for each case."""

import shutil
from pathlib import Path

import pytest

from tests.faults.base import write_base
from tests.faults.harness import run_night


@pytest.fixture(scope="session")
def good_night(tmp_path_factory) -> Path:
    """<base>/landing and <base>/warehouse after one clean night (everything loaded)."""
    base = tmp_path_factory.mktemp("faults_base")
    write_base(base / "landing")
    night = run_night(base / "landing", base / "warehouse", "night-1")
    assert night.refused is None and night.publication == "publish", night.texts
    return base


@pytest.fixture
def copied_night(good_night: Path, tmp_path: Path) -> Path:
    """A copy of the good night's folder (landing + warehouse), modification times kept."""
    shutil.copytree(good_night, tmp_path / "night", copy_function=shutil.copy2)
    return tmp_path / "night"
