"""The run's reading of its snapshot of the controls store (a controls folder): sign-offs,
approved figures and explanations become tables of schema `controls` in the candidate,
for dbt to read as sources.

Rebuilt every run (the candidate can be deleted at any time: the store is the record). A
sign-off whose figures file is missing or altered, an explanation file or heading that
cannot be placed, and an audit trail whose hash chain is broken are reported as warnings
(checks `controls.signoff_is_intact`, `controls.explanation_is_readable`,
`controls.audit_trail_is_intact`), never fatal: the figures are not wrong because the
trail was tampered with, but every controller and auditor sees it the same morning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from reports.finnish import date_text
from warehouse.controls.explanations import read_explanations
from warehouse.controls.folder import ControlsFolder
from warehouse.controls.signoffs import FIGURE_COLUMNS, load_signoffs, read_figures
from warehouse.gate.file_checks import record_file_checks
from warehouse.sql import insert_rows

SCHEMA = "controls"
TABLES = {
    "signoffs": {
        "signoff_id": "varchar", "municipality_code": "varchar", "reporting_date": "date",
        "org_unit_code": "varchar", "signed_by": "varchar", "os_user": "varchar",
        "signed_at": "timestamp", "comment": "varchar", "fingerprint": "varchar",
        "figures_file": "varchar", "is_intact": "boolean",
    },
    "approved_figures": {
        "signoff_id": "varchar", "municipality_code": "varchar", "reporting_date": "date",
        "table_name": "varchar", "org_unit_code": "varchar", "org_unit_name": "varchar",
        "org_level": "varchar", "is_valid_on_reporting_date": "boolean", "line_code": "varchar",
        **{column: "decimal(18,2)" for column in FIGURE_COLUMNS},
    },
    "explanations": {
        "municipality_code": "varchar", "org_unit_code": "varchar", "reporting_date": "date",
        "section_seq": "integer", "heading": "varchar", "line_code": "varchar",
        "body": "varchar", "source_file": "varchar",
    },
}  # fmt: skip
SIGNOFF_CHECK = (
    "signoff_is_intact",
    "Hyväksyntää, jonka hyväksyttyjen lukujen tiedosto puuttuu tai ei vastaa sormenjälkeään,"
    " ei käytetä: sen päivän ja yksikön luvut julkaistaan alustavina, kunnes ne hyväksytään"
    " uudelleen.",
)
AUDIT_CHECK = (
    "audit_trail_is_intact",
    "Päätösvaraston tapahtumaloki on ketjutettu tiivisteillä: jokainen merkintä on"
    " tallennettu sellaisenaan, eikä yhtään ole poistettu välistä.",
)
EXPLANATION_CHECK = (
    "explanation_is_readable",
    "Selitystiedoston nimen on oltava muotoa <kunta>/<yksikkö>/<päivä>.md, ja jokaisen '## '"
    "-otsikon on nimettävä tuloslaskelman rivi (suomenkielinen nimi tai koodi).",
)


@dataclass(frozen=True)
class ControlsLoad:
    signoffs: int
    broken_signoffs: int
    approved_rows: int
    explanation_sections: int


def ensure_controls_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The tables dbt reads, empty: a candidate built without a controls folder works."""
    con.execute(f"create schema if not exists {SCHEMA}")
    for table, columns in TABLES.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        con.execute(f"create table if not exists {SCHEMA}.{table} ({ddl})")


