"""A unit's finance tables laid out as the seed reports print them.

- Sectors, boards, service areas and the city print the whole income statement: section
  headings TOIMINTATUOTOT and TOIMINTAKULUT, every line that carries money, every
  subtotal. Responsibility areas (and cost centres) print the short table the seeds
  give them: Toimintatuotot, Toimintakulut, Toimintakate.
- A line is left out when every figure of it is under one euro either way: the reports
  print euros, and what is left of a line's cents (a rounding residue of allocations,
  a line folded into another from 2024 on) is no line for the board. The totals keep
  every cent, so a printed total may differ from its printed lines by a euro, as the
  reports' own totals do. Subtotals are shown even when zero, except the short table's
  Toimintatuotot and Toimintakulut (seed 003 leaves out a unit's zero revenue).
- A sector (toimiala) prints the council's binding budget (TULOT, MENOT, NETTO) first;
  the full-statement levels print investments when they have any.
- At a year end the columns are those of the financial statement (Tilinpäätös,
  Talousarvio, Toteuma, Poikkeama, Toteuma %).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from reports.units import Unit

NEGLIGIBLE_EUR = Decimal(1)
SHORT_TABLE_LEVELS = frozenset({"VASTUUALUE", "KUSTANNUSPAIKKA"})
SHORT_TABLE_LINES = ("TOIMINTATUOTOT", "TOIMINTAKULUT", "TOIMINTAKATE")
ALWAYS_SHOWN = frozenset({"TOIMINTAKATE", "NETTO"})
AMOUNT_KEYS = ("tp_prior_year", "actual_prior_ytd", "budget_amended", "actual_ytd", "remaining")
INVESTMENT_PCT = "realization_of_investments"
ITEM_LABELS = {"TULOT": "Tulot", "MENOT": "Menot", "NETTO": "Netto"}


@dataclass(frozen=True)
class Column:
    key: str  # the review column (or INVESTMENT_PCT)
    heading: str
    decimals: int | None = None  # None: whole euros; else a percentage


@dataclass(frozen=True)
class FigureRow:
    label: str
    values: tuple[Decimal | None, ...]  # one per column
    style: str  # "line" | "subtotal" | "section"
    code: str | None = None  # line or item code


@dataclass(frozen=True)
class FigureTable:
    kind: str  # "binding_budget" | "income_statement" | "investments"
    title: str
    columns: tuple[Column, ...]
    rows: tuple[FigureRow, ...]


def finance_tables(unit: Unit, reporting_date: dt.date) -> list[FigureTable]:
    tables = []
    if unit.level == "TOIMIALA" and unit.tables["binding_budget"]:
        tables.append(_binding_table(unit, reporting_date))
    tables.append(_income_statement(unit, reporting_date))
    investments = [row for row in unit.tables["investments"] if not _negligible(row)]
    if investments and unit.level not in SHORT_TABLE_LEVELS:
        tables.append(_investments(unit, reporting_date))
    return tables


def statement_columns(reporting_date: dt.date, with_forecast: bool) -> tuple[Column, ...]:
    year, months = reporting_date.year, reporting_date.month
    if months == 12:
        columns = (
            Column("tp_prior_year", f"Tilinpäätös {year - 1}"),
            Column("budget_amended", f"Talousarvio {year}"),
            Column("actual_ytd", f"Toteuma {year}"),
            Column("remaining", "Poikkeama"),
            Column("realization_pct", "Toteuma %", 2),
        )
    else:
        columns = (
            Column("tp_prior_year", f"TP {year - 1}"),
            Column("actual_prior_ytd", f"TOT {year - 1} {months} kk"),
            Column("budget_amended", f"TA {year} +muutos"),
            Column("actual_ytd", f"TOT {year} {months} kk"),
            Column("remaining", "Jäljellä"),
            Column("realization_pct", f"TOT-{year} %", 2),
        )
    return (*columns, Column("forecast", f"Ennuste {year}")) if with_forecast else columns


def _income_statement(unit: Unit, reporting_date: dt.date) -> FigureTable:
    lines = unit.tables["income_statement"]
    if unit.level in SHORT_TABLE_LEVELS:
        shown = [r for r in lines if r["line_code"] in SHORT_TABLE_LINES and _shown(r)]
    else:
        shown = [r for r in lines if r["line_kind"] == "subtotal" or not _negligible(r)]
    with_forecast = any(row.get("forecast") is not None for row in shown)
    columns = statement_columns(reporting_date, with_forecast)
    rows: list[FigureRow] = []
    for row in shown:
        heading = _section_heading(row, rows, unit.level in SHORT_TABLE_LEVELS)
        if heading:
            rows.append(FigureRow(heading, (None,) * len(columns), "section"))
        style = "subtotal" if row["line_kind"] == "subtotal" else "line"
        rows.append(FigureRow(row["line_name"], _values(row, columns), style, row["line_code"]))
    return FigureTable("income_statement", "Tuloslaskelma", columns, tuple(rows))


def _section_heading(row: dict, rows: list[FigureRow], short: bool) -> str | None:
    """TOIMINTATUOTOT above the first line, TOIMINTAKULUT above the first cost line."""
    if short:
        return None
    labels = {r.label for r in rows if r.style == "section"}
    if not labels:
        return "TOIMINTATUOTOT"
    first_cost = row["line_kind"] == "cost" or row["line_code"] == "TOIMINTAKULUT"
    return "TOIMINTAKULUT" if first_cost and "TOIMINTAKULUT" not in labels else None


def _binding_table(unit: Unit, reporting_date: dt.date) -> FigureTable:
    columns = statement_columns(reporting_date, with_forecast=False)
    rows = tuple(
        FigureRow(row["item_code"], _values(row, columns), "subtotal", row["item_code"])
        for row in unit.tables["binding_budget"]
    )
    return FigureTable("binding_budget", "Valtuuston hyväksymä talousarvio", columns, rows)


def _investments(unit: Unit, reporting_date: dt.date) -> FigureTable:
    year, months = reporting_date.year, reporting_date.month
    year_end = months == 12
    columns = (
        Column("tp_prior_year", f"Tilinpäätös {year - 1}" if year_end else f"TP {year - 1}"),
        Column("budget_amended", f"Talousarvio {year}" if year_end else f"TA {year}"),
        Column("actual_ytd", f"Toteuma {year}" if year_end else f"Toteuma 1–{months}"),
        Column("remaining", "Poikkeama"),
        Column(INVESTMENT_PCT, "Toteuma %", 1),
    )
    rows = tuple(
        FigureRow(
            ITEM_LABELS.get(row["item_code"], row["item_code"].capitalize()),
            _values(row, columns),
            "subtotal" if row["item_code"] == "NETTO" else "line",
            row["item_code"],
        )
        for row in unit.tables["investments"]
        if _shown(row, "item_code")
    )
    return FigureTable("investments", "Investoinnit", columns, rows)


def _values(row: dict, columns: tuple[Column, ...]) -> tuple[Decimal | None, ...]:
    return tuple(_value(row, column.key) for column in columns)


def _value(row: dict, key: str) -> Decimal | None:
    if key != INVESTMENT_PCT:
        return row.get(key)
    # Investment tables print one decimal: from the figures, not the stored two decimals
    # (0,35 would round to 0,4 where the ratio 0,3457 prints 0,3). None without a budget.
    budget, actual = row.get("budget_amended"), row.get("actual_ytd")
    return Decimal(actual) * 100 / Decimal(budget) if budget else None


def _shown(row: dict, code_key: str = "line_code") -> bool:
    return row[code_key] in ALWAYS_SHOWN or not _negligible(row)


def _negligible(row: dict) -> bool:
    keys = (*AMOUNT_KEYS, "forecast")
    return all(abs(row.get(key) or 0) < NEGLIGIBLE_EUR for key in keys)
