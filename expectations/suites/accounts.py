"""Expectations on a batch of staged charts of accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import great_expectations as gx

from expectations import reference
from expectations.building_blocks import (
    ERROR,
    enough_rows,
    in_set,
    repeated,
    unexpected_rows,
)

if TYPE_CHECKING:
    from expectations.contract import Source, Sources


def build_suite(source: Source, files_table: str, sources: Sources) -> gx.ExpectationSuite:
    """The suite of whole charts of accounts, one per file (a municipality each)."""
    account, line = source.shown("account_code"), source.shown("line_code")
    return gx.ExpectationSuite(
        name=source.kind,
        expectations=[
            enough_rows(files_table),
            repeated(
                "account_code_unique",
                ["account_code"],
                ERROR,
                f"Kukin tilinumero (sarake '{account}') saa esiintyä tiedostossa vain kerran.",
            ),
            in_set(
                "line_code",
                reference.postable_line_codes(),
                "postable_line_code",
                ERROR,
                f"Sarakkeessa '{line}' on oltava, jos se on täytetty, tuloslaskelman rivi, jolle"
                " tili voi kirjautua (esim. PALVELUT), ei välisumma.",
            ),
            _mapped_by_range(line),
        ],
    )


def _mapped_by_range(line: str) -> gx.expectations.Expectation:
    ranges = " or ".join(
        f"cast(account_code as integer) between {first} and {last}"
        for first, last in reference.account_ranges()
    )
    return unexpected_rows(
        "account_in_mapped_range",
        ERROR,
        f"Tilin, jonka sarake '{line}' on tyhjä, on oltava jollakin oletusrivityksen"
        " numeroalueella (esim. 4300–4499 Palvelujen ostot); muuten tili ei näkyisi millään"
        " tuloslaskelman rivillä.",
        f"select * from staged where line_code is null and not ({ranges})",
    )
