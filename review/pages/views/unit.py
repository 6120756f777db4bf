"""A unit on a reporting date: kunta/<municipality>/<yyyy-mm-dd>/<unit>/ ("kunta" = the
municipality as a whole).

The income statement as the report prints it (reports.finance over the unit's rows of
review.income_statement), deviations beyond the tolerance marked (marts.fct_budget_deviations),
a chart of the year's cumulative actual against the amended budget and the forecast,
the explanation editor (narrative and a section per deviating line, optimistic locking
through `based_on_version`), and the release status with its actions (POST: selitys/,
laheta/, hyvaksy/, palauta/, avaa/). Every decision goes through review.store.decisions;
each refusal lists its reasons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from reports.failures import text
from reports.finance import finance_tables
from reports.finnish import date_text, euros, period_text
from review.pages import labels, warehouse_reads
from review.pages.chart import cumulative_chart
from review.pages.forms import ExplanationForm, NoteForm
from review.pages.views.common import (
    context,
    post_only,
    refuse,
    require,
    toteuma,
    unit_from_url,
    unit_to_url,
)
from review.store import access, decisions
from review.store.models import Explanation, ReleaseStatus
from warehouse.controls.explanations import report_lines

CHART_LINE = "TOIMINTAKATE"


@dataclass(frozen=True)
class ReleaseAction:
    """A release action as the page offers it (url name, decision, its note)."""

    name: str  # the form prefix and the URL name's suffix
    action: access.Action
    label: str
    note_label: str
    note_required: bool
    allowed_from: tuple[str, ...]  # release statuses the action applies to


ACTIONS = (
    ReleaseAction("submit", access.Action.SUBMIT, gettext_lazy("Lähetä hyväksyttäväksi"),
                  gettext_lazy("Viesti hyväksyjälle"), False,
                  (ReleaseStatus.DRAFT, ReleaseStatus.RETURNED)),
    ReleaseAction("approve", access.Action.APPROVE, gettext_lazy("Hyväksy luvut"),
                  gettext_lazy("Hyväksyjän kommentti"), False,
                  (ReleaseStatus.DRAFT, ReleaseStatus.RETURNED, ReleaseStatus.SUBMITTED)),
    ReleaseAction("send_back", access.Action.SEND_BACK, gettext_lazy("Palauta valmisteluun"),
                  gettext_lazy("Palautuksen syy"), True, (ReleaseStatus.SUBMITTED,)),
    ReleaseAction("reopen", access.Action.REOPEN, gettext_lazy("Avaa hyväksyntä uudelleen"),
                  gettext_lazy("Avaamisen syy"), True, (ReleaseStatus.APPROVED,)),
)  # fmt: skip
ACTION_BY_NAME = {action.name: action for action in ACTIONS}


def _day(date: str) -> dt.date:
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        raise Http404(_("Päivä kirjoitetaan osoitteeseen muodossa 2026-03-31.")) from None


def _place(municipality: str, date: str, unit: str) -> tuple[dt.date, str]:
    """The date and unit code a unit URL names; Http404 for a unit the date's organisation
    does not have (a mistyped code is no question of rights: not refused, not audited).
    A date that is no reporting date is left to the page, which lists the dates there are."""
    day, code = _day(date), unit_from_url(unit)
    if code:
        names = access.unit_names(toteuma(), municipality, day)
        if names and code not in names:
            raise Http404(
                _("Yksikköä %(unit)s ei ole päivän %(day)s organisaatiossa (kunta %(m)s).")
                % {"unit": code, "day": date_text(day), "m": municipality}
            )
    return day, code


@login_required
@require_safe
def unit(request: HttpRequest, municipality: str, date: str, unit: str) -> HttpResponse:
    day, code = _place(municipality, date, unit)
    refused = require(request, access.Action.VIEW, municipality, code, day, "unit",
                      _key(municipality, code, day))  # fmt: skip
    if refused is not None:
        return refused
    return _page(request, municipality, day, code)


@login_required
@post_only("unit")
def explain(request: HttpRequest, municipality: str, date: str, unit: str) -> HttpResponse:
    day, code = _place(municipality, date, unit)
    refused = require(request, access.Action.EXPLAIN, municipality, code, day, "explanation",
                      _key(municipality, code, day))  # fmt: skip
    if refused is not None:
        return refused
    page = _UnitPage(request, municipality, day, code)
    form = page.explanation_form(data=request.POST)
    if not form.is_valid():
        return page.render(explanation_form=form, status=400)
    try:
        decisions.save_explanation(
            context(request), municipality, code, day, form.cleaned_data["narrative"],
            [decisions.SectionText(line, body) for line, body in form.sections()],
            form.cleaned_data["based_on_version"],
        )  # fmt: skip
    except decisions.Forbidden as forbidden:
        return refuse(request, access.Action.EXPLAIN, municipality, code,
                      reasons=forbidden.reasons, record=False)  # fmt: skip
    except decisions.Conflict as conflict:
        # nothing lost: the writer's text stays in the editor, now based on the version
        # saved meanwhile (shown beside it), so saving again after merging is possible
        data = request.POST.copy()
        current = conflict.current
        data["based_on_version"] = str(current.version) if current is not None else ""
        return page.render(
            explanation_form=page.explanation_form(data=data),
            explanation_reasons=conflict.reasons,
            conflict=current,
            status=409,
        )
    except decisions.Refused as refused_:
        return page.render(explanation_form=form, explanation_reasons=refused_.reasons, status=400)
    messages.success(request, _("Selitys tallennettu."))
    return redirect(_url(municipality, day, code) + "#selitys")


def _release_view(name: str):
    action = ACTION_BY_NAME[name]

    @login_required
    @post_only("unit")
    def view(request: HttpRequest, municipality: str, date: str, unit: str) -> HttpResponse:
        day, code = _place(municipality, date, unit)
        refused = require(request, action.action, municipality, code, day, "release",
                          _key(municipality, code, day))  # fmt: skip
        if refused is not None:
            return refused
        page = _UnitPage(request, municipality, day, code)
        form = NoteForm(request.POST, prefix=name, required=action.note_required,
                        label=action.note_label)  # fmt: skip
        if not form.is_valid():
            return page.render(action_forms={name: form}, status=400)
        note = form.cleaned_data["note"]
        ctx = context(request)
        try:
            if name == "submit":
                decisions.submit(ctx, municipality, code, day, note)
            elif name == "approve":
                decisions.approve(ctx, municipality, code, day, note)
            elif name == "send_back":
                decisions.send_back(ctx, municipality, code, day, note)
            else:
                decisions.reopen(ctx, municipality, code, day, note)
        except decisions.Forbidden as forbidden:
            return refuse(request, action.action, municipality, code,
                          reasons=forbidden.reasons, record=False)  # fmt: skip
        except decisions.Refused as refused_:
            return page.render(
                action_forms={name: form}, action_reasons={name: refused_.reasons}, status=400
            )
        messages.success(request, _DONE[name])
        return redirect(_url(municipality, day, code) + "#julkaisu")

    view.__name__ = f"unit_{name}"
    return view


_DONE = {
    "submit": gettext_lazy("Luvut lähetetty hyväksyttäviksi."),
    "approve": gettext_lazy("Luvut hyväksytty: ne jäädytetään hyväksytyiksi seuraavassa yöajossa."),
    "send_back": gettext_lazy("Luvut palautettu valmisteluun."),
    "reopen": gettext_lazy("Hyväksyntä avattu: luvut ovat alustavia seuraavasta yöajosta alkaen."),
}

submit = _release_view("submit")
approve = _release_view("approve")
send_back = _release_view("send_back")
reopen = _release_view("reopen")


def _page(request: HttpRequest, municipality: str, day: dt.date, code: str) -> HttpResponse:
    return _UnitPage(request, municipality, day, code).render()


def _key(municipality: str, code: str, day: dt.date) -> str:
    return f"{municipality}/{code or '-'}/{day.isoformat()}"


def _url(municipality: str, day: dt.date, code: str) -> str:
    return reverse("unit", args=[municipality, day.isoformat(), unit_to_url(code)])


class _UnitPage:
    """What the unit page shows, read once per request."""

    def __init__(self, request: HttpRequest, municipality: str, day: dt.date, code: str):
        self.request, self.municipality, self.day, self.code = request, municipality, day, code
        self.settings = toteuma()
        self.figures = warehouse_reads.unit_figures(
            self.settings, municipality, code, day, CHART_LINE
        )
        self.top, self.read_code = self.figures.top, self.figures.code
        self.explanation = (
            Explanation.objects.filter(municipality=municipality, unit=code, reporting_date=day)
            .select_related("updated_by")
            .first()
        )
        self.deviations = self.figures.deviations
        self.line_names = {code: name for name, code in report_lines().items()}

    def explanation_lines(self) -> dict[str, str]:
        """The deviating lines and the lines the saved explanation has, in report order."""
        codes = set(self.deviations)
        if self.explanation is not None:
            codes |= {s.line_code for s in self.explanation.sections.all()}
        return {c: n for c, n in self.line_names.items() if c in codes}

    def explanation_form(self, data=None) -> ExplanationForm:
        initial = {"based_on_version": self.explanation.version if self.explanation else None}
        if self.explanation is not None:
            initial["narrative"] = self.explanation.narrative
            for section in self.explanation.sections.all():
                initial[ExplanationForm.section_field(section.line_code)] = section.body
        return ExplanationForm(
            data, initial=initial, lines=self.explanation_lines(), all_lines=self.line_names
        )

    def render(
        self,
        explanation_form: ExplanationForm | None = None,
        explanation_reasons: list[str] | None = None,
        conflict: Explanation | None = None,
        action_forms: dict[str, NoteForm] | None = None,
        action_reasons: dict[str, list[str]] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        request, settings = self.request, self.settings
        if self.figures.unit is None:
            return self._no_figures()
        user = request.user
        m, code, day = self.municipality, self.code, self.day
        release = decisions.status(settings, m, code, day)
        may = {
            action: access.may(settings, user, action, m, code, day)
            for action in (access.Action.EXPLAIN, access.Action.SUBMIT, access.Action.APPROVE,
                           access.Action.SEND_BACK, access.Action.REOPEN)
        }  # fmt: skip
        action_forms = action_forms or {}
        offered = [
            {
                "action": action,
                "url": reverse(f"unit_{action.name}", args=[m, day.isoformat(), unit_to_url(code)]),
                "form": action_forms.get(action.name)
                or NoteForm(
                    prefix=action.name, required=action.note_required, label=action.note_label
                ),  # fmt: skip
            }
            for action in ACTIONS
            if may[action.action] and release.status in action.allowed_from
        ]
        refusals = _refusals(
            action_reasons or {}, action_forms, {o["action"].name for o in offered}
        )
        failures = warehouse_reads.unit_failures(settings, m, self.read_code, day)
        unexplained = {
            row["line_code"] for row in failures if row["check_name"] == "deviations_explained"
        }
        explained = set()
        if self.explanation is not None:
            explained = {s.line_code for s in self.explanation.sections.all() if s.body.strip()}
        tables = [
            _table(table, self.deviations, explained, unexplained)
            for table in finance_tables(self.figures.unit, day)
        ]
        chart_line = labels.line_name(CHART_LINE, self.line_names.get(CHART_LINE, CHART_LINE))
        chart = cumulative_chart(self.figures.months, chart_line, day.year, "kertyma")
        frozen = release.status == ReleaseStatus.APPROVED
        neighbours = self.figures.neighbours
        name = (self.figures.municipality_name if not code else self.figures.unit.name) or code
        return render(
            request,
            "pages/unit.html",
            {
                "municipality": m,
                "municipality_name": self.figures.municipality_name,
                "code": code,
                "unit_name": name,
                "level": self.figures.unit.level,
                "day": day,
                "is_official": self.figures.is_official,
                "tolerance_eur": settings.deviation_eur,
                "tolerance_pct": settings.deviation_pct,
                "tables": tables,
                "chart": chart,
                "deviations": list(self.deviations.values()),
                "unexplained": sorted(unexplained),
                "failures": [
                    _failure(row, m, self.read_code)
                    for row in failures
                    if row["check_name"] != "deviations_explained"
                ],  # fmt: skip
                "release": release,
                "release_text": dict(ReleaseStatus.choices).get(release.status, release.status),
                "published_release": self.figures.published_release,
                "actions": offered,
                "refusals": refusals,
                "explanation": self.explanation,
                "explanation_form": (explanation_form or self.explanation_form())
                if may[access.Action.EXPLAIN] and not frozen
                else None,
                "explanation_reasons": explanation_reasons or [],
                "conflict": conflict,
                "conflict_sections": list(conflict.sections.all()) if conflict else [],
                "frozen": frozen,
                "parent": _neighbour(m, day, neighbours.parent, self.top, self._may_view),
                "children": [_neighbour(m, day, child, self.top) for child in neighbours.children],
                "explain_url": reverse(
                    "unit_explain", args=[m, day.isoformat(), unit_to_url(code)]
                ),
            },
            status=status,
        )

    def _may_view(self, code: str) -> bool:
        return access.may(
            self.settings, self.request.user, access.Action.VIEW, self.municipality, code, self.day
        )

    def _no_figures(self) -> HttpResponse:
        dates = self.figures.dates
        official = self.figures.official_dates[:8] or dates[:8]
        return render(
            self.request,
            "pages/not_found.html",
            {
                "message": _("Yksiköllä %(unit)s (kunta %(m)s) ei ole lukuja päivältä %(day)s.")
                % {
                    "unit": self.code or _("koko kunta"),
                    "m": self.municipality,
                    "day": date_text(self.day),
                },  # fmt: skip
                "links": [(date_text(d), _url(self.municipality, d, self.code)) for d in official],
            },
            status=404,
        )


def _neighbour(m: str, day: dt.date, item, top: str | None, may_view=None):
    """A unit next to the page's, linked when the user may open its page (`may_view`:
    unit code, "" for the municipality -> bool; None: always). Its label: "600 Yhteiset
    palvelut"; the organisation's root as the municipality, "Heinolan kaupunki (111)" (its
    own code, often a bare "1", says nothing)."""
    if item is None:
        return None
    code, name = item
    target = "" if code == top else code
    url = _url(m, day, target) if may_view is None or may_view(target) else None
    label = f"{name or code} ({m})" if code == top else f"{code} {name}"
    return {"code": code, "name": name, "url": url, "label": label}


def _refusals(
    reasons: dict[str, list[str]], forms: dict[str, NoteForm], offered: set[str]
) -> list[dict]:
    """What a refused release action says at the top of the page, whatever the state (the
    action's own form is not offered in every state): its label and the decision's
    reasons, or the errors of its note when the form is not there to show them."""
    shown = []
    for name, action in ACTION_BY_NAME.items():
        found = list(reasons.get(name, []))
        form = forms.get(name)
        if name not in offered and form is not None and form.errors:
            found += [str(error) for errors in form.errors.values() for error in errors]
        if found:
            shown.append({"label": action.label, "reasons": found})
    return shown


def _table(table, found: dict, explained: set[str], unexplained: set[str]) -> dict:
    """A finance table's rows with their cells as text and their deviation marks."""
    rows = []
    for row in table.rows:
        deviation = found.get(row.code) if table.kind == "income_statement" else None
        rows.append(
            {
                "label": row.label,
                "style": row.style,
                "code": row.code,
                "cells": [
                    (column, value) for column, value in zip(table.columns, row.values, strict=True)
                ],
                "deviation": deviation,
                "explained": deviation is not None
                and row.code in explained
                and row.code not in unexplained,
            }
        )
    return {
        "kind": table.kind,
        "title": labels.table_title(table.kind, table.title),
        "columns": table.columns,
        "headings": [labels.column_heading(column.heading) for column in table.columns],
        "rows": rows,
    }


def _failure(row: dict, m: str, code: str) -> dict:
    from django.utils.http import urlencode

    key = {"municipality": m, "unit": row.get("org_unit_code") or code, "line": row["line_code"]
           or "", "period": row["period"] or ""}  # fmt: skip
    return {
        **row,
        "severity_text": labels.SEVERITY.get(row["row_severity"], row["row_severity"]),
        "novelty_text": text.NOVELTY.get(row["novelty"] or "", ""),
        "summary": _summary(row),
        "sentence": text.flat(row["explanation"]),
        "url": reverse("failure", args=[row["check_name"]]) + "?" + urlencode(key),
    }


FIGURE_WORDS = (
    ("expected", gettext_lazy("odotettu %(amount)s")),
    ("actual", gettext_lazy("löytyi %(amount)s")),
    ("difference", gettext_lazy("erotus %(amount)s")),
)


def _summary(row: dict) -> str:
    """The page's own sentence of a failing row in the page's language: "Toimintakulut
    (TOIMINTAKULUT), 3/2026: odotettu -9 720 700 € · löytyi … · erotus …" (the line's name
    is the warehouse's, Finnish; the check's own explanation is shown beside it as data)."""
    where = ", ".join(
        part for part in (text.line_label(row) if row["line_code"] else "",
                          period_text(row["period"])) if part
    )  # fmt: skip
    figures = " · ".join(
        str(word) % {"amount": euros(row[column])}
        for column, word in FIGURE_WORDS
        if row.get(column) is not None
    )
    if where and figures:
        return _("%(where)s: %(figures)s") % {"where": where, "figures": figures}
    return where or figures
