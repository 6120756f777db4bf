"""Expectations on one staged forecast (forecast_<kunta>_<YYYY>_<MM>.csv)."""

import great_expectations as gx

from expectations import master_data, reference
from expectations.rules import (
    ERROR,
    described,
    equals,
    required,
    typed_columns,
    unexpected_rows,
    year_of_file_name,
)
from ingest import forecasts

LABELS = {
    "municipality_code": "Kunta",
    "fiscal_year": "Tilikausi",
    "forecast_month": "the month of the file name",
    "org_unit_code": "Yksikkö",
    "line_code": "Rivi",
    "amount": "Summa",
}


def build_suite(*, fiscal_year: int, period_month: int) -> gx.ExpectationSuite:
    """The suite for the year and forecast month the file name gives."""
    return gx.ExpectationSuite(
        name=f"forecasts__{fiscal_year}_{period_month:02d}",
        expectations=[
            *typed_columns(forecasts.COLUMNS),
            *required({**LABELS, "source_row": "the line number"}),
            year_of_file_name(fiscal_year),
            equals("forecast_month", period_month, "The forecast month is the file name's."),
            gx.expectations.ExpectColumnValuesToBeInSet(
                column="line_code",
                value_set=list(reference.report_line_codes()),
                **described(
                    "known_line_code",
                    ERROR,
                    "Rivi must be an income-statement line code (e.g. HENKILOSTO) or a subtotal"
                    " code (e.g. TOIMINTAKULUT) of the report.",
                ),
            ),
            unexpected_rows(
                "one_figure_per_unit_and_line",
                ERROR,
                "A unit gives the same line more than once: each unit and line (Yksikkö, Rivi)"
                " may have one forecast figure only.",
                "select * from (select *, count(*) over (partition by municipality_code,"
                " org_unit_code, line_code) as copies from staged) where copies > 1"
                " order by source_row",
            ),
            master_data.org_units_loaded(),
            master_data.unit_valid_in_fiscal_year("org_unit_code", "Yksikkö"),
        ],
    )
