"""Asset checks in the Dagster UI: only real evaluations, judged by the gate.

Real Dagster runs on a tiny asset in a temporary instance, and a real audit history
written by the gate's own writer (warehouse.gate.history).
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pytest

from orchestration.check_evidence import (
    BLOCKS_KEY,
    REVIEW_KEY,
    RUN_KEY,
    gate_metadata,
    judged_evaluations,
    publication_warnings,
    report,
)
from warehouse.gate.history import append_run
from warehouse.gate.records import CheckResult, Evidence

TABLE = dg.AssetKey(["review", "income_statement"])
CHECK = dg.AssetCheckKey(TABLE, "assert_realization_within_full_year_budget")


@dg.multi_asset(
    specs=[dg.AssetSpec(TABLE)],
    check_specs=[dg.AssetCheckSpec(CHECK.name, asset=TABLE)],
    can_subset=True,
)
def income_statement(context: dg.AssetExecutionContext):
    """Evaluates its check only when the run's tag says so (as dbt runs a test or not)."""
    yield dg.MaterializeResult(asset_key=TABLE)
    if context.run.tags.get("evaluate") == "yes":
        evaluation = dg.AssetCheckEvaluation(
            asset_key=TABLE,
            check_name=CHECK.name,
            passed=context.run.tags.get("passed") == "yes",
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                REVIEW_KEY: "realization_within_full_year_budget",
                RUN_KEY: context.run.run_id,
            },
            description="Severity warn — never blocks publication",
        )
        yield from report(context, evaluation)


def _run(instance, evaluate: bool, with_checks: bool = False) -> str:
    selection = dg.AssetSelection.all() if with_checks else dg.AssetSelection.all().without_checks()
    result = dg.materialize(
        [income_statement],
        instance=instance,
        selection=selection,
        tags={"evaluate": "yes" if evaluate else "no"},
    )
    assert result.success
    return result.run_id


def _latest(instance) -> tuple[str, str]:
    """The run and status of the check's latest execution, as the UI picks it."""
    record = instance.event_log_storage.get_latest_asset_check_execution_by_key([CHECK])[CHECK]
    return record.run_id, record.status.value


@pytest.fixture
def instance():
    with dg.instance_for_test() as instance:
        yield instance


def test_a_check_not_evaluated_again_keeps_its_last_evaluation(instance) -> None:
    # GIVEN a night that evaluated the check (failed), unplanned as the nightly job runs it
    first = _run(instance, evaluate=True)
    assert _latest(instance) == (first, "FAILED")
    # WHEN a quiet night materializes the table without evaluating the check
    _run(instance, evaluate=False)
    # THEN the check's latest execution is still the real one, not a skipped one
    assert _latest(instance) == (first, "FAILED")


def test_a_planned_check_left_unevaluated_would_hide_the_last_result(instance) -> None:
    """Why the nightly job plans no checks: Dagster records a planned check the run does
    not evaluate as that run's execution (shown "Skipped")."""
    _run(instance, evaluate=True)
    planned = _run(instance, evaluate=False, with_checks=True)
    assert _latest(instance) == (planned, "PLANNED")


def test_a_planned_check_that_is_evaluated_is_yielded_as_its_result(instance) -> None:
    run = _run(instance, evaluate=True, with_checks=True)
    assert _latest(instance) == (run, "FAILED")


def _audit(path: Path, run_id: str, failing: bool = True) -> None:
    """The gate's history of one run: one warn check with an open material row (new), an
    open row under the materiality threshold, a row of an approved date, and a waived one;
    one error check that blocks."""
    rows = [
        Evidence("111", "600", "TOIMINTAKULUT", "2026-03", Decimal("-100"), Decimal("-150"),
                 Decimal("-50"), explanation="yli koko vuoden", novelty="new",
                 org_unit_name="Yhteiset palvelut", line_name="Toimintakulut"),
        Evidence("111", "600", "MAKSU", "2026-03", Decimal("10"), Decimal("10.4"),
                 Decimal("0.4"), explanation="pieni", novelty="still", severity="info"),
        Evidence("111", "600", "AVUSTUKSET", "2023-12", Decimal("1"), Decimal("900"),
                 Decimal("899"), explanation="vanha", novelty="still", is_open=False),
        Evidence("111", "606", "VUOKRA", "2026-03", Decimal("5"), Decimal("50"),
                 Decimal("45"), explanation="luvattu", novelty="changed", status="waived",
                 waiver="ok (Testi, until 2026-12-31)"),
    ]  # fmt: skip
    results = [
        CheckResult(
            "realization_within_full_year_budget", "judgement", "warn", "selite",
            "intermediate/x", evidence=rows if failing else [], failures=4 if failing else 0,
        ),
        CheckResult(
            "review_total_equals_ledger", "built", "error", "selite", "review/x",
            evidence=[Evidence("111", "1", "NETTO", "2026-03", explanation="ei täsmää")],
            failures=1,
        ),
    ]  # fmt: skip
    decision = "withheld" if failing else "publish"
    append_run(path, run_id, dt.datetime(2026, 4, 1, 2, 0), results, decision)


