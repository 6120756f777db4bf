"""File names carry the key of a landing file."""

from pathlib import Path

from ingest.landing import LandingFile, classify, finance_files


def test_gl_file_name_gives_municipality_year_and_month() -> None:
    # GIVEN a ledger file name / WHEN it is classified
    found = classify(Path("gl_098_2026_03.csv"))
    # THEN the key comes from the name, leading zeros kept
    assert found == LandingFile("gl_postings", "098", 2026, 3, Path("gl_098_2026_03.csv"))


def test_every_kind_is_recognised_and_unknown_names_are_not() -> None:
    names = {
        "org_111.csv": "org_units",
        "accounts_111.csv": "accounts",
        "budget_111_2026.csv": "budget_entries",
        "forecast_111_2026_06.csv": "forecasts",
    }
    for name, kind in names.items():
        found = classify(Path(name))
        assert found is not None and found.kind == kind
    for name in ("notes.txt", "gl_111_2026_13.csv", "gl_11_2026_03.csv", "org_111.csv.bak"):
        assert classify(Path(name)) is None


def test_finance_files_are_sorted_by_kind_then_name(tmp_path: Path) -> None:
    # GIVEN a landing folder with files of several kinds and one stray file
    folder = tmp_path / "finance"
    folder.mkdir()
    for name in ("gl_111_2026_02.csv", "org_111.csv", "gl_111_2026_01.csv", "readme.txt"):
        (folder / name).write_text("x")
    # WHEN it is listed
    files = finance_files(tmp_path)
    # THEN only known files come, in a stable order
    assert [f.path.name for f in files] == [
        "gl_111_2026_01.csv",
        "gl_111_2026_02.csv",
        "org_111.csv",
    ]
