"""Whether dbt has anything to do, and what: the inputs of the last build, as a fingerprint.

The fingerprint holds a hash of the dbt project's files and one of each table dbt may
read (a raw table loaded from landing files by its files' hashes, not its rows, so it
stays cheap at any ledger size; the controls tables and the publication snapshot by
their rows). Against the last successful build:
- nothing changed: the dbt step reuses that build (its tables and test results) and dbt
  is not started;
- only some tables changed (a re-exported ledger month, a new sign-off, a publication
  snapshot): dbt builds what reads them (`source:raw.gl_postings+`, ...) and the other
  models and their test results stand;
- the project changed, or there is no build: everything is built.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.sql import has_table

BUILDS = "audit_run.dbt_builds"
# Read by tests only (not by any model): the publication snapshot of the re-export check.
TEST_ONLY_TABLES = {("audit", "published_month_totals")}
_TEST_ONLY_NAMES = {f"{schema}.{name}" for schema, name in TEST_ONLY_TABLES}
# The ledger as dbt reads it: its rows, and its files' records (raw.ingested_files holds
# every kind's; another kind's change shows in that kind's own raw table too).
LEDGER_TABLES = {"raw.gl_postings", "raw.ingested_files"}
# Raw tables whose content the file records stand for (one hash per file).
_FILE_RECORDS = {"ingested_files": "source_kind", "goal_files": None}
# A raw table loaded from files carries each row's file and its hash: ingest writes them.
_FILE_COLUMN = "source_hash"
# Goal tables come from workbooks and name each row's sheet; finance kinds do not.
_SHEET_COLUMN = "source_sheet"
_PROJECT_PARTS = ("dbt_project.yml", "models", "macros", "seeds", "tests", "snapshots")
_ENV_VAR = re.compile(r"""env_var\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]""")
# Not a table: the day of the build, for the models that read the day (`current_date`).
BUILD_DAY = "current_date"
READS_THE_DAY = re.compile(r"\b(current_date|current_timestamp|now\(\))", re.IGNORECASE)


@dataclass(frozen=True)
class Fingerprint:
    """sha256s of what dbt reads: the project's files, and each table it may read."""

    project: str  # every file of the dbt project (models, macros, seeds, tests)
    tables: dict[str, str]  # 'schema.table' -> its content (file records where loaded)

    def changed_tables(self, earlier: Fingerprint) -> set[str]:
        """Tables whose content differs from `earlier`'s (or that came or went)."""
        names = set(self.tables) | set(earlier.tables)
        return {name for name in names if self.tables.get(name) != earlier.tables.get(name)}


@dataclass(frozen=True)
class Build:
    """A successful dbt build of the candidate: what it was built from, and by which run."""

    fingerprint: Fingerprint
    run_id: str
    # the run whose dbt last built tables (run_id, or an earlier run when this one and
    # those between built nothing): the published file holding them needs no new copy
    tables_built_by: str


def build_fingerprint(
    candidate: Path, project_dir: Path, today: dt.date | None = None
) -> Fingerprint:
    """The fingerprint of the candidate's dbt inputs now (see Fingerprint).

    Besides the tables: the values of the environment variables the project's SQL reads
    (`env_var('TOTEUMA_DEVIATION_PCT')`: part of the project's hash), and the day, under
    BUILD_DAY, which models that read `current_date` depend on (`selectors_reading`).
    """
    with duckdb.connect(str(candidate), read_only=True) as con:
        tables = {
            f"{schema}.{name}": hashlib.sha256(repr(part).encode()).hexdigest()
            for (schema, name), part in _table_parts(con)
        }
    tables[BUILD_DAY] = (today or dt.date.today()).isoformat()
    project = hashlib.sha256()
    read_from_env: set[str] = set()
    for path in _project_files(project_dir):
        content = path.read_bytes()
        project.update(str(path.relative_to(project_dir)).encode())
        project.update(hashlib.sha256(content).digest())
        read_from_env |= set(_ENV_VAR.findall(content.decode("utf-8", errors="replace")))
    for name in sorted(read_from_env):
        project.update(f"{name}={os.environ.get(name)}".encode())
    return Fingerprint(project.hexdigest(), tables)


