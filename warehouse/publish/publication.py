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
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

PUBLISHED_SCHEMAS = ("marts", "review")


@dataclass(frozen=True)
class Publication:
    path: Path
    previous: Path | None
    tables: dict[str, int]  # schema.table -> rows
    # the marts and review tables were taken from the previous published file: dbt had
    # built nothing since it was written (only the audit history and meta were written)
    tables_reused: bool = False


def publish(
    candidate: Path,
    published: Path,
    previous: Path,
    run_id: str,
    audit: Path | None = None,
    tables_built_by: str | None = None,
) -> Publication:
    """Copy the published schemas of `candidate` (and the audit history) into `published`,
    keeping the old file as `previous`.

    `tables_built_by` is the run whose dbt last built the candidate's tables (None:
    unknown). When the published file is byte for byte the one an earlier publication of
    that same build wrote (its size and modification time as recorded then), it is copied
    as a file and only the audit history and meta are written again: a night with
    nothing new costs a file copy, not a copy of every table. Anything else (another
    build, a file edited or replaced by hand, rolled back, or written by an older
    version) copies every table from the candidate. The published file is never opened:
    an analyst's connection, even a read-write one, is no obstacle."""
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    reused = bool(tables_built_by) and _copy_if_unchanged(
        candidate, published, staging, tables_built_by
    )
    if reused:
        tables = _rewrite_meta(candidate, staging, run_id, tables_built_by)
    else:
        tables = _copy_tables(candidate, staging, run_id, tables_built_by)
    if audit is not None and audit.exists():
        tables.update(_copy_audit(audit, staging))
    _fsync(staging)
    kept = None
    if published.exists():
        _replace_by_link(published, previous)
        kept = previous
    os.replace(staging, published)
    _fsync(published.parent)
    _remember_published(candidate, published, tables_built_by)
    return Publication(published, kept, tables, reused)


_PUBLISHED_FILE = "audit_run.published_file"


def _remember_published(candidate: Path, published: Path, tables_built_by: str | None) -> None:
    """The published file as written (size, modification time) and whose tables it holds."""
    stat = published.stat()
    with duckdb.connect(str(candidate)) as con:
        con.execute("create schema if not exists audit_run")
        con.execute(
            f"create or replace table {_PUBLISHED_FILE} as select ?::bigint as file_size,"
            " ?::bigint as file_mtime_ns, ?::varchar as tables_built_by",
            [stat.st_size, stat.st_mtime_ns, tables_built_by],
        )


def _copy_if_unchanged(
    candidate: Path, published: Path, staging: Path, tables_built_by: str
) -> bool:
    """Copy the published file to `staging` when it is still as the last publication of
    this build wrote it, before and after the copy (a copy taken while someone wrote to it
    is not used)."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        try:
            found = con.execute(
                f"select file_size, file_mtime_ns, tables_built_by from {_PUBLISHED_FILE}"
            ).fetchall()
        except duckdb.CatalogException:  # nothing published from this candidate yet
            return False

    def as_written() -> bool:
        try:
            stat = published.stat()
        except FileNotFoundError:
            return False
        return found == [(stat.st_size, stat.st_mtime_ns, tables_built_by)]

    if not as_written():
        return False
    shutil.copyfile(published, staging)
    if as_written():
        return True
    staging.unlink()
    return False


def _rewrite_meta(
    candidate: Path, staging: Path, run_id: str, tables_built_by: str
) -> dict[str, int]:
    """The copied published file with this run's meta (the audit is copied after)."""
    with duckdb.connect(str(staging)) as con:
        con.execute("drop schema if exists meta cascade")
        con.execute("drop schema if exists audit cascade")
        con.execute("attach ? as candidate (read_only)", [str(candidate)])
        _write_meta(con, run_id, tables_built_by)
        con.execute("detach candidate")
        counts = _row_counts(con)
        con.execute("checkpoint")
    return counts


def _copy_tables(
    candidate: Path, target: Path, run_id: str, tables_built_by: str | None
) -> dict[str, int]:
    with duckdb.connect(str(target)) as con:
        con.execute("attach ? as candidate (read_only)", [str(candidate)])
        for schema, table in _tables(con):
            con.execute(f'create schema if not exists "{schema}"')
            con.execute(
                f'create table "{schema}"."{table}" as select * from candidate."{schema}"."{table}"'
            )
        counts = _row_counts(con)
        _copy_comments(con)
        _write_meta(con, run_id, tables_built_by)
        con.execute("detach candidate")
        con.execute("checkpoint")
    return counts


