"""org_<kunta>.csv: the organisation units with their validity periods."""

from pathlib import Path

import duckdb

from ingest import scan, value_rules
from ingest.batch import SourceSpec
from ingest.csv_format import date_sql, text_sql
from ingest.encoding import FileSurvey
from ingest.hetu import mask_hetu_sql
from ingest.sql import ident

TABLE = "org_units"
COLUMNS = {
    "municipality_code": "VARCHAR",
    "unit_code": "VARCHAR",
    "unit_name": "VARCHAR",
    "level_name": "VARCHAR",
    "parent_code": "VARCHAR",
    "valid_from": "DATE",
    "valid_to": "DATE",
}
# Each raw column as the landing file's header names it (messages and notes use these).
LABELS = {
    "municipality_code": "Kunta",
    "unit_code": "Koodi",
    "unit_name": "Nimi",
    "level_name": "Taso",
    "parent_code": "Ylempi",
    "valid_from": "Voimassa alkaen",
    "valid_to": "Voimassa asti",
}

KEY = ("municipality_code",)
_FILE_COLUMNS = ("Kunta", "Koodi", "Nimi", "Taso", "Ylempi", "Voimassa alkaen", "Voimassa asti")


SPEC = SourceSpec(
    kind=TABLE,
    header=_FILE_COLUMNS,
    rules=(
        value_rules.municipality_of_file_name(),
        *(value_rules.required(c) for c in ("Koodi", "Nimi", "Taso")),
        value_rules.date("Voimassa alkaen"),
        value_rules.date("Voimassa asti", required=False),
    ),
    select=(
        f"{text_sql(ident('Kunta'))} as municipality_code",
        f"{text_sql(ident('Koodi'))} as unit_code",
        f"{mask_hetu_sql(text_sql(ident('Nimi')))} as unit_name",  # every free text is masked
        f"{text_sql(ident('Taso'))} as level_name",
        f"{text_sql(ident('Ylempi'))} as parent_code",
        f"{date_sql(ident('Voimassa alkaen'))} as valid_from",
        f"{date_sql(ident('Voimassa asti'))} as valid_to",
    ),
    text_columns=("Nimi",),
)


def read_org_units(
    con: duckdb.DuckDBPyConnection, path: Path, survey: FileSurvey | None = None
) -> duckdb.DuckDBPyRelation:
    """Typed rows of raw.org_units from one org file; raises LandingFileError on a bad value."""
    return scan.read_one(con, SPEC, path, survey)
