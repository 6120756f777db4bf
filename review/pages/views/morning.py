"""Aamukatsaus: the latest run's failures on open reporting dates for the user's units.

GET filters (all optional): `date` (31.3.2026 or 2026-03-31), `unit` (the unit and every
unit under it), `check`, `new=1` (only rows that did not fail in the previous run),
`municipality`. A filter naming nothing there is (unknown unit, check, or a date that is
not a reporting date) is an error naming the valid choices (HTTP 400), never an empty
all-clear. Rows outside the user's grants (review.store.access.units_in_scope) are never
shown; a unit filter outside them is refused (403, audited).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import replace
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reports.failures import text
from reports.failures.choices import unknown_filters
from reports.failures.query import Filters
from reports.finnish import date_text, period_end, period_text
from review.pages import labels, warehouse_reads
from review.pages.views.common import (
    chosen_municipality,
    day_or_none,
    municipalities,
    refuse,
    require,
    toteuma,
    unit_to_url,
)
from review.store import access

EXPLANATION_CHECK = "deviations_explained"
ROWS_PER_CHECK = 25  # a check's rows on the queue; its own filter shows them all
DATE_CHOICES = 16
UNIT_CHOICES_NAMED = 20  # an unknown unit's error names this many of the user's units
CHECK_CHOICES_NAMED = 30  # an unknown check's error names this many of the run's checks


@login_required
@require_safe
def morning(request: HttpRequest) -> HttpResponse:
    settings = toteuma()
    municipality = chosen_municipality(request, request.GET.get("municipality"))
    if municipality is None:
        return render(request, "pages/morning.html", {"no_grants": True})
    errors = []
    try:
        day = day_or_none(request.GET.get("date"))
    except ValueError as problem:
        errors.append(str(problem))
        day = None
    unit = (request.GET.get("unit") or "").strip()
    check = (request.GET.get("check") or "").strip()
    new = request.GET.get("new") in ("1", "on", "true")
    # below the materiality threshold: hidden by default, shown alone on request
    severity = "info" if request.GET.get("severity") == "info" else None
    filters = Filters(day, unit or None, check or None, severity, new, False, municipality)

    known = warehouse_reads.choices(settings).municipalities
    if known and municipality not in known:
        errors.append(
            _("tietovarastossa ei ole kuntaa '%(m)s' (on: %(known)s)")
            % {"m": municipality, "known": ", ".join(sorted(known))}
        )
    elif municipality not in municipalities(request):
        return refuse(request, access.Action.VIEW, municipality, unit, "morning")
    choices = warehouse_reads.choices(settings, municipality)
    data = warehouse_reads.failures(settings, [municipality], filters)
    context = _form_context(request, municipality, choices, data, filters)
    # the municipality and the unit are judged here (once, the units named from the
    # user's own), the check and the date as `toteuma failures` judges them
    errors += unknown_filters(replace(filters, municipality=None, unit=None, check=None),
                              data.report, choices)  # fmt: skip
    if check and not ({check, f"assert_{check}"} & set(data.report.checks)):
        errors.append(_unknown_check(check, data.failing_checks, sorted(data.report.checks)))
    if unit and choices.units and unit not in choices.units:
        errors.append(_unknown_unit(unit, context["unit_choices"]))
    if errors:
        return render(request, "pages/morning.html", {**context, "errors": errors}, status=400)
    if unit:
        refused = require(request, access.Action.VIEW, municipality, unit, day, "morning")
        if refused is not None:
            return refused
    rows = _in_scope(request, municipality, data.report.rows)
    explain = [row for row in rows if row["check_name"] == EXPLANATION_CHECK]
    others = [row for row in rows if row["check_name"] != EXPLANATION_CHECK]
    context = {
        **context,
        "report": data.report,
        "rows_total": len(rows),
        "novelty": Counter(row["novelty"] or "" for row in rows),
        "severity": Counter(row["row_severity"] for row in rows),
        "checks": _checks(data.report, others, capped=not check, municipality=municipality),
        "explain": [_shown(row) for row in explain],
        "below_materiality": len(_in_scope(request, municipality, data.below_materiality)),
        "below_materiality_url": reverse("morning")
        + "?"
        + urlencode({**request.GET.dict(), "severity": "info"}),
        "dates_shown": [
            date_text(d) for d in sorted({_day(r) for r in rows if _day(r)}, reverse=True)
        ],  # fmt: skip
    }
    return render(request, "pages/morning.html", context)


def _unknown_check(check: str, failing: list[str], checks: list[str]) -> str:
    """The error of a check the run does not have, naming the closest and the run's checks,
    those with failing rows first (the first CHECK_CHOICES_NAMED, then how many more); the
    web's own wording, without the command-line hint of
    reports.failures.choices.unknown_filters."""
    close = difflib.get_close_matches(check, checks, n=5, cutoff=0.5)
    checks = list(dict.fromkeys([*failing, *checks]))
    named = ", ".join(checks[:CHECK_CHOICES_NAMED])
    more = len(checks) - CHECK_CHOICES_NAMED
    if more > 0:
        named += " " + _("… ja %(n)s muuta") % {"n": more}
    problem = _("ajossa ei ole tarkistusta '%(check)s'") % {"check": check}
    if close:
        problem += "; " + _("lähimmät: %(checks)s") % {"checks": ", ".join(close)}
    if named:
        problem += "; " + _("ajon tarkistukset: %(checks)s") % {"checks": named}
    return problem


def _unknown_unit(unit: str, choices: list[tuple[str, str]]) -> str:
    """The error of a unit the warehouse does not have, naming the units the user may
    choose (the first UNIT_CHOICES_NAMED of them, then how many more)."""
    named = ", ".join(f"{code} {name}" for code, name in choices[:UNIT_CHOICES_NAMED])
    more = len(choices) - UNIT_CHOICES_NAMED
    if more > 0:
        named += " " + _("… ja %(n)s muuta") % {"n": more}
    if not named:
        return _("tietovarastossa ei ole yksikköä '%(unit)s'") % {"unit": unit}
    return _("tietovarastossa ei ole yksikköä '%(unit)s'; valittavissa: %(units)s") % {
        "unit": unit,
        "units": named,
    }


def _in_scope(request: HttpRequest, municipality: str, rows: list[dict]) -> list[dict]:
    """The rows the user may view: a unit's rows where their grants cover the unit on the
    row's date; rows of no unit (a file, the municipality) for municipality-wide grants."""
    settings = toteuma()
    scopes: dict[dt.date | None, set[str] | None] = {}
    kept = []
    for row in rows:
        day = _day(row)
        if day not in scopes:
            scopes[day] = access.units_in_scope(settings, request.user, municipality, day)
        scope = scopes[day]
        if scope is None or (row["org_unit_code"] and row["org_unit_code"] in scope):
            kept.append(row)
    return kept


