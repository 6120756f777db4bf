"""Excel review pack: the published review tables laid out like the city's interim report.

One sheet per organisation unit (income statement, binding level, investments) and a
first sheet "Sisällys" listing the units. Controllers read it before sign-off; figures
stay numeric so they can be summed, only the display is rounded.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

TABLES = ("income_statement", "binding_budget", "investments")
LEVEL_ORDER = ("KUNTA", "TOIMIALA", "LAUTAKUNTA", "PALVELUALUE", "VASTUUALUE", "KUSTANNUSPAIKKA")
FIGURES = (
    "tp_prior_year",
    "actual_prior_ytd",
    "budget_amended",
    "actual_ytd",
    "remaining",
    "realization_pct",
    "forecast",
)
PCT_COLUMN = FIGURES.index("realization_pct")
# From 2024 on rents are folded into the "Muut" lines; the old lines stay in the data as zeros.
RENT_LINES = frozenset({"VUOKRA_T", "VUOKRA_K"})
ITEM_LABELS = {"TULOT": "Tulot", "MENOT": "Menot", "NETTO": "Netto"}
CONTENTS_SHEET = "Sisällys"
HEADER_ROW = 3
NBSP = "\u00a0"
# Two decimals; Excel shows the decimal separator of the reader's locale: "121,24" in Finnish.
PCT_FORMAT = "0.00;-0.00"
BOLD = Font(bold=True)


@dataclass(frozen=True)
class ReviewPackSummary:
    """What write_review_pack wrote: sheet names in order (contents sheet first)."""

    path: Path
    sheets: tuple[str, ...]
    units: int


@dataclass
class Unit:
    """One organisation unit's rows of the three review tables for one reporting date."""

    municipality_code: str
    code: str
    name: str
    level: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})

    @property
    def sort_key(self) -> tuple[str, int, str]:
        depth = LEVEL_ORDER.index(self.level) if self.level in LEVEL_ORDER else len(LEVEL_ORDER)
        return (self.municipality_code, depth, self.code)


def amount_format(value: Decimal | float | None) -> str:
    """Excel format for whole euros grouped by no-break spaces, chosen for this value.

    Excel has no way to force a group separator other than the locale's, and literal
    spaces in a format are always printed (a fixed "# ### ##0" shows "-  5" for -5), so
    the format is built for the value's number of digits: 1234567.4 gets
    "#\u00a0###\u00a0##0;-#\u00a0###\u00a0##0" and displays "1 234 567"; -132480 gets
    "#\u00a0##0;-#\u00a0##0" and displays "-132 480"; 735 gets "0;-0"; values that round to
    zero get "0;0" so that -0.4 shows "0", not "-0".
    """
    whole = abs(Decimal(str(value or 0))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if whole == 0:
        return "0;0"
    groups = (len(str(whole)) - 1) // 3
    positive = (f"#{NBSP}" + f"###{NBSP}" * (groups - 1) + "##0") if groups else "0"
    return f"{positive};-{positive}"


def write_review_pack(
    warehouse_path: Path,
    reporting_date: datetime.date,
    out_path: Path,
    municipality_code: str | None = None,
) -> ReviewPackSummary:
    """Write the review pack of `reporting_date` (optionally one municipality) to `out_path`."""
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        units = _read_units(connection, reporting_date, municipality_code)
        if not units:
            raise ValueError(_missing_date_message(connection, reporting_date, municipality_code))
    workbook = Workbook()
    contents = workbook.active
    contents.title = CONTENTS_SHEET
    names = _sheet_names(units)
    for unit, name in zip(units, names, strict=True):
        _write_unit_sheet(workbook.create_sheet(name), unit, reporting_date)
    _write_contents(contents, units, names, reporting_date)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out_path)
    return ReviewPackSummary(path=out_path, sheets=(CONTENTS_SHEET, *names), units=len(units))


def _read_units(
    connection: duckdb.DuckDBPyConnection, reporting_date: datetime.date, municipality: str | None
) -> list[Unit]:
    units: dict[tuple[str, str], Unit] = {}
    for table in TABLES:
        order = "line_order" if table == "income_statement" else "item_order"
        cursor = connection.execute(
            f"select * from review.{table} where reporting_date = ? "
            f"and (?::varchar is null or municipality_code = ?) order by {order}",
            [reporting_date, municipality, municipality],
        )
        columns = [column[0] for column in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(columns, values, strict=True))
            key = (row["municipality_code"], row["org_unit_code"])
            unit = units.setdefault(
                key, Unit(*key, name=row["org_unit_name"], level=row["org_level"])
            )
            unit.rows[table].append(row)
    return sorted(units.values(), key=lambda unit: unit.sort_key)


def _missing_date_message(
    connection: duckdb.DuckDBPyConnection, reporting_date: datetime.date, municipality: str | None
) -> str:
    union = " union ".join(
        f"select distinct reporting_date from review.{table} "
        "where ?::varchar is null or municipality_code = ?"
        for table in TABLES
    )
    dates = connection.execute(
        f"select distinct reporting_date from ({union}) order by 1 desc limit 13",
        [municipality, municipality] * len(TABLES),
    ).fetchall()
    shown = ", ".join(row[0].isoformat() for row in dates[:12]) or "none"
    more = " (and older)" if len(dates) > 12 else ""
    scope = f" for municipality {municipality}" if municipality else ""
    return (
        f"The review tables have no rows for reporting date {reporting_date.isoformat()}{scope}. "
        f"Dates that exist, newest first: {shown}{more}."
    )


