"""The approvers of an older controls folder (controls/signers.yaml), brought into the
store as users and approver grants by `toteuma controls import`; an exported folder
lists the store's approvers in the same form, for reading only.

    signers:
      - user: tiina              # the OS login that runs `toteuma signoff`
        name: Tiina Talousjohtaja
        municipality: "111"
        units: all               # every unit, and the municipality as a whole
      - user: matti
        name: Matti Controller
        municipality: "111"
        units: ["600"]           # 600 and everything under it

Who may approve is the store's rule now (review.store.access): an imported user has no
password until an administrator sets one.
"""

from __future__ import annotations

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
