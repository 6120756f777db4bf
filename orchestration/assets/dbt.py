"""The dbt project as assets: every model an asset, every dbt test an asset check."""

import graphlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, dbt_assets
from dagster_dbt.asset_utils import get_asset_check_key_for_test
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

from orchestration.assets.publish_keys import GATE_UPSTREAM
from orchestration.check_evidence import dbt_check_spec, dbt_evaluation, report
from orchestration.dbt_project import dbt_project
from orchestration.dbt_runner import DbtBuild, parsed_project, project_manifest
from orchestration.dbt_runner import build as dbt_build
from orchestration.resources import WarehouseResource
from orchestration.settings import DBT_PROJECT_DIR, export_for_dbt
from warehouse.build_state import (
    build_fingerprint,
    forget_build,
    last_build,
    record_build,
    scoped_to_ledger,
    selectors_reading,
)
from warehouse.gate.dbt_results import record_dbt_tests, reuse_dbt_tests
from warehouse.publish.publication import ensure_published_months_table


class ToteumaTranslator(DagsterDbtTranslator):
    """Keys read like the warehouse (raw/gl_postings, review/income_statement); checks say
    their severity and whether they block publication, and never stop the run (Dagster's
    `blocking` is off): the quality gate decides publication, after waivers."""

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
        return dbt_check_spec(spec, manifest.get("nodes", {}).get(unique_id, {}))


