"""Read every changed file of one source kind in one pass of DuckDB's CSV reader.

One statement per header layout reads the files' text, trims each field once, types
every column, masks identity codes in free text and evaluates every value rule and each
line's field count, keeping the rules a row breaks as bits of `_problems`; one aggregate
over that narrow column then finds the files to refuse. Each file still loads all or
nothing: a file that cannot be split into fields, has a line with more or fewer fields
than its header, or holds a value that breaks a rule is refused alone, with its own
LandingFileError (file, line, column, expected, found; only such a file's text is read
again, to quote what was found), and its rows leave the batch. The rest keep their typed
rows with the file's name, hash and the editor line of each row.
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
from warehouse.sql import ident, literal

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
    """Read, check and type `files` into `table` (created); refuse the bad ones alone.

    One statement per layout group reads the CSV text, types every column, masks the
    identity codes in free text and evaluates every value rule and the line's field count,
    storing each row's broken rules as bits of `_problems`. Only the files whose rows have
    problems are looked at again (their text read once more, for the message).
    """
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
        _create_typed(con, source, batch)
        for (width, positions), names in _layout_groups(source, utf8_paths, batch).items():
            _read_group(con, source, width, positions, names, by_name, utf8_paths, batch)
        _number_records(con, batch.table)
        counts = _problems_by_file(con, source, batch.table)
        for name, (records, has_wrong_fields, broken_rules) in counts.items():
            if has_wrong_fields:
                path = utf8_paths[name]
                problems = lines.structure_problems(path, name, _named_text_columns(source, path))
                batch.refused[name] = LandingFileError(name, problems)
            elif broken_rules:
                batch.refused[name] = _broken_values(con, source, by_name[name], utf8_paths[name])
            elif not by_name[name].survey.records_are_lines(records):
                _number_editor_lines(con, batch.table, name, utf8_paths[name])
            if name not in batch.refused:
                batch.rows[name] = records
        refused = [name for name in counts if name in batch.refused]
        if refused:
            con.execute(
                f"delete from {batch.table} where source_file in (select unnest(?))", [refused]
            )
        con.execute(f"alter table {batch.table} drop column _problems")
    return batch


def _temp_name(prefix: str) -> str:
    return f"_{prefix}_{uuid.uuid4().hex}"


# --- one statement: text → typed rows, with each row's problems ----------------------------

# Bits of `_problems` after the value rules' (rule i is bit i): what the line's field count
# showed. A line that ends with one empty field more than the header has EXTRA_EMPTY.
_SHORT, _EXTRA_TEXT, _EXTRA_EMPTY = 0, 1, 2


def _shape_bit(source: SourceKind, which: int) -> int:
    return 1 << (len(source.rules) + which)


def _create_typed(con, source: SourceKind, batch: Batch) -> None:
    # A name without a schema is a temp table (a file read on its own, see ingest.scan).
    temporary = "" if "." in batch.table else "temp "
    columns = ", ".join(f"{column.name} {column.type}" for column in source.columns)
    con.execute(
        f"create or replace {temporary}table {batch.table} ({columns}, source_file varchar,"
        " source_hash varchar, source_row integer, _problems bigint)"
    )


def _typed_select(source: SourceKind, width: int) -> str:
    """The typed columns and `_problems` of the text columns (named by header), `_extra`
    (the field after the header's last) and `_last` (the header's last field)."""
    bits = [f"case when ({rule.is_valid}) is not true then {1 << i} else 0 end"
            for i, rule in enumerate(source.rules)]  # fmt: skip
    bits += [
        f"case when _last is null then {_shape_bit(source, _SHORT)} else 0 end",
        f"case when _extra <> '' then {_shape_bit(source, _EXTRA_TEXT)} else 0 end",
        f"case when _extra = '' then {_shape_bit(source, _EXTRA_EMPTY)} else 0 end",
    ]
    return f"{', '.join(source.select)}, file_name, source_hash, null::integer, {' + '.join(bits)}"


def _files_map(by_name: dict[str, BatchFile], names: list[str], utf8_paths) -> str:
    """A MAP literal from each file's path (as read_csv's `filename` gives it) to the facts
    of its name and bytes. read_csv gives the path as one value per chunk of rows, so
    the lookup costs once a chunk, not once a row (a join would not keep the rows' order)."""
    entries = []
    for name in names:
        key, sha256 = by_name[name].landing, by_name[name].survey.sha256
        facts = (
            f"{{'file_name': {literal(name)}, 'source_hash': {literal(sha256)},"
            f" 'file_kunta': {literal(key.municipality_code)},"
            f" 'file_year': {_int_or_null(key.fiscal_year)},"
            f" 'file_month': {_int_or_null(key.period_month)}}}"
        )
        entries.append(f"{literal(str(utf8_paths[name]))}: {facts}")
    return "map {" + ", ".join(entries) + "}"


def _int_or_null(value: int | None) -> str:
    return "null::integer" if value is None else f"{int(value)}::integer"


def _read_group(con, source, width, positions, names, by_name, utf8_paths, batch) -> None:
    """Append the group's typed rows in the files' order; a file DuckDB cannot split is
    refused and the rest re-read.

    One extra column and padding let a line's field count be checked after the read
    (DuckDB alone drops empty trailing fields, so a stray ';' would shift silently); the
    extra column also holds the empty field of a trailing separator.
    """
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width + 1)) + "}"
    picked = _trimmed_columns(source, positions)
    remaining = list(names)
    parallel = "true"
    while remaining:
        facts = _files_map(by_name, remaining, utf8_paths)
        try:
            con.execute(
                f"insert into {batch.table} select {_typed_select(source, width)} from ("
                f"select {picked}, c{width} as _extra, c{width - 1} as _last, f.*"
                f" from (select *, {facts}[filename] as f"
                f" from read_csv(?, delim=';', quote='\"', escape='\"', header=false, skip=1,"
                f" columns={columns}, auto_detect=false, null_padding=true,"
                f" nullstr='{_NO_NULL_TEXT}', filename=true, parallel={parallel})))",
                [[str(utf8_paths[name]) for name in remaining]],
            )
            return
        except duckdb.Error as error:
            if "parallel=false" in str(error) and parallel == "true":
                parallel = "false"  # quoted line breaks with padding: a serial read
                continue
            paths = [str(utf8_paths[name]) for name in remaining]
            bad = _failing_path(con, error, paths, columns)
            name = next(n for n in remaining if str(utf8_paths[n]) == bad)
            remaining.remove(name)
            named = _named_text_columns(source, Path(bad))
            batch.refused[name] = LandingFileError(
                name, lines.structure_problems(Path(bad), name, named)
            )


