"""The demo city's organisation history: units, cost centres and their parents over time."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
OPEN_END = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class UnitVersion:
    """One row of the organisation history: a unit under one parent for one date range."""

    code: str
    name: str
    level: str
    parent: str | None
    valid_from: dt.date
    valid_to: dt.date  # inclusive; OPEN_END when still valid

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def overlaps_year(self, year: int) -> bool:
        return self.valid_from <= dt.date(year, 12, 31) and self.valid_to >= dt.date(year, 1, 1)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text) if text else OPEN_END


class Organisation:
    """Answers 'which cost centres roll up into unit U on day D' for the generator."""

    def __init__(self, versions: list[UnitVersion]):
        self.versions = versions

    def __hash__(self) -> int:
        return id(self)

    @classmethod
    def load(cls, path: Path = DATA_DIR / "organisation.csv") -> Organisation:
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        return cls(
            [
                UnitVersion(
                    code=row["code"],
                    name=row["name"],
                    level=row["level"],
                    parent=row["parent"] or None,
                    valid_from=_date(row["valid_from"]),
                    valid_to=_date(row["valid_to"]),
                )
                for row in rows
            ]
        )

    @cached_property
    def cost_centres(self) -> list[str]:
        return sorted({v.code for v in self.versions if v.level == "KUSTANNUSPAIKKA"})

    def cost_centres_in_year(self, year: int) -> list[str]:
        return sorted(
            {
                v.code
                for v in self.versions
                if v.level == "KUSTANNUSPAIKKA" and v.overlaps_year(year)
            }
        )

    def parent_on(self, code: str, day: dt.date) -> str | None:
        for version in self.versions:
            if version.code == code and version.is_valid_on(day):
                return version.parent
        return None

    def ancestors_on(self, code: str, day: dt.date) -> list[str]:
        """The unit itself and every unit above it on `day`, bottom up."""
        chain = [code]
        parent = self.parent_on(code, day)
        while parent is not None:
            chain.append(parent)
            parent = self.parent_on(parent, day)
        return chain

    @cache  # noqa: B019 - one Organisation per generator run; figures ask the same questions
    def members_on(self, unit_code: str, day: dt.date) -> list[str]:
        """Cost centres valid on `day` whose path up the hierarchy passes `unit_code`."""
        return [
            code
            for code in self.cost_centres
            if self.parent_on(code, day) is not None and unit_code in self.ancestors_on(code, day)
        ]
