"""Run the gate: gather the run's checks, apply waivers, record history, decide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from gate import triage
from gate.dbt_results import dbt_check_results
from gate.file_checks import file_check_results
from gate.history import append_run, previous_published
from gate.organisation import read_organisation
from gate.records import CheckResult
from gate.waivers import apply_waivers, load_waivers


@dataclass(frozen=True)
class GateDecision:
    run_id: str
    results: list[CheckResult]

    @property
    def blocking(self) -> list[CheckResult]:
        return [result for result in self.results if result.blocks]

    @property
    def publish(self) -> bool:
        return not self.blocking


def run_gate(
    candidate: Path,
    audit: Path,
    waivers: Path,
    run_id: str,
    now: dt.datetime | None = None,
    materiality: Decimal = Decimal("1"),
) -> GateDecision:
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    results = file_check_results(candidate, run_id) + dbt_check_results(candidate, run_id)
    organisation = read_organisation(candidate)
    triage.weigh(results, materiality)
    results.append(apply_waivers(results, load_waivers(waivers), now.date(), organisation))
    triage.place(results, organisation)
    triage.compare(results, previous_published(audit))
    decision = GateDecision(run_id, results)
    append_run(audit, run_id, now, results, "publish" if decision.publish else "withheld")
    _remember(candidate, decision)
    return decision


def _remember(candidate: Path, decision: GateDecision) -> None:
    """The publish step reads the decision of its own run from the candidate."""
    with duckdb.connect(str(candidate)) as con:
        con.execute("create schema if not exists audit_run")
        con.execute(
            "create table if not exists audit_run.gate "
            "(run_id varchar, publish boolean, blocking_checks varchar)"
        )
        con.execute(
            "insert into audit_run.gate values (?, ?, ?)",
            [decision.run_id, decision.publish, ", ".join(r.check_name for r in decision.blocking)],
        )


def gate_allows(candidate: Path, run_id: str) -> tuple[bool, str]:
    decided, blocking = gate_decision(candidate, run_id)
    if not decided:
        return False, "the quality gate did not run"
    return not blocking, blocking


def gate_decision(candidate: Path, run_id: str) -> tuple[bool, str]:
    """(whether the gate of this run decided, its blocking checks joined by ', ')."""
    if not candidate.exists():
        return False, ""
    with duckdb.connect(str(candidate), read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'audit_run' and table_name = 'gate'"
        ).fetchall()[0][0]
        rows = (
            con.execute(
                "select publish, blocking_checks from audit_run.gate where run_id = ?", [run_id]
            ).fetchall()
            if exists
            else []
        )
    if not rows:
        return False, ""
    publish, blocking = rows[-1]
    return True, "" if publish else (blocking or "")
