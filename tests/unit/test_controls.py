"""The controls folder as a run reads it (the store's snapshot, or an imported folder)."""

import datetime as dt
from decimal import Decimal

import duckdb
import yaml

from warehouse.controls.explanations import read_explanations
from warehouse.controls.folder import ControlsFolder
from warehouse.controls.load import load_controls
from warehouse.controls.signoffs import figures_bytes, fingerprint, load_signoffs

ROWS = [
    {"table_name": "income_statement", "org_unit_code": "600", "org_unit_name": "Yhteiset",
     "org_level": "PALVELUALUE", "is_valid_on_reporting_date": True, "line_code": "PALVELUT",
     "tp_prior_year": Decimal("-1.5"), "actual_prior_ytd": Decimal(0),
     "budget_amended": Decimal(-100), "actual_ytd": Decimal(-20), "forecast": None},
]  # fmt: skip


def _sign(root, rows=ROWS):
    """A sign-off of 600 on 31.3.2026 appended to the folder, as an export writes it."""
    folder = ControlsFolder(root)
    data = figures_bytes(rows)
    n = len(load_signoffs(folder)) + 1
    figures = folder.approved / "111" / "2026-03-31" / f"600-{n}-{fingerprint(data)[7:15]}.csv"
    figures.parent.mkdir(parents=True, exist_ok=True)
    figures.write_bytes(data)
    entries = yaml.safe_load(folder.signoffs.read_text()) if folder.signoffs.exists() else {}
    entries.setdefault("signoffs", []).append({
        "municipality": "111", "date": "2026-03-31", "unit": "600", "by": "Matti",
        "os_user": "matti", "at": "2026-04-15T09:30:00Z", "comment": "Q1",
        "fingerprint": fingerprint(data), "figures": folder.relative(figures),
    })  # fmt: skip
    folder.signoffs.write_text(yaml.safe_dump(entries, allow_unicode=True))
    return load_signoffs(folder)[-1]


def _tables(candidate):
    with duckdb.connect(str(candidate), read_only=True) as con:
        signoffs = con.execute("select signoff_id, is_intact from controls.signoffs").fetchall()
        figures = con.execute("select actual_ytd from controls.approved_figures").fetchall()
        checks = con.execute(
            "select check_name, failures, explanation from audit_run.file_checks where failures > 0"
        ).fetchall()
    return signoffs, figures, checks


def test_a_signoff_keeps_who_when_and_the_fingerprint_of_the_figures_it_wrote(tmp_path):
    record = _sign(tmp_path)
    assert (record.by, record.os_user, record.unit) == ("Matti", "matti", "600")
    assert record.at == dt.datetime(2026, 4, 15, 9, 30)
    figures = tmp_path / record.figures
    assert figures.read_text().splitlines()[1].startswith("income_statement,600,Yhteiset")
    assert record.fingerprint.startswith("sha256:") and load_signoffs(ControlsFolder(tmp_path))


def test_a_run_loads_intact_signoffs_and_reports_an_altered_figures_file(tmp_path):
    # GIVEN two sign-offs, the second one's figures edited by hand afterwards
    controls, candidate = tmp_path / "controls", tmp_path / "candidate.duckdb"
    _sign(controls)
    altered = _sign(controls, [ROWS[0] | {"line_code": "HENKILOSTO"}])
    path = controls / altered.figures
    path.write_text(path.read_text().replace("-20.00", "-25.00"))
    # WHEN a run reads the folder
    load_controls(candidate, controls, "run-1")
    signoffs, figures, checks = _tables(candidate)
    # THEN the intact one counts, the altered one is reported and its figures left out
    assert signoffs == [("signoffs.yaml#1", True), ("signoffs.yaml#2", False)]
    assert figures == [(Decimal("-20.00"),)]
    ((check, failures, explanation),) = checks
    assert (check, failures) == ("signoff_is_intact", 1)
    assert "ei vastaa sormenjälkeään" in explanation


def test_explanations_are_the_narrative_and_one_section_per_line_named_by_name_or_code(tmp_path):
    folder = tmp_path / "explanations" / "111" / "600"
    folder.mkdir(parents=True)
    (folder / "31.3.2026.md").write_text(
        "Alkuvuosi meni suunnitellusti.\n\n## Palvelujen ostot\nLisenssit toukokuussa.\n\n"
        "## Henkilöstökulut (HENKILOSTO)\nLomarahat kesällä.\n\n## Muuta kerrottavaa\nx\n",
        encoding="utf-8",
    )
    sections, problems = read_explanations(tmp_path / "explanations")
    assert [(s.seq, s.line_code) for s in sections] == [
        (0, None), (1, "PALVELUT"), (2, "HENKILOSTO"), (3, None),
    ]  # fmt: skip
    assert sections[0].reporting_date == dt.date(2026, 3, 31)
    assert sections[1].body == "Lisenssit toukokuussa."
    assert problems == [{
        "source_file": "explanations/111/600/31.3.2026.md", "source_row": 9,
        "problem": "otsikko 'Muuta kerrottavaa' ei nimeä tuloslaskelman riviä",
    }]  # fmt: skip


def test_an_explanation_saved_by_notepad_in_windows_1252_is_read_and_a_binary_one_named(tmp_path):
    folder = tmp_path / "explanations" / "111" / "600"
    folder.mkdir(parents=True)
    (folder / "2026-03-31.md").write_bytes(
        "Kulut – 5 000 € yli.\r\n\r\n## Henkilöstökulut\r\nLomarahat.\r\n".encode("cp1252")
    )
    (folder / "2026-02-28.md").write_bytes(b"\x00\x01\x02binary")
    sections, problems = read_explanations(tmp_path / "explanations")
    assert [(s.line_code, s.body) for s in sections] == [
        (None, "Kulut – 5 000 € yli."), ("HENKILOSTO", "Lomarahat."),
    ]  # fmt: skip
    assert problems == [{
        "source_file": "explanations/111/600/2026-02-28.md", "source_row": 1,
        "problem": "tiedosto ei ole tekstiä (UTF-8, UTF-16 tai Windows-1252)",
    }]  # fmt: skip
