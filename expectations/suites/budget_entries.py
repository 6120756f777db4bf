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
                "TA", "The original budget (TA) must be approved on or before 31.12. of its year."
            ),
            _approved_by_year_end(
                "MUUTOS",
                "An amendment (MUUTOS) must be approved within or before the fiscal year, on or"
                " before 31.12. of its year; it counts from its approval date on.",
            ),
            unexpected_rows(
                "amendment_before_budget",
                WARN,
                "An amendment (MUUTOS) is dated before the original budget (TA) of the same"
                " year was approved. Check the date: amendments change an approved budget.",
                "select * from staged as entry where entry_kind = 'MUUTOS' and approval_date <"
                " (select min(approval_date) from staged as original where original.entry_kind"
                " = 'TA' and original.source_file = entry.source_file)",
            ),
            no_duplicates(
                source.column_names,
                WARN,
                "Two or more rows are identical in every column. Check that the export did not"
                " repeat rows; identical rows are loaded and summed as many times.",
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
