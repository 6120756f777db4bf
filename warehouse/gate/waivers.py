"""Accepted deviations: a controller waives a known failure with a reason, a name and an expiry.

waivers.yaml (under version control) holds a list like

    waivers:
      - check: assert_forecast_grains_agree   # the check's name as `toteuma failures` shows it
        unit: "600"                            # optional: org unit (or cost centre) code
        line: TOIMINTAKULUT                    # optional: line, account or item
        period: "2026-03-31"                   # optional: reporting date or month
        reason: Forecast lines are updated after the April board meeting
        name: Controller Name
        expires: 2026-06-30

A waived failure stays visible (status 'waived') and no longer blocks. An expired
waiver does not apply; an expired or unmatched waiver is itself reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from warehouse.gate.records import CheckResult, Evidence

REQUIRED = ("check", "reason", "name", "expires")


@dataclass(frozen=True)
class Waiver:
    check: str
    reason: str
    name: str
    expires: dt.date
    unit: str | None = None
    line: str | None = None
    period: str | None = None
    position: int = 0  # 1-based entry number in the file, for messages

    def matches(self, check_name: str, row: Evidence) -> bool:
        return (
            self.check == check_name
            and self.unit in (None, row.org_unit_code)
            and self.line in (None, row.line_code)
            and self.period in (None, row.period)
        )

    def describe(self) -> str:
        return f"{self.reason} ({self.name}, until {self.expires.isoformat()})"


def load_waivers(path: Path) -> list[Waiver]:
    """Read waivers.yaml; a malformed entry is an error naming its position and field."""
    if not path.exists():
        return []
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    waivers = []
    for position, entry in enumerate(document.get("waivers") or [], start=1):
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            raise ValueError(f"{path.name}, waiver {position}: missing {', '.join(missing)}")
        expires = entry["expires"]
        if isinstance(expires, str):
            expires = dt.date.fromisoformat(expires)
        waivers.append(
            Waiver(
                check=str(entry["check"]),
                reason=str(entry["reason"]),
                name=str(entry["name"]),
                expires=expires,
                unit=_text(entry.get("unit")),
                line=_text(entry.get("line")),
                period=_text(entry.get("period")),
                position=position,
            )
        )
    return waivers


def _text(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def apply_waivers(results: list[CheckResult], waivers: list[Waiver], today: dt.date) -> CheckResult:
    """Mark waived evidence rows; return the check that reports expired and unmatched waivers."""
    used: set[int] = set()
    for result in results:
        for row in result.evidence:
            for waiver in waivers:
                if waiver.matches(result.check_name, row):
                    used.add(waiver.position)
                    if waiver.expires >= today:
                        row.status, row.waiver = "waived", waiver.describe()
                        break
    problems = [_problem(w, "expired") for w in waivers if w.expires < today]
    problems += [
        _problem(w, "matches no failure of this run")
        for w in waivers
        if w.position not in used and w.expires >= today
    ]
    return CheckResult(
        check_name="waivers_are_current_and_used",
        layer="waivers",
        severity="warn",
        explanation="A waiver that expired or matches nothing should be renewed or removed.",
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
        explanation=f"Waiver {waiver.position} for {waiver.check} {what}: {waiver.describe()}",
    )
