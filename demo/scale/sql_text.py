"""DuckDB macros that write numbers and dates as the finance system exports them.

Amounts are BIGINT cents (ledger) or euros (budget, forecast); `sep` is the thousands
separator ('', ' ' or a no-break space), `minus` the sign text ('-', '−' or '- ').
A zero ledger amount is NULL, which DuckDB writes as an empty field.
"""

from __future__ import annotations

import duckdb

from demo.landing_writer import FileStyle

MACROS = [
    # Thousands grouping by arithmetic: three times faster than format('{:,}') here.
    "create or replace temp macro grouped(e, sep) as case"
    " when e < 1000 then e::varchar"
    " when e < 1000000 then (e // 1000)::varchar || sep || lpad((e % 1000)::varchar, 3, '0')"
    " when e < 1000000000 then (e // 1000000)::varchar || sep"
    " || lpad((e // 1000 % 1000)::varchar, 3, '0') || sep || lpad((e % 1000)::varchar, 3, '0')"
    " else replace(format('{:,}', e), ',', sep) end",
    "create or replace temp macro cents_text(c, sep) as case when c = 0 then null"
    " when c % 100 = 0 then grouped(c // 100, sep)"
    " else grouped(c // 100, sep) || ',' || lpad((c % 100)::varchar, 2, '0') end",
    "create or replace temp macro euros_text(e, sep, minus) as"
    " case when e < 0 then minus else '' end || grouped(abs(e), sep)",
    # A uniform draw in [0, 1) from a 64-bit hash.
    "create or replace temp macro unit(h) as (h % 1000003) / 1000003.0",
]


def install(con: duckdb.DuckDBPyConnection) -> None:
    for macro in MACROS:
        con.execute(macro)


def date_format(style: FileStyle) -> str:
    """strftime format: '31.3.2026', or '01.04.2026' when the style pads dates."""
    return "%d.%m.%Y" if style.pad_dates else "%-d.%-m.%Y"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def header(names: list[str], style: FileStyle) -> list[str]:
    return [quoted(n.upper() if style.upper_header else n) for n in names]


def copy_options(style: FileStyle) -> str:
    newline = "\\r\\n" if style.newline == "\r\n" else "\\n"
    return f"(header, delimiter ';', quote '\"', new_line e'{newline}')"
