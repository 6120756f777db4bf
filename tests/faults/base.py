"""The fault matrix's good landing folder: one small municipality (111), every kind of file.

Each fault case copies this folder (and the warehouse loaded from it) and breaks one
thing. The good files carry what real exports carry: an identity code and a person's
name in a refund's Selite, a quoted description with a ';', Windows-1252 and UTF-8 text.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.integration.test_goals_pipeline import write_workbook

# Valid identity codes (right check character: a look-alike would not be masked) and a name.
HETU = "240889-112H"
HETU_2 = "131052-308T"
PERSON = "Virtanen Aino"

GL_HEADER = (
    "Kunta;Tilikausi;Kausi;Tositepvm;Tositenro;Kustannuspaikka;Tili;Projekti;Selite;Debet;Kredit"
)
ORG = [
    "Kunta;Koodi;Nimi;Taso;Ylempi;Voimassa alkaen;Voimassa asti",
    "111;1;Heinolan kaupunki;KUNTA;;1.1.2000;",
    "111;10;Yhteiset palvelut ja ympäristö;PALVELUALUE;1;1.1.2000;",
    "111;1001;Hallinto;KUSTANNUSPAIKKA;10;1.1.2000;",
    "111;1002;Työllisyyspalvelut;KUSTANNUSPAIKKA;10;1.1.2000;",
    "111;1003;Uusi palvelu;KUSTANNUSPAIKKA;10;1.7.2026;",
]
ACCOUNTS = [
    "Tili;Nimi;Rivi",
    "3000;Myyntituotot;",
    "3200;Maksutuotot;",
    "4000;Palkat;",
    "4300;Palvelujen ostot;",
    "1100;Maa-alueet;",
]
BUDGET = [
    "Kunta;Tilikausi;Kustannuspaikka;Tili;Laji;Pvm;Summa",
    "111;2026;1001;3000;TA;15.12.2025;12 000,00",
    "111;2026;1001;4000;TA;15.12.2025;−48 000,00",
    "111;2026;1002;4300;TA;15.12.2025;-24 000",
    "111;2026;1002;4300;MUUTOS;20.4.2026;-2 000,00",
]
FORECAST = [
    "Kunta;Tilikausi;Yksikkö;Rivi;Summa",
    "111;2026;10;TOIMINTATUOTOT;12 500",
    "111;2026;10;TOIMINTAKULUT;−75 000",
]


def gl_row(month: int, cost_centre: str, account: str, text: str, debet: str, kredit: str) -> str:
    voucher = f"2600{month}1"
    fields = [cost_centre, account, "", text, debet, kredit]
    return f"111;2026;{month};15.{month}.2026;{voucher};" + ";".join(fields)


def gl_lines(month: int) -> list[str]:
    """Six postings of one month: sales, fees, pay, a purchase, a refund naming a person."""
    return [
        GL_HEADER,
        gl_row(month, "1001", "3000", "Myynti", "", "1 000,00"),
        gl_row(month, "1002", "3200", '"Osallistumismaksut; kevät"', "", "306,96"),
        gl_row(month, "1001", "4000", "Palkat", "4 000,00", ""),
        gl_row(month, "1002", "4300", "Ostolasku 123", "2 000,00", ""),
        gl_row(month, "1002", "3200", f"Palautus {PERSON} {HETU}", "50,00", ""),
        gl_row(month, "1001", "4300", "Kahvila – tarjoilu", "12,50", ""),
    ]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return settle(path)


def settle(path: Path) -> Path:
    """Date the file an hour back: complete, as the settle interval judges it."""
    past = time.time() - 3600
    os.utime(path, (past, past))
    return path


def write_base(landing: Path) -> None:
    finance = landing / "finance"
    write_csv(finance / "org_111.csv", ORG)
    write_csv(finance / "accounts_111.csv", ACCOUNTS)
    write_csv(finance / "budget_111_2026.csv", BUDGET)
    write_csv(finance / "forecast_111_2026_03.csv", FORECAST)
    write_csv(finance / "gl_111_2026_01.csv", gl_lines(1))
    write_csv(finance / "gl_111_2026_02.csv", gl_lines(2), encoding="cp1252")
    write_csv(finance / "gl_111_2026_03.csv", gl_lines(3))
    (landing / "goals").mkdir(parents=True, exist_ok=True)
    settle(write_workbook(landing / "goals" / "111_10_2026-03-31.xlsx", 111, ["Toteutuu"], (25, 1)))
