"""Goal workbooks: one test per quirk people produce in Excel, on tiny inline workbooks."""

import datetime as dt
import shutil
import zipfile

import pytest

from demo.goal_workbooks import write_goal_workbooks
from demo.workbook_quirks import declare_size_a1, rewrite_parts
from ingest.errors import LandingFileError
from ingest.goals import goal_files, read_goal_workbook
from ingest.goals.goals import read_goals
from ingest.goals.indicators import parse_value, read_indicators
from ingest.goals.info import read_info
from ingest.goals.projects import read_projects
from ingest.goals.risks import read_risks
from tests.unit.goal_books import PROJECT_HEADER, THEME, project_row, write_book
from warehouse.hetu import MASK


def test_theme_merged_down_is_carried_to_every_goal_of_the_theme(tmp_path) -> None:
    # GIVEN a theme cell (theme + bullet sub-themes on several lines) merged over two goals
    rows = [
        ["Strateginen päämäärä", "Tavoite 2024", "Tila"],
        [THEME, "A", "Toteutuu"],
        [None, "B", "Toteutuu"],
    ]
    path = write_book(
        tmp_path, {"Sitovat tavoitteet": rows}, merges=[("Sitovat tavoitteet", "A2:A3")]
    )
    # WHEN the goals are read
    goals = read_goals(path)
    # THEN both goals have the full theme text, line breaks and bullets kept
    assert [(g.goal, g.theme) for g in goals] == [("A", THEME), ("B", THEME)]


def test_header_variants_name_the_same_goal_column(tmp_path) -> None:
    sheets = {
        "Sitovat tavoitteet": [
            ["Strateginen päämäärä", "Toimialan tavoite 2024", "Tila"],
            [THEME, "A", "x"],
        ],
        "Käyttösuunnitelma": [
            ["Strateginen tavoite", "Palvelualueen tavoite 2026", "Tila"],
            [THEME, "B", "y"],
        ],
    }
    goals = read_goals(write_book(tmp_path, sheets))
    assert [(g.goal_kind, g.goal, g.status) for g in goals] == [
        ("binding", "A", "x"),
        ("plan", "B", "y"),
    ]


def test_only_the_toteuma_columns_up_to_the_reporting_date_exist(tmp_path) -> None:
    rows = [
        ["Strateginen päämäärä", "Tavoite 2024", "Toteuma 31.3.", "Toteuma 30.6", "Tila"],
        [THEME, "A", "Alkanut.", "Valmis.\n• osa 1\n• osa 2", "Toteutuu"],
    ]
    (goal,) = read_goals(write_book(tmp_path, {"Sitovat tavoitteet": rows}))
    assert [(a.as_of_date, a.text, a.cell) for a in goal.assessments] == [
        (dt.date(2024, 3, 31), "Alkanut.", "C2"),
        (dt.date(2024, 6, 30), "Valmis.\n• osa 1\n• osa 2", "D2"),
    ]


def test_columns_in_another_order_are_matched_by_header(tmp_path) -> None:
    header = [
        "Tila",
        "Vastuu",
        "Toteuma 31.3.",
        "Mittari ja tavoitetaso",
        "Tavoite 2023",
        "Strateginen päämäärä",
    ]
    rows = [header, ["Toteutuu", "Johtaja", "Tehty.", "10 kpl", "A", THEME]]
    (goal,) = read_goals(write_book(tmp_path, {"Käyttösuunnitelma": rows}))
    assert (goal.goal, goal.measure, goal.responsible, goal.status) == (
        "A",
        "10 kpl",
        "Johtaja",
        "Toteutuu",
    )


@pytest.mark.parametrize("status", ["Toteutu osittain", "toteutuu osittain", "TOTEUTUU"])
def test_status_is_kept_as_written(tmp_path, status) -> None:
    rows = [["Strateginen päämäärä", "Tavoite 2024", "Tila"], [THEME, "A", f" {status} "]]
    (goal,) = read_goals(write_book(tmp_path, {"Sitovat tavoitteet": rows}))
    assert goal.status == status


def test_numbers_and_percentages_typed_as_text_are_parsed(tmp_path) -> None:
    rows = [PROJECT_HEADER, project_row(funding="176 987", share="25 %", realised="228 %")]
    (project,) = read_projects(write_book(tmp_path, {"Hankkeet": rows}))
    assert (project.total_funding, project.city_share_pct, project.expense_realization_pct) == (
        176987.0, 25.0, 228.0,
    )  # fmt: skip


