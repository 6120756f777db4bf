"""Expectations on a batch of staged budgets and amendments."""

from __future__ import annotations

from typing import TYPE_CHECKING

import great_expectations as gx

from expectations import master_data
from expectations.building_blocks import (
    ERROR,
    WARN,
    enough_rows,
    no_duplicates,
    unexpected_rows,
)

if TYPE_CHECKING:
    from expectations.contract import Source, Sources


def build_suite(source: Source, files_table: str, sources: Sources) -> gx.ExpectationSuite:
    """The suite of a batch of budget years (each file one municipality and year)."""
    return gx.ExpectationSuite(
        name=source.kind,
        expectations=[
            enough_rows(files_table),
            _approved_by_year_end(
                "TA", "Alkuperäinen talousarvio (TA) on hyväksyttävä viimeistään vuotensa 31.12."
            ),
            _approved_by_year_end(
                "MUUTOS",
                "Talousarviomuutos (MUUTOS) on hyväksyttävä tilikaudella tai sitä ennen,"
                " viimeistään vuotensa 31.12.; muutos lasketaan mukaan hyväksymispäivästään"
                " alkaen.",
            ),
            unexpected_rows(
                "amendment_before_budget",
                WARN,
                "Talousarviomuutos (MUUTOS) on päivätty ennen kuin saman vuoden alkuperäinen"
                " talousarvio (TA) hyväksyttiin. Tarkista päivämäärä: muutos muuttaa jo"
                " hyväksyttyä talousarviota.",
                "select * from staged as entry where entry_kind = 'MUUTOS' and approval_date <"
                " (select min(approval_date) from staged as original where original.entry_kind"
                " = 'TA' and original.source_file = entry.source_file)",
            ),
            no_duplicates(
                source.column_names,
                WARN,
                "Kaksi tai useampi rivi on samanlainen kaikissa sarakkeissa. Tarkista, ettei"
                " vienti toistanut rivejä: samanlaiset rivit ladataan ja lasketaan yhteen yhtä"
                " monta kertaa.",
            ),
            master_data.org_units_loaded(sources),
            master_data.unit_valid_in_fiscal_year(source, "cost_centre_code"),
            master_data.accounts_loaded(sources),
            master_data.account_known(source),
        ],
    )


def _approved_by_year_end(kind: str, explanation: str) -> gx.expectations.Expectation:
    return unexpected_rows(
        f"{kind.lower()}_approved_by_year_end",
        ERROR,
        explanation,
        f"select * from staged where entry_kind = '{kind}'"
        " and approval_date > make_date(fiscal_year, 12, 31)",
    )
