"""Tiny landing files written into tmp_path, and an in-memory DuckDB per test."""

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from tests.unit.helpers import GL_HEADER

WriteFile = Callable[..., Path]


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write `lines` as one CSV file: LF by default, in the given encoding, optional BOM."""

    def write(
        name: str,
        lines: list[str],
        *,
        encoding: str = "utf-8",
        newline: str = "\n",
        bom: bool = False,
    ) -> Path:
        folder = tmp_path / "landing" / "finance"
        folder.mkdir(parents=True, exist_ok=True)
        data = newline.join(lines).encode(encoding) + newline.encode(encoding)
        path = folder / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path

    return write


@pytest.fixture
def write_gl(write_file: WriteFile) -> WriteFile:
    """A gl file for Heinola (111), March 2026, with the standard header and `rows`."""

    def write(rows: list[str], *, name: str = "gl_111_2026_03.csv", **options: object) -> Path:
        return write_file(name, [GL_HEADER, *rows], **options)

    return write


# A second process that takes the warehouse's run lock, notes the given run ids in it and
# holds it until its stdin closes (flock locks belong to an open file: a lock taken in
# this process would prove nothing about another).
LOCK_HOLDER = """
import sys
from pathlib import Path
from warehouse.run_lock import acquire
with acquire(Path(sys.argv[1])) as lock:
    for run_id in sys.argv[2:] or ["run-of-the-other-process"]:
        lock.note_run(run_id)
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def other_process() -> Iterator[Callable[..., subprocess.Popen]]:
    """Start processes holding the run lock at a path; all are killed after the test."""
    started: list[subprocess.Popen] = []

    def start(lock_path: Path, *run_ids: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", LOCK_HOLDER, str(lock_path), *run_ids],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert process.stdout.readline().strip() == "held"
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()
