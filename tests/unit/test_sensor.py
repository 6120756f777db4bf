"""The landing sensor starts a run when files change, and only then."""

import os
import time

import dagster as dg

from orchestration.jobs import landing_sensor
from orchestration.resources import LandingResource, WarehouseResource


def _tick(tmp_path, cursor=None, settle_seconds=0.0):
    # `with`, as the daemon does: WarehouseResource is a context-managed resource (it holds
    # the run lock in runs; in a sensor tick it only gives paths)
    resources = {
        "landing": LandingResource(folder=str(tmp_path), settle_seconds=settle_seconds),
        "warehouse": WarehouseResource(warehouse_path=str(tmp_path / "var" / "toteuma.duckdb")),
    }
    with dg.build_sensor_context(cursor=cursor, resources=resources) as context:
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


def test_sensor_waits_until_a_file_being_copied_is_complete(tmp_path):
    # GIVEN a landing folder the sensor has seen, and a month file that is being copied in
    (tmp_path / "finance").mkdir()
    (tmp_path / "finance" / "org_111.csv").write_text("Kunta\n")
    old = time.time() - 3600
    os.utime(tmp_path / "finance" / "org_111.csv", (old, old))
    _, cursor = _tick(tmp_path, settle_seconds=60)
    month = tmp_path / "finance" / "gl_111_2026_04.csv"
    month.write_text("Kunta;Tilikausi\n111;20")
    # WHEN the sensor ticks while the file is younger than the settle interval
    during, cursor_during = _tick(tmp_path, cursor, settle_seconds=60)
    # THEN no run starts; once the file has been unchanged for the interval, one does
    assert isinstance(during, dg.SkipReason) and cursor_during == cursor
    os.utime(month, (old, old))
    after, _ = _tick(tmp_path, cursor, settle_seconds=60)
    assert isinstance(after, dg.RunRequest)


def test_a_file_under_a_temporary_name_never_starts_a_run(tmp_path):
    (tmp_path / "finance").mkdir()
    _, cursor = _tick(tmp_path)
    (tmp_path / "finance" / "gl_111_2026_04.csv.part").write_text("Kunta;Tilikausi\n")
    again, _ = _tick(tmp_path, cursor)
    assert isinstance(again, dg.SkipReason)