def _trimmed_columns(source: SourceKind, positions: Sequence[int]) -> str:
    """The header's columns from the read's c0, c1, …, each trimmed once (empty: NULL):
    the typing and the value rules take them so (see `csv_format`)."""
    return ", ".join(
        f"{csv_format.text_sql(f'c{p}')} as {ident(c)}"
        for p, c in zip(positions, source.header, strict=True)
    )


def _number_records(con, table: str) -> None:
    """source_row = the record's number in its file (the header is 1): rows are stored in
    the order of the files and their lines, so a row's number is its distance from its
    file's first row (rowid; no window sort)."""
    con.execute(
        f"update {table} set source_row = {table}.rowid - firsts.first_rowid + 2"
        f" from (select source_file, min(rowid) as first_rowid from {table} group by all)"
        f" as firsts where {table}.source_file = firsts.source_file"
    )


def _problems_by_file(con, source: SourceKind, table: str) -> dict[str, tuple[int, bool, bool]]:
    """Per file: (rows, whether a line has a field more or fewer than the header, whether
    a value breaks a rule), from one aggregate over the narrow `_problems` column.

    A line with a field more or fewer than the header refuses its file, except the
    trailing separator: a file whose every line ends with one empty field more than the
    header (`a;b;c` / `1;2;3;`, as some exports write) is read as if that ';' were absent.
    It is the file's habit or nothing: where only some lines end with an empty extra
    field, those lines cannot be told from a ';' typed inside a text before empty last
    columns (which would shift the text into the next column), so the file is refused;
    so is a file of one data line ending so, which shows no habit.
    """
    rules = (1 << len(source.rules)) - 1
    short_or_text = _shape_bit(source, _SHORT) | _shape_bit(source, _EXTRA_TEXT)
    empty, text = _shape_bit(source, _EXTRA_EMPTY), _shape_bit(source, _EXTRA_TEXT)
    found = con.execute(
        f"select source_file, count(*), bit_or(_problems) as found,"
        f" bool_or(_problems & {empty | text} = 0) as has_plain"
        f" from {table} group by source_file"
    ).fetchall()
    return {
        name: (
            records,
            bool(problems & short_or_text) or (bool(problems & empty) and (plain or records == 1)),
            bool(problems & rules),
        )
        for name, records, problems, plain in found
    }


