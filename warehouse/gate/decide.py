"""Run the gate: gather the run's checks, apply waivers, record history, decide.

The decision is returned, and kept in the audit history; the nightly job hands its
`Verdict` to the publish step as the quality gate asset's output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from warehouse.gate import triage
from warehouse.gate.dbt_results import dbt_check_results
from warehouse.gate.file_checks import file_check_results
from warehouse.gate.history import append_run, previous_published
from warehouse.gate.organisation import read_organisation
from warehouse.gate.records import CheckResult
from warehouse.gate.waivers import apply_waivers, load_waivers


@dataclass(frozen=True)
class Verdict:
    """What the publish step needs of the gate's decision; Dagster hands it over."""

    run_id: str
    publish: bool
    blocking_checks: tuple[str, ...]  # the error-severity checks with unwaived failures


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

    @property
    def verdict(self) -> Verdict:
        return Verdict(self.run_id, self.publish, tuple(r.check_name for r in self.blocking))


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
    return decision
