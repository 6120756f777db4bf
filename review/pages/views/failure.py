"""One failure: a check at a place (GET municipality, unit, line, period; empty = any).

The check's Finnish sentence, the latest run's evidence rows (from the audit history,
where the gate masked identity codes already), the check's history for the unit over the
latest runs, the waivers and comments on it; a waiver form (POST "waive") and a comment
thread (POST "comment"), both through review.store.decisions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from reports.failures import text
from reports.finnish import period_end, period_text
from review.pages import labels, waiver_scope, warehouse_reads
from review.pages.forms import CommentForm, NoteForm, WaiverForm
from review.pages.views.common import (
    context,
    post_only,
    refuse,
    toteuma,
    unit_to_url,
    unknown_place,
)
from review.pages.warehouse_reads import FailureKey
from review.store import access, audit, decisions
from review.store.models import Comment, Waiver

KEY_FIELDS = ("municipality", "unit", "line", "period")
WITHDRAW_LABEL = gettext_lazy("Perumisen syy")


def _key(check: str, data, prefix: str = "") -> FailureKey:
    """The failure a request names: GET municipality, unit, …; a form's hidden key-…"""
    return FailureKey(check, *((data.get(prefix + name) or "").strip() for name in KEY_FIELDS))


def _key_query(key: FailureKey) -> str:
    return urlencode({name: getattr(key, name) for name in KEY_FIELDS if getattr(key, name)})


def _may_view(request: HttpRequest, key: FailureKey) -> bool:
    """A failure of a municipality needs the right to view its unit (or the municipality);
    one of no municipality (the whole warehouse) a municipality-wide grant somewhere."""
    settings = toteuma()
    if key.municipality:
        on = period_end(key.period)
        return access.may(settings, request.user, access.Action.VIEW, key.municipality,
                          key.unit, on)  # fmt: skip
    return any(
        access.may(settings, request.user, access.Action.VIEW, municipality, "")
        for municipality in access.municipalities_of(request.user)
    )


@login_required
@require_safe
def failure(request: HttpRequest, check: str) -> HttpResponse:
    key = _key(check, request.GET)
    if key.municipality:
        # a mistyped municipality or unit is no question of rights: not refused, not audited
        day = period_end(key.period)
        known = warehouse_reads.choices(toteuma(), key.municipality).dates
        problems = unknown_place(key.municipality, key.unit, day if day in known else None)
        if problems:
            raise Http404(" ".join(problems))
    if not _may_view(request, key):
        return refuse(request, access.Action.VIEW, key.municipality, key.unit, "failure",
                      _object_key(key))  # fmt: skip
    return _page(request, key)


@login_required
@post_only("failure")
def waive(request: HttpRequest, check: str) -> HttpResponse:
    key = _key(check, request.POST, "key-")
    unit = (request.POST.get("unit") or "").strip()
    settings = toteuma()
    if not (
        key.municipality
        and access.may(settings, request.user, access.Action.WAIVE, key.municipality, unit)
    ):
        return refuse(request, access.Action.WAIVE, key.municipality, unit, "waiver",
                      _object_key(key))  # fmt: skip
    form = WaiverForm(request.POST)
    if not form.is_valid():
        return _page(request, key, waiver_form=form, status=400)
    data = form.cleaned_data
    try:
        decisions.add_waiver(
            context(request),
            decisions.WaiverRequest(
                check_name=check,
                reason=data["reason"],
                expires=data["expires"],
                municipality=key.municipality,
                unit=data["unit"].strip(),
                descendants=data["descendants"],
                line=data["line"].strip(),
                period_from=data["period_from"],
                period_to=data["period_to"],
                max_difference=data["max_difference"],
            ),
        )
    except decisions.Forbidden as forbidden:
        return refuse(request, access.Action.WAIVE, key.municipality, unit,
                      reasons=forbidden.reasons, record=False)  # fmt: skip
    except decisions.Refused as refused:
        return _page(request, key, waiver_form=form, waiver_reasons=refused.reasons, status=400)
    messages.success(request, _("Poikkeuslupa tallennettu: se otetaan huomioon seuraavassa"
                                " yöajossa."))  # fmt: skip
    return redirect(reverse("failure", args=[check]) + "?" + _key_query(key))


