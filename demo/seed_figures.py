"""The printed figures of the city's reports (../shared/seeds), as data.

`data/seed_figures.csv` holds one row per printed cell of the income-statement, binding
budget and investment tables that the demo data must reproduce. The generator solves
for postings that give these figures; the end-to-end test compares the published
review tables with them.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from demo.organisation import DATA_DIR

ACTUAL_COLUMNS = ("tp_prior_year", "actual_prior_ytd", "actual_ytd")


@dataclass(frozen=True)
class SeedFigure:
    seed: str
    reporting_date: dt.date
    table: str  # income_statement | binding_budget | investments
    unit_code: str
    line_code: str
    column: str
    value: Decimal
    scale: int  # 1, or 1000 where the report printed thousands

    @property
    def target_euros(self) -> Decimal:
        return self.value * self.scale

    @property
    def tolerance_euros(self) -> Decimal:
        """How far the exact figure may be from the printed one and still print the same."""
        return Decimal("0.5") * self.scale - Decimal("0.05")

    @property
    def data_year(self) -> int:
        """The fiscal year whose postings (or budget) this figure is made of."""
        prior = self.column in ("tp_prior_year", "actual_prior_ytd")
        return self.reporting_date.year - (1 if prior else 0)

    @property
    def months(self) -> range:
        """Months of `data_year` that the figure covers."""
        if self.column in ("tp_prior_year", "budget_amended"):
            return range(1, 13)
        return range(1, self.reporting_date.month + 1)


def load_seed_figures(path: Path = DATA_DIR / "seed_figures.csv") -> list[SeedFigure]:
    with path.open(encoding="utf-8") as handle:
        return [
            SeedFigure(
                seed=row["seed"],
                reporting_date=dt.date.fromisoformat(row["reporting_date"]),
                table=row["table"],
                unit_code=row["unit_code"],
                line_code=row["line_code"],
                column=row["column"],
                value=Decimal(row["value"]),
                scale=int(row["scale"]),
            )
            for row in csv.DictReader(handle)
        ]
