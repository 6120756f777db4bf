"""load_file: replace a key's rows in one transaction, skip unchanged files, never half-load."""

import os
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from ingest.errors import LandingFileError
from ingest.landing import classify
from ingest.load import changed_files, load_file
from tests.unit.helpers import gl_row
from warehouse.sql import ROWS_PER_INSERT, insert_rows


def _load(con: duckdb.DuckDBPyConnection, path: Path):
    landing = classify(path)
    assert landing is not None
    return load_file(con, landing)


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select credit, source_row from raw.gl_postings order by source_row"
    ).fetchall()


def test_reexported_month_replaces_old_rows(con, write_gl) -> None:
    # GIVEN March loaded once with two rows
    path = write_gl([gl_row(kredit="1"), gl_row(kredit="2")])
    assert _load(con, path).rows == 2
    # WHEN March is exported again with corrections (three rows)
    write_gl([gl_row(kredit="1"), gl_row(kredit="2"), gl_row(kredit="3")])
    result = _load(con, path)
    # THEN the table holds only the new file's rows, and one file record
    assert (result.rows, result.skipped) == (3, False)
    assert [credit for credit, _ in _rows(con)] == [1, 2, 3]
    files = con.execute("select source_file, row_count from raw.ingested_files").fetchall()
    assert files == [("gl_111_2026_03.csv", 3)]


def test_other_months_are_left_alone(con, write_gl) -> None:
    _load(con, write_gl([gl_row(month="2", date="1.2.2026")], name="gl_111_2026_02.csv"))
    _load(con, write_gl([gl_row()]))
    _load(con, write_gl([gl_row(kredit="9")]))
    months = con.execute("select period_month, count(*) from raw.gl_postings group by 1 order by 1")
    assert months.fetchall() == [(2, 1), (3, 1)]


def test_unchanged_file_is_skipped(con, write_gl) -> None:
    path = write_gl([gl_row(kredit="1")])
    first = _load(con, path)
    # WHEN the same bytes are offered again
    second = _load(con, path)
    # THEN nothing is read or written
    assert (second.skipped, second.rows, second.source_hash) == (True, 0, first.source_hash)
    assert len(_rows(con)) == 1


def test_a_file_showing_its_size_and_time_again_is_not_read(con, write_gl, monkeypatch) -> None:
    path = write_gl([gl_row(kredit="1")])
    first = _load(con, path)

    def read(_path):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr("ingest.load.survey_file", read)
    # WHEN the file is offered again as it was (name, size and modification time)
    changed, unchanged, _ = changed_files(con, [classify(path)])
    # THEN it is unchanged without a byte of it read
    assert (changed, unchanged) == ([], [path.name])
    assert first.rows == 1


def test_a_file_touched_or_rewritten_is_read_and_compared(con, write_gl) -> None:
    path = write_gl([gl_row(kredit="1")])
    _load(con, path)
    # a copy with a new modification time and the same bytes: read, found unchanged
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert changed_files(con, [classify(path)])[1] == [path.name]
    # the same size, other bytes (1 → 2), a new time: read and loaded
    write_gl([gl_row(kredit="2")])
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert path.stat().st_size == stat.st_size
    assert (_load(con, path).rows, [c for c, _ in _rows(con)]) == (1, [2])


def test_failing_file_leaves_the_table_unchanged(con, write_gl) -> None:
    # GIVEN a good March in the warehouse
    path = write_gl([gl_row(kredit="1")])
    _load(con, path)
    before = _rows(con)
    # WHEN a re-export with one broken value arrives
    write_gl([gl_row(kredit="5"), gl_row(kredit="oops")])
    with pytest.raises(LandingFileError):
        _load(con, path)
    # THEN the old rows and the old file record stand
    assert _rows(con) == before
    assert con.execute("select row_count from raw.ingested_files").fetchall() == [(1,)]


def test_failure_inside_the_transaction_rolls_back(con, write_gl) -> None:
    # GIVEN a loaded month and a raw table that will reject the next insert
    path = write_gl([gl_row(kredit="1")])
    _load(con, path)
    con.execute("alter table raw.gl_postings add column extra integer not null default 0")
    con.execute("alter table raw.gl_postings alter column extra drop default")
    write_gl([gl_row(kredit="2")])
    # WHEN loading fails after the delete
    with pytest.raises(duckdb.Error):
        _load(con, path)
    # THEN the delete was rolled back too
    assert _rows(con) == [(1, 2)]


def test_raw_tables_have_the_documented_types(con, write_gl) -> None:
    _load(con, write_gl([gl_row()]))
    types = dict(
        con.execute(
            "select column_name, data_type from information_schema.columns"
            " where table_schema = 'raw' and table_name = 'gl_postings'"
        ).fetchall()
    )
    assert types["amount"] == "DECIMAL(18,2)"
    assert types["fiscal_year"] == "INTEGER"
    assert types["posting_date"] == "DATE"
    assert types["source_row"] == "INTEGER"


def test_insert_rows_writes_every_row_with_its_type_across_statements() -> None:
    con = duckdb.connect()
    con.execute("create table t (name varchar, amount decimal(18, 2), n integer)")
    rows = [(f"r{i}", Decimal(f"{i}.25"), i) for i in range(2 * ROWS_PER_INSERT + 3)]
    insert_rows(con, "t", rows, columns=["name", "amount", "n"])
    assert con.execute("select * from t order by n").fetchall() == rows
