"""Goal workbooks (<landing>/goals/*.xlsx) -> raw.goal_* tables of the candidate warehouse.

A workbook is skipped when raw.goal_files already holds its name with the same sha256;
otherwise it is read whole (a rejected workbook raises LandingFileError naming file, sheet
and cell, and loads nothing) and its earlier rows are replaced in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from ingest.goals import goal_files, read_goal_workbook
from warehouse.goal_tables import TABLES, workbook_frames


@dataclass(frozen=True)
class GoalLoadResult:
    """What the loader did with one workbook: rows per raw table, or skipped as unchanged."""

    file_name: str
    source_hash: str
    skipped: bool
    rows: dict[str, int] = field(default_factory=dict)


def load_goal_workbooks(candidate: Path, landing_dir: Path) -> list[GoalLoadResult]:
    """Load every changed workbook of <landing>/goals/; a rejected workbook raises."""
    candidate.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(candidate)) as con:
        ensure_goal_tables(con)
        return [_load_one(con, path) for path in goal_files(landing_dir)]


def ensure_goal_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for table, columns in TABLES.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        con.execute(f"create table if not exists raw.{table} ({ddl})")


def _load_one(con: duckdb.DuckDBPyConnection, path: Path) -> GoalLoadResult:
    source_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    found = con.execute(
        "select count(*) from raw.goal_files where source_file = ? and source_hash = ?",
        [path.name, source_hash],
    ).fetchall()
    if found[0][0]:
        return GoalLoadResult(path.name, source_hash, skipped=True)
    frames = workbook_frames(read_goal_workbook(path), source_hash)  # raises before any write
    con.begin()
    try:
        rows = {table: _replace(con, table, path.name, frame) for table, frame in frames.items()}
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return GoalLoadResult(path.name, source_hash, skipped=False, rows=rows)


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