# --- text: one refused file's columns as text, for the message -----------------------------


def _stage_text(con, source, by_name, utf8_paths) -> str:
    """A temp table (file_name, record_no, source_row, file_*, <header columns>, _extra,
    _short) of files already read once; source_row is the record number until
    `_number_text_lines` corrects it."""
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
    scratch = Batch(raw)
    for (width, positions), names in _layout_groups(source, utf8_paths, scratch).items():
        _read_text_group(con, raw, source, width, positions, [utf8_paths[n] for n in names])
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


def _read_text_group(con, raw, source, width, positions, paths) -> None:
    """Append the group's rows as text (files that were read once already)."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width + 1)) + "}"
    picked = _trimmed_columns(source, positions)
    con.execute(
        f"insert into {raw} select filename, {picked}, c{width}, c{width - 1} is null"
        f" from read_csv(?, delim=';', quote='\"', escape='\"', header=false, skip=1,"
        f" columns={columns}, auto_detect=false, null_padding=true,"
        f" nullstr='{_NO_NULL_TEXT}', filename=true, parallel=false)",
        [[str(path) for path in paths]],
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


# --- line numbers and broken values --------------------------------------------------------


def _number_editor_lines(con, table: str, name: str, utf8_path: Path) -> None:
    """source_row = the editor line where the file's records are not its lines (empty
    lines, quoted line breaks): its record numbers mapped to the lines they start on."""
    layout = lines.record_layout(con, utf8_path)
    try:
        con.execute(
            f"update {table} set source_row = {layout}.line_no from {layout}"
            f" where {table}.source_file = ? and {table}.source_row = {layout}.record_no",
            [name],
        )
    finally:
        con.execute(f"drop table if exists {layout}")


def _broken_values(con, source: SourceKind, file: BatchFile, utf8_path: Path) -> LandingFileError:
    """The file's broken values, first lines first, each with what was found: its text
    read once more (only a refused file pays for it)."""
    text = _stage_text(con, source, {file.name: file}, {file.name: utf8_path})
    try:
        records = con.execute(f"select count(*) from {text}").fetchone()[0]
        if not file.survey.records_are_lines(records):
            layout = lines.record_layout(con, utf8_path)
            try:
                con.execute(
                    f"update {text} set source_row = {layout}.line_no from {layout}"
                    f" where {text}.record_no = {layout}.record_no"
                )
            finally:
                con.execute(f"drop table if exists {layout}")
        union = " union all ".join(
            f"select source_row, {i} as rule, {ident(rule.column)} as found"
            f" from {text} where ({rule.is_valid}) is not true"
            for i, rule in enumerate(source.rules)
        )
        rows = con.execute(
            f"select source_row, rule, found, count(*) over () from ({union})"
            f" order by source_row, rule limit {MAX_REPORTED}"
        ).fetchall()
    finally:
        con.execute(f"drop table if exists {text}")
    return _value_error(source, file, rows)


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
