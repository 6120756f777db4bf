"""Voucher-level ledger rows for solved amounts: several rows per voucher, amounts split
across accounts and days, Debet/Kredit sides, and the descriptions people type."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from demo.allocation import CENT

# Free text as people type it. Some refunds carry a private person's identity code,
# which ingest must mask; the look-alike with a wrong check character must survive.
DESCRIPTIONS = {
    "MYYNTI": ["Myyntilasku {n}", "Palvelumyynti kunnille {m}/{y}", "Lipunmyynti – viikko {w}"],
    "MAKSU": ["Asiakasmaksut {m}/{y}", "Pääsymaksut; kassa {w}", "Osallistumismaksut {m}/{y}"],
    "TUET": ["Valtionavustus {m}/{y}", "Hankeavustus, maksatus {w}"],
    "VUOKRA_T": ["Maanvuokrat {m}/{y}", "Huoneistovuokra {n}"],
    "MUUT_T": ["Sisäinen korvaus {m}/{y}", "Muu tuotto {n}"],
    "VALMISTUS": ["Oma työ investointiin {m}/{y}"],
    "HENKILOSTO": ["Palkat {m}/{y}", "Palkkiot {m}/{y}", "Sivukulut {m}/{y}"],
    "PALVELUT": ["Ostolasku {n}", "Asiantuntijapalvelu {n}", 'Ostolasku "kehys" {n}'],
    "AINEET": ["Tarvikkeet {n}", "Sähkö {m}/{y}"],
    "AVUSTUKSET": ["Avustus yhdistykselle {n}", "Kohdeavustus {n}"],
    "VUOKRA_K": ["Tilavuokra {m}/{y}"],
    "MUUT_K": ["Jäsenmaksu {n}", "Muu kulu {n}"],
    "RAHOITUS": ["Korot {m}/{y}"],
    "POISTOT": ["Poistot {m}/{y}"],
    "INVESTMENT_TULOT": ["Tontin kauppa {n}"],
    "INVESTMENT_MENOT": ["Kalustohankinta {n}"],
}
REFUNDS = [
    "Palautus 131052-308T Virtanen Matti",
    "Hyvitys asiakkaalle 010203A123X ja 131052-308T",
    "Tilaus 131052-308X (ei henkilötunnus)",
]


@dataclass(frozen=True)
class Posting:
    year: int
    month: int
    day: int
    voucher: str
    cost_centre: str
    account: str
    project: str
    description: str
    debit: Decimal
    credit: Decimal


def split_amount(amount: Decimal, weights: list[float]) -> list[Decimal]:
    """Split into parts proportional to weights, exact to the cent."""
    total = sum(weights)
    parts = [(amount * Decimal(repr(w / total))).quantize(CENT) for w in weights[:-1]]
    return [*parts, amount - sum(parts, Decimal(0))]


def month_amounts(
    amount: Decimal, months: tuple[int, ...], rng: random.Random
) -> dict[int, Decimal]:
    weights = [rng.uniform(0.7, 1.3) for _ in months]
    return dict(zip(months, split_amount(amount, weights), strict=True))


def postings_for_month(
    year: int,
    month: int,
    amounts: dict[tuple[str, str], Decimal],
    accounts_by_line: dict[str, list[str]],
    rng: random.Random,
    next_voucher: list[int],
) -> list[Posting]:
    """All postings of one month: per line, vouchers spanning several cost centres."""
    by_line: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for (centre, line), amount in sorted(amounts.items()):
        if amount:
            by_line[line].append((centre, amount))
    last_day = calendar.monthrange(year, month)[1]
    rows: list[Posting] = []
    for line, cells in by_line.items():
        for start in range(0, len(cells), 3):
            next_voucher[0] += 1
            voucher = f"{year % 100:02d}{next_voucher[0]:06d}"
            day = rng.randint(1, last_day)
            for centre, amount in cells[start : start + 3]:
                rows += _rows_for_cell(
                    year, month, day, voucher, centre, line, amount, accounts_by_line, rng
                )
    return rows


def _rows_for_cell(year, month, day, voucher, centre, line, amount, accounts_by_line, rng):
    accounts = accounts_by_line[line]
    # Small amounts stay whole: split cents would make identical duplicate rows.
    pieces = rng.randint(1, 3) if abs(amount) >= 100 else 1
    parts = split_amount(amount, [rng.uniform(0.5, 1.5) for _ in range(pieces)])
    rows = []
    for part in parts:
        text = rng.choice(DESCRIPTIONS[line]).format(
            n=rng.randint(10000, 99999), m=month, y=year, w=rng.randint(1, 52)
        )
        debit, credit = (Decimal(0), part) if part > 0 else (-part, Decimal(0))
        rows.append(
            Posting(
                year,
                month,
                day,
                voucher,
                centre,
                rng.choice(accounts),
                f"P{centre}" if line.startswith("INV") else "",
                text,
                debit,
                credit,
            )
        )
    if line in ("MAKSU", "MYYNTI") and amount > 100 and rng.random() < 0.15:
        rows += _refund_pair(rows[0], rng)
    return rows


def _refund_pair(row: Posting, rng: random.Random) -> list[Posting]:
    """A refund (debit on a revenue account) offset by a larger credit: the cell's sum holds."""
    refund = Decimal(rng.randint(20, 90))
    base = dict(row.__dict__)
    return [
        Posting(
            **{**base, "description": rng.choice(REFUNDS), "debit": refund, "credit": Decimal(0)}
        ),
        Posting(
            **{**base, "description": "Oikaisu palautukseen", "debit": Decimal(0), "credit": refund}
        ),
    ]


def posting_date(row: Posting) -> dt.date:
    return dt.date(row.year, row.month, row.day)
