"""Expectations on a batch of staged forecasts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import great_expectations as gx

from expectations import master_data, reference
from expectations.building_blocks import ERROR, enough_rows, in_set, repeated

if TYPE_CHECKING:
    from expectations.contract import Source, Sources


def build_suite(source: Source, files_table: str, sources: Sources) -> gx.ExpectationSuite:
    """The suite of a batch of forecasts (each file one municipality, year and month)."""
    unit, line = source.shown("org_unit_code"), source.shown("line_code")
    return gx.ExpectationSuite(
        name=source.kind,
        expectations=[
            enough_rows(files_table),
            in_set(
                "line_code",
                reference.report_line_codes(),
                "known_line_code",
                ERROR,
                f"Sarakkeessa '{line}' on oltava tuloslaskelman rivin koodi (esim. HENKILOSTO)"
                " tai raportin välisumman koodi (esim. TOIMINTAKULUT).",
            ),
            repeated(
                "one_figure_per_unit_and_line",
                ["municipality_code", "org_unit_code", "line_code"],
                ERROR,
                f"Yksiköllä on sama rivi useammin kuin kerran: kullakin yksiköllä ja rivillä"
                f" (sarakkeet '{unit}' ja '{line}') saa olla vain yksi ennusteluku.",
            ),
            master_data.org_units_loaded(sources),
            master_data.unit_valid_in_fiscal_year(source, "org_unit_code"),
        ],
    )
