"""The quality gate: every check of the run, waivers applied, history kept, decision made."""

import dagster as dg

from orchestration.assets.publish_keys import GATE_UPSTREAM
from orchestration.resources import WarehouseResource
from warehouse.gate.decide import run_gate


@dg.asset(key="quality_gate", deps=GATE_UPSTREAM, group_name="publish", kinds={"duckdb"})
def quality_gate(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.Output:
    """Collects this run's file expectations and dbt tests, applies waivers.yaml, appends
    the results to the audit history (kept also when publication is blocked) and decides:
    publish everything whose scope no error-severity check's unwaived failure holds back
    (warehouse.gate.scopes). The decision (a `Verdict`) is this asset's output, which the
    publish step takes as its input."""
    settings = warehouse.settings
    decision = run_gate(
        settings.candidate_path,
        settings.audit_path,
        settings.waivers_path,
        context.run.run_id,
        materiality=settings.materiality_eur,
    )
    failing = [r for r in decision.results if r.status in ("failed", "error")]
    for result in decision.blocking:
        context.log.warning(f"blocking: {result.check_name} ({result.failures} failing rows)")
    return dg.Output(
        decision.verdict,
        metadata={
            "publish": decision.publish,
            "decision": decision.decision,
            "blocking_checks": [r.check_name for r in decision.blocking],
            "withheld_scopes": [held.described for held in decision.holding.scopes],
            "failing_checks": len(failing),
            "waived_checks": sum(r.status == "waived" for r in decision.results),
            "checks_run": len(decision.results),
            "audit_history": dg.MetadataValue.path(str(settings.audit_path)),
        },
    )