def _table_parts(con: duckdb.DuckDBPyConnection) -> list[tuple[tuple[str, str], object]]:
    """Each table's content: a raw table loaded from files by the files' records (its
    kind's rows of raw.ingested_files, or raw.goal_files for every goal table), any other
    by a hash of its rows.

    Which raw tables are loaded from files is read from the tables themselves: they carry
    `source_hash` on every row (a goal table also `source_sheet`, a finance kind does not).
    """
    columns: dict[tuple[str, str], set[str]] = {}
    for schema, name, column in con.execute(
        "select table_schema, table_name, column_name from information_schema.columns"
        " where table_schema in ('raw', 'audit', 'controls')"
    ).fetchall():
        columns.setdefault((schema, name), set()).add(column)
    tables = set(columns)
    parts: list[tuple[tuple[str, str], object]] = []
    files: dict[str, list[tuple]] = {}
    for records, kind_column in _FILE_RECORDS.items():
        if ("raw", records) not in tables:
            continue
        kind = kind_column or "null"
        rows = con.execute(
            f"select {kind}, source_file, source_hash from raw.{records} order by all"
        ).fetchall()
        parts.append((("raw", records), [row[1:] for row in rows]))
        for row in rows:
            files.setdefault(row[0] or records, []).append(row[1:])
    loaded_from_files = {
        name
        for (schema, name), names in columns.items()
        if schema == "raw" and _FILE_COLUMN in names and name not in _FILE_RECORDS
    }
    for name in sorted(loaded_from_files):
        goal = _SHEET_COLUMN in columns[("raw", name)]
        parts.append((("raw", name), files.get("goal_files" if goal else name, [])))
    for schema, name in sorted(tables):
        if schema == "raw" and (name in loaded_from_files or name in _FILE_RECORDS):
            continue
        parts.append(((schema, name), con.execute(_content_sql(con, schema, name)).fetchall()))
    return parts


def _content_sql(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> str:
    """The rows of a small table (controls, the publication snapshot), order-free.

    Of the publication snapshot only the latest publication per municipality counts, and
    not when it was made: each publication writes one, and a snapshot equal to the last
    changes nothing the checks compute (else every publication would rebuild the next night).
    """
    columns = [
        column
        for (column,) in con.execute(
            "select column_name from information_schema.columns"
            " where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, name],
        ).fetchall()
        if column != "published_at"
    ]
    row = "hash(" + ", ".join(f'"{column}"' for column in columns) + ")"
    where = ""
    if (schema, name) in TEST_ONLY_TABLES:
        where = (
            f" where (municipality_code, published_at) in (select municipality_code,"
            f" max(published_at) from {schema}.{name} group by all)"
        )
    return f"select '{schema}.{name}', count(*), bit_xor({row}) from {schema}.{name}{where}"


def _project_files(project_dir: Path) -> list[Path]:
    found: list[Path] = []
    for part in _PROJECT_PARTS:
        path = project_dir / part
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file())
    return found


def last_build(candidate: Path) -> Build | None:
    """The latest successful build recorded in the candidate, if any."""
    if not candidate.exists():
        return None
    with duckdb.connect(str(candidate), read_only=True) as con:
        if not has_table(con, "audit_run", "dbt_builds"):
            return None
        try:
            rows = con.execute(
                f"select project_fingerprint, table_fingerprints, run_id, tables_built_by"
                f" from {BUILDS} order by built_at desc limit 1"
            ).fetchall()
        except duckdb.BinderException:  # recorded by an older version: build again
            return None
        if not rows:
            return None
        project, tables, run_id, tables_built_by = rows[0]
        # A run that reused this build and then failed took its test outcomes: rebuild.
        outcomes = con.execute(
            "select count(*) from audit_run.dbt_tests where run_id = ?", [run_id]
        ).fetchall()[0][0]
    if not outcomes:
        return None
    return Build(Fingerprint(project, json.loads(tables)), run_id, tables_built_by)