def _copy_comments(con: duckdb.DuckDBPyConnection) -> None:
    """The tables' and their columns' descriptions (dbt persist_docs) travel with them: an
    analyst's tool shows them (a copy by `create table as` would drop them). Read in two
    queries and written in one transaction: one statement per column cost ~0.5 s a night."""
    marks = ", ".join("?" for _ in PUBLISHED_SCHEMAS)
    tables = con.execute(
        "select schema_name, table_name, comment from duckdb_tables()"
        f" where database_name = 'candidate' and schema_name in ({marks})"
        " and comment is not null",
        list(PUBLISHED_SCHEMAS),
    ).fetchall()
    columns = con.execute(
        "select schema_name, table_name, column_name, comment from duckdb_columns()"
        f" where database_name = 'candidate' and schema_name in ({marks})"
        " and comment is not null",
        list(PUBLISHED_SCHEMAS),
    ).fetchall()
    copied = set(_tables(con))  # base tables: a view's descriptions stay behind with it
    tables = [row for row in tables if (row[0], row[1]) in copied]
    columns = [row for row in columns if (row[0], row[1]) in copied]
    statements = [
        f'comment on table "{schema}"."{table}" is {_literal(comment.strip())}'
        for schema, table, comment in tables
    ] + [
        f'comment on column "{schema}"."{table}"."{column}" is {_literal(comment.strip())}'
        for schema, table, column, comment in columns
    ]
    if statements:
        con.execute("begin transaction; " + "; ".join(statements) + "; commit")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _copy_audit(audit: Path, target: Path) -> dict[str, int]:
    """Check history travels with the data it judged, for analysts and controllers alike."""
    counts = {}
    with duckdb.connect(str(target)) as con:
        con.execute("attach ? as history (read_only)", [str(audit)])
        con.execute("create schema if not exists audit")
        tables = con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = 'history' and table_schema = 'audit'"
        ).fetchall()
        for (table,) in tables:
            con.execute(f"create table audit.{table} as select * from history.audit.{table}")
            counts[f"audit.{table}"] = con.execute(
                f"select count(*) from audit.{table}"
            ).fetchall()[0][0]
        con.execute("detach history")
        con.execute("checkpoint")
    return counts


def snapshot_published_months(candidate: Path, run_id: str) -> None:
    """Remember the ledger months as published, so a later re-export can say what changed."""
    with duckdb.connect(str(candidate)) as con:
        ensure_published_months_table(con)
        con.execute("delete from audit.published_month_totals")
        con.execute(
            """
            insert into audit.published_month_totals
            select actuals.municipality_code, actuals.fiscal_year, actuals.period_month,
                   actuals.cost_centre_code, actuals.account_code, sum(actuals.amount),
                   any_value(files.source_file), any_value(files.source_hash),
                   now()::timestamp, any_value(through.published_through_date)
            from marts.fct_actuals_monthly as actuals
            left join raw.ingested_files as files
              on files.source_kind = 'gl_postings'
             and files.municipality_code = actuals.municipality_code
             and files.fiscal_year = actuals.fiscal_year
             and files.period_month = actuals.period_month
            join (select municipality_code, max(reporting_date) as published_through_date
                  from review.income_statement group by all) as through
              on through.municipality_code = actuals.municipality_code
            group by all
            """
        )


def ensure_published_months_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists audit")
    con.execute(
        "create table if not exists audit.published_month_totals (municipality_code varchar, "
        "fiscal_year integer, period_month integer, cost_centre_code varchar, "
        "account_code varchar, amount decimal(18,2), source_file varchar, source_hash varchar, "
        "published_at timestamp, published_through_date date)"
    )


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """schema.table -> rows, of the published tables in the file `con` writes."""
    here = con.execute("select current_database()").fetchall()[0][0]
    counts = {}
    for schema, table in _tables(con, catalog=here):
        (counts[f"{schema}.{table}"],) = con.execute(
            f'select count(*) from "{schema}"."{table}"'
        ).fetchone()
    return counts


def _tables(con: duckdb.DuckDBPyConnection, catalog: str = "candidate") -> list[tuple[str, str]]:
    marks = ", ".join("?" for _ in PUBLISHED_SCHEMAS)
    return con.execute(
        f"select table_schema, table_name from information_schema.tables "
        f"where table_catalog = ? and table_schema in ({marks}) "
        f"and table_type = 'BASE TABLE' order by 1, 2",
        [catalog, *PUBLISHED_SCHEMAS],
    ).fetchall()


def _write_meta(con: duckdb.DuckDBPyConnection, run_id: str, tables_built_by: str | None) -> None:
    """What analysts need to know about the version they read: when, which run, which
    files, and which run's dbt built its tables (the same as run_id unless nothing was
    built since an earlier run)."""
    con.execute("create schema meta")
    con.execute(
        "create table meta.publication as select ?::timestamp as published_at, ? as run_id,"
        " ?::varchar as tables_built_by",
        [dt.datetime.now(dt.UTC).replace(tzinfo=None), run_id, tables_built_by],
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
