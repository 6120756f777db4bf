"""A store user's login outside the web pages (the command line): the same password
check, hasher and lockout (django-axes) as the login page, so a command signs as a
named user of the store, never as whoever runs the shell."""

from __future__ import annotations

from review.store.decisions import Forbidden


def log_in(username: str, password: str):
    """The active user of the current store with that password, or Forbidden (a Finnish
    sentence; a wrong password counts toward the account's lockout, as on the page)."""
    import logging

    from django.contrib.auth import authenticate
    from django.http import HttpRequest

    # the command tells the refusal in its own words; django-axes' console warning (with
    # the user name masked) belongs to the web server's log
    logging.getLogger("axes").setLevel(logging.ERROR)
    request = HttpRequest()
    request.META.update(REMOTE_ADDR="127.0.0.1", HTTP_USER_AGENT="toteuma (komentorivi)")
    request.method = "POST"
    user = authenticate(request, username=username, password=password)
    if user is not None and user.is_active:
        return user
    locked = getattr(request, "axes_locked_out", False)
    reason = (
        f"käyttäjätunnus {username} on lukittu liian monen väärän salasanan jälkeen;"
        " yritä tunnin kuluttua tai pyydä ylläpitäjää avaamaan lukitus"
        if locked
        else f"käyttäjätunnus {username} tai salasana on väärin (tai tunnus ei ole käytössä)"
    )
    raise Forbidden([reason])  # audited by review.store.signals
