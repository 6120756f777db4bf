"""Lataukset: the board's documents and the failures workbook for the user's scope.

GET lataukset/<kind>/?municipality=111&unit=600&date=2026-03-31, kind one of
review-pack (the Excel review pack, reports.review_pack), interim-report (the Word
interim report, reports.interim_report) and failures (the failures workbook of the
latest run, reports.failures.spreadsheet). The unit ("" or "kunta" = the whole
municipality) and everything under it; the rights are checked for that unit on the date.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reports.failures.query import Filters
from reports.failures.spreadsheet import write_workbook
from reports.finnish import date_text, period_end
from review.pages import warehouse_reads
from review.pages.views.common import (
    chosen_municipality,
    day_or_none,
    municipalities,
    refuse,
    require,
    toteuma,
    unit_from_url,
    unknown_municipality,
    unknown_place,
)
from review.store import access

KINDS = {
    "review-pack": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "interim-report": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "failures": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@login_required
@require_safe
def downloads(request: HttpRequest) -> HttpResponse:
    settings = toteuma()
    municipality = chosen_municipality(request, request.GET.get("municipality"))
    if municipality is None:
        return render(request, "pages/downloads.html", {"no_grants": True})
    unknown = unknown_municipality(municipality)
    if unknown:
        return _bad(request, [unknown])
    if municipality not in municipalities(request):
        return refuse(request, access.Action.VIEW, municipality, "", "downloads")
    choices = warehouse_reads.choices(settings, municipality)
    dates = list(warehouse_reads.official_dates(settings, municipality) or choices.dates)
    latest = dates[0] if dates else None
    scope = access.units_in_scope(settings, request.user, municipality, latest) if latest else set()
    names = access.unit_names(settings, municipality, latest) if latest else {}
    units = []
    if scope is None:
        units.append(("kunta", _("koko kunta")))
    units += sorted(
        ((code, f"{code} {name}") for code, name in names.items()
         if scope is None or code in scope),
        key=lambda item: (len(item[0]), item[0]),
    )  # fmt: skip
    return render(
        request,
        "pages/downloads.html",
        {
            "municipality": municipality,
            "municipalities": municipalities(request),
            "dates": [(d.isoformat(), date_text(d)) for d in dates[:12]],
            "units": units,
        },
    )


@login_required
@require_safe
def download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404(_("Tuntematon lataus."))
    municipality = chosen_municipality(request, request.GET.get("municipality"))
    code = unit_from_url((request.GET.get("unit") or "").strip())
    try:
        day = day_or_none(request.GET.get("date"))
    except ValueError as problem:
        return _bad(request, [str(problem)])
    if day is None and kind != "failures":
        return _bad(request, [_("Valitse päivä.")])
    # what names nothing there is an error naming the choices, before any question of
    # rights: only a real lack of rights is a refusal (403, audited)
    problems = unknown_place(municipality or "", code, day)
    if problems:
        return _bad(request, problems)
    refused = require(request, access.Action.VIEW, municipality or "", code, day, "download",
                      f"{kind} {municipality}/{code or '-'}/{day or '-'}")  # fmt: skip
    if refused is not None:
        return refused
    suffix, content_type = KINDS[kind]
    name = f"{kind}_{municipality}_{code or 'kunta'}_{day.isoformat() if day else 'avoimet'}"
    with tempfile.TemporaryDirectory(prefix="toteuma-web-") as folder:
        out = Path(folder) / f"{name}.{suffix}"
        try:
            _write(kind, request, municipality, code, day, out)
        except (ValueError, FileNotFoundError) as problem:
            return _bad(request, [str(problem)])
        body = out.read_bytes()
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
    return response


def _write(kind: str, request, municipality: str, code: str, day: dt.date | None, out: Path):
    settings = toteuma()
    if kind == "review-pack":
        from reports.review_pack import write_review_pack

        write_review_pack(settings.warehouse_path, day, out, municipality, unit_code=code or None)
    elif kind == "interim-report":
        from reports.interim_report import write_interim_report

        top = warehouse_reads.top_unit(settings, municipality)
        write_interim_report(settings.warehouse_path, day, out, code or top, municipality)
    else:
        filters = Filters(day, code or None, None, None, False, False, municipality)
        data = warehouse_reads.failures(settings, [municipality], filters)
        report = data.report
        scopes: dict = {}
        kept = []
        for row in report.rows:
            on = period_end(row["period"])
            if on not in scopes:
                scopes[on] = access.units_in_scope(settings, request.user, municipality, on)
            scope = scopes[on]
            if scope is None or (row["org_unit_code"] and row["org_unit_code"] in scope):
                kept.append(row)
        report.rows = kept
        write_workbook(report, out)


def _bad(request: HttpRequest, reasons: list[str]) -> HttpResponse:
    return render(request, "pages/refused.html", {"reasons": reasons}, status=400)
