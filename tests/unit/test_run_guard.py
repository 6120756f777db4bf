"""Runs launched by Dagster (schedule, sensor, UI) obey the run lock the CLI takes.

A one-asset job stands for the nightly job: the lock lives in WarehouseResource, which
every asset of the nightly job uses. The other lock holder is a real second process.
"""

import os
import signal
import subprocess
import sys
import uuid

import dagster as dg
import duckdb
import pytest

from orchestration.jobs import landing_sensor
from orchestration.resources import LandingResource, WarehouseResource
from orchestration.runner import _step_errors
from warehouse.run_lock import acquire, read_holder
from warehouse.settings import load_settings


@dg.asset
def probe(warehouse: WarehouseResource) -> None:
    """Stands for any step of the nightly job."""


@pytest.fixture
def paths(tmp_path):
    return load_settings(tmp_path / "warehouse" / "toteuma.duckdb")


@pytest.fixture
def instance(tmp_path):
    (tmp_path / "dagster").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "dagster")) as instance:
        yield instance


def _materialize(paths, instance):
    resource = WarehouseResource(warehouse_path=str(paths.warehouse_path))
    return dg.materialize(
        [probe], resources={"warehouse": resource}, instance=instance, raise_on_error=False
    )


def _kill(process, collect=True):
    """SIGKILL, and wait until the process has ended; `collect=False` leaves it a zombie,
    as a run worker is until the daemon that launched it collects it."""
    process.send_signal(signal.SIGKILL)
    if collect:
        process.wait()
    else:
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)


def _a_run_left_started(instance) -> str:
    """A run record as a killed process leaves it: STARTED, with nobody to finish it."""
    run = dg.DagsterRun(
        job_name="toteuma_nightly", run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED
    )
    instance.add_run(run)
    return run.run_id


def test_a_dagster_launched_run_fails_clearly_while_another_run_holds_the_lock(
    paths, instance, other_process
):
    # GIVEN `toteuma run` (another process) holds the warehouse's lock
    holder = other_process(paths.lock_path)
    # WHEN the daemon starts a run of the job
    result = _materialize(paths, instance)
    # THEN the run fails before any step ran, saying who is in the way
    assert not result.success
    failure = instance.get_run_by_id(result.run_id)
    assert failure.status == dg.DagsterRunStatus.FAILURE
    messages = " ".join(
        str(event.dagster_event.event_specific_data)
        for event in instance.all_logs(result.run_id)
        if event.dagster_event and event.dagster_event.is_failure
    )
    assert "toinen toteuma-ajo on käynnissä" in messages
    assert "(Suomen aikaa) alkaen" in messages
    assert f"(prosessi {holder.pid})" in messages
    assert not any(event.is_step_success for event in result.all_events)
    # and `toteuma run`'s summary of such a run says the same
    assert f"(prosessi {holder.pid}); tämä ajo ei tehnyt mitään" in " ".join(_step_errors(result))


def test_a_candidate_held_by_a_leftover_process_fails_the_run_naming_that_process(paths, instance):
    # GIVEN the candidate held open by a process outliving a killed run (its dbt child)
    paths.warehouse_path.parent.mkdir(parents=True)
    duckdb.connect(str(paths.candidate_path)).close()
    leftover = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); sys.stdin.read()", str(paths.candidate_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert leftover.stdout.readline().strip() == "held"
        # WHEN the next run starts
        result = _materialize(paths, instance)
    finally:
        _kill(leftover)
    # THEN it fails before its first step, and its summary names the process in the way
    assert not result.success
    (error,) = _step_errors(result)
    assert error.startswith("ennen ensimmäistä vaihetta: ")
    assert f"PID {leftover.pid}" in error


def test_the_run_the_cli_starts_in_its_own_process_goes_ahead_under_its_lock(paths, instance):
    # GIVEN this process holds the lock (as `toteuma run` does before it starts the job)
    with acquire(paths.lock_path):
        # WHEN the job runs in this process
        result = _materialize(paths, instance)
        # THEN it runs, and the lock file names the run for whoever comes after a crash
        assert result.success
        assert result.run_id in read_holder(paths.lock_path).run_ids


