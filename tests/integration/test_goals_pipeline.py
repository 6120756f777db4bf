"""Goal workbooks → raw.goal_* → dbt (goal models and checks only) on a tmp_path warehouse.

The demo workbooks carry the seed reports' real cases; two workbooks written here add a
clean unit (municipality 999: every check passes for it) and a broken one (municipality
998: each error check fails for it), so every check is seen both passing and failing.
"""

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from openpyxl import Workbook

from demo.goal_workbooks import write_goal_workbooks
from ingest.goals.load import load_goal_workbooks
from ingest.load import ensure_raw_tables
from orchestration.assets.goals import goal_assets
from orchestration.resources import LandingResource, WarehouseResource
from warehouse.controls.load import ensure_controls_tables
from warehouse.gate.dbt_results import record_dbt_tests
from warehouse.gate.decide import run_gate
from warehouse.hetu import MASK

ROOT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")
REVIEW_MODELS = ["rpt_goals", "rpt_goal_status_summary", "rpt_indicators", "rpt_projects"]
REVIEW_MODELS += ["rpt_risks", "dim_strategic_theme"]
RISK_WITH_CODE = "Avainhenkilöriski; varahenkilö 131052-308T"  # typed by a person, a real code
HETU = r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]"
THEME = "Kestävä talous\n• Velkamäärän vähentäminen\n• Käyttötalouden tasapaino"
ERROR_CHECKS = {
    "assert_goal_status_in_vocabulary",
    "assert_project_city_share_within_0_100",
    "assert_risk_probability_and_significance_in_1_3",
}
WARN_CHECKS = {
    "assert_goal_assessment_for_each_reporting_date",
    "assert_goal_status_written_as_in_vocabulary",
    "assert_indicator_single_value_per_year",
    "assert_project_expense_realisation_within_funding",
}


def write_workbook(
    path: Path,
    municipality: int,
    statuses: list[str],
    project: tuple,
    risk: str = "Avainhenkilöriski",
) -> Path:
    """A small workbook of every sheet: goals with both Toteuma texts, one risk, one project."""
    book = Workbook()
    info = book.active
    info.title = "Tiedot"
    for row in (("Kunta", municipality), ("Yksikkö", "X1"), ("Raportointipäivä", "30.6.2025")):
        info.append(row)
    goals = book.create_sheet("Sitovat tavoitteet")
    goals.append(["Strateginen päämäärä", "Tavoite 2025", "Toteuma 31.3.", "Toteuma 30.6.", "Tila"])
    for index, status in enumerate(statuses):
        theme = THEME if index == 0 else None
        goals.append([theme, f"Tavoite {index + 1}", "Alkanut.", "Etenee.", status])
    indicators = book.create_sheet("Tunnusluvut")
    indicators.append(["Tunnusluku", "Tavoite 2025", "Toteutuma 2025"])
    indicators.append(["Myytyjen tonttien määrä", "6–10 tonttia", "8"])
    risks = book.create_sheet("Riskit")
    risks.append(["Riskiluokka", "Tunnistettu riski", "Todennäköisyys", "Merkittävyys"])
    risks.append(["Toiminnallinen riski", risk, 2, 3])
    projects = book.create_sheet("Hankkeet")
    projects.append(
        ["Strateginen päämäärä", "Hankkeen nimi", "Kokonaisrahoitus", "Rahoittaja"]
        + ["Kaupungin rahoitusosuus %", "Menojen toteuma %"]
    )
    projects.append([THEME, "Testihanke", "10 000", "EAKR", *project])
    book.save(path)
    return path


