"""Where a run writes by default: one git-ignored runtime folder, never a source folder."""

import os
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from orchestration.settings import (
    PROJECT_ROOT,
    RUNTIME_DIR,
    load_dotenv,
    load_landing,
    load_settings,
)


def test_runtime_files_default_to_the_ignored_var_folder(monkeypatch):
    # GIVEN no warehouse path in the environment
    monkeypatch.delenv("TOTEUMA_WAREHOUSE_PATH", raising=False)
    # WHEN the settings are read
    settings = load_settings()
    # THEN every file a run writes lies in var/, and git ignores that folder
    written = (
        settings.warehouse_path, settings.candidate_path, settings.previous_path,
        settings.audit_path, settings.lock_path, settings.results_dir,
    )  # fmt: skip
    assert all(path.parent == RUNTIME_DIR for path in written)
    assert RUNTIME_DIR == PROJECT_ROOT / "var"
    ignored = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"var/", "*.duckdb", "*.duckdb.wal", "/warehouse/*.lock"} <= set(ignored)


def test_no_file_a_run_writes_is_under_version_control():
    # A checkout that ran a version from before var/ still has its runtime files in
    # warehouse/ (now a package): they are ignored too, and none is ever committed.
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        # nothing can be under version control without git: the rule holds by itself
        # here (CI clones the repository, so there the test runs)
        pytest.skip("not a git checkout (a source archive): no file can be tracked")
    tracked = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    written = re.compile(r"\.duckdb(\.wal)?$|\.lock$|(^|/)(dbt_target|data_docs|dbt_docs)/")
    assert [path for path in tracked if written.search(path)] == []


def test_dotenv_values_fill_only_what_the_environment_does_not_set(tmp_path, monkeypatch):
    # GIVEN a .env written as .env.example shows, with quotes, comments and an export
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# the landing share\n"
        "TOTEUMA_LANDING_DIR='/data/landing'   # mounted nightly\n"
        'export TOTEUMA_MATERIALITY_EUR="5"\n'
        "TOTEUMA_SETTLE_SECONDS=30\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(os, "environ", dict(os.environ))  # what the test sets ends with it
    os.environ.pop("TOTEUMA_LANDING_DIR", None)
    os.environ.pop("TOTEUMA_MATERIALITY_EUR", None)
    os.environ["TOTEUMA_SETTLE_SECONDS"] = "90"
    # WHEN the command line reads it
    load_dotenv(env_file)
    # THEN its values apply, except where the environment already says otherwise
    assert os.environ["TOTEUMA_LANDING_DIR"] == "/data/landing"
    assert load_settings().materiality_eur == Decimal("5")
    assert load_landing().settle_seconds == 90.0
