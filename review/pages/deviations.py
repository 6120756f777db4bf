"""Which income-statement lines of a unit deviate from the budget by more than the
tolerance, by the rule of the warehouse's check `deviations_explained`
(dbt_project/models/intermediate/finance/int_budget_deviations.sql):

on an official reporting date (31.3., 30.6., 30.9., 31.12.), a revenue or cost line whose
actual to date differs from the budget's pro-rata share (TA + muutos x months / 12) by
more than TOTEUMA_DEVIATION_EUR euros (default 10 000) and by more than
TOTEUMA_DEVIATION_PCT per cent of the share (default 10). Such a line needs an
explanation before the date can be approved.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal

OFFICIAL_DATES = {(3, 31), (6, 30), (9, 30), (12, 31)}
EXPLAINED_KINDS = ("revenue", "cost")


@dataclass(frozen=True)
class Deviation:
    line_code: str
    line_name: str
    pro_rata_budget: Decimal  # euros
    actual_ytd: Decimal  # euros
    deviation: Decimal  # actual - pro-rata share, euros


def tolerance() -> tuple[Decimal, Decimal]:
    """(euros, per cent) as the dbt model reads them from the environment."""
    euros = Decimal(os.environ.get("TOTEUMA_DEVIATION_EUR") or "10000")
    pct = Decimal(os.environ.get("TOTEUMA_DEVIATION_PCT") or "10")
    return euros, pct


def is_official(day: dt.date) -> bool:
    return (day.month, day.day) in OFFICIAL_DATES


def deviations(rows: list[dict], day: dt.date) -> dict[str, Deviation]:
    """line code -> its deviation, for the lines of review.income_statement `rows` (one
    unit, one date) that deviate beyond the tolerance; none on a date that is not an
    official reporting date."""
    if not is_official(day):
        return {}
    euros, pct = tolerance()
    found = {}
    for row in rows:
        if row.get("line_kind") not in EXPLAINED_KINDS:
            continue
        budget = Decimal(row.get("budget_amended") or 0)
        actual = Decimal(row.get("actual_ytd") or 0)
        share = (budget * day.month / 12).quantize(Decimal("0.01"))
        deviation = actual - share
        if abs(deviation) > euros and abs(deviation) > abs(share) * pct / 100:
            found[row["line_code"]] = Deviation(
                row["line_code"], row["line_name"], share, actual, deviation
            )
    return found
