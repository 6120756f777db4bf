"""What the documents print about one reporting date: units with their rows, in the
seeds' order (a unit, then the units under it, by code), with release and publication."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reports.finnish import date_text

LEVEL_ORDER = ("KUNTA", "TOIMIALA", "LAUTAKUNTA", "PALVELUALUE", "VASTUUALUE", "KUSTANNUSPAIKKA")
TABLES = (
    "income_statement",
    "binding_budget",
    "investments",
    "explanations",
    "goals",
    "indicators",
    "risks",
    "projects",
)


@dataclass(frozen=True)
class Publication:
    published_at: dt.datetime | None  # UTC, as meta.publication keeps it
    run_id: str | None


@dataclass(frozen=True)
class Release:
    status: str = "preliminary"
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    has_changed_figures: bool = False

    @classmethod
    def from_row(cls, row: dict) -> Release:
        return cls(
            row.get("release_status") or "preliminary",
            row.get("approved_by"),
            row.get("approved_at"),
            bool(row.get("has_changed_figures")),
        )

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"


@dataclass
class Unit:
    municipality_code: str
    code: str
    name: str
    level: str
    depth: int = 0
    tables: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLES})
    release: Release = field(default_factory=Release)
    failures: list[dict] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.municipality_code, self.code)


@dataclass(frozen=True)
class ReportingDate:
    reporting_date: dt.date
    municipality_names: dict[str, str]
    publication: Publication
    units: list[Unit]

    def municipality_name(self, code: str) -> str:
        return self.municipality_names.get(code) or f"kunta {code}"


def tree_order(units: list[Unit], parents: dict[tuple[str, str], str]) -> list[Unit]:
    """Depth first: each unit followed by the units under it, siblings by code. A unit
    whose parent has no rows is a root; roots go by level, then code."""
    by_key = {unit.key: unit for unit in units}
    children: dict[tuple[str, str] | None, list[Unit]] = {}
    for unit in units:
        parent = (unit.municipality_code, parents.get(unit.key, ""))
        children.setdefault(parent if parent in by_key else None, []).append(unit)
    ordered: list[Unit] = []
    stack = [(unit, 0) for unit in sorted(children.get(None, []), key=_root_key, reverse=True)]
    while stack:
        unit, depth = stack.pop()
        unit.depth = depth
        ordered.append(unit)
        below = sorted(children.get(unit.key, []), key=_code_key, reverse=True)
        stack += [(child, depth + 1) for child in below]
    return ordered


def subtree(units: list[Unit], root: Unit) -> list[Unit]:
    """`root` and the units after it in tree order that are deeper than it."""
    start = units.index(root)
    end = next(
        (i for i in range(start + 1, len(units)) if units[i].depth <= root.depth), len(units)
    )
    return units[start:end]


def unit_scope(data: ReportingDate, unit_code: str) -> list[Unit]:
    """The unit `unit_code` of the date and every unit under it, in tree order; ValueError
    naming the date's units when it has no figures that day."""
    found = next((unit for unit in data.units if unit.code == unit_code), None)
    if found is None:
        known = ", ".join(f"{unit.code} {unit.name}" for unit in data.units)
        raise ValueError(
            f"yksiköllä {unit_code} ei ole lukuja päivältä {date_text(data.reporting_date)}. "
            f"Sen päivän yksiköt: {known}."
        )
    return subtree(data.units, found)


def _code_key(unit: Unit) -> tuple:
    return (unit.municipality_code, len(unit.code), unit.code)


def _root_key(unit: Unit) -> tuple:
    level = LEVEL_ORDER.index(unit.level) if unit.level in LEVEL_ORDER else len(LEVEL_ORDER)
    return (unit.municipality_code, level, len(unit.code), unit.code)