def test_excel_percentage_with_percent_format_is_a_percent(tmp_path) -> None:
    path = write_book(
        tmp_path, {"Hankkeet": [PROJECT_HEADER, project_row(funding=176987, share=0.25)]}
    )
    # the fixture's cell is a number; Excel shows it as 25 % through its number format
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Hankkeet"]["F2"].number_format = "0 %"
    book.save(path)
    (project,) = read_projects(path)
    assert (project.total_funding, project.city_share_pct) == (176987.0, 25.0)


def test_percentage_followed_by_an_explanation_keeps_number_and_text(tmp_path) -> None:
    share = "30 % on kuntien yhteinen osuus. Heinolan osuus 3 %."
    (project,) = read_projects(
        write_book(tmp_path, {"Hankkeet": [PROJECT_HEADER, project_row(share=share)]})
    )
    assert (project.city_share_pct, project.city_share_text) == (30.0, share)


def test_project_header_variants_and_status_headed_toteuma(tmp_path) -> None:
    header = [
        "Strateginen tavoite", "Hankkeen nimi ja koodi", "Menojen toteuma %",
        "Hankkeen kokonais-\nrahoitus", "Hankkeen rahoittaja", "Toteuma 31.3.",
    ]  # fmt: skip
    rows = [header, [THEME, "RELE", "66 %", "176 987", "ELY", "Etenee."]]
    (project,) = read_projects(write_book(tmp_path, {"Hankkeet": rows}))
    assert (project.name, project.funder, project.status_text) == ("RELE", "ELY", "Etenee.")
    assert (project.total_funding, project.expense_realization_pct) == (176987.0, 66.0)


def test_empty_rows_and_total_row_are_skipped(tmp_path) -> None:
    rows = [
        PROJECT_HEADER,
        project_row(name="A"),
        [],
        project_row(name="B"),
        [],
        [None, "Yhteensä", None, "2 000 €"],
    ]
    projects = read_projects(write_book(tmp_path, {"Hankkeet": rows}))
    assert [(p.name, p.row) for p in projects] == [("A", 2), ("B", 4)]


def test_missing_sheets_give_empty_results(tmp_path) -> None:
    workbook = read_goal_workbook(write_book(tmp_path, {}))
    assert (workbook.goals, workbook.indicators, workbook.risks, workbook.projects) == (
        [],
        [],
        [],
        [],
    )


@pytest.mark.parametrize(
    ("value", "date"),
    [("30.6.2024", dt.date(2024, 6, 30)), (dt.datetime(2024, 6, 30), dt.date(2024, 6, 30))],
)
def test_reporting_date_is_a_date_cell_or_text(tmp_path, value, date) -> None:
    path = write_book(tmp_path, {})
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Tiedot"]["B3"] = value
    book.save(path)
    info = read_info(path)
    assert (info.municipality_code, info.unit_code, info.reporting_date) == ("111", "300", date)


def test_unreadable_reporting_date_names_the_cell(tmp_path) -> None:
    path = write_book(tmp_path, {})
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Tiedot"]["B3"] = "kesäkuu"
    book.save(path)
    with pytest.raises(LandingFileError) as raised:
        read_info(path)
    assert str(raised.value) == (
        "w.xlsx, välilehti 'Tiedot', solu B3 ('Raportointipäivä'): odotettiin päivämäärää "
        "muodossa 31.3.2026, löytyi 'kesäkuu'"
    )


def test_unreadable_number_names_file_sheet_and_cell(tmp_path) -> None:
    path = write_book(
        tmp_path, {"Hankkeet": [PROJECT_HEADER, [], project_row(funding="noin sata")]}
    )
    with pytest.raises(LandingFileError) as raised:
        read_projects(path)
    assert str(raised.value) == (
        "w.xlsx, välilehti 'Hankkeet', solu D3 ('Kokonaisrahoitus'): odotettiin lukua, "
        "löytyi 'noin sata'"
    )


def test_missing_required_column_is_named_by_its_header(tmp_path) -> None:
    path = write_book(
        tmp_path, {"Riskit": [["Riskiluokka", "Hallintakeino"], ["Toiminnallinen", "x"]]}
    )
    with pytest.raises(LandingFileError) as raised:
        read_risks(path)
    assert str(raised.value) == (
        "w.xlsx, välilehti 'Riskit', rivi 1: odotettiin saraketta otsikolla 'Tunnistettu "
        "riski', löytyi otsikot 'Riskiluokka', 'Hallintakeino'"
    )


