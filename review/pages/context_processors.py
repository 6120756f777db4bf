"""What every page's header shows: the latest run (published or withheld, and why), a
nightly run in progress, the user's roles and the navigation their grants open."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from review.pages.warehouse_reads import run_status
from review.store import access


def review(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    toteuma = settings.TOTEUMA
    return {
        # read when a template uses it (one short query on the audit history)
        "run_status": SimpleLazyObject(lambda: run_status(toteuma)),
        "user_roles": SimpleLazyObject(lambda: roles_text(user)),
        "may_audit": SimpleLazyObject(lambda: access.may_somewhere(user, access.Action.AUDIT)),
    }


def roles_text(user) -> list[str]:
    """['valmistelija, kunta 111, yksikkö 600', …]: the user's grants as the header says them."""
    from django.utils.translation import gettext as _

    from review.store.models import Role

    names = dict(Role.choices)
    shown = []
    for grant in sorted(user.grants.all(), key=lambda g: (g.municipality, g.unit, g.role)):
        scope = (
            _("kunta %(m)s, yksikkö %(u)s") % {"m": grant.municipality, "u": grant.unit}
            if grant.unit
            else _("kunta %(m)s") % {"m": grant.municipality}
        )
        shown.append(f"{names.get(grant.role, grant.role)}, {scope}")
    return shown
