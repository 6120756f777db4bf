"""Expectations on a batch of staged ledger months.

Identity codes in descriptions are not checked here: the reader masks them in the
statement that types the rows (`ingest.sources.free_text`), so no staged row holds one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import great_expectations as gx

from expectations import master_data
from expectations.building_blocks import (
    ERROR,
    WARN,
    enough_rows,
    in_fiscal_year,
    no_duplicates,
    unexpected_rows,
)

if TYPE_CHECKING:
    from expectations.contract import Source, Sources


def build_suite(source: Source, files_table: str, sources: Sources) -> gx.ExpectationSuite:
    """The suite of a batch of months; `files_table` lists the batch's files (enough_rows)."""
    return gx.ExpectationSuite(
        name=source.kind,
        expectations=[
            enough_rows(files_table),
            in_fiscal_year(
                "posting_date",
                "posting_date_in_fiscal_year",
                f"Sarakkeen '{source.shown('posting_date')}' päivämäärän on oltava tiedostonimen"
                " tilikaudella (1.1.–31.12.).",
            ),
            _debit_and_credit(source.shown("debit"), source.shown("credit")),
            no_duplicates(
                source.column_names,
                WARN,
                "Kaksi tai useampi rivi on samanlainen kaikissa sarakkeissa. Tarkista, ettei"
                " vienti toistanut rivejä: samanlaiset kirjaukset ladataan ja lasketaan yhtä"
                " monta kertaa.",
            ),
            master_data.org_units_loaded(sources),
            master_data.cost_centre_valid_on_posting_date(source),
            master_data.accounts_loaded(sources),
            master_data.account_known(source),
        ],
    )


def _debit_and_credit(debit: str, credit: str) -> gx.expectations.Expectation:
    return unexpected_rows(
        "debit_credit_signs",
        ERROR,
        f"Sarakkeiden '{debit}' ja '{credit}' on oltava nolla tai positiivisia, eikä rivillä"
        " saa olla kumpaakin: korjaus on erillinen rivi vastakkaisella puolella.",
        "select * from staged where debit < 0 or credit < 0 or (debit > 0 and credit > 0)",
    )
