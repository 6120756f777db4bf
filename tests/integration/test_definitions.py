"""The one Definitions object loads and wires the nightly graph as promised."""

import json
from pathlib import Path

import dagster as dg

from ingest.sources import SOURCES
from orchestration.dbt_project import dbt_project
from orchestration.definitions import defs


def test_definitions_load_with_ingest_dbt_and_publish_assets():
    # GIVEN the code location's Definitions WHEN the asset graph is resolved
    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    # THEN every source kind, the review tables and the publish step are assets
    for kind in SOURCES:
        assert f"raw/{kind}" in keys
    for table in ("income_statement", "binding_budget", "investments"):
        assert f"review/{table}" in keys
    assert "marts/fct_actuals_monthly" in keys
    assert "published_warehouse" in keys


def test_dbt_tests_appear_as_asset_checks():
    checks = defs.resolve_asset_graph().asset_check_keys
    review_checks = [
        c for c in checks if c.asset_key == dg.AssetKey(["review", "income_statement"])
    ]
    assert review_checks, "dbt tests on review.income_statement should be asset checks"


def test_publish_waits_for_the_quality_gate_which_waits_for_review_and_raw():
    graph = defs.resolve_asset_graph()
    assert dg.AssetKey("quality_gate") in graph.get(dg.AssetKey("published_warehouse")).parent_keys
    gate_parents = graph.get(dg.AssetKey("quality_gate")).parent_keys
    assert dg.AssetKey(["review", "income_statement"]) in gate_parents
    assert dg.AssetKey(["raw", "gl_postings"]) in gate_parents


def test_goal_tables_feed_the_goal_review_models():
    graph = defs.resolve_asset_graph()
    assert dg.AssetKey(["review", "goals"]) in graph.get_all_asset_keys()
    staging = graph.get(dg.AssetKey(["staging", "stg_goals__goals"]))
    assert dg.AssetKey(["raw", "goals"]) in staging.parent_keys


def test_nightly_schedule_runs_at_two_in_helsinki():
    schedule = defs.resolve_schedule_def("toteuma_nightly_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Europe/Helsinki"
    assert schedule.job_name == "toteuma_nightly"


def test_landing_sensor_targets_the_nightly_job():
    sensor = defs.resolve_sensor_def("landing_sensor")
    assert sensor.job_name == "toteuma_nightly"


def test_every_check_says_its_severity_and_whether_it_blocks_and_none_stops_the_run():
    """Dagster's own `blocking` would stop the run before the gate applies waivers: the
    checks say instead, in words the UI shows, what the gate does with a failure."""
    manifest = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))
    severities = {
        node["name"]: node["config"]["severity"].lower()
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
    }
    specs = [spec for assets in defs.assets for spec in getattr(assets, "check_specs", [])]
    # every dbt test but the two that read the controls (no model of their own) is a check
    # (166 since a table's row rules became one test each)
    missing = set(severities) - {spec.name for spec in specs}
    assert len(missing) <= 2 and len(specs) > 150, missing
    seen = set()
    for spec in specs:
        assert not spec.blocking, spec.name
        if spec.name == "landing_files_meet_expectations":
            assert "blocks publication (after waivers)" in spec.description
            continue
        severity = severities[spec.name]
        seen.add(severity)
        first_line = spec.description.splitlines()[0]
        if severity == "error":
            assert first_line.startswith("Severity error — blocks publication (after waivers)")
        else:
            assert first_line.startswith("Severity warn — never blocks publication")
        assert spec.metadata["severity"] == severity
        assert spec.metadata["blocks publication (after waivers)"] == (
            "yes" if severity == "error" else "no"
        )
    assert seen == {"error", "warn"}


def test_the_nightly_job_plans_no_check_so_an_unevaluated_one_keeps_its_last_result():
    job = defs.resolve_job_def("toteuma_nightly")
    assert job.asset_layer.asset_graph.asset_check_keys == set()
    # ... while the assets whose checks the steps report are all in it
    assert {dg.AssetKey(["raw", "gl_postings"]), dg.AssetKey(["review", "income_statement"])} <= (
        job.asset_layer.executable_asset_keys
    )
