"""A step's file names are read back as the names written, never as letters."""

from orchestration.file_names import names_from, names_text


def test_names_written_for_the_ui_read_back_as_names():
    written = names_text(["gl_111_2026_03.csv", "org_111.csv"])
    assert written.value == "gl_111_2026_03.csv, org_111.csv"
    assert names_from(written.value) == ["gl_111_2026_03.csv", "org_111.csv"]


def test_no_names_read_back_as_none_at_all():
    written = names_text([])
    assert written.value == "none"
    assert names_from(written.value) == []
    assert names_from(None) == []
    assert names_from(["from", "an older run"]) == ["from", "an older run"]


def test_the_runs_progress_line_counts_quarantined_files_not_letters():
    import io
    from types import SimpleNamespace

    from orchestration.run_display import Progress

    def materialized(quarantined):
        metadata = {
            "files_loaded": 0,
            "files_unchanged": 1,
            "files_quarantined": names_text(quarantined),
        }
        return SimpleNamespace(
            event_specific_data=SimpleNamespace(materialization=SimpleNamespace(metadata=metadata))
        )

    out = io.StringIO()
    progress = Progress(out, live=False)
    progress._files("raw__chart_of_accounts", materialized([]))
    progress._end("raw__chart_of_accounts", True)
    progress._files("raw__org_units", materialized(["org_111.csv"]))
    progress._end("raw__org_units", True)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith(": 0 luettu, 1 ennallaan"), lines
    assert lines[1].endswith(": 0 luettu, 1 ennallaan, 1 karanteeniin"), lines


def test_the_run_log_holds_the_traceback_of_a_failure_before_any_step(tmp_path):
    """A resource that cannot start fails the run before its first step: the summary
    says it in one line and points to the log, which must hold the rest."""
    import logging
    from types import SimpleNamespace

    from orchestration.run_display import RunLog

    class Error:
        def to_string(self):
            return "duckdb.IOException: Could not set lock on file\n  File x.py, line 3"

    event = SimpleNamespace(
        is_step_failure=False,
        message="Initialization of resources [warehouse] failed.",
        event_specific_data=SimpleNamespace(error=Error()),
    )
    entry = SimpleNamespace(
        timestamp=0.0, level=logging.ERROR, step_key=None, user_message="", dagster_event=event
    )
    log = RunLog(tmp_path / "run.log")
    log.event(entry)
    log.close()
    text = (tmp_path / "run.log").read_text(encoding="utf-8")
    assert "Initialization of resources [warehouse] failed." in text
    assert "Could not set lock on file\n  File x.py, line 3" in text