def _day(row: dict) -> dt.date | None:
    return period_end(row["period"])


def _checks(report, rows: list[dict], capped: bool, municipality: str) -> list[dict]:
    checks = []
    for name, group in groupby(rows, key=lambda row: row["check_name"]):
        group = list(group)
        info = report.checks.get(name)
        shown = group[:ROWS_PER_CHECK] if capped else group
        checks.append(
            {
                "name": name,
                "severity": group[0]["severity"],
                "severity_text": labels.SEVERITY.get(group[0]["severity"], group[0]["severity"]),
                "layer_text": labels.LAYER.get(group[0]["layer"], group[0]["layer"]),
                "explanation": info.explanation if info else "",
                "count": len(group),
                "novelty": Counter(row["novelty"] or "" for row in group),
                "rows": [_shown(row) for row in shown],
                "more": len(group) - len(shown),
                "all_url": reverse("morning")
                + "?"
                + urlencode({"municipality": municipality, "check": name}),
            }
        )
    return checks


def _shown(row: dict) -> dict:
    """A failing row as the queue prints it, with the links to its failure and unit pages."""
    day = _day(row)
    key = {
        "municipality": row["municipality_code"] or "",
        "unit": row["org_unit_code"] or "",
        "line": row["line_code"] or "",
        "period": row["period"] or "",
    }
    failure_url = reverse("failure", args=[row["check_name"]]) + "?" + urlencode(key)
    unit_url = None
    if row["municipality_code"] and day is not None:
        unit_url = reverse(
            "unit",
            args=[row["municipality_code"], day.isoformat(), unit_to_url(row["org_unit_code"])],
        )
    return {
        **row,
        "unit_label": text.unit_label(row),
        "line_label": text.line_label(row) if row["line_code"] else "",
        "period_label": period_text(row["period"]),
        "figures": text.figures(row),
        "place": text.place(row),
        "sentence": text.flat(row["explanation"]),
        "failure_url": failure_url,
        "unit_url": unit_url,
    }


def _form_context(request, municipality, choices, data, filters: Filters) -> dict:
    settings = toteuma()
    mine = municipalities(request)
    latest = choices.dates[0] if choices.dates else None
    on = filters.date if filters.date in choices.dates else latest
    scope = access.units_in_scope(settings, request.user, municipality, on) if on else set()
    names = access.unit_names(settings, municipality, on) if on else {}
    units = sorted(
        ((code, name) for code, name in names.items() if scope is None or code in scope),
        key=lambda item: (len(item[0]), item[0]),
    )
    return {
        "municipality": municipality,
        "municipalities": mine,
        "unit_choices": units,
        "check_choices": data.failing_checks if data else [],
        "date_choices": [(d.isoformat(), date_text(d)) for d in choices.dates[:DATE_CHOICES]],
        "filters": filters,
        "selected": {
            "date": filters.date.isoformat() if filters.date else "",
            "unit": filters.unit or "",
            "check": filters.check or "",
            "new": filters.new,
            "severity": filters.severity or "",
        },
    }
