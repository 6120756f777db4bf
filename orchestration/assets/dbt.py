"""The dbt project as assets: every model an asset, every dbt test an asset check."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.dbt_project import dbt_project
from orchestration.resources import WarehouseResource
from orchestration.settings import export_for_dbt


class ToteumaTranslator(DagsterDbtTranslator):
    """Asset keys read like the warehouse: raw/gl_postings, marts/dim_period, review/...."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        schema = dbt_resource_props["config"].get("schema") or dbt_resource_props["schema"]
        name = dbt_resource_props.get("alias") or dbt_resource_props["name"]
        return dg.AssetKey([schema, name])


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=ToteumaTranslator(),
)
def toteuma_dbt(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    """`dbt build` in the candidate warehouse, as one step.

    Failing tests do not fail the step: they are reported as failed asset checks, and
    dbt skips the models downstream of an error-severity failure. A model that does not
    build fails the step.
    """
    export_for_dbt(warehouse.settings)
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    yield from invocation.stream()
    broken = _errored_nodes(invocation)
    if broken:
        raise dg.Failure(
            description="dbt could not build: " + "; ".join(broken),
            metadata={"errored_nodes": broken},
        )


def _errored_nodes(invocation) -> list[str]:
    """Nodes whose SQL failed to run (not tests that ran and found rows)."""
    try:
        results = invocation.get_artifact("run_results.json")["results"]
    except FileNotFoundError as missing:
        error = invocation.get_error()
        raise error or missing from None
    return [
        f"{result['unique_id']}: {(result.get('message') or '').strip()[:300]}"
        for result in results
        if result["status"] == "error"
    ]
