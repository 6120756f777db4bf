"""Goal workbooks (<landing>/goals/*.xlsx) → raw.goal_files, raw.goals, ... in the candidate."""

import dagster as dg

from ingest.goals.checks import KIND
from ingest.goals.load import TABLES, GoalLoadResult, load_goal_workbooks
from orchestration.assets.ingest import CHECK, LANDING_FOLDER, landing_check_spec
from orchestration.check_evidence import landing_evaluation, report
from orchestration.file_names import names_text
from orchestration.resources import LandingResource, WarehouseResource

CHECKED = dg.AssetKey(["raw", "goal_files"])  # one row per workbook: where file checks belong
_STATUSES = ("loaded", "unchanged", "quarantined")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", table], group_name="ingest", kinds={"duckdb", "excel"}, deps=[LANDING_FOLDER]
        )
        for table in TABLES
    ],
    check_specs=[landing_check_spec(CHECKED)],
    name="raw_goal_workbooks",
    can_subset=True,  # the nightly job selects the assets without their check
    description="Goal workbooks: goals and assessments, key indicators, risks, projects.",
)
def raw_goal_workbooks(
    context: dg.AssetExecutionContext, landing: LandingResource, warehouse: WarehouseResource
):
    """Guarantees: every row of raw.goal_* carries its file, sheet, row and the file's hash;
    identity codes are masked; a workbook is loaded whole in one transaction or not at all.
    A workbook that cannot be accepted is quarantined with a note, loads nothing and fails
    goal_workbooks.file_is_readable (error: the gate withholds publication) without
    stopping the run; a workbook whose hash was loaded before is skipped.
    """
    arrived = landing.landing
    # the gate selects file checks by this id (context.run_id is deprecated in Dagster 1.13)
    run_id = context.run.run_id
    results = load_goal_workbooks(
        warehouse.settings.candidate_path, arrived.folder, run_id, arrived.settle_seconds
    )
    counts = {status: [r.file_name for r in results if r.status == status] for status in _STATUSES}
    context.log.info("goal workbooks: " + ", ".join(f"{len(v)} {k}" for k, v in counts.items()))
    loaded = [r for r in results if r.status == "loaded"]
    for table in TABLES:
        if dg.AssetKey(["raw", table]) not in context.selected_asset_keys:
            continue  # every table is loaded (a workbook whole or none); the selected told
        yield dg.MaterializeResult(
            asset_key=["raw", table],
            metadata={
                "rows_loaded": sum(r.rows.get(table, 0) for r in loaded),
                "files_loaded": len(loaded),
                "files_unchanged": len(counts["unchanged"]),
                "files_quarantined": names_text(counts["quarantined"]),
                "files_released_from_quarantine": names_text(
                    r.file_name for r in results if r.released
                ),
                "files": dg.MetadataValue.md(_file_table(results)),
            },
        )
    validated = [r for r in results if r.status in ("loaded", "quarantined")]
    if validated:  # only a run that validated a workbook evaluates the check
        rows = [row for result in results for row in result.checks]
        evaluation = landing_evaluation(
            dg.AssetCheckKey(CHECKED, CHECK), KIND, rows, counts["quarantined"], run_id
        )
        yield from report(context, evaluation)


def _file_table(results: list[GoalLoadResult]) -> str:
    lines = ["| file | goals | sha256 | status |", "|---|---|---|---|"]
    for r in results:
        status = "released and loaded" if r.released else r.status
        lines.append(
            f"| {r.file_name} | {r.rows.get('goals', 0)} | {r.source_hash[:12]} | {status} |"
        )
    return "\n".join(lines)


goal_assets = [raw_goal_workbooks]
