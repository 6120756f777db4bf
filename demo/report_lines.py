"""Report-line rules shared with dbt: the generator reads dbt's seeds, not a copy of them."""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"

# The binding-budget items are the operating subtotals under other names.
BINDING_ITEMS = {"TULOT": "TOIMINTATUOTOT", "MENOT": "TOIMINTAKULUT", "NETTO": "TOIMINTAKATE"}
# Investment accounts split by side: credits are income, debits are spending.
INVESTMENT_SIDES = {
    "TULOT": ("INVESTMENT_TULOT",),
    "MENOT": ("INVESTMENT_MENOT",),
    "NETTO": ("INVESTMENT_TULOT", "INVESTMENT_MENOT"),
}


@cache
def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def components() -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    for row in _rows("report_line_components.csv"):
        result[row["subtotal_code"]].append(row["component_code"])
    return dict(result)


@cache
def account_ranges() -> list[tuple[int, int, str]]:
    return [
        (int(row["range_from"]), int(row["range_to"]), row["line_code"])
        for row in _rows("account_line_ranges.csv")
    ]


@cache
def reported_as(base_line: str, report_year: int) -> str:
    """The line a base line is printed on in a report of `report_year` (rents fold in 2024)."""
    for row in _rows("report_line_year_mapping.csv"):
        low = int(row["report_year_from"] or 0)
        high = int(row["report_year_to"] or 9999)
        if row["line_code"] == base_line and low <= report_year <= high:
            return row["reported_as"]
    return base_line


def base_lines_of(line_code: str, report_year: int, base_lines: list[str]) -> set[str]:
    """Every base line whose amounts a printed line (or subtotal) of that report year adds up."""
    if line_code in components():
        return set().union(
            *(base_lines_of(part, report_year, base_lines) for part in components()[line_code])
        )
    return {base for base in base_lines if reported_as(base, report_year) == line_code}


def line_of_account(account: int, override: str | None) -> str:
    if override:
        return override
    for low, high, line in account_ranges():
        if low <= account <= high:
            return line
    raise ValueError(f"account {account} is outside every mapped range")
