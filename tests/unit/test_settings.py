"""Where a run writes by default: one git-ignored runtime folder, never a source folder."""

import re
import shutil
import subprocess

import pytest

from orchestration.settings import PROJECT_ROOT, RUNTIME_DIR, load_settings


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
