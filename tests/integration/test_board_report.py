"""The board's documents from the published demo warehouse, against the city's printed
report of 31.3.2026 (seed 003, Yhteiset palvelut and its seven responsibility areas):
the print-ready review pack and the interim report document."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import docx
import duckdb
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from demo.seed_figures import load_seed_figures

TOTEUMA = str(Path(sys.executable).parent / "toteuma")
MARCH = dt.date(2026, 3, 31)
with Path("dbt_project/seeds/report_lines.csv").open(encoding="utf-8") as seed:
    LINE_NAMES = {row["line_code"]: row["line_name"] for row in csv.DictReader(seed)}
SEED = [f for f in load_seed_figures() if f.seed == "003"]
SEED_UNITS = list(dict.fromkeys(f.unit_code for f in SEED))  # 600, 601, …, 607 as printed
ITEM_NAMES = {"TULOT": "Tulot", "MENOT": "Menot", "NETTO": "Netto"}
# Seed 003's column headings (its "TA2026" and "Toteuma 1-3" written as we write them)
STATEMENT_HEADINGS = {
    "tp_prior_year": "TP 2025",
    "actual_prior_ytd": "TOT 2025 3 kk",
    "budget_amended": "TA 2026 +muutos",
    "actual_ytd": "TOT 2026 3 kk",
    "remaining": "Jäljellä",
    "realization_pct": "TOT-2026 %",
    "forecast": "Ennuste 2026",
}
INVESTMENT_HEADINGS = {
    "tp_prior_year": "TP 2025",
    "budget_amended": "TA 2026",
    "actual_ytd": "Toteuma 1–3",
    "remaining": "Poikkeama",
    "realization_pct": "Toteuma %",
}
# The demo ledger gives Vaalit (601) TOT -818,00 against TA -5 700: 14,35 %. The seed
# prints -818 and 14,34 (its exact TOT was about -817,6); the demo generator solves for
# the printed euros, not the percentages. Every other cell is equal as printed.
DEMO_ROUNDING = {
    ("601", "TOIMINTAKULUT", "realization_pct"),
    ("601", "TOIMINTAKATE", "realization_pct"),
}  # noqa: E501
# Seed 003's section headings of the service area, in its order. The seed prints the
# projects after the last responsibility area; the report keeps them in their unit's
# part, as seed 002 and the issue have it.
SECTIONS_600 = [
    "PALVELUALUEEN TOIMINNAN JA TALOUDEN TOTEUTUMINEN",
    "INVESTOINNIT",
    "STRATEGIASTA JOHDETUT TAVOITTEET (VALTUUSTON SITOVUUSTASO)",
    "Käyttösuunnitelman toteutuminen, toiminnalliset tavoitteet",
    "Riskienhallinta",
    "Hankkeet",
]


def _toteuma(*args: str) -> None:
    done = subprocess.run([TOTEUMA, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def pack(demo_run, tmp_path_factory) -> openpyxl.Workbook:
    out = tmp_path_factory.mktemp("pack") / "review_2026-03.xlsx"
    _toteuma(
        "export", "--warehouse", str(demo_run.warehouse), "--date", "31.3.2026", "--out", str(out)
    )  # noqa: E501
    return openpyxl.load_workbook(out)


@pytest.fixture(scope="module")
def unit_names(demo_run) -> dict[str, str]:
    """Unit name → code of seed 003's units, as the published warehouse names them."""
    with duckdb.connect(str(demo_run.warehouse), read_only=True) as connection:
        found = connection.execute(
            "select distinct org_unit_name, org_unit_code from review.income_statement "
            "where reporting_date = ? and org_unit_code in (select unnest(?))",
            [MARCH, SEED_UNITS],
        ).fetchall()
    return dict(found)


