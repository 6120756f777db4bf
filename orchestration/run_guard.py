"""Every run of the nightly job holds the warehouse's run lock, however it was started.

`toteuma run` takes the lock before it touches the Dagster instance or a DuckDB file and
then runs the job in its own process; runs the daemon launches (schedule, sensor, UI) take
it when their resources start. Either way, while the lock is held the run first clears up
after a run that died: the Dagster run it left in STARTED is marked failed (it would hold
the run queue's one slot for good) and its temporary files and staged tables are removed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import dagster as dg

from reports.finnish import time_text
from warehouse.leftovers import clear_leftovers
from warehouse.run_lock import Holder, RunInProgress, acquire, held_lock, read_holder, run_lock
from warehouse.settings import Settings


@contextlib.contextmanager
def guarded_run(context: dg.InitResourceContext, settings: Settings) -> Iterator[None]:
    """Hold the run lock for the run's duration (raises RunInProgress when another holds it)."""
    run_id = context.run.run_id
    with run_lock(settings.lock_path) as lock:
        lock.note_run(run_id)
        if lock.stale is not None:
            failed = fail_abandoned_runs(context.instance, lock.stale, f"ajo {run_id}")
            for dead in failed:
                context.log.warning(f"Marked run {dead} failed: its process ended mid-run.")
            lock.stale = None
        removed = clear_leftovers(
            settings.candidate_path,
            settings.warehouse_path,
            settings.previous_path,
            settings.audit_path,
        )
        if removed:
            context.log.warning(f"Removed what an interrupted run left: {', '.join(removed)}")
        yield


def fail_abandoned_runs(instance: dg.DagsterInstance, holder: Holder, found_by: str) -> list[str]:
    """Mark failed the unfinished Dagster runs of a lock holder that is gone."""
    failed = []
    for run_id in holder.run_ids:
        run = instance.get_run_by_id(run_id)
        if run is None or run.is_finished:
            continue
        instance.report_run_failed(
            run,
            f"Tätä ajoa suorittanut prosessi (prosessi {holder.pid} koneella {holder.host},"
            f" käynnistetty {time_text(holder.started)}) päättyi ennen kuin ajo valmistui,"
            f" esimerkiksi se lopetettiin väkisin; havaitsi {found_by}.",
        )
        failed.append(run_id)
    return failed


def sweep_abandoned_runs(context: dg.SensorEvaluationContext, settings: Settings) -> list[str]:
    """For the daemon: a run killed mid-way stays STARTED and would keep the queued runs of
    the job waiting. Fail it once its process is certainly gone (and the lock is free)."""
    holder = read_holder(settings.lock_path)
    if holder is None or holder.is_alive() is not False or held_lock(settings.lock_path):
        return []
    try:
        lock = acquire(settings.lock_path)
    except RunInProgress:
        return []  # a new run took it meanwhile: it clears up itself
    with lock:
        return fail_abandoned_runs(
            context.instance, lock.stale or holder, "saapuvien tiedostojen valvonta"
        )
