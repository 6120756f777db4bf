"""What every view shares: the warehouse's settings, the rights check with its audited
403 page, the styled 405 of a form's address opened as a page, the decisions' context,
dates and unit codes as URLs and forms carry them."""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.finnish import date_text, parse_date
from review.pages import warehouse_reads
from review.store import access, audit, decisions
from warehouse.settings import Settings

DATES_NAMED = 12  # an unknown date's error names this many reporting dates
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


def post_only(back: str):
    """require_POST with the site's page: a GET on a form's address is HTTP 405 (Allow:
    POST kept) with a Finnish page linking back, not Django's empty body. `back`: "unit"
    (the unit page of the URL's municipality, date and unit) or "failure" (the check's page)."""

    def decorate(view):
        posting = require_POST(view)

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = posting(request, *args, **kwargs)
            if response.status_code != 405 or response.content:
                return response
            if back == "unit":
                url = reverse("unit", args=[kwargs["municipality"], kwargs["date"],
                                            kwargs["unit"]])  # fmt: skip
                sentence = _("Tämä osoite on lomakkeen lähetystä varten: palaa yksikön sivulle.")
                label = _("Yksikön sivulle")
            else:
                url = reverse("failure", args=[kwargs["check"]])
                sentence = _(
                    "Tämä osoite on lomakkeen lähetystä varten: palaa tarkistuksen sivulle."
                )
                label = _("Tarkistuksen sivulle")
            shown = {"sentence": sentence, "url": url, "label": label}
            page = render(request, "pages/not_allowed.html", shown, status=405)
            page["Allow"] = response["Allow"]
            return page

        return wrapped

    return decorate


def unknown_municipality(municipality: str) -> str | None:
    """The error of a municipality the published warehouse does not have, naming those it
    has (None: known, or no published file to ask)."""
    known = warehouse_reads.choices(toteuma()).municipalities
    if not known or municipality in known:
        return None
    return _("tietovarastossa ei ole kuntaa '%(m)s' (on: %(known)s)") % {
        "m": municipality,
        "known": ", ".join(sorted(known)),
    }


def unknown_place(municipality: str, code: str, day: dt.date | None) -> list[str]:
    """The errors of a municipality, reporting date and unit (a URL's or a form's) that
    name nothing there is, each with the valid choices; [] when all exist. Asked before the
    rights: only a real lack of rights is a refusal (403, audited). `day` None: the unit is
    looked up in the latest reporting date's organisation."""
    unknown = unknown_municipality(municipality)
    if unknown:
        return [unknown]
    dates = warehouse_reads.choices(toteuma(), municipality).dates
    if day is not None and dates and day not in dates:
        shown = ", ".join(date_text(d) for d in dates[:DATES_NAMED])
        more = _(" (ja vanhempia)") if len(dates) > DATES_NAMED else ""
        return [
            _("%(day)s ei ole kunnan %(m)s raportointipäivä; päivät uusin ensin: %(dates)s%(more)s")
            % {"day": date_text(day), "m": municipality, "dates": shown, "more": more}
        ]
    on = day or (dates[0] if dates else None)
    if code and on is not None:
        names = access.unit_names(toteuma(), municipality, on)
        if names and code not in names:
            return [
                _("Yksikköä %(unit)s ei ole päivän %(day)s organisaatiossa (kunta %(m)s).")
                % {"unit": code, "day": date_text(on), "m": municipality}
            ]
    return []
