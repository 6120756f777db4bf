"""A value that cannot be parsed stops the file with file, line, column, expected, found."""

import pytest

from ingest.errors import LandingFileError
from ingest.scan import read
from tests.unit.helpers import GL_HEADER, gl_row


def _error(con, path) -> str:
    with pytest.raises(LandingFileError) as raised:
        read(con, "gl_postings", path)
    return str(raised.value)


def test_bad_number_names_file_line_and_column(con, write_gl) -> None:
    # GIVEN a good row on line 2 and a broken Kredit on line 3
    path = write_gl([gl_row(kredit="1,00"), gl_row(kredit="12,3,4")])
    # WHEN read / THEN the message points at the exact cell
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 3, sarake 'Kredit': "
        "odotettiin lukua muodossa 1 234,56, löytyi '12,3,4'"
    )


def test_column_is_named_as_written_in_the_file(con, write_file) -> None:
    header = GL_HEADER.replace("Debet", "DEBET")
    path = write_file("gl_111_2026_03.csv", [header, "111;2026;3;1.3.2026;1;K1;4000;;x;1.5;"])
    assert "sarake 'DEBET': odotettiin lukua muodossa 1 234,56, löytyi '1.5'" in _error(con, path)


def test_month_not_matching_the_file_name(con, write_gl) -> None:
    path = write_gl([gl_row(month="4", date="1.4.2026")])
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 2, sarake 'Kausi': "
        "odotettiin tiedostonimen kuukautta (3), löytyi '4'"
    )


def test_bad_date_and_empty_required_value(con, write_gl) -> None:
    path = write_gl([gl_row(date="31.2.2026"), gl_row(date="")])
    message = _error(con, path)
    assert (
        "rivi 2, sarake 'Tositepvm': odotettiin päivämäärää muodossa 31.3.2026, löytyi '31.2.2026'"
        in message
    )
    assert (
        "rivi 3, sarake 'Tositepvm': odotettiin päivämäärää muodossa 31.3.2026, löytyi tyhjä"
        " kenttä" in message
    )


def test_at_most_five_problems_are_listed_with_a_count_of_the_rest(con, write_gl) -> None:
    path = write_gl([gl_row(debet="x") for _ in range(8)])
    lines = _error(con, path).splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("gl_111_2026_03.csv, rivi 2, sarake 'Debet'")
    assert lines[-1] == "gl_111_2026_03.csv: lisäksi 3 virhettä, joita ei näytetä tässä"


def test_short_row_names_its_line_and_both_field_counts(con, write_gl) -> None:
    path = write_gl([gl_row(), "111;2026;3;1.3.2026;1;K1"])
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 3: odotettiin 11 kenttää kuten otsikkorivillä, löytyi 6 —"
        " puuttuuko rivistä ';', vai onko rivi katkennut kesken?"
    )


def test_unquoted_separator_in_selite_is_explained_without_quoting_the_line(con, write_gl) -> None:
    # GIVEN a refund whose description holds a ';' outside quotes, a name and an identity code
    path = write_gl([gl_row(selite="Palautus Virtanen Aino 240889-112H; vuokravakuus")])
    # WHEN read
    message = _error(con, path)
    # THEN the message says what is wrong in our words, names the column, quotes nothing
    # (a second line says why the file's only line is not read as ending with a ';')
    assert message.splitlines()[0] == (
        "gl_111_2026_03.csv, rivi 2: odotettiin 11 kenttää kuten otsikkorivillä, löytyi 12 —"
        " onko sarakkeen 'Selite' tekstissä ';', vaikka tekstiä ei ole lainausmerkeissä?"
    )
    assert message.splitlines()[1].startswith("gl_111_2026_03.csv: rivi 2 on tiedoston ainoa")
    for leaked in ("Virtanen", "240889", "strict_mode", "vuokravakuus"):
        assert leaked not in message


UNCLOSED = (
    'tekstin aloittava lainausmerkki (") jää sulkematta: odotettiin sulkevaa lainausmerkkiä'
    " tekstin loppuun, löytyi {found}. Lisää puuttuva lainausmerkki tekstin loppuun tai poista"
    " aloittava lainausmerkki, ja toimita tiedosto uudelleen."
)
AT_THE_END = "tiedoston loppu ilman sitä"


