"""The scale generator: deterministic, named and headed per the contract, quirks present,
and every finance file read by the product's own readers."""

import csv
import filecmp
import io
import re
from pathlib import Path

import duckdb
import pytest

from demo.scale.generate import write_scale_landing
from demo.scale.municipalities import municipalities, rows_per_file
from ingest.landing import classify
from ingest.load import load_file
from ingest.sources import SOURCES
from warehouse.hetu import mask_hetu

ROWS = 6000


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scale") / "landing"
    write_scale_landing(out, municipalities_count=3, years_count=2, rows=ROWS, seed=5)
    return out


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_same_arguments_write_the_same_bytes(landing, tmp_path):
    again = tmp_path / "again"
    write_scale_landing(again, municipalities_count=3, years_count=2, rows=ROWS, seed=5)
    names = sorted(p.name for p in (landing / "finance").iterdir())
    assert names == sorted(p.name for p in (again / "finance").iterdir())
    _, mismatch, errors = filecmp.cmpfiles(
        landing / "finance", again / "finance", names, shallow=False
    )
    assert not mismatch and not errors
    other = tmp_path / "other_seed"
    write_scale_landing(other, municipalities_count=3, years_count=2, rows=ROWS, seed=6)
    gl = "gl_091_2025_05.csv"
    assert (other / "finance" / gl).read_bytes() != (landing / "finance" / gl).read_bytes()


def test_file_names_and_headers_follow_the_contract(landing):
    files = sorted((landing / "finance").iterdir())
    kinds = [classify(path) for path in files]
    assert all(kinds), [p.name for p, k in zip(files, kinds, strict=True) if not k]
    by_kind = {k: [f for f in kinds if f.kind == k] for k in SOURCES}
    assert len(by_kind["gl_postings"]) == 3 * 2 * 12
    assert {f.municipality_code for f in by_kind["org_units"]} == {"091", "049", "837"}
    assert len(by_kind["budget_entries"]) == 3 * 2 and by_kind["forecasts"]
    for found in kinds:
        header = next(csv.reader(io.StringIO(_text(found.path)), delimiter=";"))
        assert [name.strip().casefold() for name in header] == [
            name.casefold() for name in SOURCES[found.kind].header
        ], found.path.name
    assert len(list((landing / "goals").glob("*.xlsx"))) == 3


def test_rows_add_up_to_the_requested_total_with_big_and_small_municipalities():
    places = municipalities(300)
    assert [p.code for p in places[:3]] == ["091", "049", "837"]
    assert len({p.code for p in places}) == 300 and all(
        re.fullmatch(r"\d{3}", p.code) for p in places
    )
    counts = rows_per_file(places, [2025], 10_000_000)
    assert sum(counts.values()) == 10_000_000
    assert 100_000 < max(counts.values()) <= 200_000 and min(counts.values()) < 2_000


def test_every_finance_file_is_read_by_the_products_readers(landing):
    # One municipality's files (all kinds, every style of the mix) keep the test quick.
    files = sorted((landing / "finance").glob("*_837*.csv"))
    assert {classify(path).kind for path in files} == set(SOURCES)
    with duckdb.connect() as con:
        for path in files:
            load_file(con, classify(path))
        rows, both, neither = con.execute(
            "select count(*), count(*) filter (where debit > 0 and credit > 0),"
            " count(*) filter (where debit = 0 and credit = 0) from raw.gl_postings"
        ).fetchone()
    assert rows > 0 and both == 0 and neither == 0


def test_quirks_of_the_contract_are_present(landing):
    finance = landing / "finance"
    gl = sorted(finance.glob("gl_*.csv"))
    raw = {path.name: path.read_bytes() for path in gl}
    cp1252 = [name for name, data in raw.items() if not _is_utf8(data)]
    assert cp1252 and all(raw[n].startswith(b"KUNTA;") and b"\r\n" in raw[n] for n in cp1252)
    windows = b"".join(raw[n] for n in cp1252)
    assert all(char.encode("cp1252") in windows for char in "äö–€")
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values())
    assert any("\u00a0" in _text(finance / name) for name in raw)
    texts = {name: _text(finance / name) for name in raw}
    assert any(re.search(r'"[^"\n]*;[^"\n]*"', text) for text in texts.values())
    assert any(re.search(r";\d{1,3}(?: \d{3})+,\d\d;", text) for text in texts.values())
    assert any(re.search(r";\d+;", text.replace("\r", "")) for text in texts.values())
    codes = re.findall(r"\d{6}[-+A]\d{3}[0-9A-Y]", "".join(texts.values()))
    valid = [code for code in codes if mask_hetu(code) != code]
    assert valid and any(mask_hetu(code) == code for code in codes)  # and a look-alike
    budgets = "".join(_text(path) for path in finance.glob("budget_*.csv"))
    assert "\u2212" in budgets and ";MUUTOS;" in budgets and ";TA;12.12.2024;" in budgets


def test_organisation_moves_cost_centres_with_non_overlapping_validity(landing):
    rows = list(csv.reader(io.StringIO(_text(landing / "finance" / "org_091.csv")), delimiter=";"))
    by_code: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        by_code.setdefault(row[1], []).append(row)
    moved = [versions for versions in by_code.values() if len(versions) == 2]
    assert moved
    first, second = moved[0]
    assert first[6] == "31.12.2024" and second[5] == "1.1.2025" and first[4] != second[4]
    assert {row[3] for row in rows[1:]} == {
        "KUNTA", "TOIMIALA", "PALVELUALUE", "VASTUUALUE", "KUSTANNUSPAIKKA",
    }  # fmt: skip
