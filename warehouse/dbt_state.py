"""Whether dbt has anything to do: the inputs of the last build, as a fingerprint.

A night on which no landing file, no quarantine decision, no publication snapshot and no
part of the dbt project changed would rebuild exactly the same tables; the dbt step then
reuses the last build (its tables and its test results) instead of running dbt, and the
run costs seconds. The fingerprint is taken from the candidate's own records of what was
loaded (file hashes), not from the raw rows, so it stays cheap at any ledger size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

BUILDS = "audit_run.dbt_builds"
# Raw tables whose content the file records below stand for (one hash per file).
_LOADED_FROM_FILES = {
    "gl_postings", "budget_entries", "forecasts", "org_units", "accounts", "ingested_files",
    "goal_files", "goals", "goal_assessments", "indicator_values", "risks", "projects",
}  # fmt: skip
_PROJECT_PARTS = ("dbt_project.yml", "models", "macros", "seeds", "tests", "snapshots")


@dataclass(frozen=True)
class Build:
    """A successful dbt build of the candidate: what it was built from, and by which run."""

    fingerprint: str
    run_id: str


def build_fingerprint(candidate: Path, project_dir: Path) -> str:
    """sha256 over the loaded files' hashes, the other raw tables, the publication
    snapshot and every file of the dbt project."""
    digest = hashlib.sha256()
    with duckdb.connect(str(candidate), read_only=True) as con:
        for part in _table_parts(con):
            digest.update(repr(part).encode())
    for path in _project_files(project_dir):
        digest.update(str(path.relative_to(project_dir)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _table_parts(con: duckdb.DuckDBPyConnection) -> list[object]:
    tables = {
        (schema, name)
        for schema, name in con.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in ('raw', 'audit')"
        ).fetchall()
    }
    parts: list[object] = []
    if ("raw", "ingested_files") in tables:
        parts += con.execute(
            "select source_file, source_hash from raw.ingested_files order by 1"
        ).fetchall()
    if ("raw", "goal_files") in tables:
        parts += con.execute(
            "select source_file, source_hash from raw.goal_files order by 1"
        ).fetchall()
    for schema, name in sorted(tables):
        if schema == "raw" and name in _LOADED_FROM_FILES:
            continue
        parts += con.execute(_content_sql(con, schema, name)).fetchall()
    return parts


def _content_sql(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> str:
    """The rows of a small table (controls, the publication snapshot), order-free.

    Of the publication snapshot only the latest publication per municipality counts, and
    not when it was made: each publication writes one, and a snapshot equal to the last
    changes nothing the checks compute (else every publication would rebuild the next night).
    """
    columns = [
        column
        for (column,) in con.execute(
            "select column_name from information_schema.columns"
            " where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, name],
        ).fetchall()
        if column != "published_at"
    ]
    row = "hash(" + ", ".join(f'"{column}"' for column in columns) + ")"
    where = ""
    if "published_at" not in columns and name == "published_month_totals":
        where = (
            f" where (municipality_code, published_at) in (select municipality_code,"
            f" max(published_at) from {schema}.{name} group by all)"
        )
    return f"select '{schema}.{name}', count(*), bit_xor({row}) from {schema}.{name}{where}"


def _project_files(project_dir: Path) -> list[Path]:
    found: list[Path] = []
    for part in _PROJECT_PARTS:
        path = project_dir / part
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file())
    return found


def last_build(candidate: Path) -> Build | None:
    """The latest successful build recorded in the candidate, if any."""
    if not candidate.exists():
        return None
    with duckdb.connect(str(candidate), read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'audit_run' and table_name = 'dbt_builds'"
        ).fetchall()[0][0]
        if not exists:
            return None
        rows = con.execute(
            f"select fingerprint, run_id from {BUILDS} order by built_at desc limit 1"
        ).fetchall()
    return Build(*rows[0]) if rows else None


def record_build(candidate: Path, fingerprint: str, run_id: str) -> None:
    """Remember that this run's dbt build succeeded from inputs with this fingerprint."""
    with duckdb.connect(str(candidate)) as con:
        con.execute("create schema if not exists audit_run")
        con.execute(
            f"create table if not exists {BUILDS}"
            " (fingerprint varchar, run_id varchar, built_at timestamp)"
        )
        con.execute(f"delete from {BUILDS}")  # only the latest matters
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        con.execute(f"insert into {BUILDS} values (?, ?, ?)", [fingerprint, run_id, now])


def forget_build(candidate: Path) -> None:
    """A build that failed half-way: the next run must run dbt whatever it finds."""
    if not candidate.exists():
        return
    with duckdb.connect(str(candidate)) as con:
        con.execute(f"drop table if exists {BUILDS}")
