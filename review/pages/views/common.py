"""What every view shares: the warehouse's settings, the rights check with its audited
403 page, the decisions' context, dates and unit codes as URLs and forms carry them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports.finnish import parse_date
from review.store import access, audit, decisions
from warehouse.settings import Settings

WHOLE_MUNICIPALITY = "kunta"  # the unit part of a URL for the municipality as a whole


def toteuma() -> Settings:
    """The warehouse this application serves (review.site.settings.TOTEUMA, resolved once
    per process from warehouse/settings.py; tests override it)."""
    return django_settings.TOTEUMA


def context(request: HttpRequest) -> decisions.Context:
    return decisions.Context(toteuma(), request.user)


def refuse(
    request: HttpRequest,
    action: access.Action,
    municipality: str,
    unit: str,
    object_type: str = "page",
    object_key: str = "",
    reasons: list[str] | None = None,
    record: bool = True,
) -> HttpResponse:
    """HTTP 403 with a Finnish page naming what was refused; recorded in the audit trail
    (record=False: decisions.* recorded it already)."""
    user = request.user
    where = (
        f"yksikössä {unit} (kunta {municipality})" if unit else f"kunnassa {municipality or '-'}"
    )
    sentence = (
        f"käyttäjä {user.username} ei saa {access.ACTION_NAMES[access.Action(action)]}"
        f" {where}: käyttöoikeudet antaa ylläpitäjä"
    )
    reasons = reasons or [sentence]
    if record:
        audit.record(
            user.username,
            str(action),
            outcome="refused",
            object_type=object_type,
            object_key=object_key or f"{municipality}/{unit or '-'}",
            reason="; ".join(reasons),
        )
    return render(request, "pages/forbidden.html", {"reasons": reasons}, status=403)


def require(
    request: HttpRequest,
    action: access.Action,
    municipality: str,
    unit: str,
    on: dt.date | None,
    object_type: str = "page",
    object_key: str = "",
) -> HttpResponse | None:
    """None when the user may take the action there; else the audited 403 response."""
    if municipality and access.may(toteuma(), request.user, action, municipality, unit, on):
        return None
    return refuse(request, action, municipality, unit, object_type, object_key)


def day_or_none(text: str | None) -> dt.date | None:
    """A date typed as 31.3.2026 or 2026-03-31; None for empty; ValueError in Finnish."""
    if not text or not text.strip():
        return None
    return parse_date(text)


def unit_from_url(unit: str) -> str:
    """The store's unit code of a URL's unit part ("kunta" -> "" = the municipality)."""
    return "" if unit == WHOLE_MUNICIPALITY else unit


def unit_to_url(unit: str) -> str:
    return unit or WHOLE_MUNICIPALITY


def municipalities(request: HttpRequest) -> list[str]:
    """The municipalities the user has any grant in."""
    return access.municipalities_of(request.user)


def chosen_municipality(request: HttpRequest, given: str | None) -> str | None:
    """The municipality a page is about: the one asked (GET municipality), else the user's
    only (or first) one; None when the user has no grant at all."""
    if given:
        return given
    mine = municipalities(request)
    return mine[0] if mine else None
