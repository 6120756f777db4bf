"""Rules that look up codes in the master data already in the candidate warehouse.

A staged file is checked against raw.org_units and raw.accounts as they are when it is
validated, so the org and accounts files must be loaded before postings, budgets and
forecasts. When a municipality has no master data at all, the `*_loaded` rule says so
plainly; the code rules then fail for every row instead of raising an error.
"""

from __future__ import annotations

from great_expectations.expectations import Expectation

from expectations.building_blocks import ERROR, unexpected_rows
from expectations.contract import Source, Sources

_FOREVER = "date '9999-12-31'"


def org_units_loaded(sources: Sources) -> Expectation:
    return unexpected_rows(
        "org_units_loaded",
        ERROR,
        f"No organisation master data ({sources['org_units'].shown_name}) is loaded for this"
        " municipality, so no unit code can be checked. Deliver and load the org file first.",
        "select distinct staged.source_file, null::integer as source_row,"
        " staged.municipality_code from staged where not exists"
        " (select 1 from raw.org_units as unit"
        " where unit.municipality_code = staged.municipality_code)",
    )


def accounts_loaded(sources: Sources) -> Expectation:
    return unexpected_rows(
        "accounts_loaded",
        ERROR,
        f"No chart of accounts ({sources['accounts'].shown_name}) is loaded for this"
        " municipality, so no account can be checked. Deliver and load the accounts file first.",
        "select distinct staged.source_file, null::integer as source_row,"
        " staged.municipality_code from staged where not exists"
        " (select 1 from raw.accounts as account"
        " where account.municipality_code = staged.municipality_code)",
    )


def cost_centre_valid_on_posting_date(source: Source) -> Expectation:
    return unexpected_rows(
        "cost_centre_valid_on_posting_date",
        ERROR,
        f"{source.shown('cost_centre_code')} must be a unit of the organisation master data"
        f" that is valid on the posting date ({source.shown('posting_date')}).",
        "select staged.* from staged where not exists"
        " (select 1 from raw.org_units as unit"
        " where unit.municipality_code = staged.municipality_code"
        " and unit.unit_code = staged.cost_centre_code"
        " and staged.posting_date between unit.valid_from"
        f" and coalesce(unit.valid_to, {_FOREVER}))",
    )


def unit_valid_in_fiscal_year(source: Source, column: str) -> Expectation:
    """The unit in `column` exists in the master data at some time during the fiscal year."""
    return unexpected_rows(
        f"{column}_valid_in_fiscal_year",
        ERROR,
        f"{source.shown(column)} must be a unit of the organisation master data that is valid"
        " at some time during the fiscal year.",
        "select staged.* from staged where not exists"
        " (select 1 from raw.org_units as unit"
        " where unit.municipality_code = staged.municipality_code"
        f" and unit.unit_code = staged.{column}"
        " and unit.valid_from <= make_date(staged.fiscal_year, 12, 31)"
        f" and coalesce(unit.valid_to, {_FOREVER}) >= make_date(staged.fiscal_year, 1, 1))",
    )


def account_known(source: Source) -> Expectation:
    return unexpected_rows(
        "account_known",
        ERROR,
        f"{source.shown('account_code')} must be an account of the municipality's chart of"
        " accounts (accounts file).",
        "select staged.* from staged where not exists"
        " (select 1 from raw.accounts as account"
        " where account.municipality_code = staged.municipality_code"
        " and account.account_code = staged.account_code)",
    )
