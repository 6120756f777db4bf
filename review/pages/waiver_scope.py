"""Which of the store's waivers apply to a failure as its page names it.

A failure page names a check at a place (review.pages.warehouse_reads.FailureKey:
municipality, unit, line, period; empty = any). A waiver (review.store.models.Waiver)
is listed there when the nightly gate would match it to a failing row of that place:
the matching itself is the gate's (warehouse.gate.waivers.Waiver.matches), so the page
and the run never disagree on what a waiver covers:

- same check (or its dbt test, assert_<check>);
- municipality: the failure's, or a waiver of no municipality;
- unit: the failure's, a waiver of no unit, or one "with sub-units" on a unit the
  failure's unit rolls up into on the failure's date (the `organisation`);
- line: the failure's, or a waiver of no line;
- period: the waiver's range covers the failure's period, or the waiver has none.

A part of the key left empty (the page of a check across units, say) restricts
nothing there. The largest difference a waiver allows is not judged: the page is about
every row of the place, whatever each row's difference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from review.pages.warehouse_reads import FailureKey
from review.store import access
from warehouse.gate.records import Evidence
from warehouse.gate.waivers import UnitsAbove
from warehouse.gate.waivers import Waiver as RuleWaiver


def applying(key: FailureKey, waivers: Iterable, organisation: UnitsAbove | None) -> list:
    """The waivers (review.store.models.Waiver, in the order given) that apply to the
    failure `key` names; `organisation` places units under others (None: a waiver with
    sub-units matches its own unit only)."""
    checks = {key.check, f"assert_{key.check}"}
    return [
        waiver
        for waiver in waivers
        if waiver.check_name in checks and _applies(key, waiver, organisation)
    ]


def _applies(key: FailureKey, waiver, organisation: UnitsAbove | None) -> bool:
    rule = as_rule(waiver)
    # an empty part of the key is any value: the waiver's own then, so that part matches
    row = Evidence(
        municipality_code=key.municipality or rule.municipality,
        org_unit_code=key.unit or rule.unit,
        line_code=key.line or rule.line,
        period=key.period or rule.period_from or rule.period_to,
    )
    return rule.matches(rule.check, row, organisation)


def as_rule(waiver) -> RuleWaiver:
    """The gate's waiver of a store Waiver (no largest difference: see the module)."""
    return RuleWaiver(
        check=waiver.check_name,
        reason=waiver.reason or "-",
        name=waiver.name or "-",
        expires=waiver.expires or dt.date.max,
        unit=waiver.unit or None,
        line=waiver.line or None,
        period_from=waiver.period_from or None,
        period_to=waiver.period_to or None,
        position=waiver.id or 0,
        descendants=bool(waiver.descendants),
        municipality=waiver.municipality or None,
    )


class AccessOrganisation:
    """The organisation as review.store.access reads it from the published warehouse:
    `above` is the unit itself or one it rolls up into on the date (gate's UnitsAbove)."""

    def __init__(self, settings) -> None:
        self.settings = settings

    def is_within(
        self, municipality: str | None, unit: str, above: str, on: dt.date | None
    ) -> bool:
        return above in access.ancestors(self.settings, municipality or "", unit, on)
