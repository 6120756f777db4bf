"""Expectations on a batch of staged charts of accounts (accounts_<kunta>.csv)."""

import great_expectations as gx

from ingest.expectations import reference
from ingest.expectations.building_blocks import (
    ERROR,
    enough_rows,
    in_set,
    repeated,
    unexpected_rows,
)


def build_suite(files_table: str) -> gx.ExpectationSuite:
    """The suite of whole charts of accounts, one per file (a municipality each)."""
    return gx.ExpectationSuite(
        name="accounts",
        expectations=[
            enough_rows(files_table),
            repeated(
                "account_code_unique",
                ["account_code"],
                ERROR,
                "Each account number (Tili) may appear once.",
            ),
            in_set(
                "line_code",
                reference.postable_line_codes(),
                "postable_line_code",
                ERROR,
                "Rivi, when given, must be an income-statement line an account can report on"
                " (e.g. PALVELUT), not a subtotal.",
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
        f"select * from staged where line_code is null and not ({ranges})",
    )
