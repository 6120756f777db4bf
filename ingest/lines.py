"""Editor line numbers for CSV records, and what is wrong with a file DuckDB cannot split.

DuckDB numbers records, not lines: it drops empty lines and a quoted line break makes
one record of two lines. People look for a row in an editor, so every line number we
store or show is the editor's (the header is line 1). `record_layout` maps DuckDB's
record numbers to editor lines and counts each record's fields, set-based in SQL;
`structure_problems` finds, in our own words, why DuckDB refused a file (its own
message quotes whole input lines, which may hold personal data, and speaks of parser
options no controller has).
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

MAX_PROBLEMS = 5


def record_layout(con: duckdb.DuckDBPyConnection, utf8_path: Path) -> str:
    """A temp table (record_no, line_no, fields, is_spaces) of the file's records.

    Record 1 is the header, record k+1 data row k as DuckDB numbers them; line_no is the
    editor line the record starts on; fields counts the ';' outside quotes (DuckDB
    silently drops empty trailing fields, so it cannot tell a stray ';' in a text that
    ends a row with empty columns). A line starts a record unless it is empty or
    continues a quoted text (an odd number of quote marks before it).
    """
    table = f"_lines_{uuid.uuid4().hex}"
    con.execute(
        f"""
        create temp table {table} as
        with split as (
            select string_split(content, chr(10)) as parts from read_text(?)
        ),
        numbered as (
            select unnest(parts) as line, generate_subscripts(parts, 1) as line_no from split
        ),
        flagged as (
            select
                line_no,
                rtrim(line, chr(13)) as line,
                length(line) - length(replace(line, '"', '')) as quotes
            from numbered
        ),
        placed as (
            select *, coalesce(sum(quotes) over (
                order by line_no rows between unbounded preceding and 1 preceding
            ), 0) % 2 = 1 as is_inside_quotes
            from flagged
        ),
        started as (
            select *, not is_inside_quotes and line != '' as is_start from placed
        ),
        grouped as (
            select *, sum(is_start::integer) over (
                order by line_no rows unbounded preceding
            ) as record_no
            from started
            where is_start or is_inside_quotes
        ),
        -- A record continues on the next line only when its first line leaves a quote
        -- open; the few that do are put together, the rest are their own line.
        one_line_records as (
            select record_no, line_no, line as text
            from grouped
            where is_start and quotes % 2 = 0
        ),
        multi_line_records as (
            select record_no, min(line_no) as line_no, string_agg(line, chr(10) order by line_no)
            from grouped
            where record_no in (select record_no from grouped where is_start and quotes % 2 = 1)
            group by record_no
        ),
        records as (
            select record_no, line_no,
                case when contains(text, '"')
                    then regexp_replace(text, '"([^"]|"")*"', '', 'g') else text end as unquoted
            from (select * from one_line_records union all select * from multi_line_records)
            where record_no > 0
        )
        select
            record_no,
            line_no,
            1 + length(unquoted) - length(replace(unquoted, ';', '')) as fields,
            trim(unquoted) = '' as is_spaces
        from records
        """,
        [str(utf8_path)],
    )
    return table


def structure_problems(
    utf8_path: Path, file_name: str, text_columns: Sequence[str] = ()
) -> list[str]:
    """Why the file cannot be split into fields: line, count found, count expected."""
    problems: list[str] = []
    previous, width = 0, 0
    with utf8_path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream, delimiter=";", quotechar='"', strict=True)
        try:
            for fields in reader:
                line, previous = previous + 1, reader.line_num
                if line == 1:
                    width = len(fields)
                elif fields and len(fields) != width:
                    spaces = not "".join(fields).strip()
                    problems.append(
                        _width_problem(file_name, line, len(fields), width, text_columns, spaces)
                    )
                if len(problems) >= MAX_PROBLEMS:
                    break
        except csv.Error:
            problems.append(
                f'{file_name}, line {previous + 1}: a text in quotes (") does not end where '
                "it should: a quote mark inside a text, or a text whose closing quote is "
                "missing?"
            )
    return problems or [
        f"{file_name}: expected ';'-separated lines with {width} fields like the header; "
        "the file could not be split that way"
    ]


def _width_problem(
    file_name: str,
    line: int,
    fields: int,
    width: int,
    text_columns: Sequence[str],
    is_spaces: bool,
) -> str:
    where = f"{file_name}, line {line}"
    if fields == 1 and is_spaces:
        return f"{where}: only spaces; expected {width} fields (an empty line would be fine)"
    if fields > width:
        column = f" (in column '{text_columns[0]}')" if len(text_columns) == 1 else ""
        return (
            f"{where}: {fields} fields where the header has {width} — a ';' inside a "
            f"text that is not in quotes{column}?"
        )
    return (
        f"{where}: {fields} fields where the header has {width} — a missing ';', or a "
        "line cut short?"
    )
