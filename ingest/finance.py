"""The finance files of the landing folder into raw.* of the candidate, one kind at a time.

Write-audit-publish starts here: the changed landing files of a kind are read into one
staging table, checked once with the kind's great-expectations suite, and only then
appended to raw.*, each file whole or not at all. A file that cannot be read, or fails
an error-severity expectation that no waiver covers, is moved to <landing>/quarantine/
with a note saying why; nothing of it is loaded. Quarantined files are checked again on
every run and released when the cause is gone (a waiver, or corrected master data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from expectations.failures import Failure
from expectations.validate import stage_files_table, validate_batch
from ingest.batch import BatchFile
from ingest.errors import LandingFileError
from ingest.landing import LandingFile, LandingSurvey, classify, finance_files, survey_landing
from ingest.landing_checks import check_landing_folder, landing_check_rows
from ingest.load import (
    LoadResult,
    StagedBatch,
    changed_files,
    commit_batches,
    drop_staged,
    stage_batch,
)
from ingest.quarantine import discard_superseded, is_quarantined, quarantine, release
from ingest.sources import FREE_TEXT, MASTER_DATA, SOURCES
from warehouse.gate.file_checks import UNREADABLE, file_check_name, located, record_file_checks
from warehouse.gate.scopes import BUDGET_YEAR, FORECAST_MONTH, LEDGER_MONTH
from warehouse.gate.scopes import MASTER_DATA as MASTER_DATA_SCOPE
from warehouse.gate.waivers import Waiver, covers_failure, load_waivers, waiver_day
from warehouse.sql import limit_memory


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
    check_landing_folder(landing_dir, survey, _loaded_master_data(candidate), settle_seconds)
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
            for kind in (source.kind for source in MASTER_DATA)
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

    The changed files are read in batches (up to CHUNK_BYTES of CSV each) and each batch
    is validated once; each file is then loaded whole or quarantined alone, the kind's
    accepted files committed in one transaction. Files changed less than
    `settle_seconds` ago are left for a later run.
    """
    candidate.parent.mkdir(parents=True, exist_ok=True)
    results_dir = results_dir or candidate.parent / "data_docs"
    waivers = load_waivers(waivers_path) if waivers_path else []
    outcome = KindLoad(kind)
    arrived = [f for f in finance_files(landing_dir, settle_seconds) if f.kind == kind]
    files = {f.path.name: f for f in _quarantined(landing_dir, kind) + arrived}
    with duckdb.connect(str(candidate)) as con:
        changed, outcome.unchanged, refused = changed_files(con, list(files.values()))
    refused |= _same_key(changed)
    changed = [file for file in changed if file.name not in refused]
    for name, problem in refused.items():
        outcome.check_rows.append(_unreadable_row(run_id, files[name], problem))
        _quarantine(landing_dir, files[name], problem, outcome)
    checked = []
    try:
        for part, chunk in enumerate(_chunks(changed)):
            checked.append(
                _check_chunk(
                    candidate,
                    landing_dir,
                    kind,
                    part,
                    chunk,
                    files,
                    run_id,
                    results_dir,
                    waivers,
                    outcome,
                )  # fmt: skip
            )
        with duckdb.connect(str(candidate)) as con:
            limit_memory(con)  # one transaction of every batch: it must not grow with them
            outcome.loaded += commit_batches(con, checked)
    finally:
        with duckdb.connect(str(candidate)) as con:
            for staged, _ in checked:
                drop_staged(con, staged)
    with duckdb.connect(str(candidate)) as con:
        record_file_checks(con, outcome.check_rows)
    for name in [*(r.file_name for r in outcome.loaded), *outcome.unchanged]:
        _settle_quarantine(landing_dir, files[name], outcome)
    return outcome


# A batch is read, validated and committed this many bytes of CSV at a time: memory
# stays bounded (DuckDB holds a batch's text and typed rows at once) whatever arrives.
CHUNK_BYTES = 256 * 1024 * 1024


def _chunks(files: list[BatchFile]) -> list[list[BatchFile]]:
    """The changed files in batches of at most CHUNK_BYTES (a larger file alone)."""
    chunks: list[list[BatchFile]] = [[]]
    size = 0
    for file in sorted(files, key=lambda f: f.name):
        if chunks[-1] and size + file.survey.size > CHUNK_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(file)
        size += file.survey.size
    return [chunk for chunk in chunks if chunk]


