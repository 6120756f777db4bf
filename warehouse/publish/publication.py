"""Publish the candidate's analyst-facing schemas as a new file, atomically.

Write-audit-publish: the run builds and checks the candidate; this step copies the
tables analysts may read (marts, review) into a fresh file and renames it over the
published one. A reader holding the old file open keeps its consistent view; new
connections see the new version. The version before stays beside it for rollback.
Raw and staging tables never leave the candidate (ledger descriptions may hold names).

A night that withholds some scopes (warehouse.gate.scopes) publishes the rest: the rows
of a withheld municipality, or of a withheld unit's goals, are those of the file
published before, in every table, so each shows one consistent earlier state; review
rows say which with `publication_status`, and `meta.withheld_scopes` lists the scopes
with the checks that hold them.

The file is written in the storage format of `storage_version` (DuckDB's
STORAGE_VERSION, default v1.1.0): DuckDB 1.1 and later, and the tools that bundle them,
open it; a file written in DuckDB 2's own format they cannot.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.gate.decide import WithheldScope
from warehouse.gate.scopes import Holding
from warehouse.sql import columns_of, limit_memory

PUBLISHED_SCHEMAS = ("marts", "review")
# The oldest DuckDB that can open the published file (analysts' clients lag behind).
DEFAULT_STORAGE_VERSION = "v1.1.0"
# On every review row: 'current' (this night's figures) or 'withheld' (a withheld scope's
# rows, as the previous publication had them).
STATUS_COLUMN = "publication_status"


@dataclass(frozen=True)
class Publication:
    path: Path
    previous: Path | None
    tables: dict[str, int]  # schema.table -> rows
    # the marts and review tables were taken from the previous published file: dbt had
    # built nothing since it was written (only the audit history and meta were written)
    tables_reused: bool = False
    # rows kept as the previous publication had them, per table (withheld scopes)
    kept_rows: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Withheld:
    """What this publication holds back, and why (the gate's verdict, in plain data)."""

    holding: Holding = field(default_factory=lambda: Holding(()))
    reasons: tuple[WithheldScope, ...] = ()  # each scope with a check that holds it
    goal_tables: frozenset[str] = frozenset()  # 'schema.table' of the goal models

    @property
    def signature(self) -> str:
        """Equal for equal holdings: a file published with one is reused only with it."""
        return repr(self.holding.scopes)


def publish(
    candidate: Path,
    published: Path,
    previous: Path,
    run_id: str,
    audit: Path | None = None,
    tables_built_by: str | None = None,
    withheld: Withheld | None = None,
    storage_version: str = DEFAULT_STORAGE_VERSION,
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
    an analyst's connection, even a read-write one, is no obstacle (an earlier version's
    rows that a withheld scope keeps are read from a copy of it).

    `withheld` names the scopes whose rows stay as published before (None: nothing is
    withheld); the file is written in DuckDB's `storage_version` format."""
    withheld = withheld or Withheld()
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    written_as = f"{storage_version} {withheld.signature}"
    reused = bool(tables_built_by) and _copy_if_unchanged(
        candidate, published, staging, tables_built_by, written_as
    )
    kept: dict[str, int] = {}
    if reused:
        tables = _rewrite_meta(candidate, staging, run_id, tables_built_by, withheld)
    else:
        tables, kept = _copy_tables(
            candidate, staging, run_id, tables_built_by, withheld, published, storage_version
        )
    if audit is not None and audit.exists():
        tables.update(_copy_audit(audit, staging))
    _fsync(staging)
    kept_file = None
    if published.exists():
        _replace_by_link(published, previous)
        kept_file = previous
    os.replace(staging, published)
    _fsync(published.parent)
    _remember_published(candidate, published, tables_built_by, written_as)
    return Publication(published, kept_file, tables, reused, kept)


_PUBLISHED_FILE = "audit_run.published_file"


def _remember_published(
    candidate: Path, published: Path, tables_built_by: str | None, written_as: str
) -> None:
    """The published file as written (size, modification time), whose tables it holds,
    and how it was written (storage version, scopes withheld)."""
    stat = published.stat()
    with duckdb.connect(str(candidate)) as con:
        con.execute("create schema if not exists audit_run")
        con.execute(
            f"create or replace table {_PUBLISHED_FILE} as select ?::bigint as file_size,"
            " ?::bigint as file_mtime_ns, ?::varchar as tables_built_by,"
            " ?::varchar as written_as",
            [stat.st_size, stat.st_mtime_ns, tables_built_by, written_as],
        )


def _copy_if_unchanged(
    candidate: Path, published: Path, staging: Path, tables_built_by: str, written_as: str
) -> bool:
    """Copy the published file to `staging` when it is still as the last publication of
    this build wrote it, in the same format and with the same scopes withheld, before and
    after the copy (a copy taken while someone wrote to it is not used)."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        try:
            found = con.execute(
                f"select file_size, file_mtime_ns, tables_built_by, written_as"
                f" from {_PUBLISHED_FILE}"
            ).fetchall()
        except (duckdb.CatalogException, duckdb.BinderException):
            return False  # nothing published from this candidate yet, or by an older version

    def as_written() -> bool:
        try:
            stat = published.stat()
        except FileNotFoundError:
            return False
        return found == [(stat.st_size, stat.st_mtime_ns, tables_built_by, written_as)]

    if not as_written():
        return False
    shutil.copyfile(published, staging)
    if as_written():
        return True
    staging.unlink()
    return False


def _rewrite_meta(
    candidate: Path, staging: Path, run_id: str, tables_built_by: str, withheld: Withheld
) -> dict[str, int]:
    """The copied published file with this run's meta (the audit is copied after)."""
    with duckdb.connect(str(staging)) as con:
        earlier_files = _table_rows(con, "meta", "source_files")
        con.execute("drop schema if exists meta cascade")
        con.execute("drop schema if exists audit cascade")
        con.execute("attach ? as candidate (read_only)", [str(candidate)])
        _write_meta(con, run_id, tables_built_by, withheld, earlier_files)
        con.execute("detach candidate")
        counts = _row_counts(con)
        con.execute("checkpoint")
    return counts


def _copy_tables(
    candidate: Path,
    target: Path,
    run_id: str,
    tables_built_by: str | None,
    withheld: Withheld,
    published: Path,
    storage_version: str,
) -> tuple[dict[str, int], dict[str, int]]:
    """The candidate's tables into a new file; a withheld scope's rows from `published`.
    Returns (rows per table, rows kept as published before per table)."""
    config = {"storage_compatibility_version": storage_version}
    with duckdb.connect(str(target), config=config) as con:
        limit_memory(con)  # the copied tables are held until the checkpoint otherwise
        con.execute("attach ? as candidate (read_only)", [str(candidate)])
        for schema, table in _tables(con):
            con.execute(f'create schema if not exists "{schema}"')
            con.execute(
                f'create table "{schema}"."{table}" as select * from candidate."{schema}"."{table}"'
            )
        _add_status_column(con)
        kept: dict[str, int] = {}
        earlier_files: list[tuple] = []
        if withheld.holding.scopes:
            kept, earlier_files = _keep_withheld(con, withheld, published, target)
        counts = _row_counts(con)
        _copy_comments(con)
        _write_meta(con, run_id, tables_built_by, withheld, earlier_files)
        con.execute("detach candidate")
        con.execute("checkpoint")
    return counts, kept


def _add_status_column(con: duckdb.DuckDBPyConnection) -> None:
    """Every review row says whether it is this night's or a withheld scope's earlier row."""
    for schema, table in _tables(con, catalog=_here(con)):
        if schema != "review":
            continue
        con.execute(
            f'alter table "{schema}"."{table}" add column {STATUS_COLUMN} varchar'
            " default 'current'"
        )
        con.execute(
            f'comment on column "{schema}"."{table}".{STATUS_COLUMN} is '
            "'current: published from this night''s build; withheld: a scope whose"
            " checks failed this night (see meta.withheld_scopes), shown as the previous"
            " publication had it.'"
        )


def _keep_withheld(
    con: duckdb.DuckDBPyConnection, withheld: Withheld, published: Path, target: Path
) -> tuple[dict[str, int], list[tuple]]:
    """Replace the withheld scopes' rows by the earlier publication's, table by table.

    A held municipality keeps its earlier rows in every table that has a
    municipality_code; a held unit's goals keep theirs in the goal tables. The earlier
    file is read from a copy, so that an analyst's connection to it is no obstacle.
    Returns (rows kept per table, the earlier meta.source_files rows)."""
    holding = withheld.holding
    municipalities = sorted(holding.held_municipalities)
    earlier = target.with_name(f"{target.name}.earlier")
    earlier.unlink(missing_ok=True)
    if published.exists():
        shutil.copyfile(published, earlier)
        con.execute("attach ? as earlier (read_only)", [str(earlier)])
    try:
        kept = {}
        for schema, table in _tables(con, catalog=_here(con)):
            columns = columns_of(con, schema, table)
            if "municipality_code" not in columns:
                continue
            held = _held_rows_sql(
                municipalities,
                holding.held_goals if f"{schema}.{table}" in withheld.goal_tables else (),
                "org_unit_code" in columns,
            )
            if held is None:
                continue
            name = f'"{schema}"."{table}"'
            con.execute(f"delete from {name} where {held}")
            common = [
                column
                for column in columns_of(con, schema, table, "earlier") if column in columns
            ] if published.exists() else []  # fmt: skip
            if common:
                listed = ", ".join(f'"{column}"' for column in common)
                con.execute(
                    f"insert into {name} ({listed}) select {listed} from earlier.{name}"
                    f" where {held}"
                )
            if STATUS_COLUMN in columns:
                con.execute(f"update {name} set {STATUS_COLUMN} = 'withheld' where {held}")
            (kept[f"{schema}.{table}"],) = con.execute(
                f"select count(*) from {name} where {held}"
            ).fetchone()
        earlier_files = (
            _table_rows(con, "meta", "source_files", catalog="earlier")
            if published.exists()
            else []
        )
    finally:
        if published.exists():
            con.execute("detach earlier")
        earlier.unlink(missing_ok=True)
    return kept, earlier_files


def _held_rows_sql(
    municipalities: list[str], goals: tuple[tuple[str, str], ...], has_unit: bool
) -> str | None:
    """A predicate on a table's rows: those of a held municipality or a held unit's goals
    (None: the table has none to hold)."""
    parts = []
    if municipalities:
        parts.append("municipality_code in (" + ", ".join(map(_literal, municipalities)) + ")")
    for municipality, unit in goals:
        if not municipality:
            return "true"  # goals of a workbook nobody could place: every goal row
        where = f"municipality_code = {_literal(municipality)}"
        if unit and has_unit:
            where += f" and org_unit_code = {_literal(unit)}"
        parts.append(f"({where})")
    return " or ".join(parts) if parts else None


def _here(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_database()").fetchall()[0][0]


def _table_rows(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, catalog: str | None = None
) -> list[tuple]:
    """Every row of a table, or none when it is not there."""
    catalog = catalog or _here(con)
    if not columns_of(con, schema, table, catalog):
        return []
    return con.execute(f'select * from "{catalog}"."{schema}"."{table}"').fetchall()


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


def snapshot_published_months(
    candidate: Path, run_id: str, held: frozenset[str] = frozenset()
) -> None:
    """Remember the ledger months as published, so a later re-export can say what changed.
    A held municipality (`held`) keeps the snapshot of its earlier publication."""
    with duckdb.connect(str(candidate)) as con:
        limit_memory(con)  # every monthly cell of the warehouse, joined and grouped
        ensure_published_months_table(con)
        held_list = sorted(held)
        con.execute(
            "delete from audit.published_month_totals"
            " where not list_contains(?::varchar[], municipality_code)",
            [held_list],
        )
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
            where not list_contains(?::varchar[], actuals.municipality_code)
            group by all
            """,
            [held_list],
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


def _write_meta(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    tables_built_by: str | None,
    withheld: Withheld,
    earlier_files: list[tuple],
) -> None:
    """What analysts need to know about the version they read: when, which run, which
    files, which run's dbt built its tables (the same as run_id unless nothing was built
    since an earlier run), and what this night withheld and why."""
    holding = withheld.holding
    con.execute("create schema meta")
    con.execute(
        "create table meta.publication as select ?::timestamp as published_at, ? as run_id,"
        " ?::varchar as tables_built_by, ?::varchar as publication, ?::integer as"
        " withheld_scopes",
        [
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
            run_id,
            tables_built_by,
            "partial" if holding.scopes else "full",
            len(holding.scopes),
        ],
    )
    con.execute(
        "create table meta.withheld_scopes (scope_kind varchar, municipality_code varchar,"
        " org_unit_code varchar, period varchar, scope varchar, check_name varchar,"
        " failing_rows integer)"
    )
    if withheld.reasons:
        con.executemany(
            "insert into meta.withheld_scopes values (?, ?, ?, ?, ?, ?, ?)",
            [reason.row for reason in withheld.reasons],
        )
    # the files whose rows the published tables hold: a held municipality's are those of
    # the earlier publication
    held = sorted(holding.held_municipalities)
    con.execute(
        "create table meta.source_files as select source_file, source_kind, municipality_code, "
        "fiscal_year, period_month, source_hash, row_count, ingested_at "
        "from candidate.raw.ingested_files"
        " where not list_contains(?::varchar[], municipality_code)"
        " order by source_file",
        [held],
    )
    kept = [row for row in earlier_files if row[2] in held]
    if kept:
        con.executemany(
            "insert into meta.source_files values (?, ?, ?, ?, ?, ?, ?, ?)",
            [list(row[:8]) for row in kept],
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
