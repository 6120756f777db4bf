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
        f"Tälle kunnalle ei ole ladattu organisaation perustietoja"
        f" ({sources['org_units'].shown_name}), joten yksikkökoodeja ei voi tarkistaa. Toimita"
        " ja lataa ensin organisaatiotiedosto.",
        "select distinct staged.source_file, null::integer as source_row,"
        " staged.municipality_code from staged where not exists"
        " (select 1 from raw.org_units as unit"
        " where unit.municipality_code = staged.municipality_code)",
    )


def accounts_loaded(sources: Sources) -> Expectation:
    return unexpected_rows(
        "accounts_loaded",
        ERROR,
        f"Tälle kunnalle ei ole ladattu tilikarttaa ({sources['accounts'].shown_name}), joten"
        " tilejä ei voi tarkistaa. Toimita ja lataa ensin tilikarttatiedosto.",
        "select distinct staged.source_file, null::integer as source_row,"
        " staged.municipality_code from staged where not exists"
        " (select 1 from raw.accounts as account"
        " where account.municipality_code = staged.municipality_code)",
    )


def cost_centre_valid_on_posting_date(source: Source) -> Expectation:
    return unexpected_rows(
        "cost_centre_valid_on_posting_date",
        ERROR,
        f"Sarakkeen '{source.shown('cost_centre_code')}' arvon on oltava organisaatiotiedoston"
        f" yksikkö, joka on voimassa tositepäivänä (sarake '{source.shown('posting_date')}').",
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
        f"Sarakkeen '{source.shown(column)}' arvon on oltava organisaatiotiedoston yksikkö,"
        " joka on voimassa jonakin tilikauden päivänä.",
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
        f"Sarakkeen '{source.shown('account_code')}' arvon on oltava kunnan tilikartan"
        " (tilikarttatiedoston) tili.",
        "select staged.* from staged where not exists"
        " (select 1 from raw.accounts as account"
        " where account.municipality_code = staged.municipality_code"
        " and account.account_code = staged.account_code)",
    )
