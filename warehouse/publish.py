"""Publish the candidate's analyst-facing schemas as a new file, atomically.

Write-audit-publish: the run builds and checks the candidate; this step copies the
tables analysts may read (marts, review) into a fresh file and renames it over the
published one. A reader holding the old file open keeps its consistent view; new
connections see the new version. The version before stays beside it for rollback.
Raw and staging tables never leave the candidate (ledger descriptions may hold names).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

PUBLISHED_SCHEMAS = ("marts", "review")


@dataclass(frozen=True)
class Publication:
    path: Path
    previous: Path | None
    tables: dict[str, int]  # schema.table -> rows


def publish(candidate: Path, published: Path, previous: Path, run_id: str) -> Publication:
    """Copy the published schemas of `candidate` into `published`, keeping the old as `previous`."""
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    tables = _copy_tables(candidate, staging, run_id)
    _fsync(staging)
    kept = None
    if published.exists():
        _replace_by_link(published, previous)
        kept = previous
    os.replace(staging, published)
    _fsync(published.parent)
    return Publication(published, kept, tables)


def _copy_tables(candidate: Path, target: Path, run_id: str) -> dict[str, int]:
    counts = {}
    with duckdb.connect(str(target)) as con:
        con.execute("attach ? as candidate (read_only)", [str(candidate)])
        for schema, table in _tables(con):
            con.execute(f'create schema if not exists "{schema}"')
            con.execute(
                f'create table "{schema}"."{table}" as select * from candidate."{schema}"."{table}"'
            )
            counts[f"{schema}.{table}"] = con.execute(
                f'select count(*) from "{schema}"."{table}"'
            ).fetchall()[0][0]
        _write_meta(con, run_id)
        con.execute("detach candidate")
        con.execute("checkpoint")
    return counts


def _tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    marks = ", ".join("?" for _ in PUBLISHED_SCHEMAS)
    return con.execute(
        f"select table_schema, table_name from information_schema.tables "
        f"where table_catalog = 'candidate' and table_schema in ({marks}) "
        f"and table_type = 'BASE TABLE' order by 1, 2",
        list(PUBLISHED_SCHEMAS),
    ).fetchall()


def _write_meta(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """What analysts need to know about the version they read: when, which run, which files."""
    con.execute("create schema meta")
    con.execute(
        "create table meta.publication as select ?::timestamp as published_at, ? as run_id",
        [dt.datetime.now(dt.UTC).replace(tzinfo=None), run_id],
    )
    con.execute(
        "create table meta.source_files as select source_file, source_kind, municipality_code, "
        "fiscal_year, period_month, source_hash, row_count, ingested_at "
        "from candidate.raw.ingested_files order by source_file"
    )


def _replace_by_link(published: Path, previous: Path) -> None:
    """Keep the current published file as `previous` without a moment of it missing."""
    link = previous.with_name(f".{previous.name}.{os.getpid()}.tmp")
    link.unlink(missing_ok=True)
    os.link(published, link)
    os.replace(link, previous)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