@pytest.fixture(scope="module")
def report(demo_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "yhteiset_palvelut_2026-03.docx"
    _toteuma(
        "report", "--warehouse", str(demo_run.warehouse), "--date", "2026-03-31",
        "--unit", "600", "--out", str(out),
    )  # fmt: skip
    return docx.Document(str(out))


def test_every_unit_sheet_prints_a4_landscape_one_page_wide_with_titles(pack) -> None:
    for sheet in pack.worksheets[1:]:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", 9, 1)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        title_row = int(sheet.print_title_rows.split(":")[0].strip("$"))
        assert sheet.cell(title_row, 1).font.bold, sheet.title  # the table's heading row
        assert sheet.print_area and "&P / &N" in sheet.oddFooter.center.text


def test_pack_prints_exactly_the_lines_the_seed_prints(pack) -> None:
    printed = defaultdict(set)
    for figure in SEED:
        printed[(figure.unit_code, figure.table)].add(figure.line_code)
    for code in SEED_UNITS:
        sheet = next(s for s in pack.worksheets if s.title.split(" ")[0] == code)
        blocks = _blocks(sheet)
        statement = {_line_code(label) for label in blocks["Tuloslaskelma"]}
        assert statement - {"SECTION"} == printed[(code, "income_statement")], code
        investments = {_item_code(label) for label in blocks.get("INVESTOINNIT", [])}
        assert investments == printed[(code, "investments")], code


def test_pack_shows_the_explanation_above_the_table(pack) -> None:
    text = Path("demo/controls/explanations/111/600/2026-03-31.md").read_text(encoding="utf-8")
    narrative = " ".join(text.split("\n\n")[0].split())
    labels = [row[0] for row in pack["600 Yhteiset palvelut"].iter_rows(values_only=True)]
    assert labels.index(narrative) < labels.index("Tuloslaskelma")
    vaalit = [row[0] for row in pack["601 Vaalit"].iter_rows(values_only=True) if row[0]]
    # no explanation file for Vaalit: the table follows its section heading
    assert vaalit[2:4] == ["VASTUUALUEEN TOIMINNAN JA TALOUDEN TOTEUTUMINEN", "Tuloslaskelma"]


def test_report_prints_every_figure_of_seed_003_as_the_city_printed_it(report, unit_names) -> None:
    tables = _unit_tables(report, unit_names)
    checked = 0
    for figure in SEED:
        kind, headings = (
            ("statement", STATEMENT_HEADINGS)
            if figure.table == "income_statement"
            else ("investments", INVESTMENT_HEADINGS)
        )
        cells = [[cell.text for cell in row.cells] for row in tables[figure.unit_code][kind].rows]
        label = LINE_NAMES.get(figure.line_code) or ITEM_NAMES[figure.line_code]
        row = next(r for r in cells[1:] if r[0] == label)
        shown = _number(row[cells[0].index(headings[figure.column])])
        if (figure.unit_code, figure.line_code, figure.column) in DEMO_ROUNDING:
            assert abs(shown - figure.value) <= Decimal("0.01"), figure
        else:
            assert shown == figure.value, (figure, shown)
        checked += 1
    assert checked == len(SEED) == 262


def test_report_goals_and_risks_equal_the_goal_workbook(report, unit_names, demo_run) -> None:
    book = openpyxl.load_workbook(demo_run.landing / "goals" / "111_600_2026-03-31.xlsx")
    tables = _unit_tables(report, unit_names)["600"]
    for sheet, kind in (("Sitovat tavoitteet", "binding"), ("Käyttösuunnitelma", "operational")):
        rows = list(book[sheet].iter_rows(values_only=True))
        status = rows[0].index("Tila")
        expected = [(_flat(row[1]), row[status]) for row in rows[1:] if row[1]]
        printed = [[cell.text for cell in row.cells] for row in tables[kind].rows]
        column = printed[0].index("Tila")
        assert [(_flat(row[1]), row[column]) for row in printed[1:]] == expected, kind
    risks = list(book["Riskit"].iter_rows(values_only=True))
    p, s = risks[0].index("Todennäköisyys"), risks[0].index("Merkittävyys")
    expected = [(_flat(row[1]), int(row[p]) * int(row[s])) for row in risks[1:] if row[1]]
    printed = [[cell.text for cell in row.cells] for row in tables["risks"].rows][1:]
    assert [(_flat(row[1]), _risk_value(row[2])) for row in printed] == expected


def test_report_headings_follow_the_seed(report, unit_names) -> None:
    headings = [(level, text) for kind, level, text in _body(report) if kind == "heading"]
    units = [unit_names[text] for level, text in headings if level == 1]
    assert units == SEED_UNITS  # 600, then its responsibility areas 601 … 607
    first, second = [i for i, (level, _) in enumerate(headings) if level == 1][:2]
    assert [text for _, text in headings[first + 1 : second]] == SECTIONS_600
    for level, text in headings[second:]:
        assert level == 1 or text.endswith("TOIMINNAN JA TALOUDEN TOTEUTUMINEN"), text
    header = report.sections[0].header.paragraphs[0].text
    assert header.startswith("Luonnos")  # 31.3.2026 is not approved in the demo


def _blocks(sheet) -> dict[str, list[str]]:
    """Labels of each titled figure block of a unit sheet (title → rows under its heading)."""
    blocks: dict[str, list[str]] = {}
    current = None
    for (label,) in sheet.iter_rows(min_col=1, max_col=1, values_only=True):
        if label in ("Tuloslaskelma", "INVESTOINNIT", "VALTUUSTON HYVÄKSYMÄ TALOUSARVIO"):
            current = blocks.setdefault(label, [])
        elif not label:
            current = None
        elif current is not None and label != "Selite":
            current.append(label)
    return blocks


def _line_code(label: str) -> str:
    if label in ("TOIMINTATUOTOT", "TOIMINTAKULUT"):
        return "SECTION"
    return next(code for code, name in LINE_NAMES.items() if name == label)


def _item_code(label: str) -> str:
    return next(code for code, name in ITEM_NAMES.items() if name == label)


def _body(document):
    """('heading', level, text) and ('table', 0, table) in document order."""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            if paragraph.style.name.startswith("Heading"):
                yield "heading", int(paragraph.style.name.split()[-1]), paragraph.text
        elif child.tag == qn("w:tbl"):
            yield "table", 0, Table(child, document)


def _unit_tables(document, unit_names: dict[str, str]) -> dict[str, dict[str, Table]]:
    """Per unit code, its tables by kind, from the headings above them."""
    kinds = {
        "INVESTOINNIT": "investments",
        SECTIONS_600[2]: "binding",
        SECTIONS_600[3]: "operational",
        "Riskienhallinta": "risks",
        "Hankkeet": "projects",
    }
    found: dict[str, dict[str, Table]] = {}
    unit, kind = None, None
    for item, level, value in _body(document):
        if item == "heading" and level == 1:
            unit, kind = unit_names[value], "statement"
        elif item == "heading":
            kind = kinds.get(value, "statement")
        else:
            found.setdefault(unit, {}).setdefault(kind, value)
    return found


def _number(text: str) -> Decimal:
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def _risk_value(text: str) -> int:
    """'Todennäköisyys: 2\\nMerkittävyys: 1\\nRiskiarvo: 2' → 2, checked against p × s."""
    values = dict(line.split(": ") for line in text.splitlines())
    product = int(values["Todennäköisyys"]) * int(values["Merkittävyys"])
    assert int(values["Riskiarvo"]) == product
    return product


def _flat(text) -> str:
    return " ".join(str(text or "").split())
