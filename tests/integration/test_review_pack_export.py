"""The Excel review pack written from the published warehouse shows the report's figures."""

import csv
import subprocess
import sys
from pathlib import Path

import openpyxl

from demo.seed_figures import load_seed_figures

TOTEUMA = str(Path(sys.executable).parent / "toteuma")
with Path("dbt_project/seeds/report_lines.csv").open(encoding="utf-8") as seed:
    LINE_NAMES = {row["line_code"]: row["line_name"] for row in csv.DictReader(seed)}
# The year-end columns as the financial statement (and seed 000) heads them
YEAR_END_HEADINGS = {"budget_amended": "Talousarvio 2024", "actual_ytd": "Toteuma 2024"}


def test_exported_pack_opens_and_shows_the_year_end_2024_figures(demo_run, tmp_path):
    # GIVEN the published demo warehouse WHEN the 31.12.2024 pack is exported
    out = tmp_path / "review_2024-12.xlsx"
    done = subprocess.run(
        [
            TOTEUMA,
            "export",
            "--warehouse",
            str(demo_run.warehouse),
            "--date",
            "2024-12-31",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    workbook = openpyxl.load_workbook(out)
    # THEN each unit of seed 000 has a sheet whose cells equal the printed figures
    figures = [
        f
        for f in load_seed_figures()
        if f.seed == "000"
        and f.table == "income_statement"
        and f.column in ("budget_amended", "actual_ytd")
    ]
    checked = 0
    for figure in figures:
        sheet = next(ws for ws in workbook.worksheets if ws.title.split(" ")[0] == figure.unit_code)
        rows = list(sheet.iter_rows(values_only=True))
        start = next(i for i, r in enumerate(rows) if r[0] == "Tuloslaskelma")
        column = rows[start + 1].index(YEAR_END_HEADINGS[figure.column])
        row = next((r for r in rows[start + 2 :] if r[0] == LINE_NAMES[figure.line_code]), None)
        # seed 000 prints a few lines of zeros; the pack leaves every such line out
        value = row[column] if row else 0
        assert abs(float(value) - float(figure.value)) <= 0.5, (figure, value)
        checked += 1
    assert checked == len(figures) > 150


def test_export_of_a_date_without_data_names_the_dates_that_exist(demo_run, tmp_path):
    done = subprocess.run(
        [
            TOTEUMA,
            "export",
            "--warehouse",
            str(demo_run.warehouse),
            "--date",
            "2019-12-31",
            "--out",
            str(tmp_path / "x.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "31.3.2026" in done.stderr  # the latest date with rows, as controllers write it
