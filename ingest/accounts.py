"""accounts_<kunta>.csv: the chart of accounts; the municipality comes from the file name."""

from pathlib import Path

import duckdb

from ingest import rules, scan
from ingest.csv_rules import text_sql
from ingest.encoding import FileSurvey
from ingest.hetu import mask_hetu_sql
from ingest.sql import ident, literal

TABLE = "accounts"
COLUMNS = {
    "municipality_code": "VARCHAR",
    "account_code": "VARCHAR",
    "account_name": "VARCHAR",
    "line_code": "VARCHAR",
}
KEY = ("municipality_code",)
_FILE_COLUMNS = ("Tili", "Nimi", "Rivi")


def read_accounts(
    con: duckdb.DuckDBPyConnection, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """Typed rows of raw.accounts; an empty Rivi stays NULL (the default range mapping)."""
    landing = scan.landing_file(path, TABLE)
    checks = [rules.digits("Tili", 4, "a 4-digit account number"), rules.required("Nimi")]
    select = [
        f"{literal(landing.municipality_code)} as municipality_code",
        f"{text_sql(ident('Tili'))} as account_code",
        f"{mask_hetu_sql(text_sql(ident('Nimi')))} as account_name",  # every free text is masked
        f"upper({text_sql(ident('Rivi'))}) as line_code",
    ]
    return scan.read_csv(
        con, path, _FILE_COLUMNS, checks, select, survey=survey, text_columns=("Nimi",)
    )
