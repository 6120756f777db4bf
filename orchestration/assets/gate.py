"""The quality gate: every check of the run, waivers applied, history kept, decision made."""

import dagster as dg

from orchestration.assets.dbt import toteuma_dbt
from orchestration.assets.goals import goal_assets
from orchestration.assets.ingest import ingest_assets
from orchestration.assets.publish_keys import GATE_UPSTREAM
from orchestration.check_evidence import gate_metadata, judged_evaluations
from orchestration.resources import WarehouseResource
from warehouse.gate.decide import run_gate

# Every asset check the gate judges (the run's job plans none: it cannot say which).
CHECK_KEYS = frozenset(
    key for assets in (toteuma_dbt, *ingest_assets, *goal_assets) for key in assets.check_keys
)


@dg.asset(key="quality_gate", deps=GATE_UPSTREAM, group_name="publish", kinds={"duckdb"})
def quality_gate(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.Output:
    """Collects this run's file expectations and dbt tests, applies waivers.yaml, appends
    the results to the audit history (kept also when publication is blocked) and decides:
    publish everything whose scope no error-severity check's unwaived failure holds back
    (warehouse.gate.scopes). The decision (a `Verdict`) is this asset's output, which the
    publish step takes as its input.

    The run's failed asset checks are then told again as the gate judged them: status
    after waivers, blocking, and the rows the morning review shows
    (orchestration/check_evidence).
    """
    settings = warehouse.settings
    decision = run_gate(
        settings.candidate_path,
        settings.audit_path,
        settings.waivers_path,
        context.run.run_id,
        materiality=settings.materiality_eur,
    )
    for result in decision.blocking:
        context.log.warning(f"blocking: {result.check_name} ({result.failures} failing rows)")
    run_id = context.run.run_id
    for evaluation in judged_evaluations(context.instance, run_id, settings.audit_path, CHECK_KEYS):
        context.log_event(evaluation)
    return dg.Output(
        decision.verdict,
        metadata={
            "publish": decision.publish,
            **gate_metadata(decision.results),
            "decision": decision.decision,
            # read by orchestration.runner (`toteuma run` prints them): lists, kept as are
            "withheld_scopes": [held.described for held in decision.holding.scopes],
            "audit_history": dg.MetadataValue.path(str(settings.audit_path)),
            # read by orchestration.runner (`toteuma run` prints them): a list, kept as is
            "blocking_checks": [r.check_name for r in decision.blocking],
        },
    )
