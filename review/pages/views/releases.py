"""Julkaisut: what was approved, by whom and when (the store's sign-offs), what waits for
approval or was sent back (releases), and which approved cells the ledger gives
otherwise now (the latest run's rows of check approved_figures_unchanged)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reports.finnish import period_end
from review.pages import warehouse_reads
from review.pages.views.common import municipalities, toteuma, unit_to_url
from review.store import access
from review.store.models import Release, ReleaseStatus, SignOff

SHOWN = 200  # the newest sign-offs and releases per municipality


@login_required
@require_safe
def releases(request: HttpRequest) -> HttpResponse:
    settings = toteuma()
    mine = municipalities(request)
    signoffs, waiting, changed = [], [], []
    for municipality in mine:
        visible = _Visibility(request, municipality)
        for signoff in SignOff.objects.filter(municipality=municipality).order_by(
            "-signed_at", "-id"
        )[:SHOWN]:
            if visible.covers(signoff.unit, signoff.reporting_date):
                signoffs.append(_with_url(request, signoff, signoff.unit, signoff.reporting_date))
        for release in (
            Release.objects.filter(
                municipality=municipality,
                status__in=(ReleaseStatus.SUBMITTED, ReleaseStatus.RETURNED),
            )
            .select_related("updated_by")
            .order_by("-updated_at")[:SHOWN]
        ):
            if visible.covers(release.unit, release.reporting_date):
                waiting.append(_with_url(request, release, release.unit, release.reporting_date))
        for row in warehouse_reads.changed_cells(settings, [municipality]):
            day = period_end(row["period"])
            if visible.covers(row["org_unit_code"] or "", day, strict=True):
                changed.append(row)
    return render(
        request,
        "pages/releases.html",
        {
            "signoffs": signoffs,
            "waiting": waiting,
            "changed": changed,
            "status_text": dict(ReleaseStatus.choices),
            "municipalities": mine,
        },
    )


def _with_url(request: HttpRequest, item, unit: str, day) -> dict:
    """The decision with a link to its unit's page when the user may open that page (a
    preparer sees the municipality's approval that covers their unit, but not its page)."""
    from django.urls import reverse

    url = None
    if access.may(toteuma(), request.user, access.Action.VIEW, item.municipality, unit, day):
        url = reverse("unit", args=[item.municipality, day.isoformat(), unit_to_url(unit)])
    return {"item": item, "url": url}


class _Visibility:
    """Whether the user sees a decision of a unit: theirs to view, or one covering their
    units (a sign-off of a unit above theirs, or of the municipality)."""

    def __init__(self, request: HttpRequest, municipality: str):
        self.request, self.municipality = request, municipality
        self.granted = {
            grant.unit for grant in request.user.grants.all() if grant.municipality == municipality
        }

    def covers(self, unit: str, day, strict: bool = False) -> bool:
        settings = toteuma()
        scope = access.units_in_scope(settings, self.request.user, self.municipality, day)
        if scope is None or (unit and unit in scope):
            return True
        if strict:
            return False
        if not unit:
            return True  # the municipality's approval covers every unit
        return any(
            unit in access.ancestors(settings, self.municipality, granted, day)
            for granted in self.granted
            if granted
        )
