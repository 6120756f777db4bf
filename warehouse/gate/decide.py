"""Run the gate: gather the run's checks, apply waivers, record history, decide.

The decision is returned, and kept in the audit history; the nightly job hands its
`Verdict` to the publish step as the quality gate asset's output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from warehouse.gate import triage
from warehouse.gate.dbt_results import dbt_check_results
from warehouse.gate.file_checks import file_check_results
from warehouse.gate.history import append_run, previous_published
from warehouse.gate.organisation import read_organisation
from warehouse.gate.records import CheckResult
from warehouse.gate.scopes import WAREHOUSE, Holding, Scope, merged
from warehouse.gate.waivers import apply_waivers, load_waivers, waiver_day
from warehouse.sql import has_table


@dataclass(frozen=True)
class WithheldScope:
    """One scope a night holds back, and a check that holds it (one row per pair)."""

    scope: Scope
    check_name: str
    failing_rows: int  # the check's unwaived failing rows in this scope (as kept)

    @property
    def row(self) -> tuple:
        """(scope kind, municipality, unit, period, the scope in Finnish, check, failing
        rows): a row of audit.withheld_scopes and meta.withheld_scopes."""
        scope = self.scope
        return (
            scope.kind, scope.municipality_code or None, scope.org_unit_code or None,
            scope.period or None, scope.described, self.check_name, self.failing_rows,
        )  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    """What the publish step needs of the gate's decision; Dagster hands it over."""

    run_id: str
    publish: bool  # anything new may be published (decision 'publish' or 'partial')
    blocking_checks: tuple[str, ...]  # the error-severity checks with unwaived failures
    decision: str = "publish"  # publish | partial | withheld (warehouse.gate.scopes)
    holding: Holding = field(default_factory=lambda: Holding(()))
    withheld: tuple[WithheldScope, ...] = ()


@dataclass(frozen=True)
class GateDecision:
    run_id: str
    results: list[CheckResult]
    # every municipality the candidate holds data of (raw files and goal workbooks)
    municipalities: frozenset[str] = frozenset()

    @property
    def blocking(self) -> list[CheckResult]:
        return [result for result in self.results if result.blocks]

    @property
    def withheld(self) -> tuple[WithheldScope, ...]:
        found: dict[tuple[Scope, str], int] = {}
        for result in self.blocking:
            rows = [row for row in result.evidence if row.status != "waived"]
            for scope in result.scopes:
                count = sum(1 for row in rows if (row.scope or Scope(WAREHOUSE)) == scope)
                found[(scope, result.check_name)] = count or result.unwaived
        return tuple(WithheldScope(s, name, n) for (s, name), n in sorted(found.items()))

    @property
    def holding(self) -> Holding:
        scopes = merged(held.scope for held in self.withheld)
        return Holding(scopes, self.municipalities)

    @property
    def decision(self) -> str:
        return self.holding.decision

    @property
    def publish(self) -> bool:
        """Anything may be published: nothing held, or only some scopes."""
        return self.decision != "withheld"

    @property
    def verdict(self) -> Verdict:
        return Verdict(
            self.run_id,
            self.publish,
            tuple(r.check_name for r in self.blocking),
            self.decision,
            self.holding,
            self.withheld,
        )


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
    results.append(apply_waivers(results, load_waivers(waivers), waiver_day(now), organisation))
    triage.place(results, organisation)
    triage.compare(results, previous_published(audit))
    decision = GateDecision(run_id, results, _municipalities(candidate))
    append_run(audit, run_id, now, results, decision.decision, decision.withheld)
    return decision


def _municipalities(candidate: Path) -> frozenset[str]:
    """Every municipality the candidate holds landing data of."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        found: set[str] = set()
        for table in ("ingested_files", "goal_files"):
            if has_table(con, "raw", table):
                rows = con.execute(
                    f"select distinct municipality_code from raw.{table}"
                    " where municipality_code is not null"
                ).fetchall()
                found |= {code for (code,) in rows}
    return frozenset(found)
