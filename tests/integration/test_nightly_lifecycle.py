"""Night after night on one warehouse: a re-export, a bad check, a bad file.

One chained test, because each step is a real run of the whole job (about 30 s) and
each starts from the state the previous one left.
"""

import hashlib
from decimal import Decimal

import duckdb

from tests.integration.conftest import run_toteuma


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _query(path, sql, params=()):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _actual_ytd(warehouse, unit, line, day):
    return _query(
        warehouse,
        "select actual_ytd from review.income_statement where org_unit_code = ? "
        "and line_code = ? and reporting_date = ?",
        [unit, line, day],
    )[0][0]


def _rewrite_ledger(path, transform):
    """Edit a UTF-8 ledger file line by line (the header stays)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([lines[0], *transform(lines[1:])]) + "\n", encoding="utf-8")


def test_reexport_replaces_rows_bad_checks_withhold_and_bad_files_fail(landing_copy, tmp_path):
    warehouse = tmp_path / "warehouse" / "toteuma.duckdb"
    home = tmp_path / "dagster"
    first = run_toteuma(landing_copy, warehouse, home)
    assert first.returncode == 0, first.output[-3000:]
    before = _actual_ytd(warehouse, "1", "TOIMINTAKATE", "2025-06-30")

    # GIVEN June 2025 re-exported with its first data row dropped
    june = landing_copy / "finance" / "gl_111_2025_06.csv"
    dropped = june.read_text(encoding="utf-8-sig").splitlines()[1].split(";")
    amount = _amount(dropped[10]) - _amount(dropped[9])
    _rewrite_ledger(june, lambda rows: rows[1:])
    # WHEN the next night runs
    second = run_toteuma(landing_copy, warehouse, home)
    # THEN the month's rows are replaced, not doubled, and the totals move by the dropped row
    assert second.returncode == 0, second.output[-3000:]
    candidate = warehouse.with_name("toteuma.candidate.duckdb")
    rows = _query(
        candidate, "select count(*) from raw.gl_postings where source_file = 'gl_111_2025_06.csv'"
    )
    assert rows[0][0] == len(june.read_text(encoding="utf-8").splitlines()) - 1
    after = _actual_ytd(warehouse, "1", "TOIMINTAKATE", "2025-06-30")
    assert before - after == amount
    assert warehouse.with_name("toteuma.previous.duckdb").exists()
    assert (
        _query(
            warehouse,
            "select count(*) from meta.source_files where source_file = 'gl_111_2025_06.csv'",
        )[0][0]
        == 1
    )

    # GIVEN a posting on an account no report line covers
    published_before = _digest(warehouse)
    _rewrite_ledger(june, lambda rows: [_with_account(rows[0], "2999"), *rows[1:]])
    third = run_toteuma(landing_copy, warehouse, home)
    # THEN publication is withheld with exit 3 and the published file is untouched
    assert third.returncode == 3, third.output[-3000:]
    assert "withheld" in third.output
    assert _digest(warehouse) == published_before

    # GIVEN a ledger file with an amount that is not a number
    _rewrite_ledger(june, lambda rows: [_with_debit(rows[0], "12,3,4"), *rows[1:]])
    fourth = run_toteuma(landing_copy, warehouse, home)
    # THEN the run fails naming file, line and column, and nothing is published
    assert fourth.returncode == 1, fourth.output[-3000:]
    assert "gl_111_2025_06.csv, line 2, column 'Debet'" in fourth.output
    assert _digest(warehouse) == published_before


def test_no_personal_identity_code_reaches_the_published_warehouse(demo_run, demo_landing):
    # GIVEN ledger files whose descriptions carry identity codes
    raw = " ".join(
        p.read_text(encoding="cp1252", errors="replace")
        for p in (demo_landing / "finance").glob("gl_*.csv")
    )
    assert "131052-308T" in raw
    # WHEN every text column of every published table is searched
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR'"
        ).fetchall()
        hits = [
            f"{schema}.{table}.{column}"
            for schema, table, column in columns
            if con.execute(
                f'select count(*) from "{schema}"."{table}" '
                f"where regexp_matches(\"{column}\", '\\d{{6}}[-+A-FU-Y]\\d{{3}}[0-9A-Y]')"
            ).fetchall()[0][0]
        ]
    # THEN no valid-looking code is there
    assert not hits


def _amount(text):
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", ".") or 0)


def _with_account(row, account):
    fields = row.split(";")
    fields[6] = account
    return ";".join(fields)


def _with_debit(row, value):
    fields = row.split(";")
    fields[9], fields[10] = value, ""
    return ";".join(fields)
