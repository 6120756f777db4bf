"""Write the demo goal workbooks (<landing>/goals/*.xlsx) from the seeds' transcribed tables.

    python -m demo.goal_workbooks LANDING_DIR

The texts come from demo/data/goals/*.yaml (one file per unit and reporting date). Each
workbook deliberately carries some of the quirks people produce in Excel, always the same
ones in the same file (see STYLES), so that the ingest is tested on what really arrives.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from demo.organisation import DATA_DIR
from demo.workbook_quirks import declare_size_a1

GOALS_DATA = DATA_DIR / "goals"
WRAP = Alignment(wrap_text=True, vertical="top")
PROJECT_COLUMNS = {
    "theme": "Strateginen päämäärä",
    "name": "Hankkeen nimi",
    "period": "Toteutusaika",
    "funding": "Kokonaisrahoitus",
    "funder": "Rahoittaja",
    "city_share": "Kaupungin rahoitusosuus %",
    "realization": "Menojen toteuma %",
    "status": "Tilannekatsaus",
}


@dataclass(frozen=True)
class Style:
    """The quirks one workbook carries."""

    date_as_text: bool = False
    plan_order: tuple[str, ...] = ("goal", "measure", "responsible", "dates", "status")
    project_headers: dict[str, str] = field(default_factory=dict)
    project_order: tuple[str, ...] = tuple(PROJECT_COLUMNS)
    project_numbers: str = "text"  # "text": '176 987', '25 %'; "excel": 176987, 0.25 as 0 %
    empty_row_before_total: bool = False
    numbers_as_numbers: bool = False  # indicator values that are integers as number cells
    lower_case_status: tuple[int, int] | None = None  # (theme index, goal index), binding goals
    risk_outcome_header: str = "Hallintakeinon toteutuminen"
    declared_size_a1: bool = False  # saved by WPS Office: every sheet claims to be one cell


STYLES = {
    "111_300_2024-12-31": Style(
        project_headers={
            "funding": "Hankkeen kokonaisrahoitus",
            "funder": "Hankkeen rahoittaja",
        },
        empty_row_before_total=True,
        numbers_as_numbers=True,
    ),
    "111_300_2023-06-30": Style(
        date_as_text=True,
        plan_order=("goal", "measure", "dates", "responsible", "status"),
        risk_outcome_header="Hallintakeinon toteutuminen 30.6.",
    ),
    "111_500_2025-03-31": Style(date_as_text=True, lower_case_status=(1, 0), declared_size_a1=True),
    "111_510_2025-03-31": Style(project_numbers="excel", empty_row_before_total=True),
    "111_600_2026-03-31": Style(
        project_headers={
            "theme": "Strateginen tavoite",
            "funding": "Hankkeen kokonaisrahoitus",
            "status": "Toteuma 31.3.",
        },
        project_order=(
            "theme",
            "name",
            "description",
            "period",
            "funder",
            "realization",
            "funding",
            "city_share",
            "status",
        ),  # fmt: skip
    ),
    "111_1_2025-12-31": Style(),
}


def write_goal_workbooks(landing: Path) -> list[Path]:
    """Write one workbook per transcribed unit and reporting date; return their paths."""
    folder = landing / "goals"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(GOALS_DATA.glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        path = folder / f"{source.stem}.xlsx"
        style = STYLES.get(source.stem, Style())
        _workbook(data, style).save(path)
        if style.declared_size_a1:
            declare_size_a1(path)
        written.append(path)
    return written


def save_goal_workbook(data: dict, path: Path, style: Style | None = None) -> Path:
    """Write one workbook from a table shaped like demo/data/goals/*.yaml."""
    _workbook(data, style or Style()).save(path)
    return path


def _workbook(data: dict, style: Style) -> Workbook:
    book = Workbook()
    _info(book.active, data, style)
    if "binding_goals" in data:
        _goals(book.create_sheet("Sitovat tavoitteet"), data["binding_goals"], style, plan=False)
    if "plan_goals" in data:
        _goals(book.create_sheet("Käyttösuunnitelma"), data["plan_goals"], style, plan=True)
    if "indicators" in data:
        _indicators(book.create_sheet("Tunnusluvut"), data["indicators"], style)
    if "risks" in data:
        _risks(book.create_sheet("Riskit"), data["risks"], style)
    if "projects" in data:
        _projects(book.create_sheet("Hankkeet"), data["projects"], style)
    return book


def _info(sheet: Worksheet, data: dict, style: Style) -> None:
    sheet.title = "Tiedot"
    day: dt.date = data["reporting_date"]
    shown = f"{day.day}.{day.month}.{day.year}" if style.date_as_text else day
    for row in (
        ("Kunta", int(data["municipality"])),
        ("Yksikkö", data["unit"]),
        ("Raportointipäivä", shown),
        ("Vastuuhenkilö", data.get("responsible")),
    ):
        sheet.append(row)
    if not style.date_as_text:
        sheet["B3"].number_format = "d.m.yyyy"


def _goals(sheet: Worksheet, table: dict, style: Style, *, plan: bool) -> None:
    dates = [f"Toteuma {day}" for day in table["dates"]]
    order = style.plan_order if plan else ("goal", "dates", "status")
    names = {"goal": [table["goal_header"]], "measure": ["Mittari ja tavoitetaso"]}
    names |= {"responsible": ["Vastuu"], "dates": dates, "status": ["Tila"]}
    sheet.append(["Strateginen päämäärä", *(name for part in order for name in names[part])])
    for theme_index, theme in enumerate(table["themes"]):
        first = sheet.max_row + 1
        for goal_index, goal in enumerate(theme["goals"]):
            status = goal.get("status", theme.get("status"))
            if style.lower_case_status == (theme_index, goal_index) and not plan:
                status = status.lower()
            values = {
                "goal": [goal["goal"]],
                "measure": [goal.get("measure")],
                "responsible": [goal.get("responsible", theme.get("responsible"))],
                "dates": goal["assessments"],
                "status": [status],
            }
            theme_text = theme["theme"] if goal_index == 0 else None
            sheet.append([theme_text, *(value for part in order for value in values[part])])
        _theme_level(sheet, theme, order, dates, first)
        _merge_down(sheet, 1, first, sheet.max_row)
    _wrap(sheet)


def _theme_level(sheet: Worksheet, theme: dict, order, dates: list[str], first: int) -> None:
    """Texts printed once for the whole theme: written in its first row, merged down."""
    column = 2
    for part in order:
        width = len(dates) if part == "dates" else 1
        texts = theme.get("assessments") if part == "dates" else [theme.get(part)]
        if part in ("dates", "measure") and texts:
            for offset, text in enumerate(texts):
                if text is not None:
                    sheet.cell(first, column + offset, text)
                    _merge_down(sheet, column + offset, first, sheet.max_row)
        column += width


def _merge_down(sheet: Worksheet, column: int, first: int, last: int) -> None:
    if last > first:
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def _indicators(sheet: Worksheet, table: dict, style: Style) -> None:
    theme = [table["theme_header"]] if "theme_header" in table else []
    sheet.append([*theme, "Tunnusluku", *table["columns"]])
    for row in table["rows"]:
        values = [_indicator_value(text, style) for text in row["values"]]
        sheet.append([*([row["theme"]] if theme else []), row["name"], *values])
    _wrap(sheet)


def _indicator_value(text: str, style: Style) -> str | int | None:
    if not text:
        return None
    return int(text) if style.numbers_as_numbers and text.isdigit() else text


def _risks(sheet: Worksheet, risks: list[dict], style: Style) -> None:
    extra = ["Vastuu"] if any("responsible" in risk for risk in risks) else []
    sheet.append(
        [
            "Riskiluokka", "Tunnistettu riski", "Todennäköisyys", "Merkittävyys",
            "Hallintakeino", style.risk_outcome_header, *extra,
        ]
    )  # fmt: skip
    for risk in risks:
        row = [risk["class"], risk["risk"], risk["probability"], risk["significance"]]
        row += [risk["control"], risk["outcome"]]
        sheet.append(row + ([risk.get("responsible")] if extra else []))
    _wrap(sheet)


def _projects(sheet: Worksheet, table: dict, style: Style) -> None:
    headers = PROJECT_COLUMNS | {"description": "Hankkeen tavoite ja kuvaus"}
    headers |= style.project_headers
    if "name_header" in table:
        headers["name"] = table["name_header"]
    sheet.append([headers[key] for key in style.project_order])
    theme_rows = []
    for index, row in enumerate(table["rows"]):
        # A table-level theme is one cell merged over all rows, as is a row's empty theme.
        values = {key: row.get(key) for key in style.project_order}
        values["theme"] = table["theme"] if "theme" in table and index == 0 else values["theme"]
        sheet.append([_project_value(key, values[key], style) for key in style.project_order])
        _percent_formats(sheet, style)
        if values["theme"] is not None or not theme_rows:
            theme_rows.append(sheet.max_row)
    column = style.project_order.index("theme") + 1
    for first, end in zip(theme_rows, [*theme_rows[1:], sheet.max_row + 1], strict=True):
        _merge_down(sheet, column, first, end - 1)
    if style.empty_row_before_total:
        sheet.append([])
    total = {"name": "Yhteensä", **(table.get("total") or {})}
    sheet.append([total.get(key) for key in style.project_order])
    _wrap(sheet)


def _project_value(key: str, value, style: Style):
    if style.project_numbers != "excel" or value is None:
        return value
    if key == "funding":
        return int(str(value).replace(" ", ""))
    if key in ("city_share", "realization"):
        return int(str(value).rstrip(" %")) / 100
    return value


def _percent_formats(sheet: Worksheet, style: Style) -> None:
    if style.project_numbers != "excel":
        return
    for key in ("city_share", "realization"):
        sheet.cell(sheet.max_row, style.project_order.index(key) + 1).number_format = "0 %"


def _wrap(sheet: Worksheet) -> None:
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = WRAP


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("landing", type=Path)
    for path in write_goal_workbooks(parser.parse_args().landing):
        print(path)


if __name__ == "__main__":
    main()
