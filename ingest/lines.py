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

from ingest import csv_format
from warehouse.sql import literal

MAX_PROBLEMS = 5
# A field outside quotes: a quoted text (a quote mark inside it doubled) or a text that
# does not start with a quote mark (one inside it is text), or nothing.
_FIELD = r'(?:"(?:[^"]|"")*"|[^;"][^;]*)?'
_OPEN_TEXT = r'"(?:[^"]|"")*'  # a quoted text still open at the end of the line
# Begun outside quotes, the line ends inside a quoted text.
_OPENS = rf"^(?:{_FIELD};)*{_OPEN_TEXT}$"
# Begun inside a quoted text, the line ends inside one: the same or, closed, a new one.
_STAYS = rf'^(?:[^"]|"")*$|^(?:[^"]|"")*"(?:;{_FIELD})*;{_OPEN_TEXT}$'


def record_layout(con: duckdb.DuckDBPyConnection, utf8_path: Path) -> str:
    """A temp table (record_no, line_no, fields, is_spaces) of the file's records.

    Record 1 is the header, record k+1 data row k as DuckDB numbers them; line_no is the
    editor line the record starts on; fields counts the ';' outside quotes (DuckDB
    silently drops empty trailing fields, so it cannot tell a stray ';' in a text that
    ends a row with empty columns). A line starts a record unless it is empty or
    continues a quoted text. Whether it does follows the CSV rule DuckDB reads by: a quote
    mark opens a text only at the start of a field, so the inch mark in `Näyttö 24" malli`
    is text, not the start of a line break.
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
            select line_no, rtrim(line, chr(13)) as line from numbered
        ),
        -- What a line does to the quote state: `opens` begun outside a quoted text, it
        -- ends inside one; `stays` begun inside, it ends inside. A line that does either
        -- whatever came before (a constant) resets the state; one that opens from outside
        -- and closes from inside flips it; the rest (no quote marks) leave it.
        moves as (
            select *,
                contains(line, '"') and regexp_full_match(line, {literal(_OPENS)}) as opens,
                not contains(line, '"') or regexp_full_match(line, {literal(_STAYS)}) as stays
            from flagged
        ),
        counted as (
            select *, opens = stays as is_constant, sum((opens and not stays)::integer) over (
                order by line_no rows unbounded preceding
            ) as flips
            from moves
        ),
        placed as (
            select *, (
                coalesce(last_value(case when is_constant then opens::integer end ignore nulls)
                    over before, 0)
                + coalesce(last_value(flips) over before, 0)
                - coalesce(last_value(case when is_constant then flips end ignore nulls)
                    over before, 0)
            ) % 2 = 1 as is_inside_quotes
            from counted
            window before as (order by line_no rows between unbounded preceding and 1 preceding)
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
            where is_start and not opens
        ),
        multi_line_records as (
            select record_no, min(line_no) as line_no, string_agg(line, chr(10) order by line_no)
            from grouped
            where record_no in (select record_no from grouped where is_start and opens)
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
    """Why the file cannot be split into fields: line, count found, count expected.

    A line may end with one empty field more than the header (a trailing ';') when the
    file's lines do so as a habit: the shape most lines have is the file's, and the lines
    that differ from it are named (see `ingest.batch._refuse_wrong_field_counts`).
    """
    shapes = _Shapes()
    quote: str | None = None
    previous = 0
    with utf8_path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream, delimiter=";", quotechar='"', strict=True)
        try:
            for fields in reader:
                line, previous = previous + 1, reader.line_num
                if line == 1:
                    shapes.width = len(csv_format.without_trailing(fields))
                elif fields:
                    shapes.add(line, fields)
        except csv.Error:
            quote = quote_problem(utf8_path, file_name, previous + 1)
    problems = shapes.problems(file_name, text_columns)[:MAX_PROBLEMS]
    if quote is not None and len(problems) < MAX_PROBLEMS:
        problems.append(quote)
    return problems or [
        f"{file_name}: odotettiin ';'-merkein eroteltuja rivejä, joilla on {shapes.width} kenttää"
        " kuten otsikkorivillä; tiedostoa ei voitu jakaa niin"
    ]


class _Shapes:
    """The data lines by field count: as many as the header's names (plain), one empty
    field more (a trailing ';'), or another count (always a problem); the first few of each."""

    def __init__(self) -> None:
        self.width = 0
        self.counts = {"plain": 0, "trailing": 0}
        self.first: dict[str, list[tuple[int, list[str]]]] = {
            "plain": [], "trailing": [], "other": []
        }  # fmt: skip

    def add(self, line: int, fields: list[str]) -> None:
        if len(fields) == self.width:
            shape = "plain"
        elif len(fields) == self.width + 1 and fields[-1] == "":
            shape = "trailing"
        else:
            shape = "other"
        if shape in self.counts:
            self.counts[shape] += 1
        if len(self.first[shape]) < MAX_PROBLEMS:
            self.first[shape].append((line, fields))

    def problems(self, file_name: str, text_columns: Sequence[str]) -> list[str]:
        """The lines that differ from the file's shape, in the order of the file."""
        trailing, plain = self.counts["trailing"], self.counts["plain"]
        habit = "trailing" if trailing > plain and trailing > 1 else "plain"
        odd = self.first["other"] + self.first["plain" if habit == "trailing" else "trailing"]
        problems = []
        for line, fields in sorted(odd, key=lambda item: item[0]):
            if habit == "trailing" and len(fields) == self.width:
                problems.append(_missing_trailing_problem(file_name, line, self.width))
            else:
                spaces = not "".join(fields).strip()
                problems.append(
                    _width_problem(file_name, line, len(fields), self.width, text_columns, spaces)
                )
        if trailing == 1 and not plain and not self.first["other"]:
            problems.append(
                f"{file_name}: rivi {self.first['trailing'][0][0]} on tiedoston ainoa rivi ja"
                " päättyy tyhjään kenttään: se voi olla rivin päättävä ';' tai tekstiin"
                " kirjoitettu ';', eikä yhdestä rivistä voi päätellä kumpi"
            )
        return problems


