"""Write landing files the way the finance system exports them, quirks included."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class FileStyle:
    """How one export looks: the contract allows all of these in one folder."""

    encoding: str = "utf-8"  # utf-8, utf-8-sig or cp1252
    newline: str = "\n"
    thousands: str = " "  # space or no-break space
    minus: str = "-"  # "-", "−" or "- "
    upper_header: bool = False
    pad_dates: bool = False


def amount_text(value: Decimal, style: FileStyle, *, blank_zero: bool = False) -> str:
    if blank_zero and value == 0:
        return ""
    sign = style.minus if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = style.thousands.join(groups)
    return f"{sign}{text}" if cents == "00" and not blank_zero else f"{sign}{text},{cents}"


def date_text(day: dt.date, style: FileStyle) -> str:
    if style.pad_dates:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def write_csv(path: Path, header: list[str], rows: list[list[str]], style: FileStyle) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator=style.newline, quotechar='"')
    writer.writerow([name.upper() for name in header] if style.upper_header else header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(style.encoding))
