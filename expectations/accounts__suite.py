"""Expectations on a staged chart of accounts (accounts_<kunta>.csv)."""

import great_expectations as gx

from expectations import reference
from expectations.rules import ERROR, described, required, typed_columns, unexpected_rows
from ingest import accounts

LABELS = {"municipality_code": "Kunta", "account_code": "Tili", "account_name": "Nimi"}


def build_suite(
    *, fiscal_year: int | None = None, period_month: int | None = None
) -> gx.ExpectationSuite:
    """The suite for a whole chart of accounts (the file name has no year or month)."""
    return gx.ExpectationSuite(
        name="accounts",
        expectations=[
            *typed_columns(accounts.COLUMNS),
            *required({**LABELS, "source_row": "the line number"}),
            unexpected_rows(
                "account_code_four_digits",
                ERROR,
                "Tili must be a 4-digit account number.",
                "select * from staged where not regexp_full_match(account_code, '[0-9]{{4}}')"
                " order by source_row",
            ),
            gx.expectations.ExpectColumnValuesToBeUnique(
                column="account_code",
                **described(
                    "account_code_unique", ERROR, "Each account number (Tili) may appear once."
                ),
            ),
            gx.expectations.ExpectColumnValuesToBeInSet(
                column="line_code",
                value_set=list(reference.postable_line_codes()),
                **described(
                    "postable_line_code",
                    ERROR,
                    "Rivi, when given, must be an income-statement line an account can report"
                    " on (e.g. PALVELUT), not a subtotal.",
                ),
            ),
            _mapped_by_range(),
        ],
    )


def _mapped_by_range() -> gx.expectations.Expectation:
    ranges = " or ".join(
        f"cast(account_code as integer) between {first} and {last}"
        for first, last in reference.account_ranges()
    )
    return unexpected_rows(
        "account_in_mapped_range",
        ERROR,
        "An account without Rivi must lie in a number range of the default line mapping"
        " (e.g. 4300–4499 Palvelujen ostot); otherwise it would report on no line.",
        f"select * from staged where line_code is null and regexp_full_match(account_code,"
        f" '[0-9]{{{{4}}}}') and not ({ranges}) order by source_row",
    )
