"""The shared reading pipeline: stage a CSV as text, validate it in SQL, type it.

Every kind of file goes through the same three steps, so that each kind's module only
says which columns it has, which rules their values follow and how they are typed.
"""

import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingest import csv_rules, lines
from ingest.encoding import FileSurvey, survey_file, utf8_source
from ingest.errors import LandingFileError
from ingest.hetu import mask_hetu
from ingest.landing import LandingFile, classify
from ingest.rules import Rule
from ingest.sql import ident, literal

MAX_REPORTED = 5
MAX_SHOWN_CHARS = 40


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
    *,
    text_columns: Sequence[str] = (),
    survey: FileSurvey | None = None,
) -> duckdb.DuckDBPyRelation:
    """Read, validate and type one landing CSV into a temporary table.

    `columns` are the contract's column names; `select` the typed output expressions over
    them; `text_columns` those holding free text people type (named when a stray ';'
    breaks a line). The file's identity (name, hash, editor line) is appended. Nothing is
    returned unless every row passes every rule. `survey` saves a second pass over the
    bytes when the caller has surveyed the file already.
    """
    survey = survey or survey_file(path)
    staged = _temp_name()
    try:
        header = _stage(con, path, survey, columns, staged, text_columns)
        _validate(con, staged, path.name, header, rules)
        typed = _temp_name()
        identity = f"{literal(path.name)} as source_file, {literal(survey.sha256)} as source_hash"
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
    con: duckdb.DuckDBPyConnection,
    path: Path,
    survey: FileSurvey,
    columns: Sequence[str],
    staged: str,
    text_columns: Sequence[str],
) -> dict[str, str]:
    """Copy the file's wanted columns, as text, with their editor lines into `staged`.

    Returns the header name as written in the file for each contract column.
    """
    with utf8_source(path, survey) as utf8_path:
        header = csv_rules.read_header(utf8_path)
        positions = csv_rules.match_columns(header, columns, path.name)
        # Positional names: DuckDB never has to agree with us on how a header is spelt.
        all_text = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
        picked = ", ".join(f"c{positions[name]} as {ident(name)}" for name in columns)
        named = [header[positions[c]].strip() for c in text_columns if c in positions]
        try:
            # With insertion order preserved the scan comes in file order, so
            # row_number() + 1 is the record number (header = record 1).
            con.execute(
                f"create temp table {staged} as select row_number() over () + 1 as source_row,"
                f" {picked} from read_csv(?, delim=';', quote='\"', escape='\"', header=false,"
                f" skip=1, columns={all_text}, auto_detect=false)",
                [str(utf8_path)],
            )
        except duckdb.Error as error:
            # DuckDB's message quotes the input line: never passed on (personal data).
            problems = lines.structure_problems(utf8_path, path.name, named)
            raise LandingFileError(path.name, problems) from error
        _check_fields_and_number_lines(con, staged, utf8_path, path.name, named)
    return {name: header[positions[name]].replace("\ufeff", "").strip() for name in columns}


def _check_fields_and_number_lines(
    con: duckdb.DuckDBPyConnection, staged: str, utf8_path: Path, name: str, named: list[str]
) -> None:
    """Refuse records with more or fewer fields than the header; number rows as an editor.

    Raises LandingFileError naming the lines. Afterwards `staged.source_row` is the
    editor line each row starts on (empty lines and quoted line breaks counted).
    """
    records = con.execute(f"select count(*) from {staged}").fetchall()[0][0]
    layout = lines.record_layout(con, utf8_path)
    try:
        found = con.execute(f"select count(*) from {layout}").fetchall()[0][0]
        if found != records + 1:  # a quote mark inside an unquoted text: let csv decide
            con.execute(f"drop table {layout}")
            layout = lines.python_layout(con, utf8_path)
        problems = lines.layout_problems(con, layout, name, named)
        if problems:
            raise LandingFileError(name, problems)
        con.execute(
            f"update {staged} set source_row = {layout}.line_no from {layout}"
            f" where {staged}.source_row = {layout}.record_no"
        )
    finally:
        con.execute(f"drop table if exists {layout}")


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
    """An input value as a message may quote it: identity codes masked, long text cut."""
    if found is None or not found.strip():
        return "an empty value"
    text = mask_hetu(found.strip())
    return f"'{text[:MAX_SHOWN_CHARS]}…'" if len(text) > MAX_SHOWN_CHARS else f"'{text}'"
