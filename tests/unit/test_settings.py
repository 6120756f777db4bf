"""Where a run writes by default: one git-ignored runtime folder, never a source folder."""

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
    assert "var/" in ignored