def test_after_the_gate_a_check_shows_the_rows_the_morning_review_shows(instance, tmp_path) -> None:
    run = _run(instance, evaluate=True)
    audit = tmp_path / "toteuma.audit.duckdb"
    _audit(audit, run)
    (judged,) = judged_evaluations(instance, run, audit, [CHECK])
    metadata = {name: getattr(value, "value", value) for name, value in judged.metadata.items()}
    # the open, material rows only: the approved date's row and the info row are counted
    assert metadata["open rows (morning review)"] == 2
    assert metadata["not shown: approved dates or closed years"] == 1
    assert metadata["not shown: under the materiality threshold (info)"] == 1
    assert (metadata["new"], metadata["changed"], metadata["still failing"]) == (1, 1, 0)
    evidence = metadata["evidence"]
    assert "Toimintakulut (TOIMINTAKULUT)" in evidence and "UUSI" in evidence
    assert "-50\u00a0€" in evidence and "600 Yhteiset palvelut" in evidence
    assert "| Tiedosto |" not in evidence  # no row names a file: no empty column
    assert "MUUTTUNUT" in evidence and "poikkeuslupa" in evidence
    assert "2023" not in evidence and "MAKSU" not in evidence
    # judged: failed and warn, so it does not block publication
    assert not judged.passed and judged.severity == dg.AssetCheckSeverity.WARN
    assert metadata[BLOCKS_KEY] == "no" and metadata["status after waivers"] == "failed"
    assert (metadata["failing rows"], metadata["unwaived rows"]) == (4, 3)


def test_a_passed_check_is_not_told_again_by_the_gate(instance, tmp_path) -> None:
    """Nothing to waive or show: the step's own evaluation stands."""
    run = dg.materialize(
        [income_statement],
        instance=instance,
        selection=dg.AssetSelection.all().without_checks(),
        tags={"evaluate": "yes", "passed": "yes"},
    ).run_id
    audit = tmp_path / "toteuma.audit.duckdb"
    _audit(audit, run, failing=False)
    assert judged_evaluations(instance, run, audit, [CHECK]) == []


def test_a_check_of_a_table_materialized_without_it_shows_its_last_outcome_labelled(
    instance, tmp_path
) -> None:
    first = _run(instance, evaluate=True)
    quiet = _run(instance, evaluate=False)
    audit = tmp_path / "toteuma.audit.duckdb"
    _audit(audit, quiet)
    (kept,) = judged_evaluations(instance, quiet, audit, [CHECK])
    metadata = {name: getattr(value, "value", value) for name, value in kept.metadata.items()}
    assert metadata[RUN_KEY] == first
    assert first in metadata["kept"] and kept.description.startswith(f"Kept from run {first}")
    assert not kept.passed and metadata["open rows (morning review)"] == 2
    # a table materialized in neither run gets nothing: its check keeps what it had
    other = dg.AssetCheckKey(dg.AssetKey(["marts", "dim_account"]), "unique_account")
    assert judged_evaluations(instance, quiet, audit, [other]) == []


def test_a_landing_check_of_a_night_that_validated_no_file_is_not_told(instance, tmp_path):
    """Nothing of the kind was judged by the gate (no file check of it in the run): its
    last evaluation is not told again as the quiet night's."""
    _run(instance, evaluate=True)
    quiet = _run(instance, evaluate=False)
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, quiet, dt.datetime(2026, 4, 2), [], "publish")
    assert judged_evaluations(instance, quiet, audit, [CHECK]) == []


def test_the_gate_and_the_publication_say_in_numbers_and_tables_what_failed(tmp_path) -> None:
    audit = tmp_path / "toteuma.audit.duckdb"
    _audit(audit, "run-1")
    warnings = publication_warnings(audit, "run-1")
    assert warnings == {
        "warning checks": 1,
        "warning rows": 3,
        "open warning rows (morning review)": 1,  # not the approved date's nor the info row
        "waived checks": 1,
    }
    blocking = CheckResult("review_total_equals_ledger", "built", "error", "", "", failures=1)
    passed = CheckResult("unique_x", "built", "error", "", "")
    metadata = gate_metadata([blocking, passed])
    assert (metadata["checks run"], metadata["blocking checks"]) == (2, 1)
    table = metadata["failing and waived checks"].value
    assert "| review_total_equals_ledger | error | failed | yes | 1 | 1 |" in table
    assert "unique_x" not in table
