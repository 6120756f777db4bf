"""A goal workbook that cannot be accepted is quarantined like a CSV, never failing the run.

The loader runs on a tmp_path candidate (no dbt: the gate reads file checks on their own),
so each kind of refused input is cheap to show with its outcome: moved to
<landing>/quarantine/ with a note, recorded as the error check
goal_workbooks.file_is_readable, which holds back the goals it concerns (the finance
figures publish), the other workbooks loaded.
"""

from pathlib import Path

import dagster as dg
import duckdb
import pytest
from openpyxl import load_workbook

from demo.workbook_quirks import declare_size_a1, rewrite_parts
from ingest.goals.load import load_goal_workbooks
from orchestration.assets.goals import goal_assets
from orchestration.resources import LandingResource, WarehouseResource
from tests.integration.test_goals_pipeline import write_workbook
from warehouse.gate.dbt_results import record_dbt_tests
from warehouse.gate.decide import run_gate

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def good(folder: Path, name: str = "999_good.xlsx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_workbook(folder / name, 999, ["Toteutuu"], (25, 1))


def score_out_of_scale(path: Path) -> None:
    book = load_workbook(path)
    book["Riskit"]["C2"] = 5
    book.save(path)


def csv_renamed(path: Path) -> None:
    path.write_text("Kunta;Yksikkö;Raportointipäivä\n999;X1;30.6.2025\n", encoding="utf-8")


def cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:900])


def entity_expansion(path: Path) -> None:
    rewrite_parts(
        path,
        lambda name, data: LAUGHS + data if name == "xl/worksheets/sheet4.xml" else data,
    )


def no_tiedot(path: Path) -> None:
    book = load_workbook(path)
    book["Tiedot"].title = "Taul1"
    book.save(path)


REFUSED = {
    "reader refuses a value": (
        score_out_of_scale,
        "999_bad.xlsx, välilehti 'Riskit', solu C2 ('Todennäköisyys'): odotettiin 1, 2 tai 3,"
        " löytyi '5'",
    ),
    "CSV renamed .xlsx": (
        csv_renamed,
        "999_bad.xlsx: odotettiin Excel-työkirjaa (.xlsx), löytyi tekstitiedosto (CSV?)",
    ),
    "corrupt zip": (
        cut_short,
        "999_bad.xlsx: odotettiin Excel-työkirjaa (.xlsx), löytyi vaurioitunut paketti",
    ),
    "billion laughs": (
        entity_expansion,
        "999_bad.xlsx ei ole työkirja, jonka voi lukea turvallisesti: odotettiin välilehteä"
        " 'Riskit' sellaisena kuin Excel",
    ),
    "no Tiedot sheet": (
        no_tiedot,
        "999_bad.xlsx, välilehti 'Tiedot': odotettiin välilehteä 'Tiedot'",
    ),
}


def file_checks(candidate: Path, run_id: str) -> list[tuple]:
    with duckdb.connect(str(candidate), read_only=True) as con:
        return con.execute(
            "select source_file, kind, check_name, severity, failures, quarantined, explanation "
            "from audit_run.file_checks where run_id = ? order by source_file",
            [run_id],
        ).fetchall()


def loaded_files(candidate: Path) -> list[str]:
    with duckdb.connect(str(candidate), read_only=True) as con:
        rows = con.execute("select source_file from raw.goal_files order by 1").fetchall()
    return [name for (name,) in rows]


@pytest.mark.parametrize("kind", REFUSED)
def test_refused_workbook_is_quarantined_and_the_others_still_load(tmp_path, kind) -> None:
    # GIVEN a good workbook and a refused one of this kind in <landing>/goals/
    damage, message = REFUSED[kind]
    landing, candidate = tmp_path / "landing", tmp_path / "candidate.duckdb"
    good(landing / "goals")
    damage(good(landing / "goals", "999_bad.xlsx"))
    # WHEN the workbooks are loaded (nothing raises)
    results = load_goal_workbooks(candidate, landing, run_id="run-1")
    # THEN the good one is loaded and the refused one moved aside with a note saying why
    assert {r.file_name: r.status for r in results} == {
        "999_bad.xlsx": "quarantined",
        "999_good.xlsx": "loaded",
    }
    assert loaded_files(candidate) == ["999_good.xlsx"]
    assert not (landing / "goals" / "999_bad.xlsx").exists()
    assert (landing / "quarantine" / "999_bad.xlsx").exists()
    note = (landing / "quarantine" / "999_bad.xlsx.failed.txt").read_text(encoding="utf-8")
    assert message in note
    # AND it fails the error check goal_workbooks.file_is_readable of this run
    ((file, *check, explanation),) = file_checks(candidate, "run-1")
    assert (file, *check) == (
        "999_bad.xlsx", "goal_workbooks", "file_is_readable", "error", 1, True,
    )  # fmt: skip
    assert explanation.startswith(f"Työkirjaa ei voitu lukea: {message}")


