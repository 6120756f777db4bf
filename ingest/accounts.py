"""accounts_<kunta>.csv: the chart of accounts; the municipality comes from the file name."""

from pathlib import Path

import duckdb

from ingest import scan, value_rules
from ingest.batch import SourceSpec
from ingest.csv_format import text_sql
from ingest.encoding import FileSurvey
from ingest.hetu import mask_hetu_sql
from ingest.sql import ident

TABLE = "accounts"
COLUMNS = {
    "municipality_code": "VARCHAR",
    "account_code": "VARCHAR",
    "account_name": "VARCHAR",
    "line_code": "VARCHAR",
}
# Each raw column as the landing file's header names it (messages and notes use these).
LABELS = {
    "municipality_code": "Kunta",
    "account_code": "Tili",
    "account_name": "Nimi",
    "line_code": "Rivi",
}

KEY = ("municipality_code",)
_FILE_COLUMNS = ("Tili", "Nimi", "Rivi")


SPEC = SourceSpec(
    kind=TABLE,
    header=_FILE_COLUMNS,
    rules=(value_rules.digits("Tili", 4, "a 4-digit account number"), value_rules.required("Nimi")),
    select=(
        "file_kunta as municipality_code",
        f"{text_sql(ident('Tili'))} as account_code",
        f"{mask_hetu_sql(text_sql(ident('Nimi')))} as account_name",  # every free text is masked
        f"upper({text_sql(ident('Rivi'))}) as line_code",
    ),
    text_columns=("Nimi",),
)


def read_accounts(
    con: duckdb.DuckDBPyConnection, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """Typed rows of raw.accounts; an empty Rivi stays NULL (the default range mapping)."""
    return scan.read_one(con, SPEC, path, survey)
