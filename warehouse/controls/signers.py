"""Who may sign off what: controls/signers.yaml maps OS users to the units they approve.

    signers:
      - user: tiina              # the OS login that runs `toteuma signoff`
        name: Tiina Talousjohtaja
        municipality: "111"
        units: all               # every unit, and the municipality as a whole
      - user: matti
        name: Matti Controller
        municipality: "111"
        units: ["600"]           # 600 and everything under it

A user who is not listed, or whose units do not include the unit signed off (or one
above it), is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

ALL_UNITS = "all"


@dataclass(frozen=True)
class Signer:
    user: str
    name: str
    municipality: str
    units: tuple[str, ...] | None  # None: every unit and the municipality as a whole

    def may_approve(self, municipality: str, unit: str | None, above: Iterable[str]) -> bool:
        """`above`: the unit's ancestors on the reporting date (the unit itself included)."""
        if municipality != self.municipality:
            return False
        if self.units is None:
            return True
        return unit is not None and bool(set(self.units) & {unit, *above})


def load_signers(path: Path) -> list[Signer]:
    if not path.exists():
        return []
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    signers = []
    for position, entry in enumerate(document.get("signers") or [], start=1):
        missing = [key for key in ("user", "municipality", "units") if not entry.get(key)]
        if missing:
            raise ValueError(f"{path.name}, hyväksyjä {position}: puuttuu {', '.join(missing)}")
        units = entry["units"]
        signers.append(
            Signer(
                user=str(entry["user"]),
                name=str(entry.get("name") or entry["user"]),
                municipality=str(entry["municipality"]),
                units=None if units == ALL_UNITS else tuple(str(unit) for unit in units),
            )
        )
    return signers


def permission(
    signers: list[Signer], user: str, municipality: str, unit: str | None, above: Iterable[str]
) -> Signer | None:
    """The signers.yaml entry that lets `user` approve the unit, or None."""
    above = list(above)
    for signer in signers:
        if signer.user == user and signer.may_approve(municipality, unit, above):
            return signer
    return None
