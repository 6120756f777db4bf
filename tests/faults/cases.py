"""The fault matrix: one fault per case, and the outcome a controller should see.

Outcomes:
- LOADED: the file's rows are in raw.* (a warning may name something to confirm);
- QUARANTINED: moved to <landing>/quarantine/ with a note, nothing of it loaded (an
  earlier version of the same file keeps its rows), publication withheld;
- REPORTED: left where it is, not read, named by a warning (the run publishes);
- REFUSED: the run stops before loading anything, saying why (exit 1).
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from demo.workbook_quirks import declare_size_a1, rewrite_parts
from tests.faults.base import (
    ACCOUNTS,
    BUDGET,
    FORECAST,
    GL_HEADER,
    HETU,
    HETU_2,
    ORG,
    PERSON,
    gl_lines,
    settle,
    write_csv,
)

LOADED, QUARANTINED, REPORTED, REFUSED = "loaded", "quarantined", "reported", "refused"


@dataclass(frozen=True)
class Fault:
    """One broken input and what must happen to it."""

    name: str
    apply: Callable[[Path], None]  # breaks the landing folder
    subject: str  # the file at fault ('' when the fault is the folder itself)
    outcome: str
    check: str | None  # the check that names it (None: loaded with no finding)
    message: tuple[str, ...] = ()  # what the message must say: file, line/cell, column, reason

    @property
    def decision(self) -> str | None:
        """Publication follows the scope of the fault (warehouse.gate.scopes): a quarantined
        finance file holds its municipality back, which in this one-city landing folder
        is everything (withheld); a quarantined goal workbook holds back only goals, so
        the finance figures publish (partial); no gate for a refused run."""
        if self.outcome == QUARANTINED:
            return "partial" if self.subject.endswith(".xlsx") else "withheld"
        return None if self.outcome == REFUSED else "publish"


def finance(landing: Path, name: str) -> Path:
    return landing / "finance" / name


def gl(name: str, lines: list[str], encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda landing: write_csv(finance(landing, name), lines, encoding)


def april(*rows: str, header: str = GL_HEADER) -> list[str]:
    """A new month (April) with the given rows after the header."""
    return [header, *rows]


def good_april() -> list[str]:
    return [line.replace(";3;15.3.2026;", ";4;15.4.2026;") for line in gl_lines(3)]


def row(text: str = "Lasku", debet: str = "", kredit: str = "10,00", **changes: str) -> str:
    fields = dict(
        kunta="111", year="2026", month="4", date="15.4.2026", voucher="2600041",
        cc="1001", account="4300", project="", text=text, debet=debet, kredit=kredit,
    )  # fmt: skip
    fields.update(changes)
    return ";".join(fields.values())


def reordered(lines: list[str]) -> list[str]:
    """The same rows with the columns in reverse order (quotes kept as written)."""
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=";"))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(r[::-1] for r in rows)
    return out.getvalue().splitlines()


def trailing(lines: list[str], header: bool = True, rows: bool = True) -> list[str]:
    """The lines as exports that end them with a ';' write them (header and/or rows)."""
    return [line + ";" if (header if i == 0 else rows) else line for i, line in enumerate(lines)]


def quoted_last(lines: list[str]) -> list[str]:
    """Each data line's last field in quotes, as some exports quote every text."""
    return [lines[0]] + [f'{line.rsplit(";", 1)[0]};"{line.rsplit(";", 1)[1]}"' for line in
                         lines[1:]]  # fmt: skip


def fields(found: int) -> str:
    """What the message says of a line with the wrong number of fields (the header has 11)."""
    return f"odotettiin 11 kenttää kuten otsikkorivillä, löytyi {found}"


def raw_bytes(name: str, data: bytes) -> Callable[[Path], None]:
    def write(landing: Path) -> None:
        path = finance(landing, name)
        path.write_bytes(data)
        settle(path)

    return write


def bytes_of(lines: list[str], encoding: str, bom: bytes = b"") -> bytes:
    return bom + ("\r\n".join(lines) + "\r\n").encode(encoding)


def edit_workbook(change: Callable[[Path], None], name: str = "111_10_2026-03-31.xlsx"):
    def apply(landing: Path) -> None:
        path = landing / "goals" / name
        change(path)
        settle(path)

    return apply


def set_cells(**cells: object) -> Callable[[Path], None]:
    """Set cells given as Sheet__A1=value (sheet names without spaces)."""

    def change(path: Path) -> None:
        book = load_workbook(path)
        for where, value in cells.items():
            sheet, cell = where.split("__")
            book[sheet.replace("_", " ")][cell] = value
        book.save(path)

    return change


