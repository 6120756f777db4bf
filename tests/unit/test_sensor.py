"""The landing sensor starts a run when files change, and only then."""

import dagster as dg

from orchestration.jobs import landing_sensor
from orchestration.resources import WarehouseResource


def _tick(tmp_path, cursor=None):
    # `with`, as the daemon does: WarehouseResource is a context-managed resource (it holds
    # the run lock in runs; in a sensor tick it only gives paths)
    with dg.build_sensor_context(
        cursor=cursor, resources={"warehouse": WarehouseResource(landing_dir=str(tmp_path))}
    ) as context:
        return landing_sensor(context), context.cursor


def test_sensor_requests_a_run_for_new_files_and_skips_when_unchanged(tmp_path):
    # GIVEN a landing folder with one ledger file
    (tmp_path / "finance").mkdir()
    (tmp_path / "finance" / "gl_111_2026_03.csv").write_text("Kunta;Tilikausi\n")
    # WHEN the sensor ticks twice without changes
    first, cursor = _tick(tmp_path)
    second, _ = _tick(tmp_path, cursor)
    # THEN the first tick starts a run and the second skips
    assert isinstance(first, dg.RunRequest)
    assert isinstance(second, dg.SkipReason)


def test_sensor_requests_a_run_when_a_month_is_re_exported(tmp_path):
    (tmp_path / "finance").mkdir()
    ledger = tmp_path / "finance" / "gl_111_2026_03.csv"
    ledger.write_text("Kunta;Tilikausi\n")
    _, cursor = _tick(tmp_path)
    ledger.write_text("Kunta;Tilikausi\n111;2026\n")
    again, new_cursor = _tick(tmp_path, cursor)
    assert isinstance(again, dg.RunRequest)
    assert new_cursor != cursor