def test_risk_probability_outside_scale_is_an_error(tmp_path) -> None:
    rows = [["Tunnistettu riski", "Todennäköisyys", "Merkittävyys"], ["Taantuma", "4", 1]]
    with pytest.raises(LandingFileError) as raised:
        read_risks(write_book(tmp_path, {"Riskit": rows}))
    assert str(raised.value) == (
        "w.xlsx, välilehti 'Riskit', solu B2 ('Todennäköisyys'): odotettiin 1, 2 tai 3, löytyi '4'"
    )


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("10", (10, 10, None, None)),
        ("6–10 tonttia.", (6, 10, "tonttia", None)),
        ("50 henkilöä", (50, 50, "henkilöä", None)),
        ("261,80€", (261.8, 261.8, "€", None)),
        ("176 987", (176987, 176987, None, None)),
        ("15 Heinolan väestötiedon mukaan,", (15, 15, None, "Heinolan väestötiedon mukaan")),
        ("Neljä hanketta toteutettavina.", (None, None, None, None)),
    ],
)
def test_indicator_value_text_is_parsed_where_possible(text, parsed) -> None:
    assert parse_value(text) == parsed


def test_indicator_cell_with_two_sourced_values_gives_two_values(tmp_path) -> None:
    cell = "15 Heinolan väestötiedon mukaan,\n53 tilastokeskuksen ennakkotietojen perusteella"
    rows = [["Tunnusluku", "Tavoite 2024", "Toteutuma 2024"], ["Nettomuutto", "50 henkilöä.", cell]]
    values = read_indicators(write_book(tmp_path, {"Tunnusluvut": rows}))
    assert [(v.value_kind, v.year, v.value_low, v.value_note) for v in values] == [
        ("Tavoite", 2024, 50, None),
        ("Toteutuma", 2024, 15, "Heinolan väestötiedon mukaan"),
        ("Toteutuma", 2024, 53, "tilastokeskuksen ennakkotietojen perusteella"),
    ]


def test_a_workbook_of_thousands_of_rows_carries_the_theme_down(tmp_path) -> None:
    # Speed is measured by `make bench`, not asserted here.
    rows = [["Strateginen päämäärä", "Tavoite 2024", "Toteuma 31.3.", "Tila"]]
    rows += [
        [THEME if i % 50 == 0 else None, f"Tavoite {i}", "Tehty.", "Toteutuu"] for i in range(3000)
    ]
    path = write_book(tmp_path, {"Sitovat tavoitteet": rows})
    goals = read_goals(path)
    assert len(goals) == 3000 and goals[-1].theme == THEME


def test_sheets_declaring_their_size_as_a1_are_read_in_full(tmp_path) -> None:
    # GIVEN a demo workbook of every sheet, and a copy whose every sheet declares its size
    # as A1 (as WPS Office saves it; read-only openpyxl would see one cell per sheet)
    (original,) = [p for p in write_goal_workbooks(tmp_path) if p.stem == "111_300_2024-12-31"]
    copy = tmp_path / "wps" / original.name
    copy.parent.mkdir()
    shutil.copy(original, copy)
    declare_size_a1(copy)
    with zipfile.ZipFile(copy) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 6  # Tiedot and the five sheets of goals, risks, ...
        assert all(b'<dimension ref="A1"/>' in package.read(name) for name in sheets)
    # WHEN both are read
    expected, read = read_goal_workbook(original), read_goal_workbook(copy)
    # THEN the copy gives exactly the original's rows, on every sheet
    assert expected.goals and expected.indicators and expected.risks and expected.projects
    assert read == expected


def test_workbook_extension_is_matched_in_any_case_and_lock_files_are_skipped(tmp_path) -> None:
    # GIVEN a workbook saved as .XLSX, one as .xlsx, and Excel's lock file of an open one
    folder = tmp_path / "landing" / "goals"
    upper = write_book(tmp_path, {}, name="111_600_2026-03-31.XLSX")
    lower = write_book(tmp_path, {}, name="111_300_2024-12-31.xlsx")
    folder.mkdir(parents=True)
    for path in (upper, lower):
        path.rename(folder / path.name)
    (folder / "~$111_300_2024-12-31.xlsx").write_bytes(b"lock")
    # WHEN the landing folder's workbooks are listed
    found = goal_files(tmp_path / "landing")
    # THEN both workbooks are found, sorted by name, and the lock file is not
    assert [path.name for path in found] == ["111_300_2024-12-31.xlsx", "111_600_2026-03-31.XLSX"]
    assert read_goal_workbook(found[1]).info.unit_code == "300"