TRANSLATOR = ToteumaTranslator()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=TRANSLATOR,
)
def toteuma_dbt(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Seeds, models and every dbt test of the candidate warehouse, as one step.

    Write-audit-publish: every model is built even when data is wrong (no failed test
    skips the models below it); the tests record what is wrong, and the quality gate
    decides. A model that does not build fails the step. Against the last successful
    build (warehouse.build_state): when nothing dbt reads has changed, dbt is not run
    and that build stands; when only some tables changed, dbt builds what reads them.

    In Dagster only what this run did is recorded: the models built and the tests run
    (each test an asset check evaluation, see orchestration/check_evidence.py), and the
    review tables the gate reads (reported as this run's, unchanged since the build, when
    not rebuilt) so that the gate and publication run. The other models keep their
    materialization and the tests their evaluation from the run that built them. dbt runs
    in this process (orchestration/dbt_runner.py) with our selection only, never the
    step's (every model, no tests: the nightly job plans no checks). The whole project is
    built whatever the step's selection: the gate needs every table of one build.
    """
    settings = warehouse.settings
    candidate, run_id = settings.candidate_path, context.run.run_id
    with duckdb.connect(str(candidate)) as con:
        # a source of the re-export check, empty until the first publication writes it
        ensure_published_months_table(con)
    fingerprint = build_fingerprint(candidate, DBT_PROJECT_DIR)
    built = last_build(candidate)
    nodes = project_manifest()  # before export_for_dbt (see there)
    selection: list[str] = []  # dbt's arguments: what to build, and how
    partial = bool(built and built.fingerprint.project == fingerprint.project)
    if partial:
        changed = fingerprint.changed_tables(built.fingerprint)
        selectors = selectors_reading(changed, nodes)
        # that build's test outcomes (and failing rows) are this run's, unless run again
        reused = reuse_dbt_tests(candidate, built.run_id, run_id)
        if not selectors:
            context.log.info(
                f"dbt not run: nothing it reads changed since run {built.run_id} (landing"
                " files, quarantine, controls, publication snapshot, dbt project);"
                f" {reused} test outcomes reused."
            )
            # the tables are those the run that last ran dbt built (a quiet night between
            # records the build again, but builds nothing)
            yield from _unchanged(context, set(), built.tables_built_by or built.run_id)
            record_build(candidate, fingerprint, run_id, built.tables_built_by)
            return
        selection = ["--select", " ".join(selectors)]
        scope = ""
        if scoped_to_ledger(changed):
            # the models on the monthly sums rebuild the municipalities whose ledger changed
            selection += ["--vars", "{ledger_scope: true}"]
            scope = " (scoped to the municipalities whose ledger changed: int_ledger_scope)"
        context.log.info(
            f"dbt builds what reads what changed since run {built.run_id}: {selectors}{scope}"
        )
    else:
        # a new project (or no build to go on): incremental models are built whole again,
        # or a changed model's old rows would stand beside its new ones
        selection = ["--full-refresh"]
    forget_build(candidate)  # until this build has succeeded
    export_for_dbt(settings)  # in this process too: dbt's env_var() reads os.environ
    target = _target_path(candidate)
    parsed = parsed_project(target, fingerprint.project, nodes)
    # One `dbt build` (seeds, models and tests in dependency order), in this process, on
    # the project parsed once (orchestration/dbt_runner.py). The project sets
    # `error_if: "<0"` on every data test, so a failed test reports WARN and never skips
    # the models below it; the gate reads each test's declared severity. The models' unit
    # tests (fixed rows, `unit_tests:`) test our SQL, not tonight's data: they run in the
    # test suite.
    args = ["build", *selection, "--exclude", "test_type:unit"]
    context.log.info(f"Running dbt command: `dbt {' '.join(args)}` (in this process).")
    build: DbtBuild | None = None
    for event in dbt_build(args, target, parsed):
        if isinstance(event, DbtBuild):
            build = event
            continue
        # models and seeds as dbt finishes them; the tests are told below, once recorded
        for told in _materializations(event, parsed.nodes):
            if told.asset_key in context.selected_asset_keys:
                yield dg.MaterializeResult(asset_key=told.asset_key, metadata=told.metadata)
    assert build is not None  # the runner's last item
    context.log.info(
        f"Finished dbt command: `{build.command}` in {build.seconds:.1f} s"
        f" ({'success' if build.success else 'with errors'})."
    )
    _raise_on_errors(build)
    results, manifest = build.results, build.manifest
    recorded = record_dbt_tests(candidate, run_id, results, manifest)
    rebuilt = {
        TRANSLATOR.get_asset_key(manifest["nodes"][result["unique_id"]])
        for result in results["results"]
        if result["unique_id"].startswith(("model.", "seed.")) and result["status"] == "success"
    }
    if partial:
        context.log.info(
            f"dbt rebuilt {len(rebuilt)} models and ran {len(recorded)} tests; the other"
            f" test outcomes of run {built.run_id} stand."
        )
        yield from _unchanged(context, rebuilt, built.run_id)
    for test in recorded:
        key = get_asset_check_key_for_test(manifest, TRANSLATOR, test["unique_id"], dbt_project)
        if key is not None:
            node = manifest["nodes"][test["unique_id"]]
            yield from report(context, dbt_evaluation(key, test, node, run_id))
    # tests alone (e.g. against a new publication snapshot) leave the tables as built
    if partial and not rebuilt:
        record_build(candidate, fingerprint, run_id, built.tables_built_by)
    else:
        record_build(candidate, fingerprint, run_id)


def _unchanged(context: dg.AssetExecutionContext, rebuilt: set[dg.AssetKey], built_by: str):
    """The review tables the gate waits for that dbt did not rebuild, in dependency order."""
    selected = (set(GATE_UPSTREAM) - rebuilt) & context.selected_asset_keys
    deps = context.assets_def.asset_deps
    order = graphlib.TopologicalSorter({key: deps.get(key, set()) & selected for key in selected})
    for key in order.static_order():  # a multi-asset yields its assets in dependency order
        yield dg.MaterializeResult(
            asset_key=key, metadata={"unchanged_since_run": dg.MetadataValue.text(built_by)}
        )


def _target_path(candidate: Path) -> Path:
    """One dbt target folder per warehouse: dbt re-parses only what changed (a fresh
    folder per command cost a full parse, ~15 s)."""
    return candidate.parent / "dbt_target"


def _raise_on_errors(build: DbtBuild) -> None:
    """Models or seeds whose SQL failed: nothing downstream can be trusted. (A test that
    could not run is the gate's to judge: it is recorded with its error.) A build that
    ran no node at all (dbt could not start: the profile, the database file, a selection
    it refused) fails with dbt's message."""
    if build.results is None:
        raise dg.Failure(
            description=f"dbt could not build: {build.exception or 'no run_results.json'}",
            metadata={"dbt_command": build.command},
        )
    broken = [
        f"{result['unique_id']}: {(result.get('message') or '').strip()[:300]}"
        for result in build.results["results"]
        if result["status"] == "error" and result["unique_id"].startswith(("model.", "seed."))
    ]
    if broken:
        raise dg.Failure(
            description="dbt could not build: " + "; ".join(broken),
            metadata={"errored_nodes": broken},
        )


def _materializations(event: dict, manifest: dict) -> Iterator[dg.AssetMaterialization]:
    """A model's or seed's result as dagster-dbt tells it (the asset key through our
    translator; unique_id, invocation_id, duration and status as metadata). The event is
    the dictionary of dbt's JSON log line, which dagster-dbt's event class reads."""
    message = DbtCoreCliEventMessage(raw_event=event, event_history_metadata={})
    for told in message.to_default_asset_events(
        manifest=manifest, dagster_dbt_translator=TRANSLATOR, project=dbt_project
    ):
        if isinstance(told, dg.AssetMaterialization):
            yield told