@login_required
@post_only("failure")
def comment(request: HttpRequest, check: str) -> HttpResponse:
    key = _key(check, request.POST, "key-")
    settings = toteuma()
    if not (
        key.municipality
        and access.may(settings, request.user, access.Action.COMMENT, key.municipality, key.unit)
    ):
        return refuse(request, access.Action.COMMENT, key.municipality, key.unit, "comment",
                      _object_key(key))  # fmt: skip
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _page(request, key, comment_form=form, status=400)
    try:
        decisions.add_comment(
            context(request), check, key.municipality, key.unit, key.line, key.period,
            form.cleaned_data["body"],
        )  # fmt: skip
    except decisions.Forbidden as forbidden:
        return refuse(request, access.Action.COMMENT, key.municipality, key.unit,
                      reasons=forbidden.reasons, record=False)  # fmt: skip
    except decisions.Refused as refused:
        return _page(request, key, comment_form=form, comment_reasons=refused.reasons, status=400)
    messages.success(request, _("Kommentti tallennettu."))
    return redirect(reverse("failure", args=[check]) + "?" + _key_query(key) + "#kommentit")


@login_required
@post_only("failure")
def withdraw_waiver(request: HttpRequest, check: str, waiver: int) -> HttpResponse:
    """A waiver no longer applies from the next run (kept, marked withdrawn, audited)."""
    key = _key(check, request.POST, "key-")
    found = Waiver.objects.filter(id=waiver).first()
    # one answer for a waiver that is not there (or of another check) and one outside the
    # user's units: otherwise the ids of other units' waivers could be probed
    missing = Http404(
        _("Tarkistuksen %(check)s poikkeuslupaa %(id)s ei ole tai se ei kuulu yksiköihisi.")
        % {"check": check, "id": waiver}
    )
    if found is None or found.check_name not in (check, f"assert_{check}"):
        raise missing
    municipality, unit = found.municipality, found.unit
    settings = toteuma()
    if not (
        municipality and access.may(settings, request.user, access.Action.WAIVE, municipality, unit)
    ):
        if municipality and access.may(settings, request.user, access.Action.VIEW,
                                       municipality, unit):  # fmt: skip
            # a waiver the user sees listed (an auditor's): refusing it tells nothing new
            return refuse(request, access.Action.WAIVE, municipality, unit, "waiver",
                          str(waiver))  # fmt: skip
        # an existing waiver outside what the user may see: answered as a missing one,
        # audited all the same
        audit.record(
            request.user.username,
            str(access.Action.WAIVE),
            outcome="refused",
            object_type="waiver",
            object_key=str(waiver),
            reason=f"käyttäjä {request.user.username} ei saa perua kunnan {municipality or '-'}"
            f" yksikön {unit or '-'} poikkeuslupaa {waiver}",
        )
        raise missing
    form = NoteForm(request.POST, prefix=f"withdraw-{waiver}", required=True,
                    label=WITHDRAW_LABEL)  # fmt: skip
    if not form.is_valid():
        return _page(request, key, withdraw_forms={waiver: form}, status=400)
    try:
        decisions.withdraw_waiver(context(request), waiver, form.cleaned_data["note"])
    except decisions.Forbidden as forbidden:
        return refuse(request, access.Action.WAIVE, municipality, unit,
                      reasons=forbidden.reasons, record=False)  # fmt: skip
    except decisions.Refused as refused:
        return _page(request, key, withdraw_forms={waiver: form},
                     withdraw_reasons={waiver: refused.reasons}, status=400)  # fmt: skip
    messages.success(request, _("Poikkeuslupa peruttu: se ei enää päde seuraavassa yöajossa."))
    return redirect(reverse("failure", args=[check]) + "?" + _key_query(key))


def _object_key(key: FailureKey) -> str:
    return f"{key.check} {key.municipality or '-'}/{key.unit or '-'}/{key.line or '-'}/" \
        f"{key.period or '-'}"  # fmt: skip


