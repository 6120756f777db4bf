"""The last step of write-audit-publish: copy the checked candidate to the published file."""

import dagster as dg

from orchestration.resources import WarehouseResource
from warehouse.gate.decide import gate_allows
from warehouse.publish import publish, snapshot_published_months


@dg.asset(
    key="published_warehouse",
    deps=["quality_gate"],
    group_name="publish",
    kinds={"duckdb"},
    output_required=False,
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Replaces the published warehouse atomically with the candidate's marts and review
    tables and the audit history, when the quality gate of this run allows it; otherwise
    the published file stays exactly as it was and nothing is materialized."""
    settings = warehouse.settings
    allowed, blocking = gate_allows(settings.candidate_path, context.run_id)
    if not allowed:
        context.log.warning(f"Publication withheld; blocking checks: {blocking}")
        return
    publication = publish(
        settings.candidate_path,
        settings.warehouse_path,
        settings.previous_path,
        context.run_id,
        audit=settings.audit_path,
    )
    snapshot_published_months(settings.candidate_path, context.run_id)
    yield dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(publication.path)),
            "previous_version": str(publication.previous or ""),
            "tables": dg.MetadataValue.json(publication.tables),
        }
    )
