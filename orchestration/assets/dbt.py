"""The dbt project as assets: every model an asset, every dbt test an asset check."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.check_evidence import check_description, explained
from orchestration.dbt_project import dbt_project
from orchestration.resources import WarehouseResource
from orchestration.settings import export_for_dbt
from warehouse.gate.dbt_results import record_dbt_tests


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
    """Seeds and models of the candidate warehouse, then every dbt test, as one step.

    Write-audit-publish: every model is built even when data is wrong (dbt `build` would
    skip a failing test's children); the tests then record what is wrong, and the quality
    gate decides. A model that does not build fails the step.
    """
    settings = warehouse.settings
    export_for_dbt(settings)
    # One target folder per warehouse: dbt re-parses the project only when it changed
    # (a fresh folder per command cost a full parse, ~15 s, three times a run).
    target = settings.candidate_path.parent / "dbt_target"
    for command in ("seed", "run"):
        invocation = dbt.cli([command], context=context, raise_on_error=False, target_path=target)
        yield from invocation.stream()
        _raise_on_errors(invocation)
    tests = dbt.cli(["test"], context=context, raise_on_error=False, target_path=target)
    failed = []
    for event in tests.stream():
        if isinstance(event, dg.AssetCheckResult) and not event.passed:
            failed.append(event)  # told again below, with description and evidence rows
        else:
            yield event
    manifest = tests.get_artifact("manifest.json")
    recorded = record_dbt_tests(
        settings.candidate_path,
        context.run.run_id,
        tests.get_artifact("run_results.json"),
        manifest,
    )
    yield from explained(failed, recorded, manifest, settings.candidate_path)


def _raise_on_errors(invocation) -> None:
    """Models or seeds whose SQL failed: nothing downstream can be trusted."""
    try:
        results = invocation.get_artifact("run_results.json")["results"]
    except FileNotFoundError as missing:
        raise invocation.get_error() or missing from None
    broken = [
        f"{result['unique_id']}: {(result.get('message') or '').strip()[:300]}"
        for result in results
        if result["status"] == "error"
    ]
    if broken:
        raise dg.Failure(
            description="dbt could not build: " + "; ".join(broken),
            metadata={"errored_nodes": broken},
        )