def _sheet_names(units: Sequence[Unit]) -> list[str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    several_municipalities = len({unit.municipality_code for unit in units}) > 1
    taken = {CONTENTS_SHEET.casefold(), "history"}  # Excel reserves "History"
    names = []
    for unit in units:
        base = f"{unit.code} {unit.name}"
        if several_municipalities:
            base = f"{unit.municipality_code} {base}"
        base = base.translate(str.maketrans("[]:*?/\\", "()-----")).strip(" '")[:31].rstrip(" '")
        name, counter = base, 1
        while name.casefold() in taken:
            counter += 1
            suffix = f" ({counter})"
            name = base[: 31 - len(suffix)].rstrip(" '") + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _period_text(reporting_date: datetime.date) -> str:
    day = f"{reporting_date.day}.{reporting_date.month}.{reporting_date.year}"
    return f"Toteuma 1–{reporting_date.month}/{reporting_date.year}, tilanne {day}"


def _headers(reporting_date: datetime.date, with_forecast: bool) -> list[str]:
    year, months = reporting_date.year, reporting_date.month
    headers = [
        "Selite",
        f"TP {year - 1}",
        f"TOT {year - 1} {months} kk",
        f"TA {year} + muutos",
        f"TOT {year} {months} kk",
        "Jäljellä",
        "TOT-%",
    ]
    return [*headers, f"Ennuste {year}"] if with_forecast else headers


def _write_unit_sheet(sheet: Worksheet, unit: Unit, reporting_date: datetime.date) -> None:
    lines = [row for row in unit.rows["income_statement"] if not _is_empty_rent_line(row)]
    with_forecast = any(row.get("forecast") is not None for row in lines)
    headers = _headers(reporting_date, with_forecast)
    sheet.append(
        [f"{unit.name} – {unit.level.lower()} {unit.code}, kunta {unit.municipality_code}"]
    )
    sheet.append([f"{_period_text(reporting_date)} · {_release_text(lines)}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(headers)
    for cell in sheet[HEADER_ROW]:
        cell.font = BOLD
    width = len(headers) - 1
    for row in lines:
        _append_figures(sheet, row["line_name"], row, width, bold=row["line_kind"] == "subtotal")
    _append_block(sheet, "Sitova taso", unit.rows["binding_budget"], width)
    if any(row.get(column) for row in unit.rows["investments"] for column in FIGURES):
        _append_block(sheet, "Investoinnit", unit.rows["investments"], width)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    _set_widths(sheet, [34] + [15] * width)
    sheet.page_setup.orientation = "landscape"


def _release_text(rows: list[dict[str, Any]]) -> str:
    """'hyväksytty (Talousjohtaja, 15.2.2026)' or 'alustava': what the board is reading."""
    first = rows[0] if rows else {}
    if first.get("release_status") != "approved":
        return "alustava"
    at = first.get("approved_at")
    when = f", {at.day}.{at.month}.{at.year}" if at else ""
    return f"hyväksytty ({first.get('approved_by')}{when})"


def _is_empty_rent_line(row: dict[str, Any]) -> bool:
    return row["line_code"] in RENT_LINES and not any(row.get(c) for c in FIGURES)


def _append_block(sheet: Worksheet, title: str, rows: list[dict[str, Any]], width: int) -> None:
    if not rows:
        return
    sheet.append([])
    sheet.append([title])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for row in rows:
        label = ITEM_LABELS.get(row["item_code"], row["item_code"].capitalize())
        _append_figures(sheet, label, row, width, bold=False)


def _append_figures(
    sheet: Worksheet, label: str, row: dict[str, Any], width: int, *, bold: bool
) -> None:
    sheet.append([label, *(row.get(column) for column in FIGURES[:width])])
    for index, cell in enumerate(sheet[sheet.max_row]):
        if index > 0:
            is_pct = index - 1 == PCT_COLUMN
            cell.number_format = PCT_FORMAT if is_pct else amount_format(cell.value)
        if bold:
            cell.font = BOLD


def _write_contents(
    sheet: Worksheet, units: Iterable[Unit], names: Sequence[str], reporting_date: datetime.date
) -> None:
    sheet.append(["Katsauspaketti – käyttösuunnitelman toteutuminen"])
    sheet.append([_period_text(reporting_date)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["Kunta", "Taso", "Koodi", "Yksikkö", "Välilehti"])
    for cell in sheet[HEADER_ROW]:
        cell.font = BOLD
    for unit, name in zip(units, names, strict=True):
        sheet.append([unit.municipality_code, unit.level, unit.code, unit.name, name])
        link = sheet.cell(row=sheet.max_row, column=5)
        link.hyperlink = "#'{}'!A1".format(name.replace("'", "''"))
        link.style = "Hyperlink"
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    _set_widths(sheet, [8, 14, 12, 40, 34])


def _set_widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
