"""Read every changed file of one source kind in one pass of DuckDB's CSV reader.

Each file still loads all or nothing: a file that cannot be split into fields, has a
line with more or fewer fields than its header, or holds a value that breaks a rule is
refused alone, with its own LandingFileError (file, line, column, expected, found), and
its rows leave the batch. The rest are typed into one table with the file's name, hash
and the editor line of each row. Files whose headers put the columns in different places
are read in groups of the same layout.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import csv_format, lines
from ingest.encoding import FileSurvey, utf8_source
from ingest.errors import LandingFileError
from ingest.landing import LandingFile
from ingest.sources import SourceKind
from reports.finnish import counted
from warehouse.hetu import mask_hetu
from warehouse.sql import ident

MAX_REPORTED = 5
MAX_SHOWN_CHARS = 40
# Never a field's text: empty fields stay '' and only fields a line lacks become NULL.
_NO_NULL_TEXT = "\\x01toteuma-no-null\\x01"


@dataclass(frozen=True)
class BatchFile:
    """A changed landing file waiting to be read, with its surveyed bytes."""

    landing: LandingFile
    survey: FileSurvey

    @property
    def name(self) -> str:
        return self.landing.path.name


@dataclass
class Batch:
    """The outcome of reading a batch: the typed rows of the files that could be read."""

    table: str  # the typed rows, with source_file, source_hash, source_row
    rows: dict[str, int] = field(default_factory=dict)  # file name → rows typed
    refused: dict[str, LandingFileError] = field(default_factory=dict)


def read_batch(
    con: duckdb.DuckDBPyConnection, source: SourceKind, files: Sequence[BatchFile], table: str
) -> Batch:
    """Read, check and type `files` into `table` (created); refuse the bad ones alone."""
    batch = Batch(table)
    with contextlib.ExitStack() as stack:
        utf8_paths: dict[str, Path] = {}
        for file in files:
            try:
                utf8_paths[file.name] = stack.enter_context(
                    utf8_source(file.landing.path, file.survey)
                )
            except LandingFileError as problem:
                batch.refused[file.name] = problem
        by_name = {file.name: file for file in files if file.name in utf8_paths}
        text = _stage_text(con, source, by_name, utf8_paths, batch)
        try:
            _refuse_wrong_field_counts(con, source, text, utf8_paths, batch)
            _number_editor_lines(con, text, by_name, utf8_paths, batch)
            _refuse_broken_values(con, source, text, by_name, batch)
            _type(con, source, text, batch)
        finally:
            con.execute(f"drop table if exists {text}")
    return batch


def _temp_name(prefix: str) -> str:
    return f"_{prefix}_{uuid.uuid4().hex}"


# --- text: every file's wanted columns as text, by layout group --------------------------


def _stage_text(con, source, by_name, utf8_paths, batch) -> str:
    """A temp table (file_name, record_no, source_row, file_*, <header columns>, _extra,
    _short); source_row is the record number until `_number_editor_lines` corrects it."""
    files = _temp_name("files")
    con.execute(
        f"create temp table {files} (path varchar, file_name varchar, source_hash varchar,"
        " file_kunta varchar, file_year integer, file_month integer)"
    )
    for name, file in by_name.items():
        key = file.landing
        con.execute(
            f"insert into {files} values (?, ?, ?, ?, ?, ?)",
            [str(utf8_paths[name]), name, file.survey.sha256, key.municipality_code,
             key.fiscal_year, key.period_month],
        )  # fmt: skip
    wanted = ", ".join(f"{ident(column)} varchar" for column in source.header)
    raw = _temp_name("text")
    con.execute(f"create temp table {raw} (path varchar, {wanted}, _extra varchar, _short boolean)")
    for (width, positions), names in _layout_groups(source, utf8_paths, batch).items():
        _read_group(
            con, raw, source, width, positions, [utf8_paths[n] for n in names], utf8_paths, batch
        )
    text = _temp_name("text")
    # rowid is the insertion order, which is each file's order: a record's number is its
    # distance from its file's first rowid (+ 2 for the header line; no window sort)
    con.execute(
        f"create temp table {text} as select files.file_name, files.source_hash,"
        " files.file_kunta, files.file_year, files.file_month,"
        f" {raw}.rowid - firsts.first_rowid + 2 as record_no,"
        f" {raw}.rowid - firsts.first_rowid + 2 as source_row, {raw}.* exclude (path)"
        f" from {raw} join {files} as files using (path)"
        f" join (select path, min(rowid) as first_rowid from {raw} group by path) as firsts"
        " using (path)"
    )
    con.execute(f"drop table {raw}")
    con.execute(f"drop table {files}")
    return text


def _layout_groups(source, utf8_paths, batch) -> dict[tuple[int, tuple[int, ...]], list[str]]:
    """Files by where their header puts the wanted columns; a bad header refuses its file."""
    groups: dict[tuple[int, tuple[int, ...]], list[str]] = {}
    for name, path in utf8_paths.items():
        header = csv_format.read_header(path)
        try:
            positions = csv_format.match_columns(header, source.header, name)
        except LandingFileError as problem:
            batch.refused[name] = problem
            continue
        layout = (len(header), tuple(positions[column] for column in source.header))
        groups.setdefault(layout, []).append(name)
    return groups


def _read_group(con, raw, source, width, positions, paths, utf8_paths, batch) -> None:
    """Append the group's rows; a file DuckDB cannot split is refused and the rest re-read.

    One extra column and padding let a line's field count be checked after the read
    (DuckDB alone drops empty trailing fields, so a stray ';' would shift silently); the
    extra column also holds the empty field of a trailing separator.
    """
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width + 1)) + "}"
    picked = ", ".join(f"c{p} as {ident(c)}" for p, c in zip(positions, source.header, strict=True))
    remaining = [str(path) for path in paths]
    parallel = "true"
    while remaining:
        try:
            con.execute(
                f"insert into {raw} select filename, {picked}, c{width}, c{width - 1} is null"
                f" from read_csv(?, delim=';', quote='\"', escape='\"', header=false, skip=1,"
                f" columns={columns}, auto_detect=false, null_padding=true,"
                f" nullstr='{_NO_NULL_TEXT}', filename=true, parallel={parallel})",
                [remaining],
            )
            return
        except duckdb.Error as error:
            if "parallel=false" in str(error) and parallel == "true":
                parallel = "false"  # quoted line breaks with padding: a serial read
                continue
            bad = _failing_path(con, error, remaining, columns)
            remaining.remove(bad)
            name = next(n for n, p in utf8_paths.items() if str(p) == bad)
            named = _named_text_columns(source, Path(bad))
            batch.refused[name] = LandingFileError(
                name, lines.structure_problems(Path(bad), name, named)
            )


def _failing_path(con, error: duckdb.Error, paths: list[str], columns: str) -> str:
    """The file a multi-file read failed on (DuckDB's message names it; else try each)."""
    found = re.search(r"file = (.+)", str(error))
    if found and found.group(1).strip() in paths:
        return found.group(1).strip()
    for path in paths:
        try:
            con.execute(
                f"select count(*) from read_csv(?, delim=';', quote='\"', escape='\"',"
                f" header=false, skip=1, columns={columns}, auto_detect=false,"
                f" null_padding=true, parallel=false)",
                [path],
            ).fetchall()
        except duckdb.Error:
            return path
    return paths[0]


def _named_text_columns(source: SourceKind, path: Path) -> list[str]:
    """The free-text columns as this file's header writes them."""
    header = csv_format.read_header(path)
    wanted = {csv_format.normalise_name(c) for c in source.text_columns}
    return [name.strip() for name in header if csv_format.normalise_name(name) in wanted]


# --- field counts and line numbers --------------------------------------------------------


def _refuse_wrong_field_counts(con, source, text, utf8_paths, batch) -> None:
    """A line with a field more or fewer than the header refuses its file, except the
    trailing separator: a file whose every line ends with one empty field more than the
    header (`a;b;c` / `1;2;3;`, as some exports write) is read as if that ';' were absent.

    It is the file's habit or nothing: where only some lines end with an empty extra
    field, those lines cannot be told from a ';' typed inside a text before empty last
    columns (which would shift the text into the next column), so the file is refused;
    so is a file of one data line ending so, which shows no habit.
    """
    bad = con.execute(
        f"select file_name from {text} group by file_name"
        " having bool_or(_short or _extra <> '')"
        " or (bool_or(_extra = '') and (bool_or(_extra is null) or count(*) = 1))"
    ).fetchall()
    for (name,) in bad:
        path = utf8_paths[name]
        problems = lines.structure_problems(path, name, _named_text_columns(source, path))
        _refuse(con, text, batch, name, LandingFileError(name, problems))


def _number_editor_lines(con, text, by_name, utf8_paths, batch) -> None:
    """source_row = the editor line: record numbers unless empty lines or quoted breaks."""
    counts = con.execute(f"select file_name, count(*) from {text} group by file_name").fetchall()
    for name, records in counts:
        if name in batch.refused or by_name[name].survey.records_are_lines(records):
            continue
        layout = lines.record_layout(con, utf8_paths[name])
        try:
            con.execute(
                f"update {text} set source_row = {layout}.line_no from {layout}"
                f" where {text}.file_name = ? and {text}.record_no = {layout}.record_no",
                [name],
            )
        finally:
            con.execute(f"drop table if exists {layout}")


# --- values -------------------------------------------------------------------------------


def _refuse_broken_values(con, source, text, by_name, batch) -> None:
    """Every rule over every row at once; a file with broken values is refused, naming them."""
    if not source.rules:
        return
    # One scan counts each file's failures of every rule (aggregates are cheaper than a long
    # WHERE); the rows are fetched only for the files and rules that failed.
    counts = ", ".join(f"count(*) filter (where ({r.is_valid}) is not true)" for r in source.rules)
    failing = [
        (name, [i for i, n in enumerate(found) if n])
        for name, *found in con.execute(
            f"select file_name, {counts} from {text} group by file_name"
        ).fetchall()
    ]
    failing = [(name, rules) for name, rules in failing if rules and name not in batch.refused]
    if not failing:
        return
    for name, rule_indexes in failing:
        union = " union all ".join(
            f"select source_row, {i} as rule, {ident(source.rules[i].column)} as found"
            f" from {text} where file_name = $name and ({source.rules[i].is_valid}) is not true"
            for i in rule_indexes
        )
        rows = con.execute(
            f"select source_row, rule, found, count(*) over () from ({union})"
            f" order by source_row, rule limit {MAX_REPORTED}",
            {"name": name},
        ).fetchall()
        _refuse(con, text, batch, name, _value_error(source, by_name[name], rows))


def _value_error(source: SourceKind, file: BatchFile, rows: list[tuple]) -> LandingFileError:
    key = file.landing
    facts = {"kunta": key.municipality_code, "year": key.fiscal_year, "month": key.period_month}
    header = _written_header(source, file)
    problems = [
        f"{file.name}, rivi {line}, sarake '{header[source.rules[rule].column]}': "
        f"odotettiin {source.rules[rule].expected.format(**facts)}, löytyi {shown(found)}"
        for line, rule, found, _ in rows
    ]
    total = rows[0][3]
    if total > len(rows):
        more = counted(total - len(rows), "virhe", "virhettä")
        problems.append(f"{file.name}: lisäksi {more}, joita ei näytetä tässä")
    return LandingFileError(file.name, problems)


def _written_header(source: SourceKind, file: BatchFile) -> dict[str, str]:
    """Each contract column's name as this file's header writes it."""
    with utf8_source(file.landing.path, file.survey) as path:
        header = csv_format.read_header(path)
    positions = csv_format.match_columns(header, source.header, file.name)
    return {c: header[positions[c]].replace("\ufeff", "").strip() for c in source.header}


def shown(found: str | None) -> str:
    """An input value as a message may quote it: identity codes masked, long text cut."""
    if found is None or not found.strip():
        return "tyhjä kenttä"
    text = mask_hetu(found.strip()) or ""
    return f"'{text[:MAX_SHOWN_CHARS]}…'" if len(text) > MAX_SHOWN_CHARS else f"'{text}'"


def _refuse(con, text, batch, name: str, problem: LandingFileError) -> None:
    batch.refused[name] = problem
    con.execute(f"delete from {text} where file_name = ?", [name])


# --- typed rows ---------------------------------------------------------------------------


def _type(con, source: SourceKind, text: str, batch: Batch) -> None:
    # A name without a schema is a temp table (a file read on its own, see ingest.scan).
    temporary = "" if "." in batch.table else "temp "
    con.execute(
        f"create or replace {temporary}table {batch.table} as select {', '.join(source.select)},"
        " file_name as source_file, source_hash, cast(source_row as integer) as source_row"
        f" from {text}"
    )
    batch.rows = dict(
        con.execute(
            f"select source_file, count(*) from {batch.table} group by source_file"
        ).fetchall()
    )
