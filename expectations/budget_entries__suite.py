"""Expectations on one staged year of budget and amendments (budget_<kunta>_<YYYY>.csv)."""

import great_expectations as gx

from expectations import master_data
from expectations.rules import (
    ERROR,
    WARN,
    described,
    no_duplicates,
    required,
    typed_columns,
    unexpected_rows,
    year_of_file_name,
)
from ingest import budget

LABELS = {
    "municipality_code": "Kunta",
    "fiscal_year": "Tilikausi",
    "cost_centre_code": "Kustannuspaikka",
    "account_code": "Tili",
    "entry_kind": "Laji",
    "approval_date": "Pvm",
    "amount": "Summa",
}


def build_suite(*, fiscal_year: int, period_month: int | None = None) -> gx.ExpectationSuite:
    """The suite for the year the file name gives (a budget file has no month)."""
    end = f"31.12.{fiscal_year}"
    return gx.ExpectationSuite(
        name=f"budget_entries__{fiscal_year}",
        expectations=[
            *typed_columns(budget.COLUMNS),
            *required({**LABELS, "source_row": "the line number"}),
            year_of_file_name(fiscal_year),
            gx.expectations.ExpectColumnValuesToBeInSet(
                column="entry_kind",
                value_set=list(budget.ENTRY_KINDS),
                **described(
                    "known_entry_kind", ERROR, "Laji must be TA (budget) or MUUTOS (amendment)."
                ),
            ),
            _approved_by_year_end(
                "TA",
                f"The original budget (TA) must be approved on or before {end}.",
                fiscal_year,
            ),
            _approved_by_year_end(
                "MUUTOS",
                f"An amendment (MUUTOS) must be approved within or before the fiscal year,"
                f" on or before {end}; it counts from its approval date on.",
                fiscal_year,
            ),
            unexpected_rows(
                "amendment_before_budget",
                WARN,
                "An amendment (MUUTOS) is dated before the original budget (TA) of the same"
                " year was approved. Check the date: amendments change an approved budget.",
                "select * from staged where entry_kind = 'MUUTOS' and approval_date <"
                " (select min(approval_date) from staged where entry_kind = 'TA')"
                " order by source_row",
            ),
            no_duplicates(
                budget.COLUMNS,
                WARN,
                "Two or more rows are identical in every column. Check that the export did not"
                " repeat rows; identical rows are loaded and summed as many times.",
            ),
            master_data.org_units_loaded(),
            master_data.unit_valid_in_fiscal_year("cost_centre_code", "Kustannuspaikka"),
            master_data.accounts_loaded(),
            master_data.account_known(),
        ],
    )


def _approved_by_year_end(kind: str, explanation: str, fiscal_year: int):
    return unexpected_rows(
        f"{kind.lower()}_approved_by_year_end",
        ERROR,
        explanation,
        f"select * from staged where entry_kind = '{kind}'"
        f" and approval_date > date '{fiscal_year}-12-31' order by source_row",
    )
