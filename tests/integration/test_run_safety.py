"""Runs that collide or die: one run at a time, and a killed run leaves nothing behind
that breaks the next; an analyst reading through a run never fails; the same landing
folder publishes the same figures.

One chain of real `toteuma run` processes on one warehouse, a copy of the shared demo
run's ("yesterday"), since every step is a real run and each starts from what the one
before left behind:

1. a run killed (SIGKILL to its process group) while it loads landing files,
2. the next killed while dbt builds the models,
3. the next killed while it writes the new published file; a run started while it was
   in dbt is refused,
4. two runs started together: one is refused, the other runs to the end and publishes;
   a third, started while that one is in dbt, is refused; and an analyst's process reads
   the published file throughout.

The module fixture drives the chain and records what it saw; each test asserts one
behaviour on the record. Stages are recognised from the run's own output (the ingest
steps' and dbt's log lines) and, for publish, from the new file that publish writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from demo.generate import is_demo_landing
from tests.integration.conftest import TOTEUMA
from warehouse.run_lock import acquire, read_holder

REFUSAL = re.compile(
    r"^toteuma run: toinen toteuma-ajo on käynnissä "
    r"\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d \(Suomen aikaa\) alkaen \(prosessi (\d+)\); "
    r"tämä ajo ei tehnyt mitään$"
)
EXIT_BUSY = 4


class Toteuma:
    """A `toteuma run` process in its own process group, its output read as it comes
    (with --verbose: its whole log, where the stages show)."""

    def __init__(self, landing: Path, warehouse: Path, home: Path, tmp: Path | None = None):
        env = {
            **os.environ,
            **({"TMPDIR": str(tmp)} if tmp else {}),
            "DAGSTER_HOME": str(home),
            "PYTHONUNBUFFERED": "1",
            "TOTEUMA_SETTLE_SECONDS": "0",  # the test's re-exports are complete at once
        }
        # the demo's landing folder: its decisions in the store, as the shared demo run has
        self.process = subprocess.Popen(
            [TOTEUMA, "run", "--verbose", "--landing", str(landing), "--warehouse", str(warehouse),
             *(["--demo-if-empty"] if is_demo_landing(landing) else [])],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )  # fmt: skip
        self.pid = self.process.pid
        self.lines: list[str] = []
        self.ended = False
        self._news = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._news:
                self.lines.append(line)
                self._news.notify_all()
        with self._news:
            self.ended = True
            self._news.notify_all()

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, count: int = 1, timeout: float = 900) -> None:
        """Until the output has `count` lines matching `pattern`."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._news:
            while sum(bool(regex.search(line)) for line in self.lines) < count:
                left = deadline - time.monotonic()
                if self.ended or left <= 0:
                    raise AssertionError(f"no {pattern!r} in its output:\n{self.output[-4000:]}")
                self._news.wait(left)

    def running(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole process group: the run and its dbt child die together."""
        os.killpg(self.pid, signal.SIGKILL)
        self.finish()

    def finish(self, timeout: float = 900) -> int:
        code = self.process.wait(timeout)
        self._reader.join(timeout)
        return code


ANALYST = """
import json, sys, time
from pathlib import Path
import duckdb
published, stop = sys.argv[1], Path(sys.argv[2])
con = duckdb.connect(published, read_only=True)
print("connected", flush=True)
queries, failures, versions = 0, [], set()
while not stop.exists():
    try:
        con.execute("select count(*), sum(actual_ytd) from review.income_statement "
                    "where line_code = 'TOIMINTAKATE'").fetchall()
        versions.add(con.execute("select run_id from meta.publication").fetchall()[0][0])
        queries += 1
    except Exception as problem:
        failures.append(repr(problem))
    time.sleep(0.2)
con.close()
with duckdb.connect(published, read_only=True) as fresh:
    reconnected = fresh.execute("select run_id from meta.publication").fetchall()[0][0]
print(json.dumps({"queries": queries, "failures": failures, "versions": sorted(versions),
                  "after_reconnect": reconnected}), flush=True)
"""


@dataclass
class Killed:
    run: Toteuma
    published_digest: str
    review_rows: int
    lock_names: tuple[str, ...]  # the Dagster runs the lock file names after the kill
    run_statuses: dict[str, dg.DagsterRunStatus]
    left: list[str] = field(default_factory=list)


@dataclass
class Refused:
    run: Toteuma
    code: int
    other_was_running: bool  # when this one had ended


@dataclass
class Nights:
    warehouse: Path
    home: Path
    yesterday_digest: str
    yesterday_run_id: str
    yesterday_review: dict[str, list]
    killed: dict[str, Killed]
    refused_in_dbt: list[Refused]
    twin_refused: Refused
    final: Toteuma
    final_code: int
    analyst: dict


@pytest.fixture(scope="module")
def nights(demo_run, demo_landing, tmp_path_factory) -> Nights:
    started: list[subprocess.Popen] = []
    try:
        yield _drive_the_nights(demo_run, demo_landing, tmp_path_factory, started)
    finally:
        for process in started:  # a chain that failed half-way leaves no run going
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _drive_the_nights(demo_run, demo_landing, tmp_path_factory, started) -> Nights:
    base = tmp_path_factory.mktemp("run_safety")
    landing, home = base / "landing", base / "dagster"
    shutil.copytree(demo_landing, landing)
    shutil.copytree(demo_run.warehouse.parent, base / "warehouse")
    warehouse = base / "warehouse" / demo_run.warehouse.name
    yesterday = _digest(warehouse)
    killed: dict[str, Killed] = {}
    refused_in_dbt: list[Refused] = []

    scratch = base / "tmp"  # the runs' temporary files: ingest transcodes into it
    scratch.mkdir()

    def start() -> Toteuma:
        run = Toteuma(landing, warehouse, home, scratch)
        started.append(run.process)
        return run

    def record_kill(stage: str, run: Toteuma) -> None:
        run.kill()
        left = sorted(p.name for p in warehouse.parent.iterdir() if p.name.startswith("."))
        holder = read_holder(warehouse.with_name("toteuma.lock"))
        killed[stage] = Killed(
            run, _digest(warehouse), _review_rows(warehouse),
            holder.run_ids if holder else (), _run_statuses(home), left,
        )  # fmt: skip

    # 1. Ingest: every ledger month re-exported (same rows, other line endings); killed
    # while the ledger step reads them: its Windows-1252 months (2022-2023) are transcoded
    # into temporary folders, which exist only while the batch is being read
    ledgers = sorted((landing / "finance").glob("gl_*.csv"))
    for ledger in ledgers:
        ledger.write_bytes(_other_line_endings(ledger.read_bytes()))
    run = start()
    _wait_for_file(scratch, "toteuma_ingest_*", run)
    record_kill("ingest", run)
    for ledger in ledgers:  # the exports as they were: only the months reloaded change back
        shutil.copy2(demo_landing / "finance" / ledger.name, ledger)

    # 2. dbt: killed once dbt has created a few of the models (a month re-exported with
    # the same rows, so that dbt has a month to sum again: with nothing new it would not run)
    ledgers[0].write_bytes(_other_line_endings(ledgers[0].read_bytes()))
    run = start()
    run.wait_for(r"\d+ of \d+ OK created sql table model", count=3)
    record_kill("dbt", run)

    # 3. Publish: a second run tries while this one is in dbt; killed as soon as the new
    # published file exists (it is renamed into place only when complete)
    run = start()
    run.wait_for(r"Running dbt command: `.*dbt build")
    refused_in_dbt.append(_refused(start(), run))
    run.wait_for(r"Finished dbt command: `.*dbt build")
    _wait_for_file(warehouse.parent, f".{warehouse.name}.*.tmp", run)
    record_kill("publish", run)

    # 4. Two runs started together while an analyst reads the published file. Every
    # ledger month is re-exported with the same rows (other line endings), so the winner
    # rebuilds every month in dbt (a night with nothing new would not run dbt at all) and
    # must publish the same figures as yesterday
    for ledger in ledgers:
        ledger.write_bytes(_other_line_endings(ledger.read_bytes()))
    stop = base / "analyst.stop"
    analyst = subprocess.Popen(
        [sys.executable, "-c", ANALYST, str(warehouse), str(stop)],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    started.append(analyst)
    assert analyst.stdout.readline().strip() == "connected"
    first, second = start(), start()
    loser = _first_to_end(first, second)
    winner = second if loser is first else first
    twin_refused = _refused(loser, winner)
    winner.wait_for(r"Running dbt command: `.*dbt build")
    refused_in_dbt.append(_refused(start(), winner))
    final_code = winner.finish()
    stop.touch()
    analyst_out, _ = analyst.communicate(timeout=120)

    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        yesterday_run_id = con.execute("select run_id from meta.publication").fetchall()[0][0]
    return Nights(
        warehouse, home, yesterday, yesterday_run_id, _review_tables(demo_run.warehouse),
        killed, refused_in_dbt, twin_refused, winner, final_code, json.loads(analyst_out),
    )  # fmt: skip


def _refused(run: Toteuma, other: Toteuma) -> Refused:
    code = run.finish(timeout=120)
    return Refused(run, code, other.running())


def _first_to_end(*runs: Toteuma) -> Toteuma:
    while True:
        for run in runs:
            if not run.running():
                return run
        time.sleep(0.01)


def _wait_for_file(folder: Path, pattern: str, run: Toteuma) -> None:
    while not any(folder.glob(pattern)):
        assert run.running(), f"the run ended before {pattern} appeared:\n{run.output[-4000:]}"
        time.sleep(0.005)


def _other_line_endings(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n") if b"\r\n" in data else data.replace(b"\n", b"\r\n")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _review_rows(published: Path) -> int:
    with duckdb.connect(str(published), read_only=True) as con:
        return con.execute("select count(*) from review.income_statement").fetchall()[0][0]


def _review_tables(published: Path) -> dict[str, list]:
    with duckdb.connect(str(published), read_only=True) as con:
        names = con.execute(
            "select table_name from information_schema.tables where table_schema = 'review' "
            "order by 1"
        ).fetchall()
        return {
            name: con.execute(f'select * from review."{name}" order by all').fetchall()
            for (name,) in names
        }


def _run_statuses(home: Path) -> dict[str, dg.DagsterRunStatus]:
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        return {run.run_id: run.status for run in instance.get_runs()}
    finally:
        instance.dispose()


@pytest.mark.parametrize(
    ("stage", "reached", "not_reached"),
    [
        ("ingest", "raw__org_units - org_units: ", "raw__gl_postings - gl_postings: "),
        ("dbt", "OK created sql table model", "Finished dbt command: `.*dbt build"),
        ("publish", "Finished dbt command: `.*dbt build", "JULKAISTU: "),
    ],
)
def test_a_run_killed_mid_stage_leaves_yesterdays_warehouse_readable(
    nights, stage, reached, not_reached
):
    killed = nights.killed[stage]
    # GIVEN a run killed with SIGKILL in the middle of the stage
    assert re.search(reached, killed.run.output) and not re.search(not_reached, killed.run.output)
    if stage == "publish":
        assert f".{nights.warehouse.name}.{killed.run.pid}.tmp" in killed.left
    # THEN the published file is yesterday's, byte for byte, and opens with its review tables
    assert killed.published_digest == nights.yesterday_digest
    assert killed.review_rows == len(nights.yesterday_review["income_statement"]) > 0
    # and the lock file names the run that died, which Dagster still shows as STARTED
    (run_id,) = killed.lock_names
    assert killed.run_statuses[run_id] == dg.DagsterRunStatus.STARTED


def test_the_run_after_the_crashes_publishes_and_finds_nothing_left_behind(nights):
    # GIVEN three runs killed in turn (ingest, dbt, publish) on this warehouse
    # WHEN the next run runs to the end
    assert nights.final_code == 0, nights.final.output[-4000:]
    assert f"JULKAISTU: {nights.warehouse}" in nights.final.output
    # THEN nothing of the killed runs is left: no temporary file or WAL beside the
    # warehouse, no staged landing file in the candidate, no Dagster run left STARTED
    folder = sorted(p.name for p in nights.warehouse.parent.iterdir())
    assert not [name for name in folder if name.startswith(".") or name.endswith(".wal")], folder
    candidate = nights.warehouse.with_name("toteuma.candidate.duckdb")
    with duckdb.connect(str(candidate), read_only=True) as con:
        staged = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'staging_ingest'"
        ).fetchall()
    assert staged == [(0,)]
    statuses = _run_statuses(nights.home)
    killed = [k.lock_names[0] for k in nights.killed.values()]
    assert {statuses[run_id] for run_id in killed} == {dg.DagsterRunStatus.FAILURE}
    # exactly one run per process that ran: the refused ones never touched the instance
    assert set(statuses) == {*killed, _run_id(nights.final)}
    assert statuses[_run_id(nights.final)] == dg.DagsterRunStatus.SUCCESS
    # and the lock is free, with nothing for the next run to clear up
    with acquire(nights.warehouse.with_name("toteuma.lock")) as lock:
        assert lock.stale is None


def test_two_runs_started_together_one_runs_and_the_other_is_refused_at_once(nights):
    refused = nights.twin_refused
    # THEN the refused one exits with its own code while the other still runs, says who
    # holds the warehouse in one line, and shows no traceback
    assert refused.code == EXIT_BUSY and refused.other_was_running
    assert len(refused.run.lines) == 1, refused.run.output
    holder = REFUSAL.match(refused.run.lines[0].rstrip("\n"))
    assert holder and int(holder.group(1)) == nights.final.pid, refused.run.output
    # and the one that ran publishes
    assert nights.final_code == 0


def test_a_run_started_while_another_is_in_dbt_is_refused_and_the_other_goes_on(nights):
    for refused in nights.refused_in_dbt:
        assert refused.code == EXIT_BUSY and refused.other_was_running, refused.run.output
        assert REFUSAL.match(refused.run.output.strip()), refused.run.output
        assert "Traceback" not in refused.run.output
    # the first was killed later, while publishing; the second's other run published
    # (after its one `dbt build` had finished)
    killed_output = nights.killed["publish"].run.output
    assert killed_output.count("Running dbt command") == 1
    assert killed_output.count("Finished dbt command") == 1
    assert nights.final_code == 0


def test_an_analyst_reading_through_a_whole_run_never_fails(nights):
    analyst = nights.analyst
    # GIVEN an analyst's process connected read-only to the published file before the
    # run, querying review.income_statement until the run had published
    assert nights.final_code == 0
    # THEN no query failed; the open connection kept reading yesterday's version and a
    # new connection reads the new one
    assert analyst["failures"] == []
    assert analyst["queries"] > 10
    assert analyst["versions"] == [nights.yesterday_run_id]
    assert analyst["after_reconnect"] == _run_id(nights.final)


def test_the_same_landing_folder_publishes_the_same_review_tables(nights):
    # GIVEN yesterday's publication and tonight's, from the same rows (every month
    # re-exported with other line endings and summed again; tonight's candidate having
    # been through three killed runs)
    assert nights.final_code == 0
    tonight = _review_tables(nights.warehouse)
    # THEN every review table has the same rows
    assert tonight.keys() == nights.yesterday_review.keys()
    for table, rows in nights.yesterday_review.items():
        assert tonight[table] == rows, f"review.{table} differs"


def _run_id(run: Toteuma) -> str:
    return re.search(r"^Ajo ([0-9a-f-]{36}) ", run.output, re.MULTILINE).group(1)
