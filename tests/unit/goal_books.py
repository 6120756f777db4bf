"""Tiny goal workbooks for the unit tests: `Tiedot` first, then the sheets a test needs."""

from pathlib import Path

from openpyxl import Workbook

THEME = "Hyvinvoinnin kasvu\n• Hyvinvointi lisääntyy\n• Toimiva arki"
INFO = [["Kunta", 111], ["Yksikkö", "300"], ["Raportointipäivä", "30.6.2024"]]
PROJECT_HEADER = [
    "Strateginen päämäärä", "Hankkeen nimi", "Toteutusaika", "Kokonaisrahoitus",
    "Rahoittaja", "Kaupungin rahoitusosuus %", "Menojen toteuma %", "Tilannekatsaus",
]  # fmt: skip


def write_book(
    tmp_path: Path,
    sheets: dict[str, list[list]],
    *,
    merges=(),
    name: str = "w.xlsx",
    info: list[list] = INFO,
    info_title: str = "Tiedot",
) -> Path:
    """A workbook with `Tiedot` (`info` rows) first, then `sheets`; merges are (sheet,
    range) pairs."""
    book = Workbook()
    book.active.title = info_title
    for row in info:
        book.active.append(row)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for title, cells in merges:
        book[title].merge_cells(cells)
    path = tmp_path / name
    book.save(path)
    return path


def project_row(funding="1 000", share="25 %", realised="10 %", name="Hanke") -> list:
    return [THEME, name, "2024–2026", funding, "AVI", share, realised, "Käynnissä."]
