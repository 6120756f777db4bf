"""`toteuma failures` as a controller reads it: what is open, in Finnish, nothing cut;
the CSV and the workbook as Finnish Excel opens them."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from reports.failures.query import Filters, latest_failures
from reports.failures.spreadsheet import render_csv, write_workbook
from reports.failures.terminal import ROWS_PER_CHECK, render_table
from warehouse.gate.history import append_run
from warehouse.gate.records import CheckResult, Evidence

NBSP = "\u00a0"
LONG = (
    "Yksikkö 600 Yhteiset palvelut, 31.3.2026: Palvelujen ostot (PALVELUT) toteutui "
    "-1 065 525 €, kun talousarvion osuus 3 kuukaudelta on -1 290 550 € (poikkeama 225 025 €). "
    "Selitys puuttuu: kirjoita se otsikon ## Palvelujen ostot alle tiedostoon "
    "explanations/111/600/2026-03-31.md; sarake 57 ja kaikki muukin näkyy kokonaan."
)


def _row(unit, path, line, name, period, difference=None, **extra):
    values = dict(
        municipality_code="111", org_unit_code=unit, org_unit_name=f"Yksikkö {unit}",
        unit_path=path, line_code=line, line_name=name, period=period,
        expected=Decimal(0) if difference is not None else None,
        actual=Decimal(difference) if difference is not None else None,
        difference=Decimal(difference) if difference is not None else None,
        explanation="selitys", novelty="new",
    )  # fmt: skip
    return Evidence(**(values | extra))


def _check(name, severity, rows, layer="judgement"):
    return CheckResult(name, layer, severity, f"Mitä {name} suojaa.", "review/x", rows, len(rows))


@pytest.fixture
def audit(tmp_path):
    path = tmp_path / "toteuma.audit.duckdb"
    results = [
        _check("deviations_explained", "warn", [
            _row("600", "/1/600/", "PALVELUT", "Palvelujen ostot", "2026-03-31", "225025",
                 explanation=LONG),
        ]),
        _check("goal_assessment_for_each_reporting_date", "warn", [
            _row("606", "/1/600/606/", "Tiedolla johtamisen\nedistäminen seudullisesti", None,
                 "2026-03-31", source_file="111_600.xlsx", source_row=17, novelty="still"),
        ], layer="incoming"),
        _check("no_negative_revenue_or_positive_cost_lines", "warn", [
            _row("605", "/1/600/605/", "VALMISTUS", "Valmistus omaan käyttöön", "2026-03-31",
                 "-0.55", severity="info", materiality_threshold=Decimal(1)),
        ]),
        _check("realization_within_full_year_budget", "warn", [
            _row("320", "/1/300/320/", "AINEET", "Aineet, tarvikkeet ja tavarat", "2024-12-31",
                 "-456", is_open=False, novelty="still"),
        ]),
        _check("gl_postings.account_known", "error", [
            _row("2502", "/1/500/2502/", "4999", None, "2026-03", source_file="gl_111_2026_03.csv",
                 source_row=6, explanation="Tili; ei tilikartassa"),
        ], layer="incoming"),
    ]  # fmt: skip
    append_run(path, "run-2", dt.datetime(2026, 4, 15, 2, 0), results, "withheld")
    return path


def _shown(audit, **filters):
    return [
        (r["check_name"], r["org_unit_code"])
        for r in latest_failures(audit, None, Filters(**filters)).rows
    ]


def test_by_default_only_open_rows_are_shown_errors_first_info_and_approved_dates_hidden(audit):
    report = latest_failures(audit, None, Filters())
    assert [(r["check_name"], r["org_unit_code"]) for r in report.rows] == [
        ("gl_postings.account_known", "2502"),
        ("deviations_explained", "600"),
        ("goal_assessment_for_each_reporting_date", "606"),
    ]
    assert report.hidden == {"approved_or_closed": 1, "info": 1}


def test_a_date_is_asked_for_in_finnish_or_iso_form_and_shows_that_date_even_if_approved(audit):
    assert _shown(audit, date=dt.date(2024, 12, 31)) == [
        ("realization_within_full_year_budget", "320")
    ]
    assert len(_shown(audit, date=dt.date(2026, 3, 31))) == 4  # the month 2026-03 too


def test_a_unit_brings_every_unit_under_it(audit):
    shown = _shown(audit, unit="600", all=True)
    assert {unit for _, unit in shown} == {"600", "605", "606"}


def test_check_severity_and_new_narrow_the_view(audit):
    assert _shown(audit, check="deviations_explained") == [("deviations_explained", "600")]
    assert _shown(audit, severity="info") == [("no_negative_revenue_or_positive_cost_lines", "605")]
    assert ("goal_assessment_for_each_reporting_date", "606") not in _shown(audit, new=True)
    assert len(_shown(audit, all=True)) == 5


def test_the_terminal_view_wraps_long_texts_and_cuts_nothing(audit):
    report = latest_failures(audit, None, Filters())
    text = render_table(report, width=72)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 72
    assert " ".join(text.split()).count("sarake 57 ja kaikki muukin näkyy kokonaan.") == 1
    # a goal text with a line break stays one heading, not two rows
    assert "Tiedolla johtamisen edistäminen seudullisesti" in " ".join(text.split())
    assert not any(line.startswith("edistäminen") for line in lines)


def test_the_view_names_lines_in_finnish_with_codes_and_gives_the_numbers(audit):
    text = render_table(latest_failures(audit, None, Filters()), width=100)
    assert "Palvelujen ostot (PALVELUT)" in text
    assert f"odotettu 0 € · löytyi 225{NBSP}025 € · erotus 225{NBSP}025 €" in text
    assert "tili 4999" in text and "tiedosto gl_111_2026_03.csv, rivi 6" in text
    # a one-line count per check on top, before the first check's section
    top = text.split("== ")[0]
    assert "deviations_explained" in top and "gl_postings.account_known" in top
    assert "[UUSI]" in text and "[ENNALLAAN]" in text


def test_an_info_row_says_the_threshold_it_fell_under(audit):
    text = render_table(latest_failures(audit, None, Filters(severity="info")), width=100)
    assert "erotus -0,55 € · alle olennaisuusrajan 1 €" in text


def test_the_default_view_keeps_each_check_to_a_screenful_and_says_how_to_see_the_rest(tmp_path):
    audit = tmp_path / "toteuma.audit.duckdb"
    rows = [_row(f"6{i:02d}", f"/1/6{i:02d}/", "MAKSU", "Maksutuotot", "2026-03-31", "-20000")
            for i in range(20)]  # fmt: skip
    append_run(audit, "run-1", dt.datetime(2026, 4, 15), [_check("many", "warn", rows)], "publish")
    capped = render_table(latest_failures(audit, None, Filters()), width=100)
    assert capped.count("Maksutuotot (MAKSU)") == ROWS_PER_CHECK
    assert f"… ja {20 - ROWS_PER_CHECK} riviä lisää: toteuma failures --check many" in capped
    whole = render_table(latest_failures(audit, None, Filters(check="many")), width=100)
    assert whole.count("Maksutuotot (MAKSU)") == 20


def test_the_csv_opens_in_finnish_excel_semicolons_decimal_comma_utf8_bom(audit):
    data = render_csv(latest_failures(audit, None, Filters(all=True)))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Tarkistus", "Vakavuus", "Tila"]
    by_check = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    deviation = by_check["deviations_explained"]
    assert deviation["Erotus (€)"] == "225025,00" and deviation["Rivin nimi"] == "Palvelujen ostot"
    assert by_check["gl_postings.account_known"]["Selitys"] == "Tili; ei tilikartassa"
    assert by_check["no_negative_revenue_or_positive_cost_lines"]["Vakavuus"] == "info"
    assert by_check["no_negative_revenue_or_positive_cost_lines"]["Olennaisuusraja (€)"] == "1,00"


def test_the_workbook_has_a_summary_first_and_a_sheet_per_check_formatted_for_excel(
    audit, tmp_path
):
    out = tmp_path / "poikkeamat.xlsx"
    assert write_workbook(latest_failures(audit, None, Filters(all=True)), out) == 5
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Yhteenveto"
    summary = book["Yhteenveto"]
    assert [c.value for c in summary[4]][:4] == ["Tarkistus", "Vakavuus", "Taso", "Rivejä"]
    assert summary.cell(row=5, column=8).hyperlink.location == "'1 gl_postings.account_known'!A1"
    sheet = book["2 deviations_explained"]
    assert sheet["A1"].value == "deviations_explained"
    assert sheet["A2"].value == "Mitä deviations_explained suojaa."  # its explanation on top
    header = [c.value for c in sheet[4]]
    assert "Erotus (€)" in header and "Rivin nimi" in header
    cell = sheet.cell(row=5, column=header.index("Erotus (€)") + 1)
    assert cell.value == 225025.0  # a number Excel can sum
    assert cell.number_format == f"#{NBSP}##0.00;-#{NBSP}##0.00"  # as the review pack, with cents
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == f"A4:{openpyxl.utils.get_column_letter(len(header))}5"
    explanation = openpyxl.utils.get_column_letter(header.index("Selitys") + 1)
    assert 40 <= sheet.column_dimensions[explanation].width <= 60
    assert sheet.cell(row=5, column=header.index("Selitys") + 1).alignment.wrap_text


def test_a_municipality_narrows_the_view_and_every_unit_names_its_municipality(tmp_path):
    # GIVEN unit 100 failing in two municipalities of a service centre's warehouse
    path = tmp_path / "toteuma.audit.duckdb"
    rows = [_row("100", "/1/100/", "PALVELUT", "Palvelujen ostot", "2026-03-31", "5000",
                 municipality_code=kunta) for kunta in ("049", "091")]  # fmt: skip
    append_run(path, "run-1", dt.datetime(2026, 4, 15, 2, 0),
               [_check("deviations_explained", "warn", rows)], "publish")  # fmt: skip
    # THEN --municipality shows one, and the view tells the two apart
    only = latest_failures(path, None, Filters(municipality="049"))
    assert [row["municipality_code"] for row in only.rows] == ["049"]
    text = render_table(latest_failures(path, None, Filters()), width=100)
    assert "kunta 049 · 100 Yksikkö 100" in text and "kunta 091 · 100 Yksikkö 100" in text


def test_a_mistyped_filter_is_refused_naming_the_choices_never_an_all_clear(audit):
    import datetime as dt_

    from reports.failures.choices import Choices, unknown_filters

    choices = Choices(
        frozenset({"111"}), frozenset({"600", "606", "2502"}),
        (dt_.date(2026, 3, 31), dt_.date(2025, 12, 31)),
    )  # fmt: skip
    report = latest_failures(audit, None, Filters())
    assert unknown_filters(Filters(check="deviations_explained"), report, choices) == []
    problems = unknown_filters(
        Filters(check="deviation_explained", unit="9999", municipality="222",
                date=dt_.date(2026, 3, 30)),
        report, choices,
    )  # fmt: skip
    told = "; ".join(problems)
    assert "ei ole tarkistusta 'deviation_explained'; lähimmät: deviations_explained" in told
    assert "ei ole yksikköä '9999'" in told
    assert "ei ole kuntaa '222' (on: 111)" in told
    assert "30.3.2026 ei ole raportointipäivä (viimeisimmät: 31.3.2026, 31.12.2025)" in told


def test_a_files_row_count_is_told_in_rows_not_euros():
    from reports.failures.text import figures

    row = {"check_name": "gl_postings.enough_rows", "expected": Decimal(1779),
           "actual": Decimal(0), "difference": Decimal(-1779), "row_severity": "error",
           "materiality_threshold": None}  # fmt: skip
    assert figures(row) == "odotettu 1\u00a0779 riviä · löytyi 0 riviä"