def _check_chunk(
    candidate, landing_dir, kind, part, chunk, files, run_id, results_dir, waivers, outcome
) -> tuple[StagedBatch, list[str]]:
    """Stage and validate once one batch of files; quarantine the bad ones alone.
    The staged batch and its accepted files, which the kind commits at once."""
    with duckdb.connect(str(candidate)) as con:
        staged = stage_batch(con, kind, chunk, part)
        stage_files_table(con, staged.table, staged.replaces)
    names = list(staged.files)
    validations = (
        validate_batch(candidate, staged.table, SOURCES[kind], names, results_dir) if names else {}
    )
    accepted = []
    for name, validation in validations.items():
        landing_file = files[name]
        blocking = [f for f in validation.errors if not _waived(f, landing_file, waivers)]
        outcome.check_rows += [
            _failure_row(run_id, landing_file, f, bool(blocking), staged.replaces[name])
            for f in validation.failures
        ]
        if blocking:
            _quarantine(landing_dir, files[name], validation, outcome)
        else:
            accepted.append(name)
    for name, problem in staged.refused.items():
        outcome.check_rows.append(_unreadable_row(run_id, files[name], problem))
        _quarantine(landing_dir, files[name], problem, outcome)
    return staged, accepted


def _same_key(changed: list[BatchFile]) -> dict[str, LandingFileError]:
    """Two files of one key in one delivery (gl_111_2026_03.csv and GL_111_2026_03.CSV):
    neither is loaded, as either would silently replace the other."""
    by_key: dict[tuple, list[str]] = {}
    for file in changed:
        key = (file.landing.municipality_code, file.landing.fiscal_year, file.landing.period_month)
        by_key.setdefault(key, []).append(file.name)
    refused = {}
    for names in by_key.values():
        if len(names) > 1:
            both = " ja ".join(sorted(names))
            for name in names:
                problem = (
                    f"{name}: {both} sisältävät saman aineiston (sama kunta ja kausi);"
                    " jätä kansioon vain toinen"
                )
                refused[name] = LandingFileError(name, [problem])
    return refused


def _quarantine(landing_dir, landing_file, reason, outcome: KindLoad) -> None:
    quarantine(landing_file.path, landing_dir, reason)  # in place: the note is renewed
    if not is_quarantined(landing_file.path):
        outcome.quarantined.append(landing_file.path.name)


def _settle_quarantine(landing_dir: Path, landing_file: LandingFile, outcome: KindLoad) -> None:
    """A file that loads (or was loaded) leaves no quarantined copy behind."""
    name = landing_file.path.name
    if is_quarantined(landing_file.path):
        release(landing_file.path, landing_dir, "finance")
        outcome.released.append(name)
    else:
        discard_superseded(landing_dir, name)  # a newer delivery of a quarantined file


def _quarantined(landing_dir: Path, kind: str) -> list[LandingFile]:
    """Quarantined files with no newer delivery of the same name waiting in finance/."""
    folder = landing_dir / "quarantine"
    found = [classify(p) for p in sorted(folder.glob("*.csv"))] if folder.is_dir() else []
    return [
        f
        for f in found
        if f is not None and f.kind == kind and not (landing_dir / "finance" / f.path.name).exists()
    ]


def _waived(failure: Failure, landing_file: LandingFile, waivers: list[Waiver]) -> bool:
    """Current waivers cover the failure (warehouse.gate.waivers decides, as for every check)."""
    rows = failure.examples or [{}]
    evidence = [located({**row, "period": _period(landing_file, row)}) for row in rows]
    name = file_check_name(landing_file.kind, failure.rule)
    return covers_failure(name, evidence, failure.failing_rows, waivers, waiver_day())


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
        **_scope(landing_file),
    }


def _scope(landing_file: LandingFile) -> dict:
    """What a failure of the file holds back (warehouse.gate.scopes): its municipality's
    ledger or forecast month, budget year, or master data."""
    if landing_file.kind in {source.kind for source in MASTER_DATA}:
        kind = MASTER_DATA_SCOPE
    else:
        kind = {"gl_postings": LEDGER_MONTH, "forecasts": FORECAST_MONTH}.get(
            landing_file.kind, BUDGET_YEAR
        )
    return {
        "scope_kind": kind,
        "municipality_code": landing_file.municipality_code,
        "scope_period": _period(landing_file, {}),
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
        "check_name": UNREADABLE,
        "severity": "error",
        "explanation": "Tiedostoa ei voitu lukea: " + str(problem).splitlines()[0][:300],
        "failures": 1,
        "examples": json.dumps(
            [{"problem": line} for line in str(problem).splitlines()], ensure_ascii=False
        ),
        "quarantined": True,
        **_scope(landing_file),
    }


def _period(landing_file: LandingFile, row: dict) -> str | None:
    if landing_file.fiscal_year and landing_file.period_month:
        return f"{landing_file.fiscal_year:04d}-{landing_file.period_month:02d}"
    if landing_file.fiscal_year:
        return str(landing_file.fiscal_year)
    return _text(row.get("period"))


def _text(value) -> str | None:
    return None if value is None else str(value)
