"""The candidate warehouse: the nightly run's own DuckDB file, loaded from the landing folder.

Write-audit-publish starts here: each changed landing file is parsed into a staging
table, checked with its great-expectations suite, and only then appended to raw.*. A
file that cannot be read, or fails an error-severity expectation that no waiver covers,
is moved to <landing>/quarantine/ with a note saying why; nothing of it is loaded.
Quarantined files are checked again on every run and released when the cause is gone
(a waiver, or corrected master data).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from expectations.failures import Failure
from expectations.quarantine import FREE_TEXT, discard_superseded, quarantine
from expectations.validate import validate_staged_file
from ingest.errors import LandingFileError
from ingest.landing import LandingFile, LandingSurvey, classify, finance_files, survey_landing
from ingest.landing_checks import MASTER_DATA, check_landing_folder, landing_check_rows
from ingest.load import LoadResult, commit_staged, drop_staged, stage_file
from warehouse.gate.file_checks import located, record_file_checks
from warehouse.gate.records import Evidence
from warehouse.gate.waivers import Waiver, load_waivers
from warehouse.publish import ensure_published_months_table


@dataclass
class KindLoad:
    """What one ingest step did with the files of one kind."""

    kind: str
    loaded: list[LoadResult] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    check_rows: list[dict] = field(default_factory=list)


def check_landing(
    candidate: Path, landing_dir: Path, settle_seconds: float, run_id: str = "adhoc"
) -> LandingSurvey:
    """Survey the landing folder before anything is loaded from it.

    Raises LandingFolderError when it is missing, empty, or lacks master data the
    candidate holds. Files still being written and unrecognised names are recorded as
    warnings of this run (checks `landing.file_complete`, `landing.file_name_recognised`).
    """
    survey = survey_landing(landing_dir, settle_seconds)
    check_landing_folder(landing_dir, survey, _loaded_master_data(candidate))
    candidate.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(candidate)) as con:
        record_file_checks(con, list(landing_check_rows(run_id, survey, settle_seconds)))
    return survey


def _loaded_master_data(candidate: Path) -> dict[str, set[str]]:
    """The municipalities whose organisation and accounts the candidate holds."""
    if not candidate.exists():
        return {}
    with duckdb.connect(str(candidate), read_only=True) as con:
        tables = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        }
        return {
            kind: {
                row[0]
                for row in con.execute(
                    f"select distinct municipality_code from raw.{kind}"
                ).fetchall()
            }
            for kind in MASTER_DATA
            if kind in tables
        }


def load_landing_kind(
    candidate: Path,
    landing_dir: Path,
    kind: str,
    run_id: str = "adhoc",
    results_dir: Path | None = None,
    waivers_path: Path | None = None,
    settle_seconds: float = 0,
) -> KindLoad:
    """Check and load every changed landing file of one kind (and retry quarantined ones).

    Files changed less than `settle_seconds` ago are left for a later run.
    """
    candidate.parent.mkdir(parents=True, exist_ok=True)
    results_dir = results_dir or candidate.parent / "data_docs"
    waivers = load_waivers(waivers_path) if waivers_path else []
    outcome = KindLoad(kind)
    arrived = [f for f in finance_files(landing_dir, settle_seconds) if f.kind == kind]
    for landing_file in _quarantined(landing_dir, kind) + arrived:
        _load_one(candidate, landing_dir, landing_file, run_id, results_dir, waivers, outcome)
    with duckdb.connect(str(candidate)) as con:
        ensure_published_months_table(con)  # a dbt source, empty until the first publication
        record_file_checks(con, outcome.check_rows)
    return outcome


def _quarantined(landing_dir: Path, kind: str) -> list[LandingFile]:
    """Quarantined files with no newer delivery of the same name waiting in finance/."""
    folder = landing_dir / "quarantine"
    found = [classify(p) for p in sorted(folder.glob("*.csv"))] if folder.is_dir() else []
    return [
        f
        for f in found
        if f is not None and f.kind == kind and not (landing_dir / "finance" / f.path.name).exists()
    ]


def _load_one(candidate, landing_dir, landing_file, run_id, results_dir, waivers, outcome):
    name = landing_file.path.name
    in_quarantine = landing_file.path.parent.name == "quarantine"
    try:
        with duckdb.connect(str(candidate)) as con:
            staged = stage_file(con, landing_file)
    except LandingFileError as problem:
        outcome.check_rows.append(_unreadable_row(run_id, landing_file, problem))
        quarantine(landing_file.path, landing_dir, problem)  # in place: the note is renewed
        if not in_quarantine:
            outcome.quarantined.append(name)
        return
    if staged is None:
        outcome.unchanged.append(name)
        if not in_quarantine:
            discard_superseded(landing_dir, name)
        return
    validation = validate_staged_file(
        candidate, staged.table, landing_file.kind, name,
        landing_file.fiscal_year, landing_file.period_month, results_dir, staged.replaces_rows,
    )  # fmt: skip
    blocking = [f for f in validation.errors if not _waived(f, landing_file, waivers)]
    outcome.check_rows += [
        _failure_row(run_id, landing_file, failure, bool(blocking), staged.replaces_rows)
        for failure in validation.failures
    ]
    with duckdb.connect(str(candidate)) as con:
        try:
            if blocking:
                quarantine(landing_file.path, landing_dir, validation)
                if not in_quarantine:
                    outcome.quarantined.append(name)
                return
            outcome.loaded.append(commit_staged(con, landing_file, staged))
        finally:
            drop_staged(con, staged)
    if not in_quarantine:
        discard_superseded(landing_dir, name)  # a newer delivery of a quarantined file loaded
    if in_quarantine:
        _release(landing_file.path, landing_dir)
        outcome.released.append(name)


def _release(path: Path, landing_dir: Path) -> None:
    """A quarantined file that now passes goes back where it came from, its note removed."""
    shutil.move(path, landing_dir / "finance" / path.name)
    path.with_name(f"{path.name}.failed.txt").unlink(missing_ok=True)


def check_name(kind: str, failure: Failure) -> str:
    return f"{kind}.{failure.rule}"


def evidence_of(landing_file: LandingFile, failure: Failure) -> list[Evidence]:
    rows = failure.examples or [{}]
    return [located({**row, "period": _period(landing_file, row)}) for row in rows]


def _waived(failure: Failure, landing_file: LandingFile, waivers: list[Waiver]) -> bool:
    """Every failing row shown is covered by a current waiver (and none are unshown)."""
    today = dt.date.today()
    current = [w for w in waivers if w.expires >= today]
    name = check_name(landing_file.kind, failure)
    rows = evidence_of(landing_file, failure)
    covered = all(any(w.matches(name, row) for w in current) for row in rows)
    unseen = failure.failing_rows > max(len(failure.examples), 1)
    broad = any(w.check == name and w.unit is None and w.line is None for w in current)
    return covered and (not unseen or broad)


def _failure_row(
    run_id, landing_file, failure: Failure, quarantined: bool, replaces_rows: int | None = None
) -> dict:
    return {
        "run_id": run_id,
        "kind": landing_file.kind,
        "source_file": landing_file.path.name,
        "check_name": failure.rule,
        "severity": failure.severity,
        "explanation": failure.explanation,
        "failures": failure.failing_rows,
        "examples": json.dumps(
            [
                {**_without_free_text(row), "period": _period(landing_file, row)}
                for row in (failure.examples or _file_level_example(failure, replaces_rows))
            ],
            default=str,
            ensure_ascii=False,
        ),
        "quarantined": quarantined,
    }


def _file_level_example(failure: Failure, replaces_rows: int | None) -> list[dict]:
    """A rule about the whole file (its row count) shows both counts as its evidence."""
    if failure.rule == "enough_rows" and isinstance(failure.observed, int):
        return [{"expected": replaces_rows or 1, "actual": failure.observed}]
    return []


def _without_free_text(row: dict) -> dict:
    """Descriptions may name private persons: evidence that analysts can read omits them."""
    return {key: value for key, value in row.items() if key not in FREE_TEXT}


def _unreadable_row(run_id, landing_file, problem: LandingFileError) -> dict:
    return {
        "run_id": run_id,
        "kind": landing_file.kind,
        "source_file": landing_file.path.name,
        "check_name": "file_is_readable",
        "severity": "error",
        "explanation": "The file could not be read: " + str(problem).splitlines()[0][:300],
        "failures": 1,
        "examples": json.dumps([{"problem": line} for line in str(problem).splitlines()]),
        "quarantined": True,
    }


def _period(landing_file: LandingFile, row: dict) -> str | None:
    if landing_file.fiscal_year and landing_file.period_month:
        return f"{landing_file.fiscal_year:04d}-{landing_file.period_month:02d}"
    if landing_file.fiscal_year:
        return str(landing_file.fiscal_year)
    return _text(row.get("period"))


def _text(value) -> str | None:
    return None if value is None else str(value)
