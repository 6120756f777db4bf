"""The run's snapshot of the controls store (sign-offs, explanations) → schema controls of
the candidate."""

import dagster as dg

from orchestration.resources import WarehouseResource
from warehouse.controls.load import TABLES, load_controls


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["controls", table], group_name="controls", kinds={"duckdb"})
        for table in TABLES
    ],
    name="controls_folder",
    description="The controllers' decisions: sign-offs, approved figures and explanations.",
)
def controls_folder(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Guarantees: controls.signoffs, controls.approved_figures and controls.explanations
    hold exactly what the warehouse's store held when the run started (its snapshot,
    orchestration/controls_snapshot.py; rebuilt every run, never written back); a
    sign-off whose figures file is missing or altered is marked not intact and its figures
    are left out (warn check controls.signoff_is_intact)."""
    settings = warehouse.settings
    loaded = load_controls(settings.candidate_path, settings.controls_dir, context.run.run_id)
    context.log.info(
        f"controls {settings.controls_dir}: {loaded.signoffs} sign-offs "
        f"({loaded.broken_signoffs} not intact), {loaded.explanation_sections} explanation sections"
    )
    rows = {
        "signoffs": loaded.signoffs,
        "approved_figures": loaded.approved_rows,
        "explanations": loaded.explanation_sections,
    }
    for table in TABLES:
        yield dg.MaterializeResult(
            asset_key=["controls", table],
            metadata={
                "rows": rows[table],
                "snapshot": dg.MetadataValue.path(str(settings.controls_dir)),
            },
        )
