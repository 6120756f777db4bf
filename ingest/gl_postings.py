"""gl_<kunta>_<YYYY>_<MM>.csv: one month of ledger postings, identity codes masked."""

from pathlib import Path

import duckdb

from ingest import scan, value_rules
from ingest.batch import SourceSpec
from ingest.csv_format import amount_sql, date_sql, text_sql
from ingest.encoding import FileSurvey
from ingest.hetu import mask_hetu_sql
from ingest.sql import ident

TABLE = "gl_postings"
COLUMNS = {
    "municipality_code": "VARCHAR",
    "fiscal_year": "INTEGER",
    "period_month": "INTEGER",
    "posting_date": "DATE",
    "voucher_no": "VARCHAR",
    "cost_centre_code": "VARCHAR",
    "account_code": "VARCHAR",
    "project_code": "VARCHAR",
    "description": "VARCHAR",
    "debit": "DECIMAL(18,2)",
    "credit": "DECIMAL(18,2)",
    "amount": "DECIMAL(18,2)",
}
# Each raw column as the landing file's header names it (messages and notes use these).
LABELS = {
    "municipality_code": "Kunta",
    "fiscal_year": "Tilikausi",
    "period_month": "Kausi",
    "posting_date": "Tositepvm",
    "voucher_no": "Tositenro",
    "cost_centre_code": "Kustannuspaikka",
    "account_code": "Tili",
    "project_code": "Projekti",
    "debit": "Debet",
    "credit": "Kredit",
    "amount": "the amount (Kredit − Debet)",
}

KEY = ("municipality_code", "fiscal_year", "period_month")
_FILE_COLUMNS = (
    "Kunta",
    "Tilikausi",
    "Kausi",
    "Tositepvm",
    "Tositenro",
    "Kustannuspaikka",
    "Tili",
    "Projekti",
    "Selite",
    "Debet",
    "Kredit",
)


def _spec() -> SourceSpec:
    debit, credit = amount_sql(ident("Debet")), amount_sql(ident("Kredit"))
    return SourceSpec(
        kind=TABLE,
        header=_FILE_COLUMNS,
        rules=(
            value_rules.municipality_of_file_name(),
            value_rules.year_of_file_name(),
            value_rules.month_of_file_name(),
            value_rules.date("Tositepvm"),
            *(value_rules.required(c) for c in ("Tositenro", "Kustannuspaikka")),
            value_rules.digits("Tili", 4, "a 4-digit account number"),
            value_rules.number("Debet"),
            value_rules.number("Kredit"),
        ),
        select=(
            f"{text_sql(ident('Kunta'))} as municipality_code",
            "cast(file_year as integer) as fiscal_year",
            "cast(file_month as integer) as period_month",
            f"{date_sql(ident('Tositepvm'))} as posting_date",
            f"{text_sql(ident('Tositenro'))} as voucher_no",
            f"{text_sql(ident('Kustannuspaikka'))} as cost_centre_code",
            f"{text_sql(ident('Tili'))} as account_code",
            f"{text_sql(ident('Projekti'))} as project_code",
            # Masked in the same statement that types the row: the code is never stored.
            f"{mask_hetu_sql(text_sql(ident('Selite')))} as description",
            f"{debit} as debit",
            f"{credit} as credit",
            f"{credit} - {debit} as amount",
        ),
        text_columns=("Selite",),
    )


SPEC = _spec()


def read_gl_postings(
    con: duckdb.DuckDBPyConnection, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """Typed rows of raw.gl_postings; amount = Kredit − Debet (revenue positive)."""
    return scan.read_one(con, SPEC, path, survey)
