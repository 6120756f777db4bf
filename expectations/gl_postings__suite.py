"""Expectations on one staged month of ledger postings (gl_<kunta>_<YYYY>_<MM>.csv)."""

import great_expectations as gx

from expectations import master_data
from expectations.rules import (
    ERROR,
    WARN,
    braces_escaped,
    described,
    equals,
    no_duplicates,
    required,
    typed_columns,
    unexpected_rows,
    year_of_file_name,
)
from ingest import gl_postings
from ingest.hetu import mask_hetu_sql

LABELS = {
    "municipality_code": "Kunta",
    "fiscal_year": "Tilikausi",
    "period_month": "Kausi",
    "posting_date": "Tositepvm",
    "voucher_no": "Tositenro",
    "cost_centre_code": "Kustannuspaikka",
    "account_code": "Tili",
    "debit": "Debet",
    "credit": "Kredit",
    "amount": "the amount (Kredit − Debet)",
}


def build_suite(*, fiscal_year: int, period_month: int) -> gx.ExpectationSuite:
    """The suite for the month the file name gives: year and month must match it."""
    return gx.ExpectationSuite(
        name=f"gl_postings__{fiscal_year}_{period_month:02d}",
        expectations=[
            *typed_columns(gl_postings.COLUMNS),
            *required({**LABELS, "source_row": "the line number"}),
            year_of_file_name(fiscal_year),
            equals("period_month", period_month, f"Kausi must be {period_month}, the file's month"),
            _posting_date_in_fiscal_year(fiscal_year),
            _debit_and_credit(),
            _no_identity_codes(),
            no_duplicates(
                gl_postings.COLUMNS,
                WARN,
                "Two or more rows are identical in every column. Check that the export did not"
                " repeat rows; identical postings are loaded and counted as many times.",
            ),
            master_data.org_units_loaded(),
            master_data.cost_centre_valid_on_posting_date(),
            master_data.accounts_loaded(),
            master_data.account_known(),
        ],
    )


def _posting_date_in_fiscal_year(fiscal_year: int) -> gx.expectations.Expectation:
    return gx.expectations.ExpectColumnValuesToBeBetween(
        column="posting_date",
        min_value=f"{fiscal_year}-01-01",
        max_value=f"{fiscal_year}-12-31",
        **described(
            "posting_date_in_fiscal_year",
            ERROR,
            f"Tositepvm must fall in the fiscal year: 1.1.{fiscal_year}–31.12.{fiscal_year}.",
        ),
    )


def _debit_and_credit() -> gx.expectations.Expectation:
    return unexpected_rows(
        "debit_credit_signs",
        ERROR,
        "Debet and Kredit must both be zero or positive, and a row may not carry both: a"
        " correction is a separate row on the other side.",
        "select * from staged where debit < 0 or credit < 0 or (debit > 0 and credit > 0)"
        " order by source_row",
    )


def _no_identity_codes() -> gx.expectations.Expectation:
    masked = braces_escaped(mask_hetu_sql("description"))
    return unexpected_rows(
        "description_without_identity_codes",
        ERROR,
        "Selite still holds a personal identity code (henkilötunnus) after masking; nothing"
        " analysts can read may contain one.",
        f"select source_row from staged where description is distinct from {masked}"
        " order by source_row",
    )
