"""Quarantine: a refused file leaves the landing folder with a note saying why."""

from pathlib import Path

from expectations.failures import UNEXPECTED_ROWS, Failure
from expectations.validate import FileValidation
from ingest.errors import LandingFileError
from ingest.quarantine import discard_superseded, quarantine


def _landed(tmp_path: Path, name: str = "gl_111_2026_03.csv") -> Path:
    folder = tmp_path / "landing" / "finance"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("Kunta;Tilikausi\n111;2026\n", encoding="utf-8")
    return path


def _refused(tmp_path: Path) -> FileValidation:
    failure = Failure(
        expectation_type=UNEXPECTED_ROWS,
        rule="debit_credit_signs",
        severity="error",
        explanation="Sarakkeiden 'Debet' ja 'Kredit' on oltava nolla tai positiivisia.",
        observed=1,
        examples=[{"voucher_no": "V1", "debit": -5, "source_file": "gl", "source_row": 7}],
    )
    return FileValidation(
        "gl_111_2026_03.csv", "gl_postings", False, [failure], tmp_path / "r.json"
    )


def test_refused_file_moves_to_quarantine_with_its_reasons(tmp_path: Path) -> None:
    landed = _landed(tmp_path)
    moved = quarantine(landed, tmp_path / "landing", _refused(tmp_path))
    assert moved == tmp_path / "landing" / "quarantine" / "gl_111_2026_03.csv"
    assert moved.is_file() and not landed.exists()
    note = (moved.parent / "gl_111_2026_03.csv.failed.txt").read_text(encoding="utf-8")
    assert "Tiedostoa gl_111_2026_03.csv ei ladattu: 1 tarkistus epäonnistui" in note
    assert "VIRHE: debit_credit_signs" in note  # the check's name as waivers key on it
    assert "Sarakkeiden 'Debet' ja 'Kredit' on oltava nolla tai positiivisia." in note
    assert "1 rivi rikkoo sääntöä; ensimmäinen:" in note
    assert "rivi 7: Tositenro=V1; Debet=-5" in note  # the header's names, not ours


def test_a_redelivered_refused_file_replaces_the_quarantined_copy(tmp_path: Path) -> None:
    # GIVEN a quarantined month
    first = quarantine(_landed(tmp_path), tmp_path / "landing", _refused(tmp_path))
    # WHEN a new version of it is refused too
    redelivered = _landed(tmp_path)
    redelivered.write_text("Kunta;Tilikausi\n111;2027\n", encoding="utf-8")
    second = quarantine(redelivered, tmp_path / "landing", _refused(tmp_path))
    # THEN only the newest version waits in quarantine, with its own note
    assert first == second and "2027" in second.read_text(encoding="utf-8")
    assert sorted(p.name for p in second.parent.iterdir()) == [
        "gl_111_2026_03.csv",
        "gl_111_2026_03.csv.failed.txt",
    ]


def test_a_loaded_redelivery_discards_the_quarantined_copy(tmp_path: Path) -> None:
    quarantine(_landed(tmp_path), tmp_path / "landing", _refused(tmp_path))
    assert discard_superseded(tmp_path / "landing", "gl_111_2026_03.csv")
    assert list((tmp_path / "landing" / "quarantine").iterdir()) == []


def test_note_shows_no_free_text(tmp_path: Path) -> None:
    refused = _refused(tmp_path)
    refused.failures[0].examples[0]["description"] = "Palautus Virtanen Aino"
    moved = quarantine(_landed(tmp_path), tmp_path / "landing", refused)
    assert "Virtanen" not in moved.with_name(moved.name + ".failed.txt").read_text()


def test_unreadable_file_note_holds_the_parse_error(tmp_path: Path) -> None:
    error = LandingFileError(
        "gl_111_2026_03.csv", ["gl_111_2026_03.csv, rivi 4, sarake 'Debet': odotettiin lukua"]
    )
    moved = quarantine(_landed(tmp_path), tmp_path / "landing", error)
    note = moved.with_name(moved.name + ".failed.txt").read_text(encoding="utf-8")
    assert "ei voitu lukea" in note
    assert "rivi 4, sarake 'Debet': odotettiin lukua" in note
