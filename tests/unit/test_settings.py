"""Where a run writes by default: one git-ignored runtime folder, never a source folder."""

import os
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
import yaml

from warehouse.settings import (
    DEMO_CONTROLS_DIR,
    PROJECT_ROOT,
    RUNTIME_DIR,
    duckdb_memory_limit,
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
    # the warehouse files, the lock, the store of decisions (users' password hashes inside)
    # and the web review's signing key
    written = re.compile(
        r"\.duckdb(\.wal)?$|\.lock$|\.sqlite3(-wal|-shm)?$|\.secret_key$"
        r"|(^|/)(dbt_target|data_docs|dbt_docs)/|\.controls/|\.nothing_new\.json$"
    )
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


def test_a_warehouse_obeys_only_the_store_beside_it(tmp_path, monkeypatch):
    # GIVEN a warehouse pointed at real data, with default settings
    monkeypatch.delenv("TOTEUMA_STORE_URL", raising=False)
    settings = load_settings(tmp_path / "city" / "toteuma.duckdb")
    # THEN its decisions are its own store's, and its runs' snapshots lie beside it
    assert settings.store == f"sqlite:///{tmp_path / 'city' / 'toteuma.controls.sqlite3'}"
    assert settings.controls_dir.parent == tmp_path / "city"
    assert DEMO_CONTROLS_DIR not in (settings.controls_dir, *settings.controls_dir.parents)


def test_the_demo_decisions_reach_only_a_warehouse_loaded_from_the_demo(tmp_path):
    from demo.generate import DEMO_MARK
    from orchestration.cli import _demo_decisions
    from review.store.schema import open_store

    demo_landing, other_landing = tmp_path / "demo", tmp_path / "real"
    demo_landing.mkdir()
    other_landing.mkdir()
    (demo_landing / DEMO_MARK).write_text("demo", encoding="utf-8")
    demo = load_settings(tmp_path / "demo_warehouse" / "toteuma.duckdb")
    real = load_settings(tmp_path / "real_warehouse" / "toteuma.duckdb")
    # WHEN the demo run prepares its warehouse, and another landing folder's
    _demo_decisions(demo_landing, demo)
    _demo_decisions(other_landing, real)
    # THEN only the demo's warehouse has the demo's sign-offs and users
    with open_store(demo.store):
        from django.contrib.auth import get_user_model

        from review.store.models import SignOff

        demo_signoffs = yaml.safe_load((DEMO_CONTROLS_DIR / "signoffs.yaml").read_text())
        assert SignOff.objects.count() == len(demo_signoffs["signoffs"])
        users = sorted(get_user_model().objects.values_list("username", flat=True))
        assert users == ["talousjohtaja", "tarkastaja", "valmistelija"]
        # ... and a store that has decisions is never overwritten (a second demo run)
        SignOff.objects.all().delete()
    _demo_decisions(demo_landing, demo)
    with open_store(demo.store):
        assert SignOff.objects.count() == 0
    assert not (tmp_path / "real_warehouse").exists()


def test_the_runs_heavy_writes_are_held_to_the_duckdb_memory_limit(monkeypatch):
    import duckdb

    from warehouse.sql import limit_memory

    monkeypatch.delenv("TOTEUMA_DBT_MEMORY_LIMIT", raising=False)
    assert duckdb_memory_limit() == "3GB"  # dbt's profile has the same default
    monkeypatch.setenv("TOTEUMA_DBT_MEMORY_LIMIT", "500MB")
    con = duckdb.connect()
    limit_memory(con)
    limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
    assert limit in ("476.8 MiB", "500.0 MB"), limit
    # a value DuckDB would not take is refused by name, before any SQL is written
    monkeypatch.setenv("TOTEUMA_DBT_MEMORY_LIMIT", "3GB'; drop table x; --")
    with pytest.raises(ValueError, match="TOTEUMA_DBT_MEMORY_LIMIT"):
        limit_memory(con)