def _page(
    request: HttpRequest,
    key: FailureKey,
    waiver_form: WaiverForm | None = None,
    comment_form: CommentForm | None = None,
    waiver_reasons: list[str] | None = None,
    comment_reasons: list[str] | None = None,
    withdraw_forms: dict[int, NoteForm] | None = None,
    withdraw_reasons: dict[int, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    settings = toteuma()
    user = request.user
    evidence = warehouse_reads.check_evidence(settings, key)
    rows = _in_scope(request, key, evidence.rows)
    may_waive = bool(key.municipality) and access.may(
        settings, user, access.Action.WAIVE, key.municipality, key.unit, period_end(key.period)
    )
    may_comment = bool(key.municipality) and access.may(
        settings, user, access.Action.COMMENT, key.municipality, key.unit, period_end(key.period)
    )
    if waiver_form is None:
        waiver_form = WaiverForm(
            initial={
                "unit": key.unit,
                "line": key.line,
                "period_from": period_text(key.period),
                "period_to": period_text(key.period),
            }
        )
    checks = (key.check, f"assert_{key.check}")
    waivers = Waiver.objects.filter(check_name__in=checks)
    if key.municipality:
        waivers = waivers.filter(municipality__in=(key.municipality, ""))
    # the database narrows; the gate's own matching decides (a waiver "with sub-units"
    # applies only where its unit is above the failure's on the failure's date)
    waivers = waiver_scope.applying(key, waivers, waiver_scope.AccessOrganisation(settings))
    comments = Comment.objects.filter(
        check_name__in=checks, municipality=key.municipality, unit=key.unit, line=key.line,
        period=key.period,
    ).select_related("author")  # fmt: skip
    info = evidence.info
    unit_url = None
    day = period_end(key.period)
    if key.municipality and day is not None:
        unit_url = reverse("unit", args=[key.municipality, day.isoformat(), unit_to_url(key.unit)])
    return render(
        request,
        "pages/failure.html",
        {
            "key": key,
            "key_fields": [(name, getattr(key, name)) for name in KEY_FIELDS],
            "info": info,
            "severity_text": labels.SEVERITY.get(info.severity, info.severity) if info else "",
            "layer_text": labels.LAYER.get(info.layer, info.layer) if info else "",
            "evidence": evidence,
            "rows": [_shown(row) for row in rows],
            "hidden_rows": len(evidence.rows) - len(rows),
            "history": evidence.history,
            "waivers": [
                _waiver(request, waiver, withdraw_forms or {}, withdraw_reasons or {})
                for waiver in waivers
            ],
            "comments": list(comments),
            "waiver_form": waiver_form if may_waive else None,
            "comment_form": (comment_form or CommentForm()) if may_comment else None,
            "waiver_reasons": waiver_reasons or [],
            "comment_reasons": comment_reasons or [],
            "unit_url": unit_url,
            "period_label": period_text(key.period),
            "morning_url": reverse("morning"),
        },
        status=status,
    )


def _waiver(request: HttpRequest, waiver: Waiver, forms: dict, reasons: dict) -> dict:
    """A waiver as the page lists it, with its withdrawal form for those who may waive."""
    may = waiver.withdrawn_at is None and access.may(
        toteuma(), request.user, access.Action.WAIVE, waiver.municipality, waiver.unit
    )
    form = None
    if may:
        form = forms.get(waiver.id) or NoteForm(
            prefix=f"withdraw-{waiver.id}", required=True, label=WITHDRAW_LABEL
        )
    return {"waiver": waiver, "withdraw_form": form, "withdraw_reasons": reasons.get(waiver.id, [])}


def _in_scope(request: HttpRequest, key: FailureKey, rows: list[dict]) -> list[dict]:
    if not key.municipality:
        return rows
    settings = toteuma()
    scopes: dict = {}
    kept = []
    for row in rows:
        day = period_end(row["period"])
        if day not in scopes:
            scopes[day] = access.units_in_scope(settings, request.user, key.municipality, day)
        scope = scopes[day]
        if scope is None or (row["org_unit_code"] or "") in scope:
            kept.append(row)
    return kept


def _shown(row: dict) -> dict:
    return {
        **row,
        "unit_label": text.unit_label(row),
        "line_label": text.line_label(row) if row["line_code"] else "",
        "period_label": period_text(row["period"]),
        "novelty_text": text.NOVELTY.get(row["novelty"] or "", ""),
        "severity_text": labels.SEVERITY.get(row["row_severity"], row["row_severity"]),
        "sentence": text.flat(row["explanation"]),
        "place": text.place(row),
    }
