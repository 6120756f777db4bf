"""A step's file names are read back as the names written, never as letters."""

from orchestration.file_names import names_from, names_text


def test_names_written_for_the_ui_read_back_as_names():
    written = names_text(["gl_111_2026_03.csv", "org_111.csv"])
    assert written.value == "gl_111_2026_03.csv, org_111.csv"
    assert names_from(written.value) == ["gl_111_2026_03.csv", "org_111.csv"]


def test_no_names_read_back_as_none_at_all():
    written = names_text([])
    assert written.value == "none"
    assert names_from(written.value) == []
    assert names_from(None) == []
    assert names_from(["from", "an older run"]) == ["from", "an older run"]
