"""budget_<kunta>_<YYYY>.csv: the original budget (TA) and approved amendments (MUUTOS)."""

from pathlib import Path

import duckdb

from ingest import scan, value_rules
from ingest.batch import SourceSpec
from ingest.csv_format import amount_sql, date_sql, text_sql
from ingest.encoding import FileSurvey
from ingest.sql import ident

TABLE = "budget_entries"
COLUMNS = {
    "municipality_code": "VARCHAR",
    "fiscal_year": "INTEGER",
    "cost_centre_code": "VARCHAR",
    "account_code": "VARCHAR",
    "entry_kind": "VARCHAR",
    "approval_date": "DATE",
    "amount": "DECIMAL(18,2)",
}
# Each raw column as the landing file's header names it (messages and notes use these).
LABELS = {
    "municipality_code": "Kunta",
    "fiscal_year": "Tilikausi",
    "cost_centre_code": "Kustannuspaikka",
    "account_code": "Tili",
    "entry_kind": "Laji",
    "approval_date": "Pvm",
    "amount": "Summa",
}

KEY = ("municipality_code", "fiscal_year")
ENTRY_KINDS = ("TA", "MUUTOS")
_FILE_COLUMNS = ("Kunta", "Tilikausi", "Kustannuspaikka", "Tili", "Laji", "Pvm", "Summa")


SPEC = SourceSpec(
    kind=TABLE,
    header=_FILE_COLUMNS,
    rules=(
        value_rules.municipality_of_file_name(),
        value_rules.year_of_file_name(),
        value_rules.required("Kustannuspaikka"),
        value_rules.digits("Tili", 4, "a 4-digit account number"),
        value_rules.one_of("Laji", ENTRY_KINDS),
        value_rules.date("Pvm"),
        value_rules.number("Summa"),
    ),
    select=(
        f"{text_sql(ident('Kunta'))} as municipality_code",
        "cast(file_year as integer) as fiscal_year",
        f"{text_sql(ident('Kustannuspaikka'))} as cost_centre_code",
        f"{text_sql(ident('Tili'))} as account_code",
        f"upper({text_sql(ident('Laji'))}) as entry_kind",
        f"{date_sql(ident('Pvm'))} as approval_date",
        f"{amount_sql(ident('Summa'))} as amount",
    ),
)


def read_budget_entries(
    con: duckdb.DuckDBPyConnection, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """Typed rows of raw.budget_entries; Laji is upper-cased and must be TA or MUUTOS."""
    return scan.read_one(con, SPEC, path, survey)
