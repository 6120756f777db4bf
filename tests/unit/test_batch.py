"""A batch of files read in one statement: each file loads all or nothing, a bad file is
refused alone with its line and column, and a kind's batches commit in one transaction."""

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from ingest.batch import BatchFile, read_batch
from ingest.encoding import survey_file
from ingest.landing import classify
from ingest.load import commit_batches, drop_staged, stage_batch
from ingest.sources import SOURCES
from tests.unit.helpers import gl_row
from warehouse import raw


def _file(path: Path) -> BatchFile:
    landing = classify(path)
    assert landing is not None
    return BatchFile(landing, survey_file(path))


def _month(month: int) -> dict[str, str]:
    return {"month": str(month), "date": f"1.{month}.2026"}


@pytest.fixture
def mixed_batch(write_gl) -> list[BatchFile]:
    """Five months of one municipality, read together: January and May are fine, March is
    Windows-1252 with an empty line in it, February has a broken amount on line 3 and April
    a line with one field too many on line 2."""
    return [
        _file(write_gl([gl_row(kredit="1", **_month(1)), gl_row(kredit="2", **_month(1))],
                       name="gl_111_2026_01.csv")),
        _file(write_gl([gl_row(kredit="1", **_month(2)), gl_row(kredit="1,2,3", **_month(2))],
                       name="gl_111_2026_02.csv")),
        _file(write_gl([gl_row(selite="Äänentoisto", kredit="5", **_month(3)), "",
                        gl_row(selite="Sähkö 131052-308T", kredit="6", **_month(3))],
                       name="gl_111_2026_03.csv", encoding="cp1252")),
        _file(write_gl([gl_row(selite="Kahvi; maito", kredit="1", **_month(4))],
                       name="gl_111_2026_04.csv")),
        _file(write_gl([gl_row(kredit="7", **_month(5))], name="gl_111_2026_05.csv")),
    ]  # fmt: skip


def test_a_batch_refuses_its_bad_files_alone_naming_line_and_column(con, mixed_batch) -> None:
    # WHEN the five files are read as one batch
    batch = read_batch(con, SOURCES["gl_postings"], mixed_batch, "batch")
    # THEN the two bad files are refused, each with its own line and column, in Finnish
    assert set(batch.refused) == {"gl_111_2026_02.csv", "gl_111_2026_04.csv"}
    [broken] = batch.refused["gl_111_2026_02.csv"].problems
    assert broken.startswith("gl_111_2026_02.csv, rivi 3, sarake 'Kredit': odotettiin lukua")
    assert "löytyi '1,2,3'" in broken
    assert "rivi 2" in batch.refused["gl_111_2026_04.csv"].problems[0]
    # AND nothing of them is in the batch, while the good files keep every row
    assert batch.rows == {"gl_111_2026_01.csv": 2, "gl_111_2026_03.csv": 2, "gl_111_2026_05.csv": 1}
    assert con.execute("select distinct source_file from batch order by 1").fetchall() == [
        ("gl_111_2026_01.csv",), ("gl_111_2026_03.csv",), ("gl_111_2026_05.csv",)
    ]  # fmt: skip


def test_a_batch_numbers_editor_lines_types_and_masks_per_file(con, mixed_batch) -> None:
    batch = read_batch(con, SOURCES["gl_postings"], mixed_batch, "batch")
    rows = con.execute(
        "select source_file, source_row, period_month, credit, description from batch"
        " order by source_file, source_row"
    ).fetchall()
    # THEN each file's lines are counted from its own header (March's empty line 3 is
    # skipped, not counted as a row), its Windows-1252 text is read as such, its month
    # comes from its name and the identity code is masked
    assert rows == [
        ("gl_111_2026_01.csv", 2, 1, Decimal("1.00"), "Lasku"),
        ("gl_111_2026_01.csv", 3, 1, Decimal("2.00"), "Lasku"),
        ("gl_111_2026_03.csv", 2, 3, Decimal("5.00"), "Äänentoisto"),
        ("gl_111_2026_03.csv", 4, 3, Decimal("6.00"), "Sähkö [hetu poistettu]"),
        ("gl_111_2026_05.csv", 2, 5, Decimal("7.00"), "Lasku"),
    ]
    # AND the table has the raw table's columns and the file's identity, nothing more
    columns = [c[0] for c in con.execute("describe batch").fetchall()]
    assert columns == [*SOURCES["gl_postings"].column_names, *raw.SOURCE_COLUMNS]
    assert batch.table == "batch"


def test_a_value_that_cannot_be_typed_never_stops_the_batch(con, write_gl) -> None:
    # GIVEN a file whose date is no date, beside a good file
    files = [
        _file(write_gl([gl_row(date="31.2.2026", month="2")], name="gl_111_2026_02.csv")),
        _file(write_gl([gl_row(**_month(1))], name="gl_111_2026_01.csv")),
    ]
    batch = read_batch(con, SOURCES["gl_postings"], files, "batch")
    # THEN the bad file is refused with its line and column, and the good one is read
    [problem] = batch.refused["gl_111_2026_02.csv"].problems
    assert problem.startswith("gl_111_2026_02.csv, rivi 2, sarake 'Tositepvm'")
    assert batch.rows == {"gl_111_2026_01.csv": 1}


def _staged(con, write_gl, month: int, part: int):
    path = write_gl([gl_row(kredit=str(month), **_month(month))], name=f"gl_111_2026_0{month}.csv")
    staged = stage_batch(con, "gl_postings", [_file(path)], part)
    assert not staged.refused
    return staged


def test_a_kinds_batches_commit_in_one_transaction(con, write_gl) -> None:
    # GIVEN two months staged as two batches of the kind
    first, second = _staged(con, write_gl, 1, 0), _staged(con, write_gl, 2, 1)
    assert first.table != second.table
    # WHEN they are committed
    loaded = commit_batches(con, [(first, list(first.files)), (second, list(second.files))])
    # THEN both are in raw, each recorded as a loaded file
    assert [(r.file_name, r.rows) for r in loaded] == [
        ("gl_111_2026_01.csv", 1), ("gl_111_2026_02.csv", 1)
    ]  # fmt: skip
    months = con.execute("select period_month, source_row from raw.gl_postings order by 1")
    assert months.fetchall() == [(1, 2), (2, 2)]
    assert con.execute("select count(*) from raw.ingested_files").fetchone() == (2,)


def test_a_kind_whose_commit_fails_loads_none_of_its_batches(
    con, write_gl, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _staged(con, write_gl, 1, 0), _staged(con, write_gl, 2, 1)

    def fail(*_: object) -> None:
        raise duckdb.IOException("disk full")

    # WHEN recording the files fails after both batches' rows were inserted
    monkeypatch.setattr(raw, "_record_files", fail)
    with pytest.raises(duckdb.IOException):
        commit_batches(con, [(first, list(first.files)), (second, list(second.files))])
    # THEN neither batch is in raw: the kind committed nothing
    assert con.execute("select count(*) from raw.gl_postings").fetchone() == (0,)
    for staged in (first, second):
        drop_staged(con, staged)
