"""The dbt project as assets: every model an asset, every dbt test an asset check."""

import graphlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.assets.publish_keys import GATE_UPSTREAM
from orchestration.check_evidence import check_description, explained
from orchestration.dbt_project import dbt_project
from orchestration.resources import WarehouseResource
from orchestration.settings import DBT_PROJECT_DIR, export_for_dbt
from warehouse.build_state import (
    Build,
    Fingerprint,
    build_fingerprint,
    forget_build,
    last_build,
    record_build,
    selectors_reading,
)
from warehouse.gate.dbt_results import record_dbt_tests, reuse_dbt_tests, test_outcomes
from warehouse.publish.publication import ensure_published_months_table


class ToteumaTranslator(DagsterDbtTranslator):
    """Keys read like the warehouse (raw/gl_postings, review/income_statement); checks never
    stop the step: the quality gate decides publication, after waivers."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            # the goal tables sit in schema raw too (their source has its own name in dbt)
            source = dbt_resource_props["source_name"].removesuffix("_goals")
            return dg.AssetKey([source, dbt_resource_props["name"]])
        schema = dbt_resource_props["config"].get("schema") or dbt_resource_props["schema"]
        name = dbt_resource_props.get("alias") or dbt_resource_props["name"]
        return dg.AssetKey([schema, name])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        """Named groups in the UI, from the model's folder: the review tables boards read,
        the goal workbooks' models, and the finance models (seeds and the controllers'
        sign-offs included: they decide which figures the review shows)."""
        path = dbt_resource_props.get("original_file_path") or ""
        if path.startswith("models/review/"):
            return "review"
        return "goals" if "/goals/" in path else "finance"

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        node = manifest.get("nodes", {}).get(unique_id, {})
        return dg.AssetCheckSpec(
            name=spec.name,
            asset=spec.asset_key,
            description=check_description(node) or spec.description,
            additional_deps=spec.additional_deps,
            metadata=spec.metadata,
            blocking=False,
        )


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=ToteumaTranslator(),
)
def toteuma_dbt(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    """Seeds, models and every dbt test of the candidate warehouse, as one step.

    Write-audit-publish: every model is built even when data is wrong (no failed test
    skips the models below it); the tests record what is wrong, and the quality gate
    decides. A model that does not build fails the step. Against the last successful
    build (warehouse.build_state): when nothing dbt reads has changed, dbt is not run
    and that build stands; when only some tables changed, dbt builds what reads them.
    """
    settings = warehouse.settings
    with duckdb.connect(str(settings.candidate_path)) as con:
        # a source of the re-export check, empty until the first publication writes it
        ensure_published_months_table(con)
    fingerprint = build_fingerprint(settings.candidate_path, DBT_PROJECT_DIR)
    built = last_build(settings.candidate_path)
    if built and built.fingerprint.project == fingerprint.project:
        changed = fingerprint.changed_tables(built.fingerprint)
        manifest = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))
        yield from _build_what_changed(
            context, dbt, settings, built, fingerprint, selectors_reading(changed, manifest)
        )
        return
    forget_build(settings.candidate_path)  # until this build has succeeded
    export_for_dbt(settings)
    # One `dbt build` (seeds, models and tests in one process, in dependency order): dbt's
    # start-up and manifest load are paid once, not three times. The project sets
    # `error_if: "<0"` on every data test, so a failed test reports WARN and never skips
    # the models below it; the gate reads each test's declared severity. The models' unit
    # tests (fixed rows, `unit_tests:`) test our SQL, not tonight's data: they run in the
    # test suite.
    build = dbt.cli(
        ["build", "--exclude", "test_type:unit"],
        context=context,
        raise_on_error=False,
        target_path=_target_path(settings.candidate_path),
    )
    failed = []
    for event in build.stream():
        if isinstance(event, dg.AssetCheckResult) and not event.passed:
            failed.append(event)  # told again below, with description and evidence rows
        else:
            yield event
    _raise_on_errors(build)
    manifest = build.get_artifact("manifest.json")
    recorded = record_dbt_tests(
        settings.candidate_path,
        context.run.run_id,
        build.get_artifact("run_results.json"),
        manifest,
    )
    yield from explained(failed, recorded, manifest, settings.candidate_path)
    record_build(settings.candidate_path, fingerprint, context.run_id)


def _build_what_changed(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    settings,
    built: Build,
    fingerprint: Fingerprint,
    selectors: list[str],
):
    """Only some tables dbt reads changed since the last build (or none): dbt builds what
    reads them (`selectors`), and the rest of that build stands, its tables and its test
    outcomes (with their failing rows) this run's too.

    In Dagster only what this run did is recorded: the models rebuilt and the tests run
    again, and the review tables the gate reads (reported as this run's, unchanged since
    the build, when not rebuilt), so that the gate and publication run. The other models
    keep their materialization and the tests their evaluation from the run that built
    them (dbt's assets are skippable). Run without the step's context: dagster-dbt would
    add the step's own selection (every node) to ours.
    """
    candidate = settings.candidate_path
    tests = reuse_dbt_tests(candidate, built.run_id, context.run_id)
    if not selectors:
        context.log.info(
            f"dbt not run: nothing it reads changed since run {built.run_id} (landing files,"
            f" quarantine, controls, publication snapshot, dbt project); {tests} test"
            " outcomes reused."
        )
        yield from _materialized(context, set(), built.run_id)
        record_build(candidate, fingerprint, context.run_id, built.tables_built_by)
        return
    forget_build(candidate)  # until this build has succeeded
    export_for_dbt(settings)
    context.log.info(f"dbt builds what reads what changed since run {built.run_id}: {selectors}")
    build = dbt.cli(
        ["build", "--select", " ".join(selectors), "--exclude", "test_type:unit"],
        manifest=dbt_project.manifest_path,
        raise_on_error=False,
        target_path=_target_path(candidate),
    ).wait()
    _raise_on_errors(build)
    results, manifest = build.get_artifact("run_results.json"), build.get_artifact("manifest.json")
    recorded = record_dbt_tests(candidate, context.run_id, results, manifest)
    translator = ToteumaTranslator()
    rebuilt = {
        translator.get_asset_key(manifest["nodes"][result["unique_id"]])
        for result in results["results"]
        if result["unique_id"].startswith(("model.", "seed.")) and result["status"] == "success"
    }
    context.log.info(
        f"dbt rebuilt {len(rebuilt)} models and ran {len(recorded)} tests;"
        f" {tests - len(recorded)} test outcomes of run {built.run_id} reused."
    )
    yield from _materialized(context, rebuilt, built.run_id)
    checks = list(_check_results(context, candidate, {row["unique_id"] for row in recorded}))
    yield from (check for check in checks if check.passed)
    failed = [check for check in checks if not check.passed]
    yield from explained(failed, recorded, manifest, candidate)
    # tests alone (e.g. against a new publication snapshot) leave the tables as built
    record_build(candidate, fingerprint, context.run_id, None if rebuilt else built.tables_built_by)


def _materialized(context: dg.AssetExecutionContext, rebuilt: set[dg.AssetKey], built_by: str):
    """The models rebuilt, and the review tables the gate waits for, in dependency order."""
    selected = (rebuilt | set(GATE_UPSTREAM)) & context.selected_asset_keys
    deps = context.assets_def.asset_deps
    order = graphlib.TopologicalSorter({key: deps.get(key, set()) & selected for key in selected})
    for key in order.static_order():  # a multi-asset yields its assets in dependency order
        metadata = {"dbt_run": True} if key in rebuilt else {"unchanged_since_run": built_by}
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)


def _check_results(context: dg.AssetExecutionContext, candidate, run_again: set[str]):
    """The outcomes of the tests run in this run (unique ids), as the asset checks they are."""
    outcomes = test_outcomes(candidate, context.run_id)
    names = {unique_id.split(".")[2] for unique_id in run_again}
    for check in context.selected_asset_check_keys:
        if check.name not in names or check.name not in outcomes:
            continue
        status, failures, severity = outcomes[check.name]
        warn = severity == "warn"
        yield dg.AssetCheckResult(
            asset_key=check.asset_key,
            check_name=check.name,
            passed=status == "pass",
            severity=dg.AssetCheckSeverity.WARN if warn else dg.AssetCheckSeverity.ERROR,
            metadata={"failing_rows": failures},
        )


def _target_path(candidate: Path) -> Path:
    """One dbt target folder per warehouse: dbt re-parses only what changed (a fresh
    folder per command cost a full parse, ~15 s)."""
    return candidate.parent / "dbt_target"


def _raise_on_errors(invocation) -> None:
    """Models or seeds whose SQL failed: nothing downstream can be trusted. (A test that
    could not run is the gate's to judge: it is recorded with its error.)"""
    try:
        results = invocation.get_artifact("run_results.json")["results"]
    except FileNotFoundError as missing:
        raise invocation.get_error() or missing from None
    broken = [
        f"{result['unique_id']}: {(result.get('message') or '').strip()[:300]}"
        for result in results
        if result["status"] == "error" and result["unique_id"].startswith(("model.", "seed."))
    ]
    if broken:
        raise dg.Failure(
            description="dbt could not build: " + "; ".join(broken),
            metadata={"errored_nodes": broken},
        )
