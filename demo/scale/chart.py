"""The chart of accounts every scale municipality uses, and how often each account is posted.

Covers every range of the contract's default mapping (operating revenue and costs, tax
revenue, state grants, financial items, depreciation, extraordinary items, investments
1000–1999), one account with its own line (Rivi). `weight` is the account's share of
ledger rows in thousandths of the draws (they sum to 1000); `side` the side it is
normally posted on (K = Kredit, D = Debet); `central` accounts are posted on the
city-level cost centre only; `scale` multiplies their amounts.
"""

from __future__ import annotations

from dataclasses import dataclass

SLOTS = 1000


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    line: str  # the base line (investments: INVESTMENT)
    weight: int
    side: str = "D"
    rivi: str = ""  # the chart's own line code, empty = default range mapping
    central: bool = False
    scale: int = 1

    @property
    def is_investment(self) -> bool:
        return self.line == "INVESTMENT"


ACCOUNTS = [
    Account("1100", "Maa- ja vesialueet", "INVESTMENT", 3, "K"),
    Account("1200", "Koneet ja kalusto", "INVESTMENT", 6, scale=3),
    Account("1500", "Rakennukset", "INVESTMENT", 4, scale=10),
    Account("3000", "Myyntituotot kunnille", "MYYNTI", 25, "K"),
    Account("3100", "Muut myyntituotot", "MYYNTI", 40, "K"),
    Account("3200", "Asiakasmaksut", "MAKSU", 60, "K"),
    Account("3250", "Pääsy- ja osallistumismaksut", "MAKSU", 30, "K"),
    Account("3300", "Valtionavustukset", "TUET", 10, "K"),
    Account("3350", "EU- ja hankeavustukset", "TUET", 5, "K"),
    Account("3400", "Maanvuokrat", "VUOKRA_T", 8, "K"),
    Account("3450", "Huoneistovuokrat", "VUOKRA_T", 15, "K"),
    Account("3500", "Muut toimintatuotot", "MUUT_T", 10, "K"),
    Account("3990", "Sisäiset korvaukset", "MUUT_T", 8, "K", rivi="MUUT_T"),
    Account("3700", "Valmistus omaan käyttöön", "VALMISTUS", 4, "K"),
    Account("4000", "Palkat ja palkkiot", "HENKILOSTO", 171),
    Account("4100", "Eläkekulut", "HENKILOSTO", 40),
    Account("4200", "Muut henkilösivukulut", "HENKILOSTO", 40),
    Account("4300", "Asiantuntijapalvelut", "PALVELUT", 80),
    Account("4400", "Muut palvelujen ostot", "PALVELUT", 140),
    Account("4500", "Tarvikkeet", "AINEET", 110),
    Account("4600", "Energia ja polttoaineet", "AINEET", 40),
    Account("4700", "Avustukset yhteisöille", "AVUSTUKSET", 15),
    Account("4750", "Avustukset kotitalouksille", "AVUSTUKSET", 15),
    Account("4800", "Vuokrakulut", "VUOKRA_K", 35),
    Account("4900", "Muut toimintakulut", "MUUT_K", 60),
    Account("5000", "Kunnan tulovero", "VEROTULOT", 3, "K", central=True, scale=200),
    Account("5100", "Kiinteistövero", "VEROTULOT", 2, "K", central=True, scale=50),
    Account(
        "5500", "Peruspalvelujen valtionosuus", "VALTIONOSUUDET", 3, "K", central=True, scale=200
    ),
    Account("6000", "Korkotuotot", "RAHOITUS", 2, "K", central=True, scale=10),
    Account("6500", "Korkokulut", "RAHOITUS", 3, central=True, scale=10),
    Account("7000", "Suunnitelman mukaiset poistot", "POISTOT", 12, scale=5),
    Account("8000", "Satunnaiset tuotot", "SATUNNAISET", 1, "K", scale=5),
]


def slot_rows() -> list[tuple[int, str]]:
    """(slot, account code) for slots 0 … 999: an account takes as many as its weight."""
    codes = [a.code for a in ACCOUNTS for _ in range(a.weight)]
    return list(enumerate(codes))