def dbt(command: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = [DBT, command, "--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
    return subprocess.run(
        [*base, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """Demo + clean + broken workbooks loaded and built; returns the db and test results."""
    base = tmp_path_factory.mktemp("goals")
    landing, candidate = base / "landing", base / "toteuma.candidate.duckdb"
    write_goal_workbooks(landing)
    clean = landing / "goals" / "999_clean.xlsx"
    write_workbook(clean, 999, ["Toteutuu", "Ei toteudu"], (25, 1), risk=RISK_WITH_CODE)
    broken = ["Toutu osittain", "Aivan muuta"]
    write_workbook(landing / "goals" / "998_broken.xlsx", 998, broken, ("150 %", "50 %"))
    load_goal_workbooks(candidate, landing)
    with duckdb.connect(str(candidate)) as con:
        ensure_raw_tables(con)  # dbt parses the finance sources too
        ensure_controls_tables(con)  # release status of goal rows: nothing signed off here
        # The reader rejects a score outside 1..3; the check guards raw rows arriving otherwise.
        con.execute("update raw.risks set probability = 4 where municipality_code = '998'")
    target = base / "dbt_target"
    env = {
        **os.environ,
        "TOTEUMA_CANDIDATE_PATH": str(candidate),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(base / "dbt_logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    for command, args in (("seed", []), ("run", ["--select", *(f"+{m}" for m in REVIEW_MODELS)])):
        done = dbt(command, *args, env=env)
        assert done.returncode == 0, done.stdout[-4000:]
    # cautious: the goal tables' release status reaches into the (empty) finance models, whose
    # tests on models outside this selection would fail for want of their other parent
    tested = dbt(
        "test", "--select", *(f"+{m}" for m in REVIEW_MODELS), "--indirect-selection",
        "cautious", env=env,
    )  # fmt: skip
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    # dbt reports every failed test as WARN (the project's error_if); the gate reads the
    # declared severity: (status, declared severity) per test
    statuses = {
        r["unique_id"].split(".")[2]: (
            r["status"],
            manifest["nodes"][r["unique_id"]]["config"]["severity"].lower(),
        )
        for r in results
        if r["unique_id"].startswith("test.")
    }
    return {"db": candidate, "statuses": statuses, "output": tested.stdout}


def query(built: dict, sql: str) -> list[tuple]:
    with duckdb.connect(str(built["db"]), read_only=True) as con:
        return con.execute(sql).fetchall()


def evidence(built: dict, check: str, where: str = "true") -> list[tuple]:
    return query(built, f"select * exclude (explanation) from audit_dbt.{check} where {where}")


def test_only_the_broken_workbook_fails_error_checks_and_contracts_hold(built) -> None:
    statuses = built["statuses"]
    failed = {name for name, (status, severity) in statuses.items() if status != "pass"}
    assert failed == ERROR_CHECKS | WARN_CHECKS, built["output"][-4000:]
    assert {name for name in failed if statuses[name][1] == "error"} == ERROR_CHECKS
    assert {name for name in failed if statuses[name][1] == "warn"} == WARN_CHECKS


def test_goals_per_unit_kind_and_theme(built) -> None:
    rows = query(
        built,
        """select org_unit_code, reporting_date, sum(goal_count)
        from review.goal_status_summary where municipality_code = '111'
        group by all order by all""",
    )
    assert [(unit, day.isoformat(), count) for unit, day, count in rows] == [
        ("300", "2023-06-30", 33), ("300", "2024-12-31", 30), ("500", "2025-03-31", 20),
        ("510", "2025-03-31", 6), ("600", "2026-03-31", 32),
    ]  # fmt: skip
    seed_000 = query(
        built,
        """select goal_kind, theme, goal_count from review.goal_status_summary
        where municipality_code = '111' and org_unit_code = '300'
            and reporting_date = '2024-12-31'""",
    )
    hyv, uud, vah, kes = (
        "Hyvinvoinnin kasvu", "Uudistuva työ ja asuminen", "Vahva kaupunkiyhteisö",
        "Kestävä talous",
    )  # fmt: skip
    assert sorted(seed_000) == sorted([
        ("binding", hyv, 3), ("binding", uud, 4), ("binding", vah, 2), ("binding", kes, 3),
        ("operational", hyv, 6), ("operational", uud, 6), ("operational", vah, 3),
        ("operational", kes, 3),
    ])  # fmt: skip


def test_every_status_normalised_to_the_four_words(built) -> None:
    rows = query(
        built,
        """select org_unit_code, goal_kind, status_original, status, count(*)
        from review.goals where municipality_code = '111' and status_original is not null
        group by all""",
    )
    assert {status for *_, status, _ in rows} == {"Toteutuu", "Toteutuu osittain", "Ei tietoa"}
    assert ("300", "operational", "Toteutu osittain", "Toteutuu osittain", 11) in rows
    assert ("500", "binding", "toteutuu osittain", "Toteutuu osittain", 1) in rows
    totals = Counter()
    for unit, kind, _, status, count in rows:
        totals[(unit, kind, status)] += count
    assert totals[("300", "binding", "Toteutuu")] == 7
    assert totals[("300", "operational", "Toteutuu osittain")] == 42
    assert totals[("500", "operational", "Toteutuu")] == 13


def test_seed_000_indicators_parsed(built) -> None:
    rows = query(
        built,
        """select indicator_name, year, kind, value_seq, value_low, value_high, value_unit,
            source_note, is_target_met
        from review.indicators where source_file = '111_300_2024-12-31.xlsx'
        order by source_row, year, kind, value_seq""",
    )
    d = Decimal
    tki = "TKI-hankkeiden määrä yritysten ja korkeakoulujen kanssa."
    partners, plots = "Työllisyyspalveluiden yrityskumppaneiden määrä", "Myytyjen tonttien määrä"
    homes = "Vapaa-ajanasuntojen muuttaminen vakituisiksi asunnoiksi."
    register = "Heinolan väestötiedon mukaan"
    statistics_finland = "tilastokeskuksen ennakkotietojen perusteella"
    assert rows == [
        (tki, 2024, "actual", 1, None, None, None, None, None),
        (tki, 2024, "target", 1, None, None, None, None, None),
        (partners, 2022, "actual", 1, d(20), d(20), None, None, None),
        (partners, 2023, "actual", 1, d(24), d(24), None, None, False),  # 2023 target 25 (001)
        (partners, 2024, "actual", 1, d(20), d(20), None, None, True),
        (partners, 2024, "target", 1, d(20), d(20), None, None, None),
        (plots, 2022, "actual", 1, d(10), d(10), None, None, None),
        (plots, 2023, "actual", 1, d(6), d(6), None, None, None),
        (plots, 2024, "actual", 1, d(10), d(10), None, None, True),
        (plots, 2024, "target", 1, d(6), d(10), "tonttia", None, None),
        (homes, 2024, "actual", 1, d(6), d(10), None, None, True),
        (homes, 2024, "target", 1, d(6), d(10), None, None, None),
        ("Nettomuutto", 2022, "actual", 1, d(77), d(77), None, None, None),
        ("Nettomuutto", 2023, "actual", 1, d(6), d(6), None, None, None),
        ("Nettomuutto", 2024, "actual", 1, d(15), d(15), None, register, False),
        ("Nettomuutto", 2024, "actual", 2, d(53), d(53), None, statistics_finland, True),
        ("Nettomuutto", 2024, "target", 1, d(50), d(50), "henkilöä", None, None),
    ]  # fmt: skip


def test_project_totals_per_report(built) -> None:
    rows = query(
        built,
        """select org_unit_code, reporting_date, sum(total_funding), count(*)
        from review.projects where municipality_code = '111' group by all order by all""",
    )
    assert rows == [
        ("300", dt.date(2024, 12, 31), Decimal("301987.00"), 2),
        ("510", dt.date(2025, 3, 31), Decimal("428194.00"), 11),
        ("600", dt.date(2026, 3, 31), Decimal("818629.00"), 5),
    ]


def test_expense_realisation_check_finds_harrastekerhot_at_228(built) -> None:
    rows = evidence(built, "assert_project_expense_realisation_within_funding")
    name = "Heinolan harrastekerhot lapsille ja nuorille"
    assert ("111", "510", name, "2025-03-31", Decimal(100), Decimal(228), Decimal(128),
            "111_510_2025-03-31.xlsx", 2) in rows  # fmt: skip
    assert not [row for row in rows if row[0] in ("998", "999")]  # 50 % and 1 % pass


def test_indicator_check_shows_net_migration_15_vs_53(built) -> None:
    assert evidence(built, "assert_indicator_single_value_per_year") == [
        ("111", "300", "Nettomuutto", "2024", Decimal(15), Decimal(53), Decimal(38),
         "111_300_2024-12-31.xlsx", 6),
    ]  # fmt: skip


def test_status_checks_list_misspellings_and_reject_the_unknown(built) -> None:
    normalised = query(
        built,
        """select municipality_code, source_file, source_row, explanation
        from audit_dbt.assert_goal_status_written_as_in_vocabulary""",
    )
    misspelt = [row for row in normalised if "'Toteutu osittain'" in row[3]]
    assert len(misspelt) == 11 and {row[1] for row in misspelt} == {"111_300_2023-06-30.xlsx"}
    assert ("998", "998_broken.xlsx", 2,
            "Tila 'Toutu osittain' välilehden 'Sitovat tavoitteet' rivillä 2 luettiin "
            "muodossa 'Toteutuu osittain' (similarity).") in normalised  # fmt: skip
    assert not [row for row in normalised if row[0] == "999"]
    unknown = evidence(built, "assert_goal_status_in_vocabulary")
    assert unknown == [("998", "X1", "Tavoite 2", "2025-06-30", None, None, None,
                        "998_broken.xlsx", 3)]  # fmt: skip


def test_city_share_and_risk_score_checks_fail_only_the_broken_workbook(built) -> None:
    assert evidence(built, "assert_project_city_share_within_0_100") == [
        ("998", "X1", "Testihanke", "2025-06-30", Decimal(100), Decimal(150), Decimal(50),
         "998_broken.xlsx", 2),
    ]  # fmt: skip
    assert evidence(built, "assert_risk_probability_and_significance_in_1_3") == [
        ("998", "X1", "Avainhenkilöriski", "2025-06-30", Decimal(3), Decimal(4), Decimal(1),
         "998_broken.xlsx", 2),
    ]  # fmt: skip


def test_missing_assessments_listed_by_goal(built) -> None:
    rows = evidence(built, "assert_goal_assessment_for_each_reporting_date")
    assert ("111", "300", "Tonttimyynnin käytännöt ja prosessi uudistetaan.", "2023-03-31",
            None, None, None, "111_300_2023-06-30.xlsx", 10) in rows  # fmt: skip
    assert not [row for row in rows if row[0] in ("998", "999")]


def test_reloaded_unchanged_workbook_is_skipped_changed_one_replaces_rows(tmp_path) -> None:
    landing, candidate = tmp_path / "landing", tmp_path / "candidate.duckdb"
    (landing / "goals").mkdir(parents=True)
    write_workbook(landing / "goals" / "999_x.xlsx", 999, ["Toteutuu", "Ei toteudu"], (25, 1))
    first = load_goal_workbooks(candidate, landing)
    assert [(r.skipped, r.rows["goals"], r.rows["goal_assessments"]) for r in first] == [
        (False, 2, 4)
    ]
    assert [r.skipped for r in load_goal_workbooks(candidate, landing)] == [True]
    write_workbook(landing / "goals" / "999_x.xlsx", 999, ["Toteutuu"], (25, 1))
    changed = load_goal_workbooks(candidate, landing)
    assert [(r.skipped, r.rows["goals"]) for r in changed] == [(False, 1)]
    with duckdb.connect(str(candidate), read_only=True) as con:
        counts = [
            con.execute(f"select count(*) from raw.{table}").fetchall()[0][0]
            for table in ("goal_files", "goals", "goal_assessments", "projects", "risks")
        ]
    assert counts == [1, 1, 2, 1, 1]


def test_identity_code_typed_in_a_risk_text_reaches_no_raw_table(tmp_path) -> None:
    # GIVEN a workbook whose risk text holds a personal identity code
    landing, candidate = tmp_path / "landing", tmp_path / "candidate.duckdb"
    (landing / "goals").mkdir(parents=True)
    write_workbook(landing / "goals" / "999_x.xlsx", 999, ["Toteutuu"], (25, 1), RISK_WITH_CODE)
    # WHEN it is loaded into a candidate
    load_goal_workbooks(candidate, landing)
    # THEN no text column of any raw table holds a code; the risk keeps its other words
    with duckdb.connect(str(candidate), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'raw' and data_type = 'VARCHAR'"
        ).fetchall()
        hits = [
            f"{table}.{column}"
            for table, column in columns
            if con.execute(
                f'select count(*) from raw."{table}" where regexp_matches("{column}", ?)', [HETU]
            ).fetchall()[0][0]
        ]
        risks = con.execute("select risk_text from raw.risks").fetchall()
    assert not hits
    assert risks == [(f"Avainhenkilöriski; varahenkilö {MASK}",)]


def test_identity_code_in_a_risk_text_is_masked_in_review_risks(built) -> None:
    rows = query(built, "select risk_text from review.risks where municipality_code = '999'")
    assert rows == [(f"Avainhenkilöriski; varahenkilö {MASK}",)]


def test_fraction_in_a_percent_column_loads_and_is_a_warning_that_does_not_block(tmp_path):
    # GIVEN a workbook whose project spent 0.77 (no percent format) of its funding
    landing, candidate = tmp_path / "landing", tmp_path / "candidate.duckdb"
    (landing / "goals").mkdir(parents=True)
    write_workbook(landing / "goals" / "999_x.xlsx", 999, ["Toteutuu"], (25, 0.77))
    # WHEN it is loaded and the gate decides on a run in which nothing else failed
    (result,) = load_goal_workbooks(candidate, landing, run_id="run-1")
    record_dbt_tests(candidate, "run-1", {"results": []}, {"nodes": {}})
    audit = tmp_path / "toteuma.audit.duckdb"
    decision = run_gate(candidate, audit, tmp_path / "no-waivers.yaml", "run-1")
    # THEN the workbook is loaded with 77 %, and the warn check names the cell to confirm,
    # placed at the workbook's unit and reporting date
    assert result.status == "loaded"
    with duckdb.connect(str(candidate), read_only=True) as con:
        share = con.execute("select expense_realisation_pct from raw.projects").fetchall()
    assert share == [(77.0,)]
    (check,) = [r for r in decision.results if r.check_name.startswith("goal_workbooks.")]
    assert (check.check_name, check.severity, check.status, check.failures) == (
        "goal_workbooks.percent_read_as_fraction", "warn", "failed", 1,
    )  # fmt: skip
    (row,) = check.evidence
    assert (row.municipality_code, row.org_unit_code, row.period, row.source_row) == (
        "999", "X1", "2025-06-30", 2,
    )  # fmt: skip
    assert json.loads(row.details)["cell"] == "F2"
    assert decision.publish


def test_goal_workbooks_asset_reports_files_and_rows(tmp_path) -> None:
    landing = tmp_path / "landing"
    write_goal_workbooks(landing)
    resources = {
        # written by this test just now: complete, however new
        "landing": LandingResource(folder=str(landing), settle_seconds=0),
        "warehouse": WarehouseResource(warehouse_path=str(tmp_path / "toteuma.duckdb")),
    }
    for expected_loaded in (6, 0):
        result = dg.materialize(goal_assets, resources=resources)
        metadata = result.get_asset_materialization_events()[0].materialization.metadata
        assert metadata["files_loaded"].value == expected_loaded
        assert metadata["files_unchanged"].value == 6 - expected_loaded
    assert (tmp_path / "toteuma.candidate.duckdb").exists()