def renamed_workbook(new_name: str) -> Callable[[Path], None]:
    def apply(landing: Path) -> None:
        old = landing / "goals" / "111_10_2026-03-31.xlsx"
        old.rename(old.with_name(new_name))

    return apply


def still_copying(landing: Path) -> None:
    """April, cut mid-row by a copy in progress: its last row still looks valid."""
    lines = good_april()
    text = "\r\n".join(lines)
    path = finance(landing, "gl_111_2026_04.csv")
    path.write_text(text[: text.rindex("12,50") + 2], encoding="utf-8")  # '12' of 12,50
    now = time.time()
    os.utime(path, (now, now))


def temp_named(landing: Path) -> None:
    write_csv(finance(landing, "gl_111_2026_04.csv.part"), good_april())


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)

APRIL = "gl_111_2026_04.csv"
MARCH = "gl_111_2026_03.csv"
WORKBOOK = "111_10_2026-03-31.xlsx"
BAD = "gl_postings.file_is_readable"

CASES: list[Fault] = [
    # --- the file as a whole -------------------------------------------------------------
    Fault("empty file", raw_bytes(APRIL, b""), APRIL, QUARANTINED, BAD,
          (APRIL, "tiedosto on tyhjä (0 tavua)")),
    Fault("header only", gl(APRIL, april()), APRIL, QUARANTINED, "gl_postings.enough_rows",
          ("tiedostossa on 0 riviä",)),
    Fault("header line missing", gl(APRIL, good_april()[1:]), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 1", "otsikkorivi puuttuu")),
    Fault("missing column", gl(APRIL, [x.rsplit(";", 1)[0] for x in good_april()]), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 1", "'Kredit'", "ei ole sen nimistä saraketta")),
    Fault("column twice", gl(APRIL, [x + ";x" if i else x + ";Tili" for i, x in
                                     enumerate(good_april())]), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 1", "'Tili' kahdesti")),
    Fault("extra column", gl(APRIL, [x + (";Huom" if i == 0 else ";") for i, x in
                                     enumerate(good_april())]), APRIL, LOADED, None),
    Fault("columns in another order", gl(APRIL, reordered(good_april())), APRIL, LOADED, None),
    Fault("header in other case and spaced",
          gl(APRIL, [" kunta ;TILIKAUSI;" + good_april()[0].split(";", 2)[2], *good_april()[1:]]),
          APRIL, LOADED, None),
    Fault("comma separated", gl(APRIL, [x.replace(";", ",") for x in good_april()[:1]] +
                                [row().replace(";", ",")]), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 1", "erotin on ','")),
    Fault("xlsx saved as csv", raw_bytes(APRIL, b"PK\x03\x04" + bytes(60)), APRIL,
          QUARANTINED, BAD, (APRIL, "löytyi zip-tiedosto")),
    Fault("binary data", raw_bytes(APRIL, bytes(range(256)) * 4), APRIL, QUARANTINED, BAD,
          (APRIL, "odotettiin tekstiä, löytyi binääridataa")),
    # --- encodings -----------------------------------------------------------------------
    Fault("UTF-8 with BOM", raw_bytes(APRIL, bytes_of(good_april(), "utf-8", b"\xef\xbb\xbf")),
          APRIL, LOADED, None),
    Fault("Windows-1252", gl(APRIL, good_april(), "cp1252"), APRIL, LOADED, None),
    Fault("UTF-16 LE with BOM", raw_bytes(APRIL, bytes_of(good_april(), "utf-16-le", b"\xff\xfe")),
          APRIL, LOADED, None),
    Fault("UTF-16 without BOM", raw_bytes(APRIL, bytes_of(good_april(), "utf-16-le")), APRIL,
          QUARANTINED, BAD, (APRIL, "UTF-16-tekstiä ilman tavujärjestysmerkkiä")),
    Fault("one Windows-1252 byte in a UTF-8 file",
          raw_bytes("org_111.csv", bytes_of(ORG[:4], "utf-8") + bytes_of(ORG[4:5], "cp1252")
                    + bytes_of(ORG[5:], "utf-8")),
          "org_111.csv", QUARANTINED, "org_units.file_is_readable",
          ("org_111.csv", "rivi 5", "'Nimi'", "löytyi tavu 0xF6")),
    # --- lines and fields ----------------------------------------------------------------
    Fault("unquoted separator in Selite (name and identity code)",
          gl(APRIL, april(row(f"Palautus {PERSON} {HETU}; vuokravakuus", kredit="2 640,65"))),
          APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 2", fields(12), "'Selite'")),
    Fault("unquoted separator before empty trailing fields",
          gl(APRIL, april(row(f"Palautus {HETU_2}; 2", kredit=""))), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 2", fields(12))),
    Fault("too few fields", gl(APRIL, april(row(), "111;2026;4;15.4.2026;1;1001")), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 3", fields(6))),
    Fault("truncated last line", gl(APRIL, april(row(), row()[:25])), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 3", "rivi katkennut kesken")),
    Fault("unterminated quote", gl(APRIL, april(row(), row('"Lasku 12'))), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 3, sarake 'Selite'", "jää sulkematta",
                             "tiedoston loppu")),
    Fault("unclosed quote in a middle column, a later text's quote closing it",
          gl(APRIL, april(row(), row(f'"Palautus {PERSON} {HETU}'), row(), row('"a; b"'))),
          APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 3, sarake 'Selite'", "jää sulkematta", "vasta rivillä 5")),
    Fault("unclosed quote in the last column", gl(APRIL, april(row(), row(kredit='"10,00'),
                                                               row())),
          APRIL, QUARANTINED, BAD, (APRIL, "rivi 3, sarake 'Kredit'", "jää sulkematta")),
    Fault("unclosed quote on the last line, without a line end",
          raw_bytes(APRIL, bytes_of(april(row()), "utf-8") + row('"Lasku').encode()), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 3, sarake 'Selite'", "tiedoston loppu")),
    Fault("quote mark inside a quoted text", gl(APRIL, april(row('"Sanoi "kiitos" ja lähti"'))),
          APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 2, sarake 'Selite'", "tekstin keskellä on lainausmerkki", "kahdesti")),
    Fault("quote mark inside an unquoted text", gl(APRIL, april(row('Näyttö 24" malli'), row())),
          APRIL, LOADED, None),
    # --- the trailing separator: lines ending with a ';' the header lacks (or both) ------
    Fault("trailing ';' on every data line", gl(APRIL, trailing(good_april(), header=False)),
          APRIL, LOADED, None),
    Fault("trailing ';' on the header and every line, Windows-1252",
          gl(APRIL, trailing(good_april()), "cp1252"), APRIL, LOADED, None),
    Fault("trailing ';' on the header only", gl(APRIL, trailing(good_april(), rows=False)),
          APRIL, LOADED, None),
    Fault("trailing ';' after quoted last fields, UTF-8 with BOM",
          raw_bytes(APRIL, bytes_of(trailing(quoted_last(good_april()), header=False), "utf-8",
                                    b"\xef\xbb\xbf")), APRIL, LOADED, None),
    Fault("trailing ';' with LF line ends", raw_bytes(APRIL, "\n".join(
          trailing(good_april(), header=False)).encode() + b"\n"), APRIL, LOADED, None),
    Fault("trailing ';' in the organisation", gl("org_111.csv", trailing(ORG, header=False)),
          "org_111.csv", LOADED, None),
    Fault("trailing ';' in the chart of accounts", gl("accounts_111.csv", trailing(ACCOUNTS)),
          "accounts_111.csv", LOADED, None),
    Fault("trailing ';' in the budget", gl("budget_111_2026.csv", trailing(BUDGET, header=False)),
          "budget_111_2026.csv", LOADED, None),
    Fault("trailing ';' in the forecast", gl("forecast_111_2026_03.csv", trailing(FORECAST)),
          "forecast_111_2026_03.csv", LOADED, None),
    Fault("trailing ';' on most lines, one line without",
          gl(APRIL, [*trailing(good_april()[:3], header=False), *good_april()[3:4],
                     *trailing(good_april()[4:], header=False)]),
          APRIL, QUARANTINED, BAD, (APRIL, "rivi 4", "odotettiin 12 kenttää", "löytyi 11")),
    Fault("trailing ';' with a value after it",
          gl(APRIL, [*trailing(good_april()[:3], header=False), good_april()[3] + f";{HETU}",
                     *trailing(good_april()[4:], header=False)]),
          APRIL, QUARANTINED, BAD, (APRIL, "rivi 4", fields(12))),
    Fault("a stray ';' before an empty Kredit among lines without a trailing ';'",
          gl(APRIL, april(row(), row(f"Palautus {HETU_2}; 2", debet="5,00", kredit=""), row())),
          APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 3", fields(12), "'Selite'")),
    Fault("footer after an empty line",
          gl(APRIL, april(row(), row(debet="1,00", kredit=""), "", ";;;;;;;;;1,00;10,00")),
          APRIL, QUARANTINED, BAD, (APRIL, "rivi 5", "'Kunta'")),
    Fault("line of spaces", gl(APRIL, april(row(), "   ", row())), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 3", "pelkkiä välilyöntejä")),
    Fault("quoted line break and ';' in Selite",
          gl(APRIL, april(row('"Lasku; osa 1\r\nosa 2"'), row())), APRIL, LOADED, None),
    # --- values --------------------------------------------------------------------------
    Fault("non-numeric amount", gl(APRIL, april(row(), row(kredit="12,3,4"))), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 3", "'Kredit'", "odotettiin lukua", "'12,3,4'")),
    Fault("dot decimal", gl(APRIL, april(row(kredit="1234.56"))), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 2", "'Kredit'", "'1234.56'")),
    Fault("amount in parentheses", gl(APRIL, april(row(debet="(250,00)", kredit=""))), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 2", "'Debet'", "'(250,00)'")),
    Fault("trailing minus", gl(APRIL, april(row(kredit="250,00-"))), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 2", "'Kredit'", "'250,00-'")),
    Fault("identity code in an amount column", gl(APRIL, april(row(kredit=HETU))), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 2", "'Kredit'", "[hetu poistettu]")),
    Fault("no-break space as thousands separator",
          gl(APRIL, april(row(debet="1\u00a0234,56", kredit=""))), APRIL, LOADED, None),
    Fault("U+2212 minus with a space", gl("budget_111_2026.csv", [*BUDGET,
                                          "111;2026;1001;4300;MUUTOS;1.5.2026;− 1 500"]),
          "budget_111_2026.csv", LOADED, None),
    Fault("both Debet and Kredit", gl(APRIL, april(row(debet="5,00", kredit="10,00"))), APRIL,
          QUARANTINED, "gl_postings.debit_credit_signs", ("rivi 2",)),
    Fault("impossible date", gl(APRIL, april(row(date="31.2.2026"))), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 2", "'Tositepvm'", "'31.2.2026'")),
    Fault("two-digit year", gl(APRIL, april(row(date="15.4.26"))), APRIL, QUARANTINED, BAD,
          (APRIL, "rivi 2", "'Tositepvm'", "päivämäärää muodossa 31.3.2026")),
    Fault("month not the file name's", gl(APRIL, april(row(month="3"))), APRIL, QUARANTINED,
          BAD, (APRIL, "rivi 2", "'Kausi'", "tiedostonimen kuukautta (4)")),
    Fault("another municipality than the file name's", gl(APRIL, april(row(kunta="398"))),
          APRIL, QUARANTINED, BAD, (APRIL, "rivi 2", "'Kunta'", "'398'")),
    Fault("unknown cost centre", gl(APRIL, april(row(), row(cc="9999"))), APRIL, QUARANTINED,
          "gl_postings.cost_centre_valid_on_posting_date", ("rivi 3", "9999")),
    Fault("cost centre not yet valid", gl(APRIL, april(row(cc="1003"))), APRIL, QUARANTINED,
          "gl_postings.cost_centre_valid_on_posting_date", ("rivi 2", "1003")),
    Fault("unknown account", gl(APRIL, april(row(account="4301"))), APRIL, QUARANTINED,
          "gl_postings.account_known", ("rivi 2", "4301")),
    Fault("account outside every range", gl("accounts_111.csv", [*ACCOUNTS, "2500;Outo;"]),
          "accounts_111.csv", QUARANTINED, "accounts.account_in_mapped_range", ("rivi 7", "2500")),
    Fault("overlapping validity in the organisation",
          gl("org_111.csv", [*ORG, "111;1001;Hallinto;KUSTANNUSPAIKKA;10;1.1.2020;"]),
          "org_111.csv", QUARANTINED, "org_units.validity_not_overlapping", ("rivi 7",)),
    Fault("unknown budget kind", gl("budget_111_2026.csv", [*BUDGET,
                                   "111;2026;1001;4000;LISÄ;1.5.2026;-100"]),
          "budget_111_2026.csv", QUARANTINED, "budget_entries.file_is_readable",
          ("rivi 6", "'Laji'", "TA tai MUUTOS", "'LISÄ'")),
    Fault("amendment dated in another year", gl("budget_111_2026.csv", [*BUDGET,
                                               "111;2026;1001;4000;MUUTOS;15.1.2027;-100"]),
          "budget_111_2026.csv", QUARANTINED, None, ("rivi 6",)),
    Fault("forecast for an unknown unit", gl("forecast_111_2026_03.csv", [*FORECAST,
                                             "111;2026;77;TOIMINTAKULUT;-1"]),
          "forecast_111_2026_03.csv", QUARANTINED, None, ("rivi 4", "77")),
    # --- re-exports and names ------------------------------------------------------------
    Fault("the same content under another month's name", gl(APRIL, gl_lines(3)), APRIL,
          QUARANTINED, BAD, (APRIL, "rivi 2", "'Kausi'", "tiedostonimen kuukautta (4)")),
    Fault("re-export with far fewer rows", gl(MARCH, gl_lines(3)[:3]), MARCH, QUARANTINED,
          "gl_postings.enough_rows",
          ("tiedostossa on 2 riviä, kun sen korvaamassa aiemmassa versiossa oli 6",)),
    Fault("empty re-export of a month", gl(MARCH, gl_lines(3)[:1]), MARCH, QUARANTINED,
          "gl_postings.enough_rows",
          ("tiedostossa on 0 riviä, kun sen korvaamassa aiemmassa versiossa oli 6",)),
    Fault("re-export with one row less", gl(MARCH, gl_lines(3)[:-1]), MARCH, LOADED, None),
    Fault("month 13", gl("gl_111_2026_13.csv", good_april()), "gl_111_2026_13.csv", REPORTED,
          "landing.file_name_recognised", ("gl_<kunta>_<YYYY>_<MM>.csv (MM = 01–12)",)),
    Fault("unpadded month", gl("gl_111_2026_4.csv", good_april()), "gl_111_2026_4.csv",
          REPORTED, "landing.file_name_recognised", ("gl_111_2026_4.csv",)),
    Fault("file still being written when the sensor fires", still_copying, APRIL, REPORTED,
          "landing.file_complete", ("vielä kirjoitettavana",)),
    Fault("file under a temporary name", temp_named, "gl_111_2026_04.csv.part", REPORTED,
          "landing.file_complete", ("jätettiin seuraavaan ajoon",)),
    # --- goal workbooks ------------------------------------------------------------------
    Fault("xlsx that is not a zip", edit_workbook(lambda p: p.write_text("Kunta;Yksikkö\n")),
          WORKBOOK, QUARANTINED, "goal_workbooks.file_is_readable",
          (WORKBOOK, "odotettiin Excel-työkirjaa")),
    Fault("xlsx with an entity-expansion payload",
          edit_workbook(lambda p: rewrite_parts(p, lambda n, d: LAUGHS + d
                                                if n == "xl/worksheets/sheet4.xml" else d)),
          WORKBOOK, QUARANTINED, "goal_workbooks.file_is_readable",
          (WORKBOOK, "ei ole työkirja, jonka voi lukea turvallisesti")),
    Fault("workbook declaring its size A1", edit_workbook(declare_size_a1), WORKBOOK, LOADED,
          None),
    Fault("workbook with an upper-case extension",
          renamed_workbook("111_10_2026-03-31.XLSX"), "111_10_2026-03-31.XLSX", LOADED, None),
    Fault("identity code in a risk text",
          edit_workbook(set_cells(Riskit__B2=f"Avainhenkilö {PERSON} {HETU} sairaana")),
          WORKBOOK, LOADED, None),
    Fault("fraction in a percent column", edit_workbook(set_cells(Hankkeet__F2=0.77)),
          WORKBOOK, LOADED, "goal_workbooks.percent_read_as_fraction", ("F2",)),
    Fault("risk score out of scale", edit_workbook(set_cells(Riskit__C2=5)), WORKBOOK,
          QUARANTINED, "goal_workbooks.file_is_readable",
          (WORKBOOK, "'Riskit'", "C2", "'Todennäköisyys'", "odotettiin 1, 2 tai 3", "'5'")),
]  # fmt: skip


def folder_faults() -> list[Fault]:
    """Faults of the folder itself: the run stops before loading anything."""
    import shutil

    def remove(landing: Path) -> None:
        shutil.rmtree(landing)

    def empty(landing: Path) -> None:
        shutil.rmtree(landing / "finance")
        (landing / "finance").mkdir()

    def no_org(landing: Path) -> None:
        (landing / "finance" / "org_111.csv").unlink()

    return [
        Fault("landing folder missing", remove, "", REFUSED, None,
              ("Saapuvien tiedostojen kansiota", "ei ole", "irrotettu verkkolevy")),
        Fault("landing folder empty", empty, "", REFUSED, None, ("ei ole yhtään taloustiedostoa",)),
        Fault("master data the warehouse holds missing", no_org, "", REFUSED, None,
              ("puuttuu org_111.csv",)),
    ]  # fmt: skip


ALL_CASES = CASES + folder_faults()
