"""One asset per landing source kind: checked landing CSVs → raw.<kind> in the candidate."""

import dagster as dg

from ingest.finance import KindLoad, check_landing, load_landing_kind
from ingest.sources import MASTER_DATA, SOURCES, SourceKind
from orchestration.check_evidence import LANDING_DESCRIPTION, landing_evaluation, report
from orchestration.file_names import names_text
from orchestration.resources import LandingResource, WarehouseResource

# Codes in postings, budgets and forecasts are checked against the master data: load it first.
MASTER_DATA_KEYS = [dg.AssetKey(["raw", source.kind]) for source in MASTER_DATA]
CHECK = "landing_files_meet_expectations"
LANDING_FOLDER = dg.AssetKey(["landing", "folder"])


@dg.asset(key=LANDING_FOLDER, group_name="ingest", kinds={"csv", "excel"})
def landing_folder(
    context: dg.AssetExecutionContext, landing: LandingResource, warehouse: WarehouseResource
):
    """The landing folder as this run finds it. Guarantees: the run stops (nothing loaded,
    nothing published) when the folder is missing, holds no finance files, or lacks
    master data the warehouse holds; files still being written are left for the next run
    and unrecognised file names are reported, both as warnings of the run."""
    folder, settle = landing.landing.folder, landing.landing.settle_seconds
    survey = check_landing(warehouse.settings.candidate_path, folder, settle, context.run_id)
    for path in survey.arriving:
        context.log.warning(f"{path.name} is still being written: left for the next run")
    for path in survey.unrecognised:
        context.log.warning(f"{path.name}: not a file name toteuma knows; not read")
    return dg.MaterializeResult(
        metadata={
            "complete_files": len(survey.complete),
            "still_arriving": names_text(p.name for p in survey.arriving),
            "unrecognised": names_text(p.name for p in survey.unrecognised),
            "settle_seconds": settle,
        }
    )


def _ingest_asset(source: SourceKind) -> dg.AssetsDefinition:
    kind, key = source.kind, dg.AssetKey(["raw", source.kind])
    deps = [LANDING_FOLDER] if source.master_data else [LANDING_FOLDER, *MASTER_DATA_KEYS]

    # A multi-asset only to be subsettable: the nightly job selects the asset without its
    # check, which the step reports only when it validated files (check_evidence.report).
    @dg.multi_asset(
        name=f"raw__{kind}",
        specs=[
            dg.AssetSpec(
                key,
                deps=deps,
                group_name="ingest",
                kinds={"duckdb", "csv"},
                description=f"{source.description} ({source.shown_name})."
                " Guarantees: every row typed and checked with the kind's great-expectations"
                " suite before it is appended; identity codes masked; each row tagged with its"
                " file, line and the file's hash. A file that cannot be read or fails an error"
                " expectation is quarantined and loads nothing; an unchanged file is skipped.",
            )
        ],
        check_specs=[landing_check_spec(key)],
        can_subset=True,
    )
    def _asset(
        context: dg.AssetExecutionContext, landing: LandingResource, warehouse: WarehouseResource
    ):
        settings, arrived = warehouse.settings, landing.landing
        outcome = load_landing_kind(
            settings.candidate_path, arrived.folder, kind, context.run_id,
            settings.results_dir, settings.waivers_path, arrived.settle_seconds,
        )  # fmt: skip
        context.log.info(
            f"{kind}: {len(outcome.loaded)} loaded, {len(outcome.unchanged)} unchanged, "
            f"{len(outcome.quarantined)} quarantined, {len(outcome.released)} released"
        )
        yield dg.MaterializeResult(asset_key=key, metadata=_metadata(outcome))
        if outcome.loaded or outcome.quarantined or outcome.check_rows:
            # only a run that validated files of the kind evaluates the check
            check = dg.AssetCheckKey(key, CHECK)
            evaluation = landing_evaluation(
                check, kind, outcome.check_rows, outcome.quarantined, context.run.run_id
            )
            yield from report(context, evaluation)

    return _asset


def _metadata(outcome: KindLoad) -> dict:
    return {
        "files_loaded": len(outcome.loaded),
        "files_unchanged": len(outcome.unchanged),
        "files_quarantined": names_text(outcome.quarantined),
        "files_released_from_quarantine": names_text(outcome.released),
        "rows_loaded": sum(r.rows for r in outcome.loaded),
        "files": dg.MetadataValue.md(_file_table(outcome)),
    }


def landing_check_spec(key: dg.AssetKey) -> dg.AssetCheckSpec:
    """The asset check of an ingest asset (see check_evidence.landing_evaluation)."""
    return dg.AssetCheckSpec(
        CHECK,
        asset=key,
        description=LANDING_DESCRIPTION,
        metadata={"severity": "per rule: error or warn", "blocks publication (after waivers)":
                  "when an error rule fails and no waiver covers it"},
    )  # fmt: skip


def _file_table(outcome: KindLoad) -> str:
    lines = ["| file | rows | sha256 | status |", "|---|---|---|---|"]
    for r in outcome.loaded:
        lines.append(f"| {r.file_name} | {r.rows} | {r.source_hash[:12]} | loaded |")
    lines += [f"| {name} | 0 | | unchanged |" for name in outcome.unchanged]
    lines += [f"| {name} | 0 | | quarantined |" for name in outcome.quarantined]
    return "\n".join(lines)


ingest_assets = [
    landing_folder,
    *(_ingest_asset(source) for source in SOURCES.values()),
]
