"""One asset per landing source kind: landing CSVs → raw.<kind> in the candidate warehouse."""

import dagster as dg

from orchestration.resources import WarehouseResource
from warehouse.candidate import load_landing_kind

SOURCE_KINDS = {
    "org_units": "Organisation units and their history (org_<kunta>.csv).",
    "accounts": "Chart of accounts (accounts_<kunta>.csv).",
    "gl_postings": "Ledger postings, one file per month (gl_<kunta>_<YYYY>_<MM>.csv).",
    "budget_entries": "Budget and approved amendments (budget_<kunta>_<YYYY>.csv).",
    "forecasts": "Controllers' full-year forecasts (forecast_<kunta>_<YYYY>_<MM>.csv).",
}


def _ingest_asset(kind: str, description: str) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", kind],
        group_name="ingest",
        kinds={"duckdb", "csv"},
        description=description
        + " Guarantees: every row typed, personal identity codes masked, each row tagged"
        " with its file, line and the file's hash; a file that fails to parse loads nothing;"
        " a file whose hash was loaded before is skipped.",
    )
    def _asset(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        settings = warehouse.settings
        results = load_landing_kind(settings.candidate_path, settings.landing_dir, kind)
        loaded = [r for r in results if not r.skipped]
        context.log.info(
            f"{kind}: {len(loaded)} files loaded, {len(results) - len(loaded)} unchanged"
        )
        return dg.MaterializeResult(
            metadata={
                "files_loaded": len(loaded),
                "files_unchanged": len(results) - len(loaded),
                "rows_loaded": sum(r.rows for r in loaded),
                "files": dg.MetadataValue.md(_file_table(results)),
            }
        )

    _asset.__name__ = f"raw_{kind}"
    return _asset


def _file_table(results) -> str:
    lines = ["| file | rows | sha256 | status |", "|---|---|---|---|"]
    for r in results:
        status = "unchanged" if r.skipped else "loaded"
        lines.append(f"| {r.file_name} | {r.rows} | {r.source_hash[:12]} | {status} |")
    return "\n".join(lines)


ingest_assets = [_ingest_asset(kind, text) for kind, text in SOURCE_KINDS.items()]
