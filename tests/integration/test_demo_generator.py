"""The demo landing folder is deterministic and carries every quirk of the contract."""

import filecmp

from demo.generate import write_landing


def test_generator_writes_the_same_bytes_every_time(demo_landing, tmp_path):
    again = tmp_path / "again"
    write_landing(again)
    comparison = filecmp.dircmp(demo_landing / "finance", again / "finance")
    assert not comparison.left_only and not comparison.right_only
    _, mismatch, errors = filecmp.cmpfiles(
        demo_landing / "finance", again / "finance", comparison.common_files, shallow=False
    )
    assert not mismatch and not errors


def test_demo_files_carry_the_contracts_quirks(demo_landing):
    finance = demo_landing / "finance"
    old = (finance / "gl_111_2022_07.csv").read_bytes()
    assert b"\x96" in old  # '–' in Windows-1252
    assert b"\r\n" in old and old.startswith(b"KUNTA;TILIKAUSI")
    assert "\u00a0" in (finance / "gl_111_2024_04.csv").read_text(encoding="utf-8")
    assert (finance / "org_111.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    budgets = (finance / "budget_111_2025.csv").read_text(encoding="utf-8")
    assert "\u2212" in budgets
    assert "- " in (finance / "budget_111_2026.csv").read_text(encoding="utf-8")


def test_budget_has_an_amendment_after_the_2026_reporting_date(demo_landing):
    # The printed TA 2026 + muutos at 31.3.2026 must exclude it (the seed test proves that).
    rows = (
        (demo_landing / "finance" / "budget_111_2026.csv").read_text(encoding="utf-8").splitlines()
    )
    late = [
        r
        for r in rows
        if ";MUUTOS;" in r
        and r.split(";")[5].endswith(".2026")
        and int(r.split(";")[5].split(".")[1]) > 3
    ]
    early = [r for r in rows if ";MUUTOS;" in r and r not in late]
    assert late and early


def test_forecast_file_gives_both_grains(demo_landing):
    rows = (
        (demo_landing / "finance" / "forecast_111_2026_03.csv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    units = {r.split(";")[2] for r in rows[1:]}
    assert "600" in units and {"601", "607"} <= units
    assert any(";600;PALVELUT;" in r for r in rows) and any(
        ";600;TOIMINTAKULUT;" in r for r in rows
    )