def test_the_next_run_fails_the_run_of_a_killed_process_and_clears_its_leftovers(
    paths, instance, other_process
):
    # GIVEN a run whose process was killed mid-way: its Dagster run stays STARTED, and it
    # left a half-written publication and a staged landing file in the candidate
    abandoned = _a_run_left_started(instance)
    _kill(other_process(paths.lock_path, abandoned))
    paths.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    leftovers = [
        paths.warehouse_path.with_name(".toteuma.duckdb.4242.tmp"),
        paths.warehouse_path.with_name(".toteuma.duckdb.4242.tmp.wal"),
        paths.warehouse_path.with_name(".toteuma.audit.duckdb.4242.tmp"),
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"partial")
    with duckdb.connect(str(paths.candidate_path)) as con:
        con.execute("create schema staging_ingest")
        con.execute("create table staging_ingest.gl_111_2026_03 as select 1 as source_row")
    # WHEN the next run starts
    result = _materialize(paths, instance)
    # THEN it runs, the killed run is failed with the reason, and the leftovers are gone
    assert result.success
    dead = instance.get_run_by_id(abandoned)
    assert dead.status == dg.DagsterRunStatus.FAILURE
    assert not any(leftover.exists() for leftover in leftovers)
    with duckdb.connect(str(paths.candidate_path), read_only=True) as con:
        schemas = con.execute("select schema_name from information_schema.schemata").fetchall()
    assert ("staging_ingest",) not in schemas


def test_the_sensor_fails_a_run_whose_process_is_gone_so_queued_runs_can_start(
    paths, instance, other_process, tmp_path
):
    # GIVEN one run killed mid-way and, on another warehouse, one run still working
    abandoned = _a_run_left_started(instance)
    _kill(other_process(paths.lock_path, abandoned), collect=False)
    elsewhere = load_settings(paths.warehouse_path.parent / "b" / "t.duckdb")
    working = _a_run_left_started(instance)
    other_process(elsewhere.lock_path, working)
    # WHEN the landing sensor ticks for each warehouse
    for settings in (paths, elsewhere):
        resources = {
            "landing": LandingResource(folder=str(tmp_path / "landing")),
            "warehouse": WarehouseResource(warehouse_path=str(settings.warehouse_path)),
        }
        with dg.build_sensor_context(instance=instance, resources=resources) as context:
            landing_sensor(context)
    # THEN only the run whose process is gone is failed (it held the queue's one slot)
    assert instance.get_run_by_id(abandoned).status == dg.DagsterRunStatus.FAILURE
    assert instance.get_run_by_id(working).status == dg.DagsterRunStatus.STARTED


def test_a_store_out_of_reach_is_told_in_finnish_not_in_psycopgs_words():
    """TOTEUMA_STORE_URL pointing at a PostgreSQL that refuses: the run fails before its
    first step, and the summary a controller reads names the store and the setting."""
    from dagster._utils.error import SerializableErrorInfo

    from orchestration.runner import _root_message

    refused = SerializableErrorInfo(
        message="psycopg.OperationalError: connection failed: connection to server at"
        ' "127.0.0.1", port 1 failed: Connection refused\n',
        stack=[],
        cls_name="OperationalError",
    )
    wrapped = SerializableErrorInfo("dagster wrapper", [], "DagsterResourceFunctionError", refused)
    message = _root_message(wrapped)
    assert message.startswith("päätösvarastoon ei saatu yhteyttä (TOTEUMA_STORE_URL")
    assert "psycopg" not in message and "Connection refused" not in message
    other = SerializableErrorInfo("duckdb.IOException: held by PID 12", [], "IOException")
    assert _root_message(other) == "duckdb.IOException: held by PID 12"
    # our own error's sentence is shown without Dagster's `module.Class: ` before it
    ours = SerializableErrorInfo(
        "ingest.landing_checks.LandingFolderError: Saapuvien tiedostojen kansiota x ei ole\n",
        [],
        "LandingFolderError",
    )
    assert _root_message(ours) == "Saapuvien tiedostojen kansiota x ei ole"
