"""Expectations on a batch of staged ledger months (gl_<kunta>_<YYYY>_<MM>.csv)."""

import great_expectations as gx

from ingest import gl_postings
from ingest.expectations import master_data
from ingest.expectations.building_blocks import (
    ERROR,
    WARN,
    braces_escaped,
    enough_rows,
    in_fiscal_year,
    no_duplicates,
    unexpected_rows,
)
from ingest.hetu import mask_hetu_sql


def build_suite(files_table: str) -> gx.ExpectationSuite:
    """The suite of a batch of months; `files_table` lists the batch's files (enough_rows)."""
    return gx.ExpectationSuite(
        name="gl_postings",
        expectations=[
            enough_rows(files_table),
            in_fiscal_year(
                "posting_date",
                "posting_date_in_fiscal_year",
                "Tositepvm must fall in the fiscal year of the file name (1.1.–31.12.).",
            ),
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


def _debit_and_credit() -> gx.expectations.Expectation:
    return unexpected_rows(
        "debit_credit_signs",
        ERROR,
        "Debet and Kredit must both be zero or positive, and a row may not carry both: a"
        " correction is a separate row on the other side.",
        "select * from staged where debit < 0 or credit < 0 or (debit > 0 and credit > 0)",
    )


def _no_identity_codes() -> gx.expectations.Expectation:
    masked = braces_escaped(mask_hetu_sql("description"))
    return unexpected_rows(
        "description_without_identity_codes",
        ERROR,
        "Selite still holds a personal identity code (henkilötunnus) after masking; nothing"
        " analysts can read may contain one.",
        f"select source_file, source_row from staged where description is distinct from {masked}",
    )