def load_controls(candidate: Path, root: Path, run_id: str) -> ControlsLoad:
    folder = ControlsFolder(root)
    signoffs = load_signoffs(folder)
    sections, explanation_problems = read_explanations(folder.explanations)
    candidate.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(candidate)) as con:
        con.execute("begin")
        for table in TABLES:
            con.execute(f"drop table if exists {SCHEMA}.{table}")
        ensure_controls_tables(con)
        broken, approved = [], 0
        for record in signoffs:
            try:
                rows, problem = read_figures(folder, record), None
            except ValueError as error:
                rows, problem = [], str(error)
                broken.append((record, problem))
            _insert_signoff(con, record, intact=problem is None)
            approved += _insert_figures(con, record, rows)
        _insert(con, "explanations", [
            (s.municipality, s.unit, s.reporting_date, s.seq, s.heading, s.line_code, s.body,
             s.source_file)
            for s in sections
        ])  # fmt: skip
        checks = _check_rows(run_id, broken, explanation_problems)
        checks += _audit_rows(run_id, _chain_breaks(folder))
        record_file_checks(con, checks)
        con.execute("commit")
    return ControlsLoad(len(signoffs), len(broken), approved, len(sections))


def _insert_signoff(con, record, *, intact: bool) -> None:
    _insert(con, "signoffs", [(
        record.signoff_id, record.municipality, record.reporting_date, record.unit,
        record.by, record.os_user, record.at, record.comment, record.fingerprint,
        record.figures, intact,
    )])  # fmt: skip


def _insert_figures(con, record, rows: list[dict]) -> int:
    columns = list(TABLES["approved_figures"])[3:]
    _insert(con, "approved_figures", [
        (record.signoff_id, record.municipality, record.reporting_date,
         *(row[column] for column in columns))
        for row in rows
    ])  # fmt: skip
    return len(rows)


def _insert(con, table: str, rows: list[tuple]) -> None:
    insert_rows(con, f"{SCHEMA}.{table}", rows)


def _check_rows(run_id: str, broken, explanation_problems) -> list[dict]:
    rows = [_passed(run_id, *SIGNOFF_CHECK), _passed(run_id, *EXPLANATION_CHECK)]
    for record, problem in broken:
        example = {
            "municipality_code": record.municipality, "org_unit_code": record.unit,
            "period": record.reporting_date.isoformat(), "source_row": record.position,
        }  # fmt: skip
        rows.append(
            _failed(
                run_id, "signoffs.yaml", SIGNOFF_CHECK[0],
                f"Hyväksyntää {record.position} ({date_text(record.reporting_date)},"
                f" {record.scope}, hyväksyjä {record.by}) ei käytetä: {problem}",
                example,
            )
        )  # fmt: skip
    for problem in explanation_problems:
        rows.append(
            _failed(
                run_id, problem["source_file"], EXPLANATION_CHECK[0],
                f"{problem['source_file']}, rivi {problem['source_row']}: {problem['problem']}",
                {"source_row": problem["source_row"]},
            )
        )  # fmt: skip
    return rows


def _chain_breaks(folder: ControlsFolder) -> list[dict] | None:
    """The breaks of the store's audit chain the snapshot recorded (None: a folder that
    did not come from a store, e.g. one kept in git)."""
    path = folder.root / "store.yaml"
    if not path.is_file():
        return None
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(document.get("audit_chain_breaks") or [])


def _audit_rows(run_id: str, breaks: list[dict] | None) -> list[dict]:
    if breaks is None:
        return []
    rows = [_passed(run_id, *AUDIT_CHECK)]
    for found in breaks:
        rows.append(
            _failed(
                run_id, "store.yaml", AUDIT_CHECK[0],
                f"tapahtumalokin merkintä {found['entry']} ({found['at'][:19]} UTC):"
                f" {found['problem']}",
                {"source_row": found["entry"]},
            )
        )  # fmt: skip
    return rows


def _passed(run_id: str, check: str, explanation: str) -> dict:
    return {
        "run_id": run_id, "kind": "controls", "source_file": None, "check_name": check,
        "severity": "warn", "explanation": explanation, "failures": 0, "examples": "[]",
        "quarantined": False,
    }  # fmt: skip


def _failed(run_id: str, file: str, check: str, explanation: str, example: dict) -> dict:
    return {
        **_passed(run_id, check, explanation),
        "source_file": file,
        "failures": 1,
        "examples": json.dumps([example]),
    }
