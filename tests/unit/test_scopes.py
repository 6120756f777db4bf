"""What a failure holds back: its scope, and the night's decision from all of them."""

from warehouse.gate.decide import GateDecision
from warehouse.gate.records import CheckResult, Evidence
from warehouse.gate.scopes import (
    GOAL_WORKBOOK,
    LEDGER_MONTH,
    MASTER_DATA,
    MUNICIPALITY,
    WAREHOUSE,
    Scope,
    scope_of_row,
)

BOTH = frozenset({"111", "222"})


def _check(name, *rows: Evidence, severity="error", failures=None) -> CheckResult:
    return CheckResult(
        name, "incoming", severity, "", "raw/gl_postings", list(rows),
        failures=len(rows) if failures is None else failures,
    )  # fmt: skip


def _row(scope: Scope | None, status="failed") -> Evidence:
    return Evidence(municipality_code=scope.municipality_code if scope else None,
                    scope=scope, status=status)  # fmt: skip


MARCH_222 = Scope(LEDGER_MONTH, "222", "", "2026-03")


def test_a_bad_ledger_month_of_one_municipality_withholds_only_it():
    decision = GateDecision("r", [_check("gl_postings.account_known", _row(MARCH_222))], BOTH)
    assert decision.decision == "partial" and decision.publish
    assert decision.holding.held_municipalities == {"222"}
    assert decision.verdict.withheld[0].scope.described == "kunnan 222 kirjanpito 3/2026"


def test_when_every_municipality_is_held_nothing_is_published():
    held = [_row(MARCH_222), _row(Scope(MASTER_DATA, "111"))]
    decision = GateDecision("r", [_check("gl_postings.account_known", *held)], BOTH)
    assert decision.decision == "withheld" and not decision.publish


def test_a_single_city_with_a_bad_month_is_withheld_as_before():
    decision = GateDecision(
        "r", [_check("gl_postings.account_known", _row(MARCH_222))], frozenset({"222"})
    )
    assert decision.decision == "withheld"


def test_a_unit_goal_workbook_withholds_its_goals_and_the_finance_figures_publish():
    unit = Scope(GOAL_WORKBOOK, "111", "600")
    decision = GateDecision("r", [_check("goal_workbooks.file_is_readable", _row(unit))], BOTH)
    assert decision.decision == "partial"
    assert decision.holding.held_municipalities == frozenset()
    assert decision.holding.held_goals == (("111", "600"),)


def test_rows_that_cannot_be_placed_or_a_check_that_could_not_run_hold_everything():
    unplaced = GateDecision("r", [_check("review_total_equals_ledger", _row(None))], BOTH)
    broken = _check("x")
    broken.error = "the check could not run"
    assert unplaced.decision == "withheld"
    assert GateDecision("r", [broken], BOTH).decision == "withheld"


def test_waived_rows_and_warnings_hold_nothing():
    waived = _check("gl_postings.account_known", _row(MARCH_222, status="waived"))
    warning = _check("deviations_explained", _row(MARCH_222), severity="warn")
    assert GateDecision("r", [waived, warning], BOTH).decision == "publish"


def test_failing_rows_beyond_the_evidence_kept_hold_their_scopes_too():
    check = _check("parent_equals_sum_of_children", _row(Scope(MUNICIPALITY, "111")), failures=5)
    check.unseen_scopes = {Scope(MUNICIPALITY, "222")}
    assert GateDecision("r", [check], BOTH).holding.held_municipalities == BOTH


def test_a_dbt_rows_scope_follows_its_models_domain():
    assert scope_of_row("shared", "111", None) == Scope(WAREHOUSE)
    assert scope_of_row("goals", "111", "600") == Scope(GOAL_WORKBOOK, "111", "600")
    assert scope_of_row("finance", "111", "600") == Scope(MUNICIPALITY, "111")
    assert scope_of_row("finance", None, "600") == Scope(WAREHOUSE)
