"""The decisions a controller makes, with their rules: one set for the web pages and the
command line (`toteuma waive`, `explain`, `signoff`, …).

Every function:
- checks the actor's rights on the server (review.store.access) and raises Forbidden,
  after auditing the refusal, when the actor may not act on that scope;
- validates the decision against the warehouse (known check, unit, line, reporting date)
  and raises Refused with every reason (Finnish sentences a controller understands);
- writes the decision and its AuditEntry in one transaction: nothing is half-saved.

`ctx` is a Context: the warehouse's settings (warehouse.settings.Settings: the published
file, the audit file and the candidate read through short-lived read-only connections)
and the acting user of the current store.

THE CONTRACT BELOW IS SHARED BY THE WEB PAGES AND THE COMMAND LINE: change a signature
only together with both callers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from warehouse.settings import Settings


class Refused(Exception):
    """The decision is not valid; `reasons` are Finnish sentences, each naming what is
    wrong (the value found and what was expected)."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("; ".join(reasons))


class Forbidden(Refused):
    """The actor has no right to this decision on this scope (HTTP 403); audited."""


class Conflict(Refused):
    """The object changed since the actor opened it (optimistic locking): nothing saved."""


@dataclass(frozen=True)
class Context:
    settings: Settings
    user: object  # django.contrib.auth.models.User of the current store
    today: dt.date | None = None  # None: today in Helsinki


@dataclass(frozen=True)
class WaiverRequest:
    check_name: str
    reason: str
    expires: dt.date
    municipality: str = ""
    unit: str = ""
    descendants: bool = False
    line: str = ""
    period_from: str = ""
    period_to: str = ""
    max_difference: Decimal | None = None


@dataclass(frozen=True)
class SectionText:
    line_code: str
    body: str


def add_waiver(ctx: Context, request: WaiverRequest):
    """A new Waiver (models.Waiver). Preparers and approvers within their grants."""
    raise NotImplementedError


def withdraw_waiver(ctx: Context, waiver_id: int, reason: str):
    raise NotImplementedError


def save_explanation(
    ctx: Context,
    municipality: str,
    unit: str,
    reporting_date: dt.date,
    narrative: str,
    sections: list[SectionText],
    based_on_version: int | None,
):
    """Create or replace the explanation; `based_on_version` is the version the editor
    opened (None: a new one). Conflict when someone saved in between. Refused for a unit
    not in the date's organisation, a line that is not a report line, a date that is not
    a reporting date, or a date whose release is approved (frozen)."""
    raise NotImplementedError


def add_comment(
    ctx: Context, check_name: str, municipality: str, unit: str, line: str, period: str, body: str
):
    raise NotImplementedError


def submit(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, note: str = ""):
    """The unit's preparer sends the date's figures for approval. Refused with every
    reason that would refuse the approval (unexplained deviations, blocking failures)."""
    raise NotImplementedError


def approve(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, comment: str = ""):
    """An approver signs off (unit "": the whole municipality): the figures are frozen in a
    SignOff, the unit and its sub-units become approved. Refused reasons as `toteuma
    signoff` gives them today."""
    raise NotImplementedError


def send_back(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, note: str):
    raise NotImplementedError


def reopen(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, reason: str):
    """An approver reopens an approved date (explicit, audited): the sign-off no longer
    applies from the next run."""
    raise NotImplementedError
