"""Line numbers are the editor's, and a line with the wrong number of fields is named."""

import pytest

from ingest.errors import LandingFileError
from ingest.scan import read
from tests.unit.helpers import GL_HEADER, gl_row


def _error(con, path) -> str:
    with pytest.raises(LandingFileError) as error:
        read(con, "gl_postings", path)
    return str(error.value)


def test_report_writer_footer_is_refused_at_the_line_an_editor_shows(con, write_file) -> None:
    # GIVEN two postings, an empty line and a footer row of totals
    lines = [
        GL_HEADER,
        "111;2026;3;25.3.2026;26000041;1001;3200;;Osallistumismaksut 3/2026;;306,96",
        "111;2026;3;25.3.2026;26000041;1001;4300;;Ostolasku 123;250,00;",
        "",
        ";;;;;;;;;250,00;306,96",
    ]
    path = write_file("gl_111_2026_03.csv", lines)
    # WHEN read
    message = _error(con, path)
    # THEN the totals row is reported at line 5, where an editor shows it
    assert message.startswith("gl_111_2026_03.csv, rivi 5, sarake 'Kunta': odotettiin")


def test_rows_after_empty_lines_and_quoted_line_breaks_keep_their_editor_lines(
    con, write_file
) -> None:
    # GIVEN a quoted description spanning three lines and empty lines between rows
    lines = [
        GL_HEADER,
        gl_row(selite='"Lasku\r\n\r\nosa 2"', debet="1,00"),
        "",
        "",
        gl_row(selite='"Sanoi ""kiitos"""', debet="2,00"),
        gl_row(debet="3,00"),
    ]
    path = write_file("gl_111_2026_03.csv", lines, newline="\r\n")
    # WHEN read
    rows = (
        read(con, "gl_postings", path).project("source_row, debit").order("source_row").fetchall()
    )
    # THEN each row carries the line it starts on
    assert [(line, float(debit)) for line, debit in rows] == [(2, 1.0), (7, 2.0), (8, 3.0)]


def test_stray_separator_before_empty_trailing_fields_is_not_silently_shifted(
    con, write_gl
) -> None:
    # GIVEN a ';' inside Selite on a row whose last fields are empty: DuckDB alone would
    # drop the empty trailing field and shift the text into Debet
    path = write_gl([gl_row(selite="Vuokravakuus; 2", debet="", kredit="")])
    # THEN the line is refused for its field count, naming the text column; being the
    # file's only line, it shows no habit of ending lines with ';' either
    assert _error(con, path).splitlines() == [
        "gl_111_2026_03.csv, rivi 2: odotettiin 11 kenttää kuten otsikkorivillä, löytyi 12 —"
        " onko sarakkeen 'Selite' tekstissä ';', vaikka tekstiä ei ole lainausmerkeissä?",
        "gl_111_2026_03.csv: rivi 2 on tiedoston ainoa rivi ja päättyy tyhjään kenttään: se voi"
        " olla rivin päättävä ';' tai tekstiin kirjoitettu ';', eikä yhdestä rivistä voi"
        " päätellä kumpi",
    ]


def test_a_stray_separator_among_lines_without_one_is_named_not_read_as_a_habit(
    con, write_gl
) -> None:
    # GIVEN lines without a trailing ';' and one whose Selite holds a ';' before its empty
    # Kredit: read as a trailing separator, Debet would become '5,00' → Kredit
    path = write_gl(
        [
            gl_row(kredit="1,00"),
            gl_row(selite="Vuokravakuus; 2", debet="5,00", kredit=""),
            gl_row(kredit="3,00"),
        ]
    )
    # THEN the odd line is named, as any line with a field too many
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 3: odotettiin 11 kenttää kuten otsikkorivillä, löytyi 12 —"
        " onko sarakkeen 'Selite' tekstissä ';', vaikka tekstiä ei ole lainausmerkeissä?"
    )