def _missing_trailing_problem(file_name: str, line: int, width: int) -> str:
    return (
        f"{file_name}, rivi {line}: odotettiin {width + 1} kenttää kuten muilla riveillä, jotka"
        f" päättyvät ';'-merkkiin (viimeinen kenttä tyhjä), löytyi {width} — puuttuuko rivin"
        " lopusta ';', vai puuttuuko ';' rivin keskeltä (sarakkeet siirtyisivät)?"
    )


def quote_problem(utf8_path: Path, file_name: str, start: int) -> str | None:
    """Where the quoted text of the record starting on line `start` opened and why it breaks.

    Follows the CSV rule the reader uses: a '"' opens a quoted text only at the start of a
    field, '""' inside it is one quote mark, and the closing '"' is followed by ';' or the
    end of the line. None when the record (and those after it) break no such rule.
    """
    header = csv_format.read_header(utf8_path)
    inside, field, opened = False, 0, (0, 0)
    with utf8_path.open(encoding="utf-8", newline="") as stream:
        for number, text in enumerate(stream, start=1):
            if number < start:
                continue
            body, at = text.rstrip("\r\n"), 0
            while True:
                if inside:
                    close = body.find('"', at)
                    if close < 0:
                        break  # the quoted text goes on to the next line
                    if body.startswith('"', close + 1):
                        at = close + 2  # '""': one quote mark inside the text
                        continue
                    if close + 1 < len(body) and body[close + 1] != ";":
                        return _quote_message(file_name, header, opened, number)
                    inside, at = False, close + 1
                elif body.startswith('"', at):
                    inside, opened, at = True, (number, field), at + 1
                else:
                    separator = body.find(";", at)
                    if separator < 0:
                        break
                    field, at = field + 1, separator + 1
            if not inside:
                field = 0  # the record ended with its line
    return _quote_message(file_name, header, opened, None) if inside else None


def _quote_message(
    file_name: str, header: list[str], opened: tuple[int, int], broken_on: int | None
) -> str:
    line, field = opened
    if field < len(header) and header[field].strip():
        column = f"sarake '{csv_format.shown_name(header[field])}'"
    else:
        column = f"kenttä {field + 1} (otsikkorivillä ei ole sille saraketta)"
    where = f"{file_name}, rivi {line}, {column}"
    if broken_on == line:
        return (
            f'{where}: lainausmerkeissä (") olevan tekstin keskellä on lainausmerkki: odotettiin'
            " sulkevan lainausmerkin jälkeen ';' tai rivin loppua, tai tekstin sisällä kahta"
            ' lainausmerkkiä (""), löytyi lisää tekstiä. Kirjoita tekstin sisäinen lainausmerkki'
            " kahdesti tai poista se, ja toimita tiedosto uudelleen."
        )
    if broken_on is None:
        found = "tiedoston loppu ilman sitä"
    else:
        found = (
            f"seuraava lainausmerkki vasta rivillä {broken_on}, ja kaikki siihen asti"
            " luettaisiin yhdeksi tekstiksi"
        )
    return (
        f'{where}: tekstin aloittava lainausmerkki (") jää sulkematta: odotettiin sulkevaa'
        f" lainausmerkkiä tekstin loppuun, löytyi {found}. Lisää puuttuva lainausmerkki"
        " tekstin loppuun tai poista aloittava lainausmerkki, ja toimita tiedosto uudelleen."
    )


def _width_problem(
    file_name: str,
    line: int,
    fields: int,
    width: int,
    text_columns: Sequence[str],
    is_spaces: bool,
) -> str:
    where = f"{file_name}, rivi {line}"
    if fields == 1 and is_spaces:
        return (
            f"{where}: odotettiin {width} kenttää, löytyi pelkkiä välilyöntejä"
            " (tyhjä rivi kelpaisi)"
        )
    expected = f"{where}: odotettiin {width} kenttää kuten otsikkorivillä, löytyi {fields}"
    if fields > width:
        text = f"sarakkeen '{text_columns[0]}' tekstissä" if len(text_columns) == 1 else "tekstissä"
        return f"{expected} — onko {text} ';', vaikka tekstiä ei ole lainausmerkeissä?"
    return f"{expected} — puuttuuko rivistä ';', vai onko rivi katkennut kesken?"
