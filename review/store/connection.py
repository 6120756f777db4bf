"""Which store a process is working on, and Django set up for it.

The web application works on one store (DATABASES["default"], from the warehouse's
settings). The command line and the nightly run may work on another warehouse's store
(`--warehouse`), and a test process on many: `use_store(url)` registers the URL as a
database alias of its own and routes every query of the block to it (StoreRouter), so
Django's auth, the admin and our code all read and write that store.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
from collections.abc import Iterator

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("store", default=None)


def setup() -> None:
    """Django configured for the review project (once per process)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "review.site.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def alias_for(url: str) -> str:
    """The database alias of a store URL in this process (registered on first use)."""
    setup()
    from django.db import connections

    from review.site.settings import database

    alias = "store_" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
    if alias not in connections.settings:
        configured = connections.configure_settings({"default": database(url)})
        connections.settings[alias] = configured["default"]
    return alias


@contextlib.contextmanager
def use_store(url: str) -> Iterator[str]:
    """Every query in the block (ours, Django's auth and admin) goes to this store."""
    alias = alias_for(url)
    token = _current.set(alias)
    try:
        yield alias
    finally:
        _current.reset(token)


class StoreRouter:
    """Routes every model to the store of the current `use_store` block (default: the
    application's own store)."""

    def db_for_read(self, model, **hints):
        return _current.get()

    def db_for_write(self, model, **hints):
        return _current.get()

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return True
