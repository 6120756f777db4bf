"""The publish step lets out only what this run's quality gate allowed.

The gate's verdict reaches the publish step as the `quality_gate` asset's output; here a
stand-in gate asset hands over the verdict under test, and Dagster runs the real step.
"""

import dagster as dg

from orchestration.assets.publish import published_warehouse
from orchestration.resources import WarehouseResource
from warehouse.gate.decide import Verdict


def _run_with(tmp_path, verdict_of) -> dg.ExecuteInProcessResult:
    @dg.asset(key="quality_gate")
    def gate(context: dg.AssetExecutionContext) -> Verdict:
        return verdict_of(context.run.run_id)

    warehouse = WarehouseResource(warehouse_path=str(tmp_path / "toteuma.duckdb"))
    return dg.materialize(
        [gate, published_warehouse],
        resources={"warehouse": warehouse},
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )


def _failure(result: dg.ExecuteInProcessResult) -> str:
    (failure,) = [event for event in result.all_events if event.is_step_failure]
    assert failure.step_key == "published_warehouse"
    return failure.step_failure_data.user_failure_data.description


def test_an_earlier_runs_verdict_publishes_nothing(tmp_path):
    # GIVEN a verdict "publish" that an earlier run's gate made (as the UI's selection of
    # the publish step alone would read it from storage)
    result = _run_with(tmp_path, lambda run_id: Verdict("an-earlier-run", True, ()))
    # THEN the step fails, saying the gate did not run, and no file is published
    assert "laatuportti ei toiminut tässä ajossa" in _failure(result)
    assert not (tmp_path / "toteuma.duckdb").exists()


def test_a_withheld_verdict_fails_the_step_naming_the_blocking_checks(tmp_path):
    result = _run_with(
        tmp_path, lambda run_id: Verdict(run_id, False, ("gl_postings.account_known",))
    )
    assert "gl_postings.account_known" in _failure(result)
    assert not (tmp_path / "toteuma.duckdb").exists()