def test_identity_code_in_any_free_text_cell_is_masked(tmp_path) -> None:
    # GIVEN a personal identity code typed into every free-text cell of every sheet
    code = "131052-308T"
    plan = ["Strateginen päämäärä", "Tavoite 2024", "Mittari", "Vastuu", "Toteuma 31.3.", "Tila"]
    indicators = ["Strateginen päämäärä", "Tunnusluku", "Toteutuma 2024"]
    risks = ["Riskiluokka", "Tunnistettu riski", "Hallintakeino", "Hallintakeinon toteutuminen"]
    projects = [*PROJECT_HEADER, "Hankkeen tavoite ja kuvaus"]
    sheets = {
        "Sitovat tavoitteet": [plan[:2] + plan[4:], [f"T {code}", f"G {code}", f"A {code}", code]],
        "Käyttösuunnitelma": [plan, [f"T {code}", f"G {code}", code, code, code, code]],
        "Tunnusluvut": [indicators, [f"T {code}", f"I {code}", f"8 ({code})"]],
        "Riskit": [risks + ["Vastuu"], [code, f"R {code}", code, code, code]],
        "Hankkeet": [projects, [code, code, code, "1", code, "5 %", "5 %", code, code]],
    }
    info = [["Kunta", 111], ["Yksikkö", "300"], ["Raportointipäivä", "30.6.2024"]]
    info.append(["Vastuuhenkilö", f"Matti Virtanen {code.lower()}"])
    # WHEN the workbook is read
    workbook = read_goal_workbook(write_book(tmp_path, sheets, info=info))
    # THEN no record holds the code, in any case; each of those cells holds the mask
    assert code.casefold() not in repr(workbook).casefold()
    tiedot, binding, plan, indicator, risk, project = 1, 4, 6, 3 + 1, 5, 6  # value and its note
    assert repr(workbook).count(MASK) == tiedot + binding + plan + indicator + risk + project


def test_cell_whose_style_is_missing_from_the_style_table_still_reads(tmp_path) -> None:
    # GIVEN a funding cell pointing at a style the workbook's style table does not hold
    # (written by a program other than Excel)
    path = write_book(tmp_path, {"Hankkeet": [PROJECT_HEADER, project_row(funding=1000)]})
    rewrite_parts(
        path,
        lambda name, data: (
            data.replace(b'<c r="D2" t="n"', b'<c r="D2" s="99" t="n"')
            if name == "xl/worksheets/sheet2.xml"
            else data
        ),
    )
    with zipfile.ZipFile(path) as package:
        assert b's="99"' in package.read("xl/worksheets/sheet2.xml")
    # WHEN the projects are read
    (project,) = read_projects(path)
    # THEN the value is read; only its number format is lost
    assert project.total_funding == 1000


def test_plain_fraction_in_a_percent_column_is_read_as_a_percentage_to_confirm(tmp_path):
    # GIVEN 0.77 typed without a percent format among '66 %' and '28 %' (and a plain 1,
    # which stays 1 %)
    rows = [
        PROJECT_HEADER,
        project_row(name="A", realised="66 %"),
        project_row(name="B", realised=0.77),
        project_row(name="C", realised="28 %", share=1),
    ]
    # WHEN the workbook is read
    workbook = read_goal_workbook(write_book(tmp_path, {"Hankkeet": rows}))
    # THEN 0.77 is read as 77 %, as Excel stores it, and a notice names the cell to confirm
    assert [(p.name, p.expense_realization_pct) for p in workbook.projects] == [
        ("A", 66.0), ("B", 77.0), ("C", 28.0),
    ]  # fmt: skip
    assert workbook.projects[2].city_share_pct == 1.0
    (notice,) = workbook.notices
    assert (notice.check, notice.sheet, notice.row, notice.cell) == (
        "percent_read_as_fraction", "Hankkeet", 3, "G3",
    )  # fmt: skip
    assert notice.message == (
        "w.xlsx, välilehti 'Hankkeet', solu G3 ('Menojen toteuma %'): odotettiin "
        "prosenttilukua, löytyi pelkkä luku 0,77 ilman prosenttimuotoilua; luettiin 77 %:ksi "
        "(niin Excel tallentaa 77 %): tarkista se, tai kirjoita soluun 77 %"
    )
