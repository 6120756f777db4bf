"""Goal workbooks (<landing>/goals/*.xlsx) → raw.goal_files, raw.goals, ... in the candidate."""

import dagster as dg

from orchestration.assets.ingest import LANDING_FOLDER
from orchestration.resources import WarehouseResource
from warehouse.goals_loader import TABLES, load_goal_workbooks


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", table], group_name="ingest", kinds={"duckdb", "excel"}, deps=[LANDING_FOLDER]
        )
        for table in TABLES
    ],
    name="raw_goal_workbooks",
    description="Goal workbooks: goals and assessments, key indicators, risks, projects.",
)
def raw_goal_workbooks(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Guarantees: every row of raw.goal_* carries its file, sheet, row and the file's hash;
    a workbook is loaded whole in one transaction or not at all (a rejected workbook fails
    the run naming file, sheet and cell); a workbook whose hash was loaded before is skipped.
    """
    settings = warehouse.settings
    results = load_goal_workbooks(settings.candidate_path, settings.landing_dir)
    loaded = [r for r in results if not r.skipped]
    context.log.info(
        f"goal workbooks: {len(loaded)} loaded, {len(results) - len(loaded)} unchanged"
    )
    rows = {table: sum(r.rows.get(table, 0) for r in loaded) for table in TABLES}
    for table in TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", table],
            metadata={
                "rows_loaded": rows[table],
                "files_loaded": len(loaded),
                "files_unchanged": len(results) - len(loaded),
                "files": dg.MetadataValue.md(_file_table(results)),
            },
        )


def _file_table(results) -> str:
    lines = ["| file | goals | sha256 | status |", "|---|---|---|---|"]
    for r in results:
        status = "unchanged" if r.skipped else "loaded"
        lines.append(
            f"| {r.file_name} | {r.rows.get('goals', 0)} | {r.source_hash[:12]} | {status} |"
        )
    return "\n".join(lines)


goal_assets = [raw_goal_workbooks]
