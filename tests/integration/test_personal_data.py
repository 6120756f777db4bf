"""No personal data reaches a table an analyst can read."""

import duckdb

from warehouse.hetu import mask_hetu_sql

# The demo ledger's refunds carry an identity code and a private person's name.
PRIVATE_NAME = "Virtanen"


def test_ledger_descriptions_hold_personal_data_in_the_demo(demo_landing):
    text = " ".join(
        path.read_text(encoding="cp1252", errors="replace")
        for path in (demo_landing / "finance").glob("gl_*.csv")
    )
    assert "131052-308T" in text and PRIVATE_NAME in text


def test_no_identity_code_or_private_name_in_any_published_text_column(demo_run):
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR'"
        ).fetchall()
        hits = [
            f"{schema}.{table}.{column}"
            for schema, table, column in columns
            # a valid identity code (real date, right check character): what masking removes;
            # a run id's digits may look like one without being one
            if con.execute(
                f'select count(*) from "{schema}"."{table}" where'
                f" {mask_hetu_sql(_quoted(column))} is distinct from {_quoted(column)}"
                f" or contains({_quoted(column)}, ?)",
                [PRIVATE_NAME],
            ).fetchall()[0][0]
        ]
    assert not hits


def _quoted(column: str) -> str:
    return '"' + column + '"'


def test_no_free_text_column_is_published(demo_run):
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        names = {
            row[0]
            for row in con.execute("select column_name from information_schema.columns").fetchall()
        }
    assert "description" not in names and "selite" not in names