def test_a_line_without_the_trailing_separator_the_others_have_is_named(con, write_gl) -> None:
    # GIVEN an export ending every line with ';', but line 4 without it (a ';' lost)
    path = write_gl(
        [gl_row(kredit="1,00") + ";", gl_row(debet="2,00") + ";", gl_row(kredit="3,00")]
        + [gl_row(kredit="4,00") + ";"]
    )
    # THEN that line is named with the count the other lines have, in Finnish
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 4: odotettiin 12 kenttää kuten muilla riveillä, jotka"
        " päättyvät ';'-merkkiin (viimeinen kenttä tyhjä), löytyi 11 — puuttuuko rivin lopusta"
        " ';', vai puuttuuko ';' rivin keskeltä (sarakkeet siirtyisivät)?"
    )


@pytest.mark.parametrize("header_ends_with_separator", [False, True])
def test_a_value_after_the_trailing_separator_is_refused_naming_its_first_line(
    con, write_file, header_ends_with_separator: bool
) -> None:
    # GIVEN an export ending every line with ';', where lines 4 and 6 hold something after it
    header = GL_HEADER + (";" if header_ends_with_separator else "")
    rows = [gl_row(kredit=f"{n},00") + ";" for n in range(1, 6)]
    rows[2] += "x"
    rows[4] += "240889-112H"
    path = write_file("gl_111_2026_03.csv", [header, *rows])
    # THEN the file is refused, naming those lines and quoting none of their text
    message = _error(con, path)
    assert message.splitlines() == [
        f"gl_111_2026_03.csv, rivi {line}: odotettiin 11 kenttää kuten otsikkorivillä, löytyi"
        " 12 — onko sarakkeen 'Selite' tekstissä ';', vaikka tekstiä ei ole lainausmerkeissä?"
        for line in (4, 6)
    ]
    assert "240889" not in message


def test_a_trailing_separator_file_keeps_its_editor_lines(con, write_file) -> None:
    # GIVEN every line ending with ';', an empty line and a quoted line break
    lines = [
        GL_HEADER,
        gl_row(selite='"Lasku\r\nosa 2"', debet="1,00") + ";",
        "",
        gl_row(debet="2,00") + ";",
        gl_row(debet="x") + ";",
    ]
    path = write_file("gl_111_2026_03.csv", lines, newline="\r\n")
    # THEN a broken value is named at the line an editor shows
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 6, sarake 'Debet': odotettiin lukua muodossa 1 234,56, löytyi 'x'"
    )


def test_a_line_of_spaces_is_named(con, write_gl) -> None:
    path = write_gl([gl_row(), "   "])
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 3: odotettiin 11 kenttää, löytyi pelkkiä välilyöntejä"
        " (tyhjä rivi kelpaisi)"
    )


def test_quote_mark_inside_an_unquoted_text_still_reads(con, write_gl) -> None:
    # GIVEN a description with an inch mark, not a quoted text (odd quote count on a line)
    path = write_gl([gl_row(selite='Naytto 24" malli', debet="1,00"), gl_row(debet="2,00")])
    # WHEN read
    rows = read(con, "gl_postings", path).project("source_row, description").fetchall()
    # THEN the quote mark is text, and each row keeps its own line
    assert rows == [(2, 'Naytto 24" malli'), (3, "Lasku")]


def test_quote_marks_inside_unquoted_texts_leave_the_editor_lines_alone(con, write_file) -> None:
    # GIVEN inch marks inside and at the end of unquoted texts, in a file whose empty line
    # and quoted line break make its records other than its lines
    lines = [
        GL_HEADER,
        gl_row(selite='Naytto 24" malli', debet="1,00"),
        gl_row(selite='Kaapeli 3"', debet="2,00"),
        "",
        gl_row(selite='"Lasku\nosa 2"', debet="3,00"),
        gl_row(selite='ab"c"d', debet="4,00"),
        gl_row(debet="5,00"),
    ]
    path = write_file("gl_111_2026_03.csv", lines)
    # WHEN read
    rows = read(con, "gl_postings", path).project("source_row, debit").order("source_row")
    # THEN every row keeps the line it starts on (an odd count of quote marks on a line is
    # no line break when the marks are text)
    assert [(line, float(debit)) for line, debit in rows.fetchall()] == [
        (2, 1.0), (3, 2.0), (5, 3.0), (7, 4.0), (8, 5.0)
    ]  # fmt: skip
