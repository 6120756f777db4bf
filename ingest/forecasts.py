"""forecast_<kunta>_<YYYY>_<MM>.csv: controllers' full-year forecast made at month MM."""

from pathlib import Path

import duckdb

from ingest import scan, value_rules
from ingest.batch import SourceSpec
from ingest.csv_format import amount_sql, text_sql
from ingest.encoding import FileSurvey
from ingest.sql import ident

TABLE = "forecasts"
COLUMNS = {
    "municipality_code": "VARCHAR",
    "fiscal_year": "INTEGER",
    "forecast_month": "INTEGER",
    "org_unit_code": "VARCHAR",
    "line_code": "VARCHAR",
    "amount": "DECIMAL(18,2)",
}
# Each raw column as the landing file's header names it (messages and notes use these).
LABELS = {
    "municipality_code": "Kunta",
    "fiscal_year": "Tilikausi",
    "forecast_month": "the month of the file name",
    "org_unit_code": "Yksikkö",
    "line_code": "Rivi",
    "amount": "Summa",
}

KEY = ("municipality_code", "fiscal_year", "forecast_month")
_FILE_COLUMNS = ("Kunta", "Tilikausi", "Yksikkö", "Rivi", "Summa")


SPEC = SourceSpec(
    kind=TABLE,
    header=_FILE_COLUMNS,
    rules=(
        value_rules.municipality_of_file_name(),
        value_rules.year_of_file_name(),
        value_rules.required("Yksikkö"),
        value_rules.required("Rivi"),
        value_rules.number("Summa"),
    ),
    select=(
        f"{text_sql(ident('Kunta'))} as municipality_code",
        "cast(file_year as integer) as fiscal_year",
        "cast(file_month as integer) as forecast_month",
        f"{text_sql(ident('Yksikkö'))} as org_unit_code",
        f"upper({text_sql(ident('Rivi'))}) as line_code",
        f"{amount_sql(ident('Summa'))} as amount",
    ),
)


def read_forecasts(
    con: duckdb.DuckDBPyConnection, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """Typed rows of raw.forecasts; the forecast month comes from the file name."""
    return scan.read_one(con, SPEC, path, survey)