def test_unclosed_quote_in_a_middle_column_names_its_line_and_column(con, write_gl) -> None:
    # GIVEN a refund whose Selite opens a quote on line 3 that never closes
    path = write_gl(
        [gl_row(kredit="1,00"), gl_row(selite='"Palautus Virtanen Aino 240889-112H'), gl_row()]
    )
    # WHEN read
    message = _error(con, path)
    # THEN the line the quote opened on and its column are named, in Finnish, quoting nothing
    assert message == (
        "gl_111_2026_03.csv, rivi 3, sarake 'Selite': " + UNCLOSED.format(found=AT_THE_END)
    )
    for leaked in ("Virtanen", "240889", "strict", "Error"):
        assert leaked not in message


def test_unclosed_quote_in_the_last_column_on_the_last_line(con, write_file) -> None:
    # GIVEN the last line, with no line end, opening a quote in Kredit
    path = write_file("gl_111_2026_03.csv", [GL_HEADER, gl_row(kredit="1,00")], newline="\r\n")
    with path.open("ab") as stream:
        stream.write(gl_row(kredit='"2,00').encode())
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 3, sarake 'Kredit': " + UNCLOSED.format(found=AT_THE_END)
    )


def test_unclosed_quote_names_where_the_next_quote_mark_stands(con, write_gl) -> None:
    # GIVEN a quote opened in Selite on line 3 that the quote of line 5's text "closes"
    rows = [gl_row(kredit="1,00"), gl_row(selite='"Lasku 12'), gl_row()]
    path = write_gl([*rows, gl_row(selite='"Osallistumismaksut; kevät"'), gl_row()])
    found = (
        "seuraava lainausmerkki vasta rivillä 5, ja kaikki siihen asti luettaisiin yhdeksi"
        " tekstiksi"
    )
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 3, sarake 'Selite': " + UNCLOSED.format(found=found)
    )


def test_unclosed_quote_column_is_named_as_the_header_writes_it(con, write_file) -> None:
    header = GL_HEADER.replace("Selite", "SELITE ")
    path = write_file("gl_111_2026_03.csv", [header, gl_row(selite='"Lasku')])
    assert _error(con, path).startswith("gl_111_2026_03.csv, rivi 2, sarake 'SELITE': tekstin")


def test_unclosed_quote_after_the_last_column_is_named_by_its_place(con, write_gl) -> None:
    path = write_gl([gl_row(kredit="1,00"), gl_row(kredit="1,00") + ';"huom'])
    assert _error(con, path).startswith(
        "gl_111_2026_03.csv, rivi 3, kenttä 12 (otsikkorivillä ei ole sille saraketta): tekstin"
    )


@pytest.mark.parametrize("selite", ['"Sanoi "kiitos" ja lähti"', '"Lasku" 12'])
def test_a_quote_mark_inside_a_quoted_text_names_its_line_and_column(
    con, write_gl, selite: str
) -> None:
    path = write_gl([gl_row(kredit="1,00"), gl_row(selite=selite), gl_row()])
    assert _error(con, path) == (
        "gl_111_2026_03.csv, rivi 3, sarake 'Selite': lainausmerkeissä (\") olevan tekstin"
        " keskellä on lainausmerkki: odotettiin sulkevan lainausmerkin jälkeen ';' tai rivin"
        ' loppua, tai tekstin sisällä kahta lainausmerkkiä (""), löytyi lisää tekstiä. Kirjoita'
        " tekstin sisäinen lainausmerkki kahdesti tai poista se, ja toimita tiedosto uudelleen."
    )


def test_byte_undefined_in_windows_1252_is_refused(con, write_gl) -> None:
    path = write_gl([gl_row()])
    path.write_bytes(path.read_bytes() + b"\x81")
    with pytest.raises(LandingFileError, match="odotettiin UTF-8- tai Windows-1252-tekstiä"):
        read(con, "gl_postings", path)
