"""Run a command and measure it: wall seconds and the peak resident memory of the whole
process tree (dbt runs as child processes of `toteuma run`), sampled from /proc.

psutil is not among the project's dependencies, so /proc/<pid>/stat gives the parent
links and /proc/<pid>/statm the resident pages. Sampling every 0.2 s can miss a peak
shorter than that; the figure is the largest sum of RSS seen, in MiB.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
INTERVAL_SECONDS = 0.2


@dataclass(frozen=True)
class Measured:
    returncode: int
    wall_seconds: float
    peak_tree_mib: float
    output: str  # stdout and stderr, interleaved
    started_at: float  # POSIX seconds
    ended_at: float


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        # Field 4 is the parent pid; the command name in field 2 may hold spaces.
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    return children


def tree_rss_bytes(root: int) -> int:
    """Resident bytes of `root` and every descendant now."""
    children, total, stack = _children_map(), 0, [root]
    while stack:
        pid = stack.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):  # ended meanwhile
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
        stack.extend(children.get(pid, []))
    return total


def measure(
    command: list[str], env: dict[str, str] | None = None, log: Path | None = None
) -> Measured:
    """Run `command` to its end; its output goes to `log` (or a temporary file)."""
    log = log or Path(os.devnull)
    log.parent.mkdir(parents=True, exist_ok=True)
    peak = 0
    with log.open("w") as sink:
        started, started_at = time.perf_counter(), time.time()
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_bytes(process.pid))
                done.wait(INTERVAL_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = process.wait()
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
    output = log.read_text(errors="replace") if log != Path(os.devnull) else ""
    return Measured(returncode, wall, peak / 2**20, output, started_at, started_at + wall)
