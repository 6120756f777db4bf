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
            "w.xlsx, välilehti 'Tiedot': odotettiin välilehteä 'Tiedot', jolla on rivit Kunta, "
            "Yksikkö ja Raportointipäivä, löytyi vain välilehdet 'Taul1', 'Riskit'",
            id="no Tiedot sheet",
        ),
        pytest.param(
            {},
            {"info": [["Kunta", 111], ["Raportointipäivä", "30.6.2024"]]},
            "w.xlsx, välilehti 'Tiedot', sarake A: odotettiin riviä 'Yksikkö' ja sen "
            "sarakkeeseen B organisaatioyksikön koodia (esim. 600), sellaista riviä ei löytynyt",
            id="no Yksikkö row",
        ),
        pytest.param(
            {},
            {"info": [["Kunta", 111], ["Yksikkö", " "], ["Raportointipäivä", "30.6.2024"]]},
            "w.xlsx, välilehti 'Tiedot', solu B2 ('Yksikkö'): odotettiin organisaatioyksikön "
            "koodia (esim. 600), löytyi tyhjä solu",
            id="Yksikkö empty",
        ),
        pytest.param(
            {"Sitovat tavoitteet": [[*GOAL_HEADER, "Toimialan tavoite 2024"], [THEME, "A"]]},
            {},
            "w.xlsx, välilehti 'Sitovat tavoitteet', solu E1: odotettiin yhtä saraketta kuten "
            "'Tavoite 2024' (sarake B), löytyi toinen: 'Toimialan tavoite 2024'",
            id="two goal columns",
        ),
        pytest.param(
            {"Sitovat tavoitteet": [[*GOAL_HEADER[:2], "Toteuma 31.2."], [THEME, "A", "x"]]},
            {},
            "w.xlsx, välilehti 'Sitovat tavoitteet', solu C1: odotettiin otsikkoa 'Toteuma "
            "p.k.', jonka päivä on vuoden 2024 päivä (esim. 'Toteuma 31.3.'), löytyi 'Toteuma "
            "31.2.'",
            id="no such date",
        ),
        pytest.param(
            {"Sitovat tavoitteet": [GOAL_HEADER, [THEME, None, None, "Toteutuu"]]},
            {},
            "w.xlsx, välilehti 'Sitovat tavoitteet', solu B2 ('Tavoite 2024'): odotettiin "
            "tavoitteen tekstiä, löytyi tyhjä solu",
            id="goal text empty",
        ),
        pytest.param(
            {"Hankkeet": [PROJECT_HEADER, project_row(funding="131052-308T")]},
            {},
            "w.xlsx, välilehti 'Hankkeet', solu D2 ('Kokonaisrahoitus'): odotettiin lukua, "
            f"löytyi '{MASK}'",
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
        "111_600_2026-03-31.xlsx: odotettiin Excel-työkirjaa (.xlsx), löytyi tekstitiedosto "
        "(CSV?) .xlsx-nimellä; tallenna se Excelissä .xlsx-työkirjaksi"
    )


@pytest.mark.parametrize(
    ("damage", "found"),
    [
        (lambda data: data[: len(data) // 2], "vaurioitunut paketti tai paketti, jossa ei ole"),
        (lambda data: b"", "tyhjä tiedosto"),
        (lambda data: OLE2 + bytes(504), "Excel 97–2003 -työkirja"),
    ],
    ids=["cut short", "empty", "old .xls or password-protected"],
)
def test_damaged_or_foreign_file_is_refused_naming_what_was_found(tmp_path, damage, found):
    # GIVEN a workbook cut short in transfer, an empty file, an .xls renamed .xlsx
    path = write_book(tmp_path, {"Riskit": [["Tunnistettu riski"], ["Taantuma"]]})
    path.write_bytes(damage(path.read_bytes()))
    # WHEN it is read, THEN the message names the file and what it was found to be
    expected = f"w.xlsx: odotettiin Excel-työkirjaa (.xlsx), löytyi {found}"
    assert refusal_of(path).startswith(expected)


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
        "w.xlsx, välilehti 'Riskit': odotettiin välilehden soluja sellaisina kuin Excel ne "
        "kirjoittaa, löytyi vaurioitunut välilehti, jota ei voi lukea; tallenna työkirja "
        "Excelissä uudelleen .xlsx-muodossa ja toimita uusi kopio"
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
        "w.xlsx ei ole työkirja, jonka voi lukea turvallisesti: odotettiin välilehteä 'Riskit' "
        "sellaisena kuin Excel sen kirjoittaa, löytyi XML-entiteettien määrittelyjä, joita "
        "Excel ei koskaan kirjoita ja joilla pieni tiedosto voi paisua gigatavuiksi; tallenna "
        "työkirja Excelissä uudelleen .xlsx-muodossa ja toimita uusi kopio"
    )
