"""One night of the real ingest and gate on a landing folder, and what a person can read after.

The steps are the ones the Dagster assets call (landing check, one loader per source
kind in the assets' order, goal workbooks, the quality gate); dbt is left out: the
matrix is about what comes in, and the end-to-end test runs it all once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.finance import check_landing, load_landing_kind
from ingest.goals.load import load_goal_workbooks
from ingest.landing_checks import LandingFolderError
from ingest.sources import SOURCES
from warehouse.gate.dbt_results import record_dbt_tests
from warehouse.gate.decide import GateDecision, run_gate

SETTLE_SECONDS = 60
# Wording of the libraries underneath: a person must never have to read it.
LIBRARY_WORDS = re.compile(
    r"(?i:strict_mode|null_padding|invalid input error|traceback|duckdb|openpyxl|zipfile|"
    r"defusedxml|lxml|sqlalchemy|great_expectations)|\b[A-Z]\w*(Error|Exception)\b"
)


@dataclass
class Night:
    """What one night did, and every text it left for people to read."""

    refused: str | None = None  # the run stopped before loading: why
    decision: GateDecision | None = None
    texts: dict[str, str] = field(default_factory=dict)  # where → text a person reads

    @property
    def publication(self) -> str | None:
        """publish, partial or withheld (None: the run stopped before the gate)."""
        return None if self.decision is None else self.decision.decision


def run_night(landing: Path, warehouse: Path, run_id: str) -> Night:
    candidate = warehouse / "toteuma.candidate.duckdb"
    audit = warehouse / "toteuma.audit.duckdb"
    try:
        check_landing(candidate, landing, SETTLE_SECONDS, run_id)
    except LandingFolderError as problem:
        return Night(refused=str(problem), texts={"run error": str(problem)})
    results = warehouse / "data_docs"
    for kind in SOURCES:
        load_landing_kind(candidate, landing, kind, run_id, results, None, SETTLE_SECONDS)
    load_goal_workbooks(candidate, landing, run_id, SETTLE_SECONDS)
    record_dbt_tests(candidate, run_id, {"results": []}, {"nodes": {}})
    decision = run_gate(candidate, audit, warehouse / "no-waivers.yaml", run_id)
    night = Night(decision=decision)
    night.texts.update(_notes(landing))
    night.texts.update(_table_texts(candidate, "audit_run"))
    night.texts.update(_table_texts(audit, "audit"))
    return night


def _notes(landing: Path) -> dict[str, str]:
    folder = landing / "quarantine"
    notes = sorted(folder.glob("*.failed.txt")) if folder.is_dir() else []
    return {f"note {note.name}": note.read_text(encoding="utf-8") for note in notes}


def _table_texts(path: Path, schema: str) -> dict[str, str]:
    """Every row of every table of `schema`, as JSON text."""
    texts = {}
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [schema]
        ).fetchall()
        for (table,) in tables:
            cursor = con.execute(f"select * from {schema}.{table}")
            names = [column[0] for column in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            texts[f"{schema}.{table}"] = json.dumps(rows, default=str, ensure_ascii=False)
    return texts


def ingested(warehouse: Path) -> dict[str, tuple[str, int]]:
    """File name → (hash, rows) of every landing file the candidate holds rows of."""
    with duckdb.connect(str(warehouse / "toteuma.candidate.duckdb"), read_only=True) as con:
        finance = con.execute(
            "select source_file, source_hash, row_count from raw.ingested_files"
        ).fetchall()
        goals = con.execute("select source_file, source_hash, 1 from raw.goal_files").fetchall()
    return {name: (digest, rows) for name, digest, rows in finance + goals}


def file_checks(warehouse: Path, run_id: str) -> list[dict]:
    with duckdb.connect(str(warehouse / "toteuma.candidate.duckdb"), read_only=True) as con:
        cursor = con.execute("select * from audit_run.file_checks where run_id = ?", [run_id])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
