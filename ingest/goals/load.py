"""Goal workbooks (<landing>/goals/*.xlsx) -> raw.goal_* tables of the candidate warehouse.

A workbook is skipped when raw.goal_files already holds its name with the same sha256;
otherwise it is read whole and its earlier rows are replaced in one transaction. A
workbook the reader refuses loads nothing: it is quarantined like a refused CSV and fails
the error check goal_workbooks.file_is_readable, so the gate withholds publication while
every other workbook and finance file still loads. A quarantined workbook is read again
every run: it keeps failing its check until it reads, or a new delivery of the same name
replaces it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from ingest.errors import LandingFileError
from ingest.goals import goal_files, read_goal_workbook, workbooks_in
from ingest.goals.checks import notice_rows, unreadable_row
from ingest.goals.tables import TABLES, workbook_frames
from ingest.quarantine import discard_superseded, is_quarantined, quarantine, release
from warehouse.gate.file_checks import record_file_checks


@dataclass(frozen=True)
class GoalLoadResult:
    """What the loader did with one workbook.

    status: loaded | unchanged (same name and sha256 loaded before) | quarantined (in
    <landing>/quarantine/ after this run); rows per raw table when loaded; released when
    it was loaded from quarantine; checks: its failing file-check rows of this run.
    """

    file_name: str
    source_hash: str
    status: str
    rows: dict[str, int] = field(default_factory=dict)
    released: bool = False
    checks: list[dict] = field(default_factory=list)

    @property
    def skipped(self) -> bool:
        return self.status == "unchanged"


def load_goal_workbooks(
    candidate: Path, landing_dir: Path, run_id: str = "adhoc", settle_seconds: float = 0
) -> list[GoalLoadResult]:
    """Load every changed workbook of <landing>/goals/ and retry the quarantined ones.

    Returns one result per workbook, quarantined ones included, and records their failing
    file checks for `run_id` in the candidate's audit_run.file_checks. Raises only for
    what is not the workbook's fault (the candidate, the file system).
    """
    candidate.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(candidate)) as con:
        ensure_goal_tables(con)
        results = [
            _load_one(con, landing_dir, path, run_id)
            for path in waiting_workbooks(landing_dir, settle_seconds)
        ]
        record_file_checks(con, [row for result in results for row in result.checks])
    return results


def waiting_workbooks(landing_dir: Path, settle_seconds: float = 0) -> list[Path]:
    """Quarantined workbooks with no delivery of the same name in goals/, then arrivals
    (those changed within `settle_seconds` are left for a later run)."""
    arrived = goal_files(landing_dir, settle_seconds)
    names = {path.name for path in arrived}
    quarantined = workbooks_in(landing_dir / "quarantine")
    return [path for path in quarantined if path.name not in names] + arrived


def ensure_goal_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for table, columns in TABLES.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        con.execute(f"create table if not exists raw.{table} ({ddl})")


def _load_one(con, landing_dir: Path, path: Path, run_id: str) -> GoalLoadResult:
    retry = is_quarantined(path)
    if not retry:  # a new delivery replaces the refused copy and its note
        discard_superseded(landing_dir, path.name)
    source_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    if not retry and _loaded_before(con, path.name, source_hash):
        return GoalLoadResult(path.name, source_hash, "unchanged")
    try:
        workbook = read_goal_workbook(path)
    except LandingFileError as problem:
        if not retry:
            quarantine(path, landing_dir, problem)
        checks = [unreadable_row(run_id, path.name, problem, _placed(con, path.name))]
        return GoalLoadResult(path.name, source_hash, "quarantined", checks=checks)
    frames = workbook_frames(workbook, source_hash)
    con.begin()
    try:
        rows = {table: _replace(con, table, path.name, frame) for table, frame in frames.items()}
        con.commit()
    except BaseException:
        con.rollback()
        raise
    if retry:
        release(path, landing_dir, "goals")
    checks = notice_rows(run_id, workbook)
    return GoalLoadResult(path.name, source_hash, "loaded", rows, released=retry, checks=checks)


def _placed(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str] | None:
    """(municipality, unit) an earlier version of the workbook of this name was loaded for."""
    found = con.execute(
        "select municipality_code, org_unit_code from raw.goal_files where source_file = ?"
        " and municipality_code is not null",
        [name],
    ).fetchall()
    return (str(found[0][0]), str(found[0][1] or "")) if found else None


def _loaded_before(con: duckdb.DuckDBPyConnection, name: str, source_hash: str) -> bool:
    found = con.execute(
        "select count(*) from raw.goal_files where source_file = ? and source_hash = ?",
        [name, source_hash],
    ).fetchall()
    return bool(found[0][0])


def _replace(con: duckdb.DuckDBPyConnection, table: str, name: str, frame: pd.DataFrame) -> int:
    con.execute(f"delete from raw.{table} where source_file = ?", [name])
    if frame.empty:
        return 0
    columns = TABLES[table]
    casts = ", ".join(f'cast("{column}" as {kind}) as {column}' for column, kind in columns.items())
    con.register("goal_frame", frame)
    try:
        con.execute(f"insert into raw.{table} by name select {casts} from goal_frame")
    finally:
        con.unregister("goal_frame")
    return len(frame)
