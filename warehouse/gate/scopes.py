"""What a failure holds back: the scope of each error-severity failure, and the night's
withholding.

A night publishes everything whose scope is clean. Every unwaived failing row of an
error-severity check belongs to one scope:
- a file check (what came in) to its file's: a municipality's ledger month, forecast
  month, budget year or master data (organisation, chart of accounts), or a unit's goal
  workbook; ingest records which with each file check (`warehouse.gate.file_checks`);
- a dbt test to its row's municipality (a goal model's test: the row's unit's goals);
- anything that cannot be attributed — a row without a municipality, a test of a shared
  seed, a check that could not run — to the whole warehouse.

What a scope holds back when published (`Holding`): a whole-warehouse scope withholds
the publication; a municipality's scope (ledger month, forecast, budget, master data, a
finance test) keeps every published row of that municipality as it was, in every table,
so the municipality shows one consistent earlier state, never half of a new one; a goal
workbook's scope keeps that unit's rows of the goal tables as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

WAREHOUSE = "warehouse"
LEDGER_MONTH = "ledger_month"
FORECAST_MONTH = "forecast_month"
BUDGET_YEAR = "budget_year"
MASTER_DATA = "master_data"
MUNICIPALITY = "municipality"
GOAL_WORKBOOK = "goal_workbook"
# Scope kinds that hold a whole municipality back (every table with its rows).
_MUNICIPALITY_WIDE = {LEDGER_MONTH, FORECAST_MONTH, BUDGET_YEAR, MASTER_DATA, MUNICIPALITY}


@dataclass(frozen=True, order=True)
class Scope:
    """The part of the warehouse one failure holds back."""

    kind: str  # one of the kinds above
    municipality_code: str = ""  # '' only for the whole warehouse (or goals of unknown place)
    org_unit_code: str = ""  # a goal workbook's unit; '' every unit
    period: str = ""  # '2026-03' (a month) or '2026' (a budget year)

    @property
    def holds_municipality(self) -> bool:
        return self.kind in _MUNICIPALITY_WIDE and bool(self.municipality_code)

    @property
    def holds_warehouse(self) -> bool:
        if self.kind == GOAL_WORKBOOK:
            return False
        return self.kind == WAREHOUSE or not self.municipality_code

    @property
    def described(self) -> str:
        """The scope in Finnish, as controllers read it: 'kunnan 111 kirjanpito 3/2026'."""
        kunta = f"kunnan {self.municipality_code}"
        if self.kind == LEDGER_MONTH:
            return f"{kunta} kirjanpito {_month(self.period)}"
        if self.kind == FORECAST_MONTH:
            return f"{kunta} ennuste {_month(self.period)}"
        if self.kind == BUDGET_YEAR:
            return f"{kunta} talousarvio {self.period}"
        if self.kind == MASTER_DATA:
            return f"{kunta} perustiedot (organisaatio ja tilikartta)"
        if self.kind == MUNICIPALITY:
            return f"{kunta} luvut"
        if self.kind == GOAL_WORKBOOK:
            if not self.municipality_code:
                return "kaikkien kuntien tavoitteet (työkirjan yksikkö ei selvinnyt)"
            if not self.org_unit_code:
                return f"{kunta} tavoitteet"
            return f"{kunta} yksikön {self.org_unit_code} tavoitteet"
        return "koko tietovarasto"


def _month(period: str) -> str:
    if len(period) == 7:
        return f"{int(period[5:])}/{period[:4]}"
    return period


def month_scope(kind: str, municipality_code: str | None, period: str | None) -> Scope:
    """A file's scope from what ingest recorded with its check (kind as `Scope.kind`)."""
    if not municipality_code:
        return Scope(WAREHOUSE)
    return Scope(kind, municipality_code, "", period or "")


@dataclass(frozen=True)
class Holding:
    """What a night's withheld scopes hold back, in the publication's terms."""

    scopes: tuple[Scope, ...]
    # every municipality the candidate has data of: when all are held, nothing is new
    municipalities: frozenset[str] = frozenset()

    @property
    def whole_warehouse(self) -> bool:
        held = self.held_municipalities
        # no municipality left to publish anything new of
        everything = bool(held) and self.municipalities <= held
        return any(scope.holds_warehouse for scope in self.scopes) or everything

    @property
    def held_municipalities(self) -> frozenset[str]:
        return frozenset(s.municipality_code for s in self.scopes if s.holds_municipality)

    @property
    def held_goals(self) -> tuple[tuple[str, str], ...]:
        """(municipality, unit) whose goal rows stay as published; '' stands for every
        one (a municipality's every unit, or every municipality). Goals of a municipality
        held as a whole are not repeated here."""
        held = self.held_municipalities
        return tuple(
            sorted(
                {
                    (scope.municipality_code, scope.org_unit_code)
                    for scope in self.scopes
                    if scope.kind == GOAL_WORKBOOK and scope.municipality_code not in held
                }
            )
        )

    @property
    def decision(self) -> str:
        """publish (nothing held), partial (some scopes held), withheld (nothing new)."""
        if not self.scopes:
            return "publish"
        return "withheld" if self.whole_warehouse else "partial"


def scope_of_row(
    domain: str | None, municipality_code: str | None, org_unit_code: str | None
) -> Scope:
    """The scope of one failing row of a dbt test: 'goals' tests hold the row's unit's
    goals, 'shared' tests (seeds every municipality reads) the whole warehouse, any other
    the row's municipality."""
    if domain == "shared":
        return Scope(WAREHOUSE)
    if domain == "goals":
        return Scope(GOAL_WORKBOOK, municipality_code or "", org_unit_code or "")
    if not municipality_code:
        return Scope(WAREHOUSE)
    return Scope(MUNICIPALITY, municipality_code)


def merged(scopes: Iterable[Scope]) -> tuple[Scope, ...]:
    """The scopes in a stable order, without one already inside another (a unit's goals
    inside its municipality's goals)."""
    found = set(scopes)
    whole_goals = {
        s.municipality_code for s in found if s.kind == GOAL_WORKBOOK and not s.org_unit_code
    }
    kept = {
        s
        for s in found
        if not (
            s.kind == GOAL_WORKBOOK
            and s.org_unit_code
            and ("" in whole_goals or s.municipality_code in whole_goals)
        )
    }
    return tuple(sorted(kept))
