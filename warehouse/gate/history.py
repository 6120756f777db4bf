"""The controllers' history of checks: one DuckDB file beside the warehouse, kept per run.

Open-source Dagster sends no alert when a check fails and dbt overwrites its stored
failures each run, so every run's results are appended here — also when publication
was blocked. The file is rewritten as a new copy and renamed into place, so a controller
reading it never blocks the nightly run and always sees a whole run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from warehouse.gate.records import EVIDENCE_COLUMNS, CheckResult
from warehouse.hetu import mask_hetu_sql
from warehouse.sql import insert_rows

if TYPE_CHECKING:
    from warehouse.gate.decide import WithheldScope

RESULT_COLUMNS = {
    "run_id": "varchar",
    "run_at": "timestamp",
    "check_name": "varchar",
    "layer": "varchar",
    "severity": "varchar",
    "status": "varchar",
    "failures": "integer",
    "unwaived_failures": "integer",
    "blocks_publication": "boolean",
    "explanation": "varchar",
    "asset": "varchar",
    "error": "varchar",
}
FAILURE_COLUMNS = {
    "run_id": "varchar",
    "run_at": "timestamp",
    "check_name": "varchar",
    "layer": "varchar",
    "severity": "varchar",
    "status": "varchar",
    "municipality_code": "varchar",
    "org_unit_code": "varchar",
    "line_code": "varchar",
    "period": "varchar",
    "expected": "decimal(18,2)",
    "actual": "decimal(18,2)",
    "difference": "decimal(18,2)",
    "source_file": "varchar",
    "source_row": "integer",
    "explanation": "varchar",
    "details": "varchar",
    "waiver": "varchar",
    # the morning review's triage (warehouse/gate/triage.py); null in runs before it
    "row_severity": "varchar",
    "materiality_threshold": "decimal(18,2)",
    "is_open": "boolean",
    "novelty": "varchar",
    "org_unit_name": "varchar",
    "line_name": "varchar",
    "unit_path": "varchar",
}
RUN_COLUMNS = {
    "run_id": "varchar",
    "run_at": "timestamp",
    "decision": "varchar",  # publish | partial (some scopes withheld) | withheld
    "blocking_checks": "integer",
}
# One row per withheld scope and check that holds it (warehouse.gate.scopes).
WITHHELD_COLUMNS = {
    "run_id": "varchar",
    "run_at": "timestamp",
    "scope_kind": "varchar",
    "municipality_code": "varchar",
    "org_unit_code": "varchar",
    "period": "varchar",
    "scope": "varchar",  # the scope in Finnish: 'kunnan 111 kirjanpito 3/2026'
    "check_name": "varchar",
    "failing_rows": "integer",
}
TABLES = {
    "check_results": RESULT_COLUMNS,
    "check_failures": FAILURE_COLUMNS,
    "runs": RUN_COLUMNS,
    "withheld_scopes": WITHHELD_COLUMNS,
}
# Decisions after which something was published (the last one is "the previous
# publication" that new, changed and still failing rows are told against).
PUBLISHED_DECISIONS = ("publish", "partial")


def append_run(
    audit: Path,
    run_id: str,
    run_at: dt.datetime,
    results: list[CheckResult],
    decision: str,
    withheld: Sequence[WithheldScope] = (),
) -> None:
    """Write a new copy of the history with this run added, then rename it into place."""
    audit.parent.mkdir(parents=True, exist_ok=True)
    staging = audit.with_name(f".{audit.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    with duckdb.connect(str(staging)) as con:
        create_tables(con, "audit")
        if audit.exists():
            con.execute("attach ? as previous (read_only)", [str(audit)])
            kept = {
                name
                for (name,) in con.execute(
                    "select table_name from information_schema.tables"
                    " where table_catalog = 'previous' and table_schema = 'audit'"
                ).fetchall()
            }
            for table in TABLES:
                if table not in kept:  # a history written before the table existed
                    continue
                # by name: a history written before a column was added keeps it null
                con.execute(
                    f"insert into audit.{table} by name select * from previous.audit.{table}"
                )
            con.execute("detach previous")
            _withdraw_quoted_input(con)
        _insert(con, "runs", [(run_id, run_at, decision, sum(r.blocks for r in results))])
        _insert(con, "check_results", [_result_row(run_id, run_at, r) for r in results])
        _insert(
            con,
            "check_failures",
            [_failure_row(run_id, run_at, r, row) for r in results for row in r.evidence],
        )
        _insert(
            con,
            "withheld_scopes",
            [(run_id, run_at, *held.row) for held in withheld],
        )
        con.execute("checkpoint")
    os.replace(staging, audit)


def _withdraw_quoted_input(con: duckdb.DuckDBPyConnection) -> None:
    """History written before ingest spoke its own words may quote input lines (DuckDB's
    CSV errors did: names, identity codes). Such texts are withdrawn; codes are masked."""
    quoted = "contains(coalesce(explanation, '') || coalesce(details, ''), 'Original Line')"
    con.execute(
        "update audit.check_failures set details = null, explanation = 'Tiedostoa ei voitu"
        " lukea (viesti on poistettu: se lainasi tiedoston tekstiä).'"
        f" where {quoted}"
    )
    for column in ("explanation", "details"):
        # only rows that change are written: the history is copied every night and grows
        masked = mask_hetu_sql(column)
        con.execute(
            f"update audit.check_failures set {column} = {masked}"
            f" where {column} is not null and {column} <> {masked}"
        )


def create_tables(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    con.execute(f"create schema if not exists {schema}")
    for table, columns in TABLES.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        con.execute(f"create table if not exists {schema}.{table} ({ddl})")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    insert_rows(con, f"audit.{table}", rows)


def _result_row(run_id: str, run_at: dt.datetime, result: CheckResult) -> tuple:
    return (
        run_id, run_at, result.check_name, result.layer, result.severity, result.status,
        result.failures, result.unwaived, result.blocks, result.explanation, result.asset,
        result.error,
    )  # fmt: skip


def _failure_row(run_id, run_at, result: CheckResult, row) -> tuple:
    evidence = tuple(getattr(row, column) for column in EVIDENCE_COLUMNS)
    triage = (
        row.severity or result.severity, row.materiality_threshold, row.is_open, row.novelty,
        row.org_unit_name, row.line_name, row.unit_path,
    )  # fmt: skip
    return (
        run_id, run_at, result.check_name, result.layer, result.severity, row.status,
        *evidence, row.details, row.waiver, *triage,
    )  # fmt: skip


def previous_published(audit: Path) -> dict[tuple, tuple]:
    """The failing rows of the latest published run: row key -> (expected, actual,
    difference, status), for telling new, changed and still failing rows apart."""
    from warehouse.gate.triage import row_key

    if not audit.exists():
        return {}
    with duckdb.connect(str(audit), read_only=True) as con:
        rows = con.execute(
            "select check_name, municipality_code, org_unit_code, line_code, period, "
            "source_file, source_row, expected, actual, difference, status "
            "from audit.check_failures where run_id = (select run_id from audit.runs "
            "where decision in ('publish', 'partial') order by run_at desc limit 1)"
        ).fetchall()
    names = (
        "check_name", "municipality_code", "org_unit_code", "line_code", "period",
        "source_file", "source_row",
    )  # fmt: skip
    return {row_key(row[0], dict(zip(names, row[:7], strict=True))): tuple(row[7:]) for row in rows}
