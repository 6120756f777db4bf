"""The run lock: one holder per warehouse, released by the OS when its process dies.

The other holder is always a real second process: flock locks belong to an open file, so
a lock taken in this process would prove nothing about another.
"""

import os
import re
import signal
import subprocess
import sys

import pytest

from warehouse.run_lock import RunInProgress, acquire, held_lock, read_holder, run_lock


def test_a_second_run_is_refused_naming_when_and_which_process_holds_it(tmp_path, other_process):
    # GIVEN another process holding the warehouse's run lock
    lock_path = tmp_path / "toteuma.lock"
    holder = other_process(lock_path)
    # WHEN this process asks for it
    with pytest.raises(RunInProgress) as refused:
        acquire(lock_path)
    # THEN it is refused at once, with who holds it since when
    message = str(refused.value)
    assert message.startswith("toinen toteuma-ajo on käynnissä ")
    helsinki_time = r"\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d \(Suomen aikaa\)"
    assert re.search(f"käynnissä {helsinki_time} alkaen", message)
    assert f"alkaen (prosessi {holder.pid})" in message
    assert message.endswith("; tämä ajo ei tehnyt mitään")
    assert refused.value.holder.run_ids == ("run-of-the-other-process",)


def test_a_killed_holder_never_blocks_the_next_run_which_learns_what_it_left(
    tmp_path, other_process
):
    # GIVEN the holder is killed (SIGKILL: no chance to release anything)
    lock_path = tmp_path / "toteuma.lock"
    holder = other_process(lock_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # WHEN the next run asks for the lock
    with acquire(lock_path) as lock:
        # THEN it gets it, and knows which process died with which Dagster run
        assert (lock.stale.pid, lock.stale.run_ids) == (holder.pid, ("run-of-the-other-process",))
        assert read_holder(lock_path).pid == os.getpid()
    # and a clean release leaves nothing for the run after it to clear up
    with acquire(lock_path) as lock:
        assert lock.stale is None


def test_the_process_holding_the_lock_gets_it_back_instead_of_deadlocking(tmp_path):
    # GIVEN this process holds the lock (the CLI, before it runs the job in process)
    lock_path = tmp_path / "toteuma.lock"
    with acquire(lock_path) as lock:
        # WHEN code in the same process asks for it again (the job's resource)
        with run_lock(lock_path) as again:
            assert again is lock
        # THEN leaving that block does not release it: another process is still refused
        assert held_lock(lock_path) is lock
        probe = subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path\n"
             "from warehouse.run_lock import acquire, RunInProgress\n"
             "try:\n    acquire(Path(sys.argv[1]))\nexcept RunInProgress as e:\n    print(e)",
             str(lock_path)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert f"(prosessi {os.getpid()})" in probe.stdout
    assert held_lock(lock_path) is None


def test_wait_takes_the_lock_once_the_other_run_ends(tmp_path, other_process):
    # GIVEN another process holding the lock, which ends a moment later
    lock_path = tmp_path / "toteuma.lock"
    holder = other_process(lock_path)
    waits = []

    def end_the_other_run(busy):
        waits.append(str(busy))
        holder.stdin.close()

    # WHEN this process asks with wait
    with acquire(lock_path, wait=True, on_wait=end_the_other_run) as lock:
        # THEN it said that it waits, and got the lock after the other released it cleanly
        assert len(waits) == 1 and f"prosessi {holder.pid}" in waits[0]
        assert lock.stale is None
        assert holder.wait(timeout=60) == 0


def test_a_lock_held_only_for_a_moment_does_not_refuse_a_run(tmp_path, other_process):
    # GIVEN a holder about to let go (as the landing sensor does after clearing up after a
    # dead run, holding the lock for milliseconds)
    lock_path = tmp_path / "toteuma.lock"
    holder = other_process(lock_path)
    holder.stdin.close()
    # WHEN a run asks for the lock just then (without waiting)
    with acquire(lock_path) as lock:
        # THEN it gets it once the other has let go, instead of being refused
        assert holder.wait(timeout=60) == 0
        assert lock.stale is None
