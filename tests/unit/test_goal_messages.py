"""Goal workbooks a reader refuses: every message in the controller's words.

A message names the file, the sheet and the cell (or row), what was expected and what was
found, with headers and labels as the workbook shows them; never an internal key, never a
library's wording, never a personal identity code.
"""

import re

import openpyxl
import pytest

from demo.workbook_quirks import rewrite_parts
from ingest.errors import LandingFileError
from ingest.goals import read_goal_workbook
from tests.unit.goal_books import PROJECT_HEADER, THEME, project_row, write_book
from warehouse.hetu import MASK

GOAL_HEADER = ["Strateginen päämäärä", "Tavoite 2024", "Toteuma 31.3.", "Tila"]
# Words that only code, or a library, would write.
NOT_OURS = re.compile(
    r"'(unit|municipality|reporting_date|risk|goal|name|theme|indicator)'|assessment |"
    r"openpyxl|zip|defused|lxml|Entities|Forbidden|Error|Unable|invalid|mismatched|/tmp",
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how .xls and encrypted .xlsx files begin
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def refusal_of(path) -> str:
    with pytest.raises(LandingFileError) as raised:
        read_goal_workbook(path)
    message = str(raised.value)
    assert not NOT_OURS.search(message), message
    return message


@pytest.mark.parametrize(
    ("sheets", "options", "expected"),
    [
        pytest.param(
            {"Riskit": [["Tunnistettu riski"], ["Taantuma"]]},
            {"info_title": "Taul1"},
            "w.xlsx, sheet 'Tiedot': expected a sheet 'Tiedot' with the rows Kunta, Yksikkö "
            "and Raportointipäivä, found only the sheets 'Taul1', 'Riskit'",
            id="no Tiedot sheet",
        ),
        pytest.param(
            {},
            {"info": [["Kunta", 111], ["Raportointipäivä", "30.6.2024"]]},
            "w.xlsx, sheet 'Tiedot', column A: expected a row labelled 'Yksikkö' with the "
            "organisation unit's code (e.g. 600) in column B, found none",
            id="no Yksikkö row",
        ),
        pytest.param(
            {},
            {"info": [["Kunta", 111], ["Yksikkö", " "], ["Raportointipäivä", "30.6.2024"]]},
            "w.xlsx, sheet 'Tiedot', cell B2 ('Yksikkö'): expected the organisation unit's "
            "code (e.g. 600), found an empty cell",
            id="Yksikkö empty",
        ),
        pytest.param(
            {"Sitovat tavoitteet": [[*GOAL_HEADER, "Toimialan tavoite 2024"], [THEME, "A"]]},
            {},
            "w.xlsx, sheet 'Sitovat tavoitteet', cell E1: expected one column like "
            "'Tavoite 2024' (column B), found a second: 'Toimialan tavoite 2024'",
            id="two goal columns",
        ),
        pytest.param(
            {"Sitovat tavoitteet": [[*GOAL_HEADER[:2], "Toteuma 31.2."], [THEME, "A", "x"]]},
            {},
            "w.xlsx, sheet 'Sitovat tavoitteet', cell C1: expected a heading 'Toteuma d.m.' "
            "with a date of 2024 (e.g. 'Toteuma 31.3.'), found 'Toteuma 31.2.'",
            id="no such date",
        ),
        pytest.param(
            {"Sitovat tavoitteet": [GOAL_HEADER, [THEME, None, None, "Toteutuu"]]},
            {},
            "w.xlsx, sheet 'Sitovat tavoitteet', cell B2 ('Tavoite 2024'): expected the "
            "goal's text, found an empty cell",
            id="goal text empty",
        ),
        pytest.param(
            {"Hankkeet": [PROJECT_HEADER, project_row(funding="131052-308T")]},
            {},
            "w.xlsx, sheet 'Hankkeet', cell D2 ('Kokonaisrahoitus'): expected a number, "
            f"found '{MASK}'",
            id="identity code quoted",
        ),
    ],
)
def test_refused_workbook_is_explained_in_the_controllers_words(
    tmp_path, sheets, options, expected
) -> None:
    # GIVEN a workbook a person got wrong in one place
    path = write_book(tmp_path, sheets, **options)
    # WHEN it is read, THEN the message points at that place in the workbook's own words
    assert refusal_of(path) == expected


def test_csv_renamed_xlsx_is_refused_as_a_text_file(tmp_path) -> None:
    # GIVEN a CSV export saved under a workbook's name
    path = tmp_path / "111_600_2026-03-31.xlsx"
    path.write_text("Kunta;Yksikkö;Raportointipäivä\n111;600;31.3.2026\n", encoding="utf-8")
    # WHEN it is read, THEN the message says what it is and what to do
    assert refusal_of(path) == (
        "111_600_2026-03-31.xlsx: expected an Excel workbook (.xlsx), found a text file "
        "(a CSV?) named .xlsx; save it from Excel as an .xlsx workbook"
    )


@pytest.mark.parametrize(
    ("damage", "found"),
    [
        (lambda data: data[: len(data) // 2], "a package that is damaged or holds no workbook"),
        (lambda data: b"", "an empty file"),
        (lambda data: OLE2 + bytes(504), "an Excel 97–2003 workbook"),
    ],
    ids=["cut short", "empty", "old .xls or password-protected"],
)
def test_damaged_or_foreign_file_is_refused_naming_what_was_found(tmp_path, damage, found):
    # GIVEN a workbook cut short in transfer, an empty file, an .xls renamed .xlsx
    path = write_book(tmp_path, {"Riskit": [["Tunnistettu riski"], ["Taantuma"]]})
    path.write_bytes(damage(path.read_bytes()))
    # WHEN it is read, THEN the message names the file and what it was found to be
    assert refusal_of(path).startswith(f"w.xlsx: expected an Excel workbook (.xlsx), found {found}")


def test_sheet_damaged_inside_is_refused_naming_the_sheet(tmp_path) -> None:
    # GIVEN a workbook whose Riskit sheet opens but breaks off in its cells
    path = write_book(tmp_path, {"Riskit": [["Tunnistettu riski"], ["Taantuma"]]})
    rewrite_parts(
        path,
        lambda name, data: (
            data.replace(b"</sheetData>", b"</sheetDat>")
            if name == "xl/worksheets/sheet2.xml"
            else data
        ),
    )
    # WHEN it is read, THEN the message names the sheet
    assert refusal_of(path) == (
        "w.xlsx, sheet 'Riskit': expected the sheet's cells as Excel writes them, found a "
        "damaged sheet that cannot be read; save it again from Excel as an .xlsx workbook "
        "and deliver that copy"
    )


def test_entity_expansion_payload_is_refused_as_unsafe(tmp_path) -> None:
    # GIVEN defusedxml guarding openpyxl (a dependency that must stay installed), and a
    # workbook whose Riskit sheet declares XML entities ("billion laughs", kept small here)
    assert openpyxl.DEFUSEDXML, "defusedxml is not installed: workbooks are parsed unguarded"
    path = write_book(tmp_path, {"Riskit": [["Tunnistettu riski"], ["Taantuma"]]})
    rewrite_parts(
        path,
        lambda name, data: (
            LAUGHS + data.replace(b"Taantuma", b"&lol2;")
            if name == "xl/worksheets/sheet2.xml"
            else data
        ),
    )
    # WHEN it is read, THEN defusedxml's refusal becomes our own message naming the sheet
    assert refusal_of(path) == (
        "w.xlsx is not a workbook we can read safely: expected sheet 'Riskit' as Excel writes "
        "it, found XML entity declarations, which Excel never writes and which can make a "
        "small file expand to gigabytes; save it again from Excel as an .xlsx workbook and "
        "deliver that copy"
    )
