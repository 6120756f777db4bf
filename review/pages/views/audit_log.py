"""Loki: the store's audit trail for auditors (access.Action.AUDIT): every decision and
every refusal of rights with who, when, what, outcome, before and after, and why;
filtered by user, action and outcome, newest first, 50 to a page."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from review.pages.views.common import refuse
from review.store import access
from review.store.models import AuditEntry

PAGE_SIZE = 50
ACTION_TEXT = {
    "view": _("katselu"),
    "waive": _("poikkeuslupa"),
    "withdraw_waiver": _("poikkeusluvan peruminen"),
    "comment": _("kommentti"),
    "explain": _("selitys"),
    "submit": _("lähetys hyväksyttäväksi"),
    "approve": _("hyväksyntä"),
    "send_back": _("palautus valmisteluun"),
    "reopen": _("hyväksynnän avaaminen"),
    "audit": _("tapahtumalokin luku"),
    "import": _("tuonti kansiosta"),
    "admin": _("ylläpito"),
    "login": _("kirjautuminen"),
    "add_user": _("käyttäjän lisäys"),
    "grant": _("käyttöoikeuden myöntäminen"),
}
OUTCOME_TEXT = {"done": _("tehty"), "refused": _("estetty")}


@login_required
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    if not access.may_somewhere(request.user, access.Action.AUDIT):
        municipality = next(iter(access.municipalities_of(request.user)), "")
        return refuse(request, access.Action.AUDIT, municipality, "", "audit_log", "loki")
    actor = (request.GET.get("actor") or "").strip()
    action = (request.GET.get("action") or "").strip()
    outcome = (request.GET.get("outcome") or "").strip()
    entries = AuditEntry.objects.order_by("-id")
    if actor:
        entries = entries.filter(actor=actor)
    if action:
        entries = entries.filter(action=action)
    if outcome:
        entries = entries.filter(outcome=outcome)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    usernames = _usernames(page)
    filters = {k: v for k, v in (("actor", actor), ("action", action), ("outcome", outcome)) if v}
    actions = sorted(set(AuditEntry.objects.values_list("action", flat=True).distinct()))
    actors = sorted(set(AuditEntry.objects.values_list("actor", flat=True).distinct()))
    return render(
        request,
        "pages/audit_log.html",
        {
            "page": page,
            "entries": [_shown(entry, usernames) for entry in page],
            "actor": actor,
            "action": action,
            "outcome": outcome,
            "actors": actors,
            "actions": [(name, ACTION_TEXT.get(name, name)) for name in actions],
            "outcomes": list(OUTCOME_TEXT.items()),
            "query": urlencode(filters),
        },
    )


def _user_ids(value) -> set[int]:
    """The ints under the key "user" anywhere in an entry's before/after (a grant recorded
    by the admin as {"user": 5, …}, alone or in {"grants": [...]})."""
    if isinstance(value, dict):
        found = {
            v for k, v in value.items() if k == "user" and type(v) is int
        }  # fmt: skip
        return found.union(*(_user_ids(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_user_ids(v) for v in value))
    return set()


def _usernames(entries) -> dict[int, str]:
    """user id -> username of the ids the entries' before/after name; one query a page."""
    ids = set().union(*(_user_ids(e.before) | _user_ids(e.after) for e in entries))
    if not ids:
        return {}
    return dict(get_user_model().objects.filter(id__in=ids).values_list("id", "username"))


def _shown(entry: AuditEntry, usernames: dict[int, str] | None = None) -> dict:
    usernames = usernames or {}
    return {
        "entry": entry,
        "action_text": ACTION_TEXT.get(entry.action, entry.action),
        "outcome_text": OUTCOME_TEXT.get(entry.outcome, entry.outcome),
        "before": _json(_named(entry.before, usernames)),
        "after": _json(_named(entry.after, usernames)),
    }


def _named(value, usernames: dict[int, str]):
    """The entry's data as shown: a "user" given as an id reads as its username (the stored
    entry stays as it is: the chain's hashes cover it)."""
    if isinstance(value, dict):
        return {
            k: usernames.get(v, v) if k == "user" and type(v) is int else _named(v, usernames)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_named(v, usernames) for v in value]
    return value


def _json(value) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=str)
