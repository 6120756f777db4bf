"""The seed reports' real discrepancies reach the controllers as warnings, with their figures,
and the goal tables are published beside the money."""

import duckdb
import pytest


@pytest.fixture(scope="module")
def audit(demo_run):
    path = demo_run.warehouse.with_name("toteuma.audit.duckdb")
    with duckdb.connect(str(path), read_only=True) as con:
        yield con


def _failures(audit, check):
    cursor = audit.execute(
        "select severity, org_unit_code, line_code, period, expected, actual, difference "
        "from audit.check_failures where check_name = ?",
        [check],
    )
    return cursor.fetchall()


def test_demo_run_published_with_warnings_only(audit):
    runs = audit.execute("select decision, blocking_checks from audit.runs").fetchall()
    assert runs == [("publish", 0)]
    blocking = audit.execute(
        "select check_name from audit.check_results where blocks_publication"
    ).fetchall()
    assert blocking == []


def test_forecast_grains_disagree_for_yhteiset_palvelut_2026(audit):
    rows = _failures(audit, "forecast_grains_agree")
    row = next(r for r in rows if r[1] == "600" and r[2] == "TOIMINTAKULUT")
    assert row[0] == "warn"
    assert (float(row[4]), float(row[5]), float(row[6])) == (-9720700.0, -10233700.0, -513000.0)


def test_grant_paid_back_shows_as_negative_revenue(audit):
    rows = _failures(audit, "no_negative_revenue_or_positive_cost_lines")
    row = next(r for r in rows if r[1] == "320" and r[2] == "TUET" and r[3] == "2024-12-31")
    assert row[0] == "warn" and round(float(row[5])) == -132480


def test_hobby_club_project_at_228_percent_and_two_net_migration_figures(audit):
    projects = audit.execute(
        "select explanation, actual from audit.check_failures "
        "where check_name like '%project_expense_realisation%'"
    ).fetchall()
    assert any(
        "harrastekerhot" in text.lower() and float(actual) == 228.0 for text, actual in projects
    )
    migration = audit.execute(
        "select expected, actual from audit.check_failures "
        "where check_name like '%indicator_single_value_per_year%' and period like '2024%'"
    ).fetchall()
    assert (15, 53) in {(int(e), int(a)) for e, a in migration}


def test_goal_review_tables_are_published(demo_run):
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        total = con.execute(
            "select sum(total_funding) from review.projects "
            "where org_unit_code = '300' and reporting_date = date '2024-12-31'"
        ).fetchall()[0][0]
        statuses = {
            row[0] for row in con.execute("select distinct status from review.goals").fetchall()
        }
    assert float(total) == 301987.0
    assert statuses <= {"Toteutuu", "Toteutuu osittain", "Ei toteudu", "Ei tietoa", None}
    assert "Toteutuu osittain" in statuses
