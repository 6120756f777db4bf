"""The controls folder as a run reads it, and as `toteuma waive` writes it."""

import datetime as dt
from decimal import Decimal

import duckdb
import pytest

from warehouse.controls.explanations import read_explanations
from warehouse.controls.folder import ControlsFolder
from warehouse.controls.load import load_controls
from warehouse.controls.signoffs import load_signoffs, record_signoff
from warehouse.controls.waive import WaiverRefused, add_waiver
from warehouse.gate.history import append_run
from warehouse.gate.records import CheckResult, Evidence
from warehouse.gate.waivers import load_waivers

ROWS = [
    {"table_name": "income_statement", "org_unit_code": "600", "org_unit_name": "Yhteiset",
     "org_level": "PALVELUALUE", "is_valid_on_reporting_date": True, "line_code": "PALVELUT",
     "tp_prior_year": Decimal("-1.5"), "actual_prior_ytd": Decimal(0),
     "budget_amended": Decimal(-100), "actual_ytd": Decimal(-20), "forecast": None},
]  # fmt: skip


def _sign(root, rows=ROWS):
    return record_signoff(
        ControlsFolder(root), municipality="111", reporting_date=dt.date(2026, 3, 31),
        unit="600", by="Matti", os_user="matti", at=dt.datetime(2026, 4, 15, 9, 30),
        rows=rows, comment="Q1",
    )  # fmt: skip


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


@pytest.fixture
def history(tmp_path):
    audit = tmp_path / "toteuma.audit.duckdb"
    row = Evidence(municipality_code="111", org_unit_code="600", line_code="AINEET")
    result = CheckResult("realization_within_full_year_budget", "judgement", "warn", "w", "x",
                         [row], 1)  # fmt: skip
    append_run(audit, "run-1", dt.datetime(2026, 4, 15), [result], "publish")
    return audit


def _entry(**values):
    return {"check": "realization_within_full_year_budget", "unit": "600", "descendants": True,
            "line": "AINEET", "period_from": "2026-01", "period_to": "2026-03-31",
            "max_difference": "100", "reason": "Muutos 14.4.", "name": "Matti",
            "expires": "2026-06-30"} | values  # fmt: skip


def test_waive_appends_a_validated_rule_and_keeps_the_files_comments(tmp_path, history):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("# our comment stays\nwaivers: []\n", encoding="utf-8")
    add_waiver(waivers, history, tmp_path / "none.duckdb", _entry(), dt.date(2026, 4, 15))
    text = waivers.read_text(encoding="utf-8")
    assert text.startswith("# our comment stays\nwaivers:\n  - check:")
    (waiver,) = load_waivers(waivers)
    assert (waiver.unit, waiver.descendants, waiver.period_from, waiver.period_to) == (
        "600", True, "2026-01", "2026-03-31",
    )  # fmt: skip
    assert waiver.max_difference == Decimal(100)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"check": "realization_budget"}, "tuntematon tarkistus 'realization_budget'"),
        ({"unit": "999"}, "tuntematon yksikkö '999'"),
        ({"line": "KAHVI"}, "tuntematon rivi 'KAHVI'"),
        ({"expires": "2026-04-14"}, "päättymispäivä 14.4.2026 on jo mennyt"),
    ],
)
def test_waive_refuses_an_unknown_check_unit_or_line_and_a_past_expiry(
    tmp_path, history, values, message
):
    waivers = tmp_path / "waivers.yaml"
    with pytest.raises(WaiverRefused, match=message):
        add_waiver(
            waivers, history, tmp_path / "none.duckdb", _entry(**values), dt.date(2026, 4, 15)
        )
    assert not waivers.exists()


def test_waive_on_a_warehouse_no_run_has_judged_names_that_not_an_unknown_check(tmp_path):
    # GIVEN a mistyped --warehouse: no check history there
    waivers = tmp_path / "waivers.yaml"
    with pytest.raises(WaiverRefused, match="ei ole vielä yhtään ajoa") as refused:
        add_waiver(
            waivers, tmp_path / "no.audit.duckdb", tmp_path / "no.duckdb", _entry(),
            dt.date(2026, 4, 15),
        )  # fmt: skip
    assert "tuntematon tarkistus" not in str(refused.value)
    assert not waivers.exists()


def test_waive_asks_for_the_municipality_when_the_warehouse_holds_several(tmp_path):
    audit = tmp_path / "toteuma.audit.duckdb"
    rows = [Evidence(municipality_code=kunta, org_unit_code="100") for kunta in ("049", "091")]
    result = CheckResult("deviations_explained", "judgement", "warn", "w", "x", rows, 2)
    append_run(audit, "run-1", dt.datetime(2026, 4, 15), [result], "publish")
    waivers = tmp_path / "waivers.yaml"
    entry = _entry(check="deviations_explained", unit="100", line=None, descendants=False)
    # WHEN a unit is waived without its municipality THEN it is refused, naming them
    with pytest.raises(WaiverRefused, match="useita kuntia .049, 091.*--municipality"):
        add_waiver(waivers, audit, tmp_path / "none.duckdb", entry, dt.date(2026, 4, 15))
    with pytest.raises(WaiverRefused, match="tuntematon kunta '111'"):
        add_waiver(
            waivers, audit, tmp_path / "none.duckdb", entry | {"municipality": "111"},
            dt.date(2026, 4, 15),
        )  # fmt: skip
    # ... and with it the waiver names that municipality alone
    waiver = add_waiver(
        waivers, audit, tmp_path / "none.duckdb", entry | {"municipality": "049"},
        dt.date(2026, 4, 15),
    )  # fmt: skip
    assert (waiver.municipality, waiver.unit) == ("049", "100")
