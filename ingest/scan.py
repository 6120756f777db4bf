"""The shared reading pipeline: stage a CSV as text, validate it in SQL, type it.

Every kind of file goes through the same three steps, so that each kind's module only
says which columns it has, which rules their values follow and how they are typed.
"""

import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingest import csv_rules
from ingest.csv_rules import ident, literal
from ingest.errors import LandingFileError
from ingest.landing import LandingFile, classify
from ingest.rules import Rule

MAX_REPORTED = 5


def landing_file(path: Path, kind: str) -> LandingFile:
    """The file's key from its name; a reader refuses a file named for another kind."""
    found = classify(path)
    if found is None or found.kind != kind:
        raise LandingFileError(path.name, [f"{path.name}: expected a {kind} file name"])
    return found


def read_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    columns: Sequence[str],
    rules: Sequence[Rule],
    select: Sequence[str],
) -> duckdb.DuckDBPyRelation:
    """Read, validate and type one landing CSV into a temporary table.

    `columns` are the contract's column names; `select` the typed output expressions over
    them. The file's identity (name, hash, line) is appended. Nothing is returned unless
    every row passes every rule.
    """
    source_hash = csv_rules.sha256_file(path)
    staged = _temp_name()
    try:
        header = _stage(con, path, columns, staged)
        _validate(con, staged, path.name, header, rules)
        typed = _temp_name()
        identity = f"{literal(path.name)} as source_file, {literal(source_hash)} as source_hash"
        con.execute(
            f"create temp table {typed} as select {', '.join(select)}, {identity},"
            f" cast(source_row as integer) as source_row from {staged} order by source_row"
        )
        return con.table(typed)
    finally:
        con.execute(f"drop table if exists {staged}")


def release(con: duckdb.DuckDBPyConnection, relation: duckdb.DuckDBPyRelation) -> None:
    """Drop the temporary table behind a reader's relation once its rows are stored."""
    if relation.alias.startswith("_ingest_"):
        con.execute(f"drop table if exists temp.main.{ident(relation.alias)}")


def _temp_name() -> str:
    return f"_ingest_{uuid.uuid4().hex}"


def _stage(
    con: duckdb.DuckDBPyConnection, path: Path, columns: Sequence[str], staged: str
) -> dict[str, str]:
    """Copy the file's wanted columns, as text, with their line numbers into `staged`.

    Returns the header name as written in the file for each contract column.
    """
    with csv_rules.utf8_source(path) as utf8_path:
        header = csv_rules.read_header(utf8_path)
        positions = csv_rules.match_columns(header, columns, path.name)
        # Positional names: DuckDB never has to agree with us on how a header is spelt.
        all_text = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
        picked = ", ".join(f"c{positions[name]} as {ident(name)}" for name in columns)
        try:
            # With insertion order preserved the scan comes in file order, so
            # row_number() + 1 is the line an editor shows (header = line 1).
            con.execute(
                f"create temp table {staged} as select row_number() over () + 1 as source_row,"
                f" {picked} from read_csv(?, delim=';', quote='\"', escape='\"', header=false,"
                f" skip=1, columns={all_text}, auto_detect=false)",
                [str(utf8_path)],
            )
        except duckdb.Error as error:
            message = str(error).replace(str(utf8_path), path.name)
            problem = f"{path.name}: not a readable CSV: {message}"
            raise LandingFileError(path.name, [problem]) from error
    return {name: header[positions[name]].replace("\ufeff", "").strip() for name in columns}


def _validate(
    con: duckdb.DuckDBPyConnection,
    staged: str,
    file_name: str,
    header: dict[str, str],
    rules: Sequence[Rule],
) -> None:
    """Raise with the first few broken values, found by set-based queries."""
    if not rules:
        return
    # One scan counts the failures of every rule (as aggregates, which DuckDB evaluates
    # faster than one long WHERE); the row-level query runs only for rules that failed.
    counts = ", ".join(f"count(*) filter (where ({rule.is_valid}) is not true)" for rule in rules)
    failed = [
        i for i, n in enumerate(con.execute(f"select {counts} from {staged}").fetchall()[0]) if n
    ]
    if not failed:
        return
    failures = " union all ".join(
        f"select source_row, {index} as rule, {ident(rules[index].column)} as found from {staged}"
        f" where ({rules[index].is_valid}) is not true"
        for index in failed
    )
    rows = con.execute(
        f"select source_row, rule, found, count(*) over () from ({failures})"
        f" order by source_row, rule limit {MAX_REPORTED}"
    ).fetchall()
    problems = [
        f"{file_name}, line {line}, column '{header[rules[rule].column]}': "
        f"expected {rules[rule].expected}, found {_shown(found)}"
        for line, rule, found, _ in rows
    ]
    total = rows[0][3]
    if total > len(rows):
        problems.append(f"{file_name}: {total - len(rows)} more problems not shown")
    raise LandingFileError(file_name, problems)


def _shown(found: str | None) -> str:
    return "an empty value" if found is None or not found.strip() else f"'{found}'"