def test_quarantined_workbook_withholds_publication(tmp_path) -> None:
    # GIVEN a run whose only problem is a workbook that could not be read (dbt found none)
    landing, candidate = tmp_path / "landing", tmp_path / "candidate.duckdb"
    good(landing / "goals")
    csv_renamed(landing / "goals" / "999_bad.xlsx")
    load_goal_workbooks(candidate, landing, run_id="run-1")
    record_dbt_tests(candidate, "run-1", {"results": []}, {"nodes": {}})
    # WHEN the quality gate decides
    audit = tmp_path / "toteuma.audit.duckdb"
    decision = run_gate(candidate, audit, tmp_path / "no-waivers.yaml", "run-1")
    # THEN that check blocks, with the file as its evidence
    assert [result.check_name for result in decision.blocking] == [
        "goal_workbooks.file_is_readable"
    ]
    assert decision.verdict.blocking_checks == ("goal_workbooks.file_is_readable",)
    # ... and, as the workbook was never loaded and its unit is unknown, what it holds
    # back is every goal row; the finance figures publish (the scoped outcome: before
    # scopes, a bad workbook withheld the whole publication)
    assert decision.verdict.decision == "partial"
    assert decision.verdict.holding.held_goals == (("", ""),)
    with duckdb.connect(str(audit), read_only=True) as con:
        evidence = con.execute(
            "select check_name, severity, status, source_file from audit.check_failures"
        ).fetchall()
    assert evidence == [("goal_workbooks.file_is_readable", "error", "failed", "999_bad.xlsx")]


def test_redelivered_workbook_replaces_the_quarantined_copy(tmp_path) -> None:
    landing, candidate = tmp_path / "landing", tmp_path / "candidate.duckdb"
    quarantine = landing / "quarantine"
    # GIVEN a workbook quarantined by the first run
    csv_renamed(good(landing / "goals", "999_x.xlsx"))
    load_goal_workbooks(candidate, landing, run_id="run-1")
    # WHEN the next run finds nothing new, THEN the copy is read again and fails again
    (again,) = load_goal_workbooks(candidate, landing, run_id="run-2")
    assert (again.status, len(file_checks(candidate, "run-2"))) == ("quarantined", 1)
    # WHEN a copy of the same name that is still wrong arrives, THEN it takes the old one's
    # place (no second, timestamped copy) and its note says what is wrong with it
    score_out_of_scale(good(landing / "goals", "999_x.xlsx"))
    load_goal_workbooks(candidate, landing, run_id="run-3")
    assert sorted(path.name for path in quarantine.iterdir()) == [
        "999_x.xlsx", "999_x.xlsx.failed.txt",
    ]  # fmt: skip
    assert "solu C2" in (quarantine / "999_x.xlsx.failed.txt").read_text(encoding="utf-8")
    # WHEN a corrected copy arrives, THEN it loads and the quarantined copy and note are gone
    good(landing / "goals", "999_x.xlsx")
    (fixed,) = load_goal_workbooks(candidate, landing, run_id="run-4")
    assert (fixed.status, fixed.released) == ("loaded", False)
    assert not list(quarantine.iterdir()) and not file_checks(candidate, "run-4")
    assert loaded_files(candidate) == ["999_x.xlsx"]


def test_quarantined_workbook_that_now_reads_is_released_and_loaded(tmp_path) -> None:
    # GIVEN a valid workbook an older reader quarantined (WPS Office's declared size A1)
    landing, candidate = tmp_path / "landing", tmp_path / "candidate.duckdb"
    stuck = good(landing / "quarantine", "999_wps.xlsx")
    declare_size_a1(stuck)
    stuck.with_name("999_wps.xlsx.failed.txt").write_text("refused", encoding="utf-8")
    # WHEN the workbooks are loaded
    (result,) = load_goal_workbooks(candidate, landing, run_id="run-1")
    # THEN it is loaded, back in goals/, its note removed and no check fails
    assert (result.status, result.released, result.rows["goals"]) == ("loaded", True, 1)
    assert (landing / "goals" / "999_wps.xlsx").exists()
    assert not list((landing / "quarantine").iterdir())
    assert not file_checks(candidate, "run-1")


def test_goal_asset_check_fails_for_a_quarantined_workbook(tmp_path) -> None:
    # GIVEN a good workbook and a CSV renamed .xlsx
    landing = tmp_path / "landing"
    good(landing / "goals")
    csv_renamed(landing / "goals" / "999_bad.xlsx")
    resources = {
        "landing": LandingResource(folder=str(landing), settle_seconds=0),
        "warehouse": WarehouseResource(warehouse_path=str(tmp_path / "toteuma.duckdb")),
    }
    # WHEN the goal asset runs in Dagster
    result = dg.materialize(goal_assets, resources=resources)
    # THEN the step succeeds, its asset check fails with error severity, and the file
    # check row carries the Dagster run's id (which the gate selects by)
    assert result.success
    (check,) = result.get_asset_check_evaluations()
    assert (check.check_name, check.passed) == ("landing_files_meet_expectations", False)
    assert check.severity == dg.AssetCheckSeverity.ERROR
    assert check.metadata["quarantined files"].value == "999_bad.xlsx"
    assert check.metadata["blocks publication (after waivers)"].value == "yes"
    assert "| 999_bad.xlsx | file_is_readable | error | 1 |" in check.metadata["failed rules"].value
    candidate = tmp_path / "toteuma.candidate.duckdb"
    assert [row[:3] for row in file_checks(candidate, result.run_id)] == [
        ("999_bad.xlsx", "goal_workbooks", "file_is_readable")
    ]
