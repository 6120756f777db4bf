"""File names carry the key of a landing file."""

import os
import time
from pathlib import Path

import pytest

from ingest.landing import LandingFile, classify, finance_files, survey_landing
from ingest.landing_checks import LandingFolderError, check_landing_folder, landing_check_rows


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


def _landing(tmp_path: Path, *names: str) -> Path:
    landing = tmp_path / "landing"
    for name in names:
        path = landing / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    return landing


def test_missing_landing_folder_stops_the_run_saying_so(tmp_path: Path) -> None:
    landing = tmp_path / "not-mounted"
    with pytest.raises(LandingFolderError, match="ei ole .irrotettu verkkolevy"):
        check_landing_folder(landing, survey_landing(landing, 0), {})


def test_landing_folder_without_finance_files_stops_the_run(tmp_path: Path) -> None:
    landing = _landing(tmp_path, "goals/111_600_2026-03-31.xlsx")
    with pytest.raises(LandingFolderError, match="ei ole yhtään taloustiedostoa"):
        check_landing_folder(landing, survey_landing(landing, 0), {})


def test_landing_folder_missing_master_data_the_warehouse_holds_stops_the_run(tmp_path):
    # GIVEN a folder with a ledger month but no org or accounts file of 111
    landing = _landing(tmp_path, "finance/gl_111_2026_03.csv", "finance/accounts_111.csv")
    # WHEN the warehouse already holds 111's organisation and accounts
    loaded = {"org_units": {"111"}, "accounts": {"111"}}
    # THEN the run stops naming the missing file
    with pytest.raises(LandingFolderError, match="puuttuu org_111.csv, vaikka tietovarastossa"):
        check_landing_folder(landing, survey_landing(landing, 0), loaded)


def test_a_first_load_whose_files_are_all_still_arriving_waits_for_them(tmp_path):
    # GIVEN a new warehouse's landing folder whose files were copied a moment ago
    landing = _landing(tmp_path, "finance/org_111.csv", "finance/gl_111_2026_03.csv")
    just_copied = survey_landing(landing, 7200)  # written an hour ago: none has rested two
    assert just_copied.arriving and not just_copied.complete
    # WHEN the run looks, THEN it stops instead of publishing an empty warehouse ...
    with pytest.raises(LandingFolderError, match="kaikki 2 taloustiedostoa ovat vielä") as stop:
        check_landing_folder(landing, just_copied, {}, 7200)
    # ... and says how long a file must rest and how to change it
    assert "muuttumatta 7200 s (TOTEUMA_SETTLE_SECONDS)" in str(stop.value)
    # ... while a warehouse that holds data runs on (yesterday's figures stay published)
    check_landing_folder(landing, just_copied, {"org_units": {"111"}, "accounts": set()})


def test_quarantined_master_data_counts_as_present(tmp_path: Path) -> None:
    landing = _landing(tmp_path, "finance/gl_111_2026_03.csv", "quarantine/org_111.csv")
    check_landing_folder(landing, survey_landing(landing, 0), {"org_units": {"111"}})


def test_every_file_is_read_or_reported(tmp_path: Path) -> None:
    # GIVEN known names, a month 13, an unpadded month, a copy in progress and a new file
    landing = _landing(
        tmp_path,
        "finance/gl_111_2026_03.csv",
        "finance/gl_111_2026_13.csv",
        "finance/gl_111_2026_4.csv",
        "finance/gl_111_2026_05.csv.part",
        "goals/111_600_2026-03-31.XLSX",
        "goals/~$111_600_2026-03-31.xlsx",
    )
    (landing / "finance" / "gl_111_2026_06.csv").write_text("still copying")
    # WHEN the folder is surveyed with a 60 s settle interval
    survey = survey_landing(landing, 60)
    rows = list(landing_check_rows("r1", survey, 60))
    # THEN each file is complete, still arriving or unrecognised; Excel's lock file is no file
    names = lambda paths: sorted(p.name for p in paths)  # noqa: E731
    assert names(survey.complete) == ["111_600_2026-03-31.XLSX", "gl_111_2026_03.csv"]
    assert names(survey.arriving) == ["gl_111_2026_05.csv.part", "gl_111_2026_06.csv"]
    assert names(survey.unrecognised) == ["gl_111_2026_13.csv", "gl_111_2026_4.csv"]
    unrecognised = [r for r in rows if r["check_name"] == "file_name_recognised"]
    assert {r["source_file"] for r in unrecognised} == {"gl_111_2026_13.csv", "gl_111_2026_4.csv"}
    assert all("gl_<kunta>_<YYYY>_<MM>.csv (MM = 01–12)" in r["explanation"] for r in unrecognised)
    assert {r["severity"] for r in rows} == {"warn"}
