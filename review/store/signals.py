"""Refused logins in the audit trail, wherever they happen (the login page, the command
line's review.store.login): Django's `user_login_failed` signal, sent by authenticate().
The password is never recorded; django-axes counts the same failures for its lockout."""

from __future__ import annotations

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver


@receiver(user_login_failed, dispatch_uid="toteuma-audit-login-failed")
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    from review.store import audit

    username = str((credentials or {}).get("username") or "")[:150]
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    where = "komentorivi" if agent.startswith("toteuma") else "kirjautumissivu"
    audit.record(
        username, "login", outcome="refused", object_type="user", object_key=username,
        reason=f"väärä käyttäjätunnus tai salasana, tai lukittu tunnus ({where})",
    )  # fmt: skip
