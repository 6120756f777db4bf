"""Personal identity codes in Selite are masked before anything is stored."""

import duckdb
import pytest

from ingest.scan import read
from tests.unit.helpers import gl_row
from warehouse.hetu import MASK, mask_hetu, mask_hetu_sql


def _mask(con: duckdb.DuckDBPyConnection, text: str | None) -> str | None:
    sql = f"select {mask_hetu_sql('text')} from (select cast(? as varchar) as text)"
    return con.execute(sql, [text]).fetchall()[0][0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Palautus 131052-308T", f"Palautus {MASK}"),  # valid code at the end
        ("131052-308T palautus", f"{MASK} palautus"),  # at the start
        ("010101A123N ja 150680-1234", f"{MASK} ja {MASK}"),  # 'A' century sign, two codes
        ("hetu 131052-308t", f"hetu {MASK}"),  # typed in lower case
        ("Palautus 131052-308X", "Palautus 131052-308X"),  # wrong check character
        ("Tilaus 011326-123T", "Tilaus 011326-123T"),  # right check character, month 13
        ("Tilaus 320126-1234", "Tilaus 320126-1234"),  # right check character, day 32
        ("Lasku 2026-123", "Lasku 2026-123"),
        (None, None),
    ],
)
def test_mask_only_valid_identity_codes(con, text, expected) -> None:
    assert _mask(con, text) == expected


def test_gl_description_is_masked_before_it_leaves_the_reader(con, write_gl) -> None:
    # GIVEN a refund row naming a person by identity code, next to an invalid look-alike
    path = write_gl([gl_row(selite="Palautus 131052-308T / viite 131052-308X")])
    # WHEN read
    description = read(con, "gl_postings", path).project("description").fetchall()[0][0]
    # THEN the valid code is gone and the look-alike is kept
    assert description == f"Palautus {MASK} / viite 131052-308X"


@pytest.mark.parametrize(
    "text",
    [
        "Palautus 131052-308T",
        "010101A123N ja 150680-1234",
        "hetu 131052-308t",
        "Palautus 131052-308X",
        "Tilaus 011326-123T",
        "Tilaus 320126-1234",
        "x131052-308Ty",
        None,
    ],
)
def test_python_mask_agrees_with_the_sql_mask(con, text) -> None:
    # GIVEN text read in Python (a workbook cell, a value quoted in a message)
    # THEN it is masked exactly as the SQL reader masks a ledger description
    assert mask_hetu(text) == _mask(con, text)
