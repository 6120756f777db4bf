"""A landing file's failed checks as the gate reads them (warehouse/gate/file_checks.py)."""

import json

import duckdb

from warehouse.gate.file_checks import file_check_results, record_file_checks


def test_each_problem_of_an_unreadable_file_is_a_row_saying_its_own_problem(tmp_path):
    # GIVEN a ledger file refused with two problem lines (a missing column, then the header)
    problems = [
        "gl_111_2026_02.csv, rivi 1: odotettiin saraketta 'Projekti'",
        "gl_111_2026_02.csv: otsikkorivin sarakkeet ovat 'Kunta', 'Tilikausi'",
    ]
    candidate = tmp_path / "candidate.duckdb"
    with duckdb.connect(str(candidate)) as con:
        record_file_checks(con, [{
            "run_id": "r", "kind": "gl_postings", "source_file": "gl_111_2026_02.csv",
            "check_name": "file_is_readable", "severity": "error",
            "explanation": f"Tiedostoa ei voitu lukea: {problems[0]}", "failures": 1,
            "examples": json.dumps([{"problem": line} for line in problems]),
            "quarantined": True,
        }])  # fmt: skip
    # WHEN the gate reads the run's file checks
    (result,) = file_check_results(candidate, "r")
    # THEN each row says its own problem, not the first one twice ...
    assert [row.explanation.split(" (1 rivi;")[0] for row in result.evidence] == [
        f"Tiedostoa ei voitu lukea: {line}" for line in problems
    ]
    # ... and the check says what it is about in general, not one file's problem
    assert result.explanation.startswith("Tiedostoa ei voitu lukea: sen rakenne")
    assert "gl_111_2026_02.csv" not in result.explanation
