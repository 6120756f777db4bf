"""budget_<kunta>_<YYYY>.csv from the year's ledger: TA near the actuals, a few MUUTOS.

TA (approved 12 December of the year before) is the year's actual per cost centre and
account (report sign: Kredit − Debet) times 0.92–1.08, rounded to 100 €. About one
cost centre and account in twelve gets an amendment of 5 % approved during the year.
Amounts are whole euros with the style's minus sign (the contract's '−', '- ' or '-').
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from demo.landing_writer import FileStyle
from demo.scale import sql_text

BUDGET_COLUMNS = ["Kunta", "Tilikausi", "Kustannuspaikka", "Tili", "Laji", "Pvm", "Summa"]


def build_year(con: duckdb.DuckDBPyConnection, municipality: str, year: int, seed: int) -> None:
    """(Re)create temp table budget_year (centre_code, account, kind, approved, euros)."""
    key = f"{seed}, '{municipality}', {year}"
    con.execute(
        f"""
        create or replace temp table budget_year as
        with actual as (
            select centre_code, account, sum(credit - debit) as cents from gl_year group by all
        ),
        original as (
            select centre_code, account,
                (round(cents * (0.92 + 0.16 * unit(hash({key}, centre_code, account, 1)))
                    / 10000) * 100)::bigint as euros,
                hash({key}, centre_code, account, 2) as h
            from actual
        )
        select centre_code, account, 'TA' as kind, make_date({year - 1}, 12, 12) as approved,
            euros
        from original where euros <> 0
        union all
        select centre_code, account, 'MUUTOS',
            make_date({year}, 3 + (h // 12 % 8)::int, 1 + (h // 96 % 28)::int),
            (round(euros * 0.05 / 100) * 100)::bigint
        from original where h % 12 = 0 and round(euros * 0.05 / 100) <> 0
        """
    )


def write(
    con: duckdb.DuckDBPyConnection, target: Path, municipality: str, year: int, style: FileStyle
) -> int:
    names = sql_text.header(BUDGET_COLUMNS, style)
    minus = style.minus.replace("'", "''")
    values = [
        f"'{municipality}'", f"'{year}'", "centre_code", "account", "kind",
        f"strftime(approved, '{sql_text.date_format(style)}')",
        f"euros_text(euros, ' ', '{minus}')",
    ]  # fmt: skip
    select = ", ".join(f"{value} as {name}" for value, name in zip(values, names, strict=True))
    con.execute(
        f"copy (select {select} from budget_year order by centre_code, account, kind desc,"
        f" approved) to '{target}' {sql_text.copy_options(style)}"
    )
    return con.execute("select count(*) from budget_year").fetchone()[0]
