"""The demo goal workbooks, read back by the ingest, reproduce the seed reports' tables."""

from collections import Counter

import pytest

from demo.goal_workbooks import write_goal_workbooks
from ingest.goals import GoalWorkbook, goal_files, read_goal_workbook

THEMES = (
    "Hyvinvoinnin kasvu",
    "Uudistuva työ ja asuminen",
    "Vahva kaupunkiyhteisö",
    "Kestävä talous",
)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, GoalWorkbook]:
    landing = tmp_path_factory.mktemp("landing")
    written = write_goal_workbooks(landing)
    assert written == goal_files(landing)
    return {path.stem: read_goal_workbook(path) for path in written}


def test_one_workbook_per_unit_and_reporting_date(workbooks) -> None:
    assert sorted(workbooks) == [
        "111_1_2025-12-31", "111_300_2023-06-30", "111_300_2024-12-31",
        "111_500_2025-03-31", "111_510_2025-03-31", "111_600_2026-03-31",
    ]  # fmt: skip
    for stem, workbook in workbooks.items():
        _, unit, day = stem.split("_")
        assert (workbook.info.unit_code, workbook.info.reporting_date.isoformat()) == (unit, day)


def test_seed_000_binding_goals_per_theme_and_their_statuses(workbooks) -> None:
    goals = [g for g in workbooks["111_300_2024-12-31"].goals if g.goal_kind == "binding"]
    per_theme = Counter((g.theme.split("\n")[0], g.status) for g in goals)
    assert per_theme == {
        (THEMES[0], "Toteutuu osittain"): 3,
        (THEMES[1], "Toteutuu osittain"): 4,
        (THEMES[2], "Toteutuu"): 2,
        (THEMES[3], "Toteutuu"): 3,
    }
    assert {a.as_of_date.isoformat() for g in goals for a in g.assessments} == {
        "2024-09-30", "2024-12-31",
    }  # fmt: skip


def test_every_status_is_kept_as_printed(workbooks) -> None:
    statuses = {
        stem: Counter((g.goal_kind, g.status) for g in workbook.goals)
        for stem, workbook in workbooks.items()
    }
    assert statuses["111_300_2024-12-31"] == {
        ("binding", "Toteutuu osittain"): 7, ("binding", "Toteutuu"): 5,
        ("plan", "Toteutuu osittain"): 18,
    }  # fmt: skip
    assert statuses["111_300_2023-06-30"] == {
        ("binding", "Toteutuu osittain"): 7, ("binding", "Toteutuu"): 2,
        ("plan", "Toteutuu osittain"): 13, ("plan", "Toteutu osittain"): 11,
    }  # fmt: skip
    assert statuses["111_500_2025-03-31"] == {
        ("binding", "Ei tietoa"): 1, ("binding", "toteutuu osittain"): 1,
        ("binding", "Toteutuu osittain"): 1, ("binding", "Toteutuu"): 1,
        ("plan", "Toteutuu"): 13, ("plan", "Toteutuu osittain"): 3,
    }  # fmt: skip
    assert statuses["111_510_2025-03-31"] == {
        ("plan", "Toteutuu osittain"): 4,
        ("plan", "Toteutuu"): 2,
    }
    assert statuses["111_600_2026-03-31"] == {
        ("binding", "Toteutuu osittain"): 12, ("plan", "Toteutuu osittain"): 20,
    }  # fmt: skip


def test_seed_000_indicator_values_are_parsed(workbooks) -> None:
    values = [
        (v.indicator[:12], v.value_kind, v.year, v.value_low, v.value_high, v.value_unit)
        for v in workbooks["111_300_2024-12-31"].indicators
    ]
    assert values == [
        ("TKI-hankkeid", "Tavoite", 2024, None, None, None),
        ("TKI-hankkeid", "Toteutuma", 2024, None, None, None),
        ("Työllisyyspa", "Toteutuma", 2022, 20, 20, None),
        ("Työllisyyspa", "Toteutuma", 2023, 24, 24, None),
        ("Työllisyyspa", "Tavoite", 2024, 20, 20, None),
        ("Työllisyyspa", "Toteutuma", 2024, 20, 20, None),
        ("Myytyjen ton", "Toteutuma", 2022, 10, 10, None),
        ("Myytyjen ton", "Toteutuma", 2023, 6, 6, None),
        ("Myytyjen ton", "Tavoite", 2024, 6, 10, "tonttia"),
        ("Myytyjen ton", "Toteutuma", 2024, 10, 10, None),
        ("Vapaa-ajanas", "Tavoite", 2024, 6, 10, None),
        ("Vapaa-ajanas", "Toteutuma", 2024, 6, 10, None),
        ("Nettomuutto", "Toteutuma", 2022, 77, 77, None),
        ("Nettomuutto", "Toteutuma", 2023, 6, 6, None),
        ("Nettomuutto", "Tavoite", 2024, 50, 50, "henkilöä"),
        ("Nettomuutto", "Toteutuma", 2024, 15, 15, None),
        ("Nettomuutto", "Toteutuma", 2024, 53, 53, None),
    ]


def test_project_totals_match_the_printed_total_rows(workbooks) -> None:
    sector_2024 = workbooks["111_300_2024-12-31"].projects
    assert sum(p.total_funding for p in sector_2024) == 301987
    assert [(p.city_share_pct, p.expense_realization_pct) for p in sector_2024] == [
        (25, 25),
        (20, 0),
    ]
    assert sum(p.total_funding for p in workbooks["111_510_2025-03-31"].projects) == 428194
    assert sum(p.total_funding for p in workbooks["111_600_2026-03-31"].projects) == 818629


def test_the_228_percent_project_is_read_as_228(workbooks) -> None:
    (project,) = [
        p for p in workbooks["111_510_2025-03-31"].projects if p.expense_realization_pct > 200
    ]
    assert (project.name, project.expense_realization_pct) == (
        "Heinolan harrastekerhot lapsille ja nuorille", 228.0,
    )  # fmt: skip


def test_units_without_projects_have_no_projects_sheet(workbooks) -> None:
    assert workbooks["111_500_2025-03-31"].projects == []
    assert workbooks["111_300_2023-06-30"].projects == []
