"""One run at a time per warehouse: an exclusive OS lock on `<warehouse>/<stem>.lock`.

A DuckDB file takes one writing process, so two runs on one warehouse can only break
each other. The lock is `fcntl.flock` on a file beside the warehouse:

- the kernel releases it when the holding process ends, also on SIGKILL or a power cut,
  so a killed run never blocks the next one;
- it belongs to one open file, so a process must not open the file twice: `run_lock()`
  hands a process the lock it already holds (the CLI takes it before it starts the job in
  process, and the job's resource then finds it held by its own process);
- the file says who holds it (process, host, start time and Dagster run id), so a refused
  run can say who is in its way, and the next holder knows which run ended without
  finishing (its content is emptied on a clean release, and left when a holder dies).

The file is never deleted: a process waiting on a deleted lock file would hold a lock
nobody else sees. This module imports nothing heavy, so a refused run ends at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reports.finnish import time_text


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held without releasing) the lock."""

    pid: int
    host: str
    started: dt.datetime  # local time with offset
    run_ids: tuple[str, ...] = ()

    def to_text(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "host": self.host,
                "started": self.started.isoformat(timespec="seconds"),
                "run_ids": list(self.run_ids),
            }
        )

    @classmethod
    def from_text(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(
                int(data["pid"]),
                str(data["host"]),
                dt.datetime.fromisoformat(data["started"]),
                tuple(data.get("run_ids") or ()),
            )
        except (ValueError, KeyError, TypeError):
            return None

    def describe(self) -> str:
        """`30.11.2026 klo 2.00 (Suomen aikaa) alkaen (prosessi 1234)`: Helsinki time with
        the zone named, the host named when it is not this one."""
        where = f"prosessi {self.pid}"
        if self.host != socket.gethostname():
            where += f" koneella {self.host}"
        return f"{time_text(self.started)} alkaen ({where})"

    def is_alive(self) -> bool | None:
        """Whether the holding process still exists; None when that cannot be told from here."""
        if self.host != socket.gethostname():
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return not _is_zombie(self.pid)  # ended, but its parent has not collected it yet


class RunInProgress(Exception):
    """Another process holds the run lock of this warehouse."""

    def __init__(self, lock_path: Path, holder: Holder | None):
        self.lock_path = lock_path
        self.holder = holder
        if holder is None:
            self.since = "toinen toteuma-ajo on juuri käynnistymässä"
        else:
            self.since = f"toinen toteuma-ajo on käynnissä {holder.describe()}"
        super().__init__(f"{self.since}; tämä ajo ei tehnyt mitään")


@dataclass
class RunLock:
    """The lock this process holds on one warehouse."""

    path: Path
    fd: int
    holder: Holder
    # What a holder that ended without releasing left in the file: its runs did not finish.
    stale: Holder | None = None
    # A command that only reads under the lock (toteuma signoff) leaves that record for the
    # next run to clear up.
    keep_stale: bool = False

    def note_run(self, run_id: str) -> None:
        """Record the Dagster run working under this lock (the next holder needs to know
        which run to mark failed when this process dies)."""
        if run_id not in self.holder.run_ids:
            self.holder = replace(self.holder, run_ids=(*self.holder.run_ids, run_id))
            _write(self.fd, self.holder.to_text())

    def release(self) -> None:
        with _registry_lock:
            _held.pop(_key(self.path), None)
        try:
            # a clean end: nothing for the next holder to clear up (but what it found)
            kept = self.stale if self.keep_stale else None
            _write(self.fd, kept.to_text() if kept else "")
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)

    def __enter__(self) -> RunLock:
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()


# The landing sensor takes the lock for a few milliseconds when it clears up after a dead
# run; a run starting just then should not be refused for it.
PATIENCE_SECONDS = 1.0

_held: dict[str, RunLock] = {}
_registry_lock = threading.Lock()


def acquire(
    path: Path, wait: bool = False, on_wait: Callable[[RunInProgress], None] | None = None
) -> RunLock:
    """Take the run lock, or raise RunInProgress (with `wait`, block until it is free).

    Only where this process cannot hold the lock yet: a second open file of the same lock
    is refused like another process (`run_lock` hands back the one held)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by child processes
    try:
        if not _try_lock(fd, PATIENCE_SECONDS):
            busy = RunInProgress(path, _current_holder(fd))
            if not wait:
                raise busy from None
            if on_wait:
                on_wait(busy)
            fcntl.flock(fd, fcntl.LOCK_EX)
        stale = Holder.from_text(_read(fd))
        holder = Holder(os.getpid(), socket.gethostname(), dt.datetime.now().astimezone())
        _write(fd, holder.to_text())
    except BaseException:
        os.close(fd)
        raise
    lock = RunLock(path, fd, holder, stale)
    with _registry_lock:
        _held[_key(path)] = lock
    return lock


def held_lock(path: Path) -> RunLock | None:
    """The lock this process holds on `path`, if any."""
    with _registry_lock:
        return _held.get(_key(path))


@contextlib.contextmanager
def run_lock(path: Path) -> Iterator[RunLock]:
    """Hold the run lock for the block: taken here, or the one this process holds already
    (then it stays held after the block, for its owner to release)."""
    lock = held_lock(path)
    if lock is not None:
        yield lock
        return
    with acquire(path) as lock:
        yield lock


def read_holder(path: Path) -> Holder | None:
    """What the lock file says, without taking the lock (a live or a dead holder)."""
    try:
        return Holder.from_text(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def _try_lock(fd: int, patience: float) -> bool:
    deadline = time.monotonic() + patience
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _current_holder(fd: int) -> Holder | None:
    """The holder writes its record right after taking the lock: give it a moment."""
    for _ in range(20):
        holder = Holder.from_text(_read(fd))
        if holder is not None:
            return holder
        time.sleep(0.05)
    return None


def _read(fd: int) -> str:
    return os.pread(fd, 65536, 0).decode("utf-8", errors="replace")


def _write(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)
    os.fsync(fd)


def _key(path: Path) -> str:
    return str(Path(path).resolve())