def record_build(
    candidate: Path, fingerprint: Fingerprint, run_id: str, tables_built_by: str | None = None
) -> None:
    """Remember that this run's dbt build succeeded from inputs with this fingerprint;
    `tables_built_by`: the run whose dbt built the tables, when not this one (a night
    that reused an earlier build)."""
    with duckdb.connect(str(candidate)) as con:
        con.execute("create schema if not exists audit_run")
        con.execute(f"drop table if exists {BUILDS}")  # only the latest matters
        con.execute(
            f"create table {BUILDS} (project_fingerprint varchar, table_fingerprints varchar,"
            " run_id varchar, built_at timestamp, tables_built_by varchar)"
        )
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        con.execute(
            f"insert into {BUILDS} values (?, ?, ?, ?, ?)",
            [
                fingerprint.project,
                json.dumps(fingerprint.tables, sort_keys=True),
                run_id,
                now,
                tables_built_by or run_id,
            ],
        )


def forget_build(candidate: Path) -> Build | None:
    """Until this build succeeds, the next run must run dbt whatever it finds.

    Returns the build forgotten."""
    built = last_build(candidate)
    if candidate.exists():
        with duckdb.connect(str(candidate)) as con:
            con.execute(f"drop table if exists {BUILDS}")
    return built


@functools.cache
def snapshot_tests(project_dir: Path) -> frozenset[str]:
    """The dbt tests (node names) that read a table only tests read, from the project's
    parsed manifest (target/manifest.json)."""
    manifest = json.loads((project_dir / "target" / "manifest.json").read_text(encoding="utf-8"))
    sources = {f"source.toteuma.{schema}.{name}" for schema, name in TEST_ONLY_TABLES}
    return frozenset(
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        and sources & set(node.get("depends_on", {}).get("nodes", []))
    )


def snapshot_of_this_build(candidate: Path, project_dir: Path, run_id: str) -> bool:
    """After this run published its build and snapshotted it: the tests reading the
    snapshot need not run again the next night when they passed in this run.

    The snapshot holds the monthly sums of the very tables those tests compare it with,
    so against it they find nothing, as they found nothing against the one before: the
    build's fingerprint takes the new snapshot (True). When one of them failed, its
    stored failing rows are out of date and it runs again (False, nothing changed).
    """
    built = last_build(candidate)
    if built is None or built.run_id != run_id:
        return False
    with duckdb.connect(str(candidate), read_only=True) as con:
        passed = dict(
            con.execute(
                "select split_part(unique_id, '.', 3), status = 'pass'"
                " from audit_run.dbt_tests where run_id = ?",
                [run_id],
            ).fetchall()
        )
    if not all(passed.get(name) for name in snapshot_tests(project_dir)):
        return False
    now = build_fingerprint(candidate, project_dir)
    snapshot = _TEST_ONLY_NAMES | {BUILD_DAY}
    if now.project != built.fingerprint.project or now.changed_tables(built.fingerprint) - snapshot:
        return False
    record_build(candidate, now, run_id, built.tables_built_by)
    return True


def scoped_to_ledger(changed: set[str]) -> bool:
    """Whether a build after these changes may be scoped to the municipalities whose
    ledger changed (dbt's `--vars '{ledger_scope: true}'`, dbt_project/macros/
    ledger_scope.sql): the ledger changed, and nothing else dbt's models read did (the
    publication snapshot and the day are read by tests, or by no model today)."""
    return bool(changed & LEDGER_TABLES) and not (
        changed - LEDGER_TABLES - _TEST_ONLY_NAMES - {BUILD_DAY}
    )


def selectors_reading(changed: set[str], manifest: dict) -> list[str]:
    """dbt selectors of everything that reads what `changed` names, e.g.
    ['source:raw.gl_postings+', 'int_signoffs_in_force+']: a table ('schema.table') is read
    through its dbt source (a changed table that is none is read by no model or test); a
    new day (BUILD_DAY) by the models and tests whose SQL asks for the day (none today:
    dim_org_unit.is_current marks the open version, not the one valid on the build's day,
    so that a quiet night on a new day starts no dbt)."""
    sources = {
        f"{node['schema']}.{node.get('identifier') or node['name']}": (
            f"source:{node['source_name']}.{node['name']}+"
        )
        for node in manifest["sources"].values()
    }
    selectors = {sources[name] for name in changed if name in sources}
    if BUILD_DAY in changed:
        selectors |= {
            f"{node['name']}+"
            for node in manifest["nodes"].values()
            if node["resource_type"] in ("model", "test")
            and READS_THE_DAY.search(node.get("raw_code", ""))
        }
    return sorted(selectors)
