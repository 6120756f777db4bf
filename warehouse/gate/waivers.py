"""Accepted deviations: a controller waives known failures, by rule, with a reason, a name
and an expiry.

controls/waivers.yaml (under version control; `toteuma waive` writes validated entries)
holds a list like

    waivers:
      - check: realization_within_full_year_budget   # as `toteuma failures` names it
        municipality: "111"      # optional: only this municipality's failures
        unit: "600"              # optional: org unit (or cost centre) code
        descendants: true        # optional: and every unit under it on the failure's date
        line: AINEET             # optional: line, account or item
        period_from: 2026-01     # optional: a period range (dates, months or years) ...
        period_to: 2026-03-31
        # period: "2026-03-31"   # ... or one period (a month covers its days, a year its months)
        max_difference: 100      # optional: only failures differing by at most 100 €
        reason: Overrun covered by the amendment of 14.4.
        name: Controller Name
        expires: 2026-06-30

A waived failure stays visible (status 'waived') and no longer blocks. An expired
waiver does not apply; an expired or unmatched waiver is itself reported.

This is the one place a failing row is matched to a waiver (`waiver_for`): the gate
applies waivers to every check of a run (`apply_waivers`), and the loader asks whether a
landing file's failing expectations are waived before it quarantines the file
(`covers_failure`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Protocol

import yaml

from reports.finnish import date_text, helsinki, period_end, period_span
from warehouse.gate.records import CheckResult, Evidence

REQUIRED = ("check", "reason", "name", "expires")
OPTIONAL = (
    "municipality", "unit", "descendants", "line", "period", "period_from", "period_to",
    "max_difference",
)  # fmt: skip


class UnitsAbove(Protocol):
    def is_within(
        self, municipality: str | None, unit: str, above: str, on: dt.date | None
    ) -> bool: ...


@dataclass(frozen=True)
class Waiver:
    check: str
    reason: str
    name: str
    expires: dt.date
    unit: str | None = None
    line: str | None = None
    period_from: str | None = None  # `period: X` is period_from = period_to = X
    period_to: str | None = None
    position: int = 0  # 1-based entry number in the file, for messages
    descendants: bool = False
    max_difference: Decimal | None = None
    # codes are unique within a municipality only: a warehouse of many names it
    municipality: str | None = None

    @property
    def period(self) -> str | None:
        """The period as the failures name it: one period, or 'from..to'."""
        if self.period_from == self.period_to:
            return self.period_from
        return f"{self.period_from or ''}..{self.period_to or ''}"

    def matches(
        self, check_name: str, row: Evidence, organisation: UnitsAbove | None = None
    ) -> bool:
        """`organisation` places units under others; without it `descendants` is ignored
        and only the unit itself matches."""
        return (
            self.check == check_name
            and self.municipality in (None, row.municipality_code)
            and self._unit_matches(row, organisation)
            and self.line in (None, row.line_code)
            and self._period_matches(row.period)
            and self._difference_matches(row.difference)
        )

    def _unit_matches(self, row: Evidence, organisation: UnitsAbove | None) -> bool:
        if self.unit in (None, row.org_unit_code):
            return True
        if not (self.descendants and organisation and row.org_unit_code):
            return False
        return organisation.is_within(
            row.municipality_code, row.org_unit_code, self.unit, period_end(row.period)
        )

    def _period_matches(self, period: str | None) -> bool:
        """The failure's period lies within the waiver's: a month waives its days, a year
        its months and days; a failure without a period matches only a waiver without."""
        if self.period_from is None and self.period_to is None:
            return True
        if period is not None and period == self.period:
            return True
        row = period_span(period)
        if row is None:
            return False
        start = period_span(self.period_from) if self.period_from else None
        end = period_span(self.period_to) if self.period_to else None
        return (start is None or start[0] <= row[0]) and (end is None or row[1] <= end[1])

    def _difference_matches(self, difference: Decimal | None) -> bool:
        if self.max_difference is None:
            return True
        return difference is not None and abs(difference) <= self.max_difference

    def describe(self) -> str:
        return f"{self.reason} ({self.name}, voimassa {date_text(self.expires)} asti)"


def waiver_day(now: dt.datetime | None = None) -> dt.date:
    """The day on which a run judges waivers: the calendar day on Helsinki's clock at `now`
    (default: now; a naive time is UTC, as the audit history stores it).

    An expiry is a Finnish date ("voimassa 30.6.2026 asti", as the store accepts it on
    Helsinki's day): the waiver holds through that day, whatever the server's zone. The
    gate, the landing files' waivers and `toteuma run`'s look before it starts
    (orchestration/nothing_new.py) all use this day: a look that judged on another day
    than the gate would let a quiet night hide a waiver that has expired."""
    return helsinki(now or dt.datetime.now(dt.UTC)).date()


def load_waivers(path: Path) -> list[Waiver]:
    """Read waivers.yaml; a malformed entry is an error naming its position and field."""
    if not path.exists():
        return []
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        parse_waiver(entry, position, path.name)
        for position, entry in enumerate(document.get("waivers") or [], start=1)
    ]


def parse_waiver(entry: dict, position: int, file_name: str = "waivers.yaml") -> Waiver:
    where = f"{file_name}, poikkeuslupa {position}"
    missing = [key for key in REQUIRED if not entry.get(key)]
    if missing:
        fields = "kenttä" if len(missing) == 1 else "kentät"
        raise ValueError(f"{where}: puuttuu {fields} {', '.join(missing)}")
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        known = ", ".join(REQUIRED + OPTIONAL)
        fields = "kenttä" if len(unknown) == 1 else "kentät"
        raise ValueError(
            f"{where}: tuntematon {fields} {', '.join(unknown)} (sallitut kentät: {known})"
        )
    if entry.get("period") and (entry.get("period_from") or entry.get("period_to")):
        raise ValueError(f"{where}: anna joko period tai period_from/period_to, ei molempia")
    for key in ("period", "period_from", "period_to"):
        if entry.get(key) is not None and period_end(_text(entry[key])) is None:
            raise ValueError(
                f"{where}: {key} '{entry[key]}' ei ole päivämäärä, kuukausi eikä vuosi"
            )
    expires = entry["expires"]
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            raise ValueError(
                f"{where}: expires '{expires}' ei ole päivämäärä (muodossa VVVV-KK-PP)"
            ) from None
    return Waiver(
        check=str(entry["check"]),
        reason=str(entry["reason"]),
        name=str(entry["name"]),
        expires=expires,
        unit=_text(entry.get("unit")),
        line=_text(entry.get("line")),
        period_from=_text(entry.get("period") or entry.get("period_from")),
        period_to=_text(entry.get("period") or entry.get("period_to")),
        position=position,
        descendants=bool(entry.get("descendants")),
        max_difference=_amount(entry.get("max_difference"), where),
        municipality=_text(entry.get("municipality")),
    )


def _text(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _amount(value, where: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return abs(Decimal(str(value).replace(",", ".").replace(" ", "")))
    except InvalidOperation:
        raise ValueError(f"{where}: max_difference '{value}' ei ole euromäärä") from None


def waiver_for(
    check_name: str,
    row: Evidence,
    waivers: list[Waiver],
    today: dt.date,
    organisation: UnitsAbove | None = None,
) -> Waiver | None:
    """The first waiver in the file that matches the failing row and has not expired."""
    found = list(_matching(check_name, row, waivers, today, organisation))
    return found[-1] if found and found[-1].expires >= today else None


def _matching(check_name, row, waivers, today, organisation) -> Iterator[Waiver]:
    """The waivers matching the row, in file order, up to the first that has not expired."""
    for waiver in waivers:
        if waiver.matches(check_name, row, organisation):
            yield waiver
            if waiver.expires >= today:
                return


def covers_failure(
    check_name: str, rows: list[Evidence], failing_rows: int, waivers: list[Waiver], today: dt.date
) -> bool:
    """Whether current waivers cover a failing check of which `rows` are shown (a landing
    file's failure, decided while it loads): every row shown is waived, and rows beyond
    those shown only by a waiver of the whole check (no unit, no line)."""
    covered = all(waiver_for(check_name, row, waivers, today) for row in rows)
    unseen = failing_rows > max(len(rows), 1)
    whole_check = any(
        w.check == check_name and w.unit is None and w.line is None and w.expires >= today
        for w in waivers
    )
    return covered and (not unseen or whole_check)


def apply_waivers(
    results: list[CheckResult],
    waivers: list[Waiver],
    today: dt.date,
    organisation: UnitsAbove | None = None,
) -> CheckResult:
    """Mark waived evidence rows; return the check that reports expired and unmatched waivers."""
    used: set[int] = set()
    for result in results:
        for row in result.evidence:
            for waiver in _matching(result.check_name, row, waivers, today, organisation):
                used.add(waiver.position)
                if waiver.expires >= today:
                    row.status, row.waiver = "waived", waiver.describe()
    problems = [_problem(w, "on vanhentunut") for w in waivers if w.expires < today]
    problems += [
        _problem(w, "ei koske yhtään tämän ajon poikkeamaa")
        for w in waivers
        if w.position not in used and w.expires >= today
    ]
    return CheckResult(
        check_name="waivers_are_current_and_used",
        layer="waivers",
        severity="warn",
        explanation="Vanhentunut tai mihinkään poikkeamaan osumaton poikkeuslupa pitää uusia tai"
        " poistaa.",
        asset="waivers.yaml",
        evidence=problems,
        failures=len(problems),
    )


def _problem(waiver: Waiver, what: str) -> Evidence:
    return Evidence(
        org_unit_code=waiver.unit,
        line_code=waiver.line,
        period=waiver.period,
        source_file="waivers.yaml",
        source_row=waiver.position,
        explanation=(
            f"Poikkeuslupa {waiver.position} tarkistukselle {waiver.check} {what}:"
            f" {waiver.describe()}"
        ),
    )
