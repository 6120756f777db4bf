"""The dbt step builds in the run's own process, again and again in one process.

dbt keeps global state between invocations (flags, adapters, dbt-duckdb's DuckDB
environment); the Dagster daemon and a test session run many builds in one process.
Three builds of the dbt step in this pytest process, on the small hand-checkable raw
dataset of dbt_project/fixtures/raw: a full build, a partial build whose model SQL fails
(the step fails and names the model), and a full build once the input is whole again
(a failed build is forgotten, so the next builds everything). After each, another
process can write the candidate: dbt closed it.
"""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ingest.goals.load import ensure_goal_tables
from orchestration.assets.dbt import toteuma_dbt
from orchestration.resources import WarehouseResource
from orchestration.settings import DBT_PROJECT_DIR
from warehouse.controls.load import ensure_controls_tables
from warehouse.settings import load_settings

FIXTURES = DBT_PROJECT_DIR / "fixtures" / "raw"
LEDGER_MODEL = "model.toteuma.stg_finance__gl_postings"


def _fixture(name: str) -> str:
    return (FIXTURES / f"{name}.sql").read_text(encoding="utf-8")


def _writable_by_another_process(path: Path) -> subprocess.CompletedProcess:
    """DuckDB lets one process write a file: this fails while dbt still holds it open."""
    code = (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1]);"
        " con.execute('create or replace table main.probe as select 1 as x'); con.close()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )


def _ledger_rerexported(candidate: Path, column: str) -> None:
    """Stand for a re-exported ledger file: its record's hash changes (what the build's
    fingerprint reads), and the ledger's `amount` column carries the name given."""
    with duckdb.connect(str(candidate)) as con:
        names = {
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns"
                " where table_schema = 'raw' and table_name = 'gl_postings'"
            ).fetchall()
        }
        current = "amount" if "amount" in names else "amount_lost"
        if current != column:
            con.execute(f"alter table raw.gl_postings rename column {current} to {column}")
        con.execute(
            "update raw.ingested_files set source_hash = source_hash || 'x'"
            " where source_file = (select min(source_file) from raw.ingested_files)"
        )


@dataclass
class Build:
    result: dg.ExecuteInProcessResult
    logged: str  # what the step logged (Dagster's user messages)
    writable: subprocess.CompletedProcess  # another process writing the candidate after


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The three builds, in one process, one instance."""
    base = tmp_path_factory.mktemp("dbt_in_process")
    settings = load_settings(base / "warehouse" / "toteuma.duckdb")
    settings.candidate_path.parent.mkdir(parents=True)
    with duckdb.connect(str(settings.candidate_path)) as con:
        con.execute(_fixture("base"))
        con.execute(_fixture("midyear_098"))
        ensure_goal_tables(con)
        ensure_controls_tables(con)
        con.execute(_fixture("ingested_files"))
        con.execute(_fixture("publication_snapshot"))
    resource = WarehouseResource(warehouse_path=str(settings.warehouse_path))
    done = {}
    with pytest.MonkeyPatch.context() as env, dg.instance_for_test() as instance:
        # the step exports the candidate's path for dbt's profile: undone after the module
        env.setenv("TOTEUMA_CANDIDATE_PATH", str(settings.candidate_path))

        def build(name: str):
            result = dg.materialize(
                [toteuma_dbt],
                resources={"warehouse": resource},
                instance=instance,
                raise_on_error=False,
            )
            logged = "\n".join(
                entry.user_message
                for entry in instance.all_logs(result.run_id)
                if entry.user_message
            )
            done[name] = Build(
                result, logged, _writable_by_another_process(settings.candidate_path)
            )

        build("full")
        _ledger_rerexported(settings.candidate_path, "amount_lost")
        build("broken")
        _ledger_rerexported(settings.candidate_path, "amount")
        build("mended")
    return done


def _built(result: dg.ExecuteInProcessResult) -> set[str]:
    return {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}


def test_a_full_build_in_process_reports_each_model_and_closes_the_file(builds):
    build = builds["full"]
    result, writable = build.result, build.writable
    assert result.success
    built = _built(result)
    # every layer's models and the seeds, one materialization each, named by the translator
    assert {"staging/stg_finance__gl_postings", "marts/fct_actuals_monthly"} <= built
    assert {"review/income_statement", "seeds/report_lines"} <= built
    # no build before it: every model, incremental ones built whole (`--full-refresh`)
    assert (
        "Running dbt command: `dbt build --full-refresh --exclude test_type:unit`" in build.logged
    )
    # the tests reached Dagster as check evaluations
    assert result.get_asset_check_evaluations()
    assert writable.returncode == 0, writable.stderr


def test_a_model_whose_sql_fails_fails_the_step_and_names_the_model(builds):
    build = builds["broken"]
    result, writable = build.result, build.writable
    assert not result.success
    (failure,) = [event for event in result.all_events if event.is_step_failure]
    error = failure.step_failure_data.error
    assert "dbt could not build" in error.message and LEDGER_MODEL in error.message
    assert "amount" in error.message  # dbt's own words on the missing column
    # only what reads the re-exported ledger was selected
    assert "--select source:raw.gl_postings+" in build.logged
    assert writable.returncode == 0, writable.stderr


def test_the_next_build_in_the_same_process_works_again(builds):
    build = builds["mended"]
    result, writable = build.result, build.writable
    assert result.success
    # a failed build is forgotten: the next builds everything
    assert {"staging/stg_finance__gl_postings", "review/income_statement"} <= _built(result)
    assert (
        "Running dbt command: `dbt build --full-refresh --exclude test_type:unit`" in build.logged
    )
    assert writable.returncode == 0, writable.stderr
