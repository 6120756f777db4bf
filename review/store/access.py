"""Who may do what where: roles granted per organisation unit (review.store.models.Grant).

A grant on a unit covers the unit and every unit under it on the reporting date, as the
warehouse's own organisation history places them; a grant with no unit covers the
municipality. preparer: view, explain, comment, waive, submit; approver: also approve,
send back and reopen; auditor: view everything, change nothing.

THE CONTRACT BELOW IS SHARED BY THE WEB PAGES AND THE COMMAND LINE.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from warehouse.settings import Settings


class Action(StrEnum):
    VIEW = "view"
    EXPLAIN = "explain"
    COMMENT = "comment"
    WAIVE = "waive"
    SUBMIT = "submit"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    REOPEN = "reopen"
    AUDIT = "audit"  # read the audit log


def may(
    settings: Settings,
    user,
    action: Action,
    municipality: str,
    unit: str,
    on: dt.date | None = None,
) -> bool:
    """Whether `user` may take `action` on `unit` ("" = the municipality) of
    `municipality` on reporting date `on` (None: the latest reporting date)."""
    raise NotImplementedError


def units_in_scope(settings: Settings, user, municipality: str, on: dt.date) -> set[str] | None:
    """The units the user may view on the date (None: every unit of the municipality)."""
    raise NotImplementedError
