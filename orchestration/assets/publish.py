"""The last step of write-audit-publish: copy the checked candidate to the published file."""

import dagster as dg

from orchestration.resources import WarehouseResource
from warehouse.publish import publish

REVIEW_TABLES = [
    dg.AssetKey(["review", name]) for name in ("income_statement", "binding_budget", "investments")
]


def failed_blocking_checks(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    """Error-severity asset checks that failed in this run: each one withholds publication."""
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=100000
    ).records
    failed = []
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
            failed.append(f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}")
    return failed


@dg.asset(
    key="published_warehouse",
    deps=REVIEW_TABLES,
    group_name="publish",
    kinds={"duckdb"},
    output_required=False,
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Replaces the published warehouse atomically with the candidate's marts and review tables.

    Runs only when every error-severity check of this run passed; otherwise the published
    file stays exactly as it was and nothing is materialized.
    """
    failed = failed_blocking_checks(context.instance, context.run_id)
    if failed:
        context.log.warning("Publication withheld; failing blocking checks: " + ", ".join(failed))
        return
    settings = warehouse.settings
    publication = publish(
        settings.candidate_path, settings.warehouse_path, settings.previous_path, context.run_id
    )
    yield dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(publication.path)),
            "previous_version": str(publication.previous or ""),
            "tables": dg.MetadataValue.json(publication.tables),
        }
    )
