"""Expectations on a batch of staged forecasts (forecast_<kunta>_<YYYY>_<MM>.csv)."""

import great_expectations as gx

from ingest.expectations import master_data, reference
from ingest.expectations.building_blocks import ERROR, enough_rows, in_set, repeated


def build_suite(files_table: str) -> gx.ExpectationSuite:
    """The suite of a batch of forecasts (each file one municipality, year and month)."""
    return gx.ExpectationSuite(
        name="forecasts",
        expectations=[
            enough_rows(files_table),
            in_set(
                "line_code",
                reference.report_line_codes(),
                "known_line_code",
                ERROR,
                "Rivi must be an income-statement line code (e.g. HENKILOSTO) or a subtotal"
                " code (e.g. TOIMINTAKULUT) of the report.",
            ),
            repeated(
                "one_figure_per_unit_and_line",
                ["municipality_code", "org_unit_code", "line_code"],
                ERROR,
                "A unit gives the same line more than once: each unit and line (Yksikkö, Rivi)"
                " may have one forecast figure only.",
            ),
            master_data.org_units_loaded(),
            master_data.unit_valid_in_fiscal_year("org_unit_code", "Yksikkö"),
        ],
    )
