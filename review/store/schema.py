"""The store's schema: created and upgraded by Django's migrations, never by hand."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from review.store.connection import alias_for, use_store


class StoreTooNew(RuntimeError):
    """The store was written by a newer toteuma: this version must not change it."""


def _unknown_migrations(alias: str) -> list[str]:
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if (app, name) not in known and app in {"store", "auth", "axes", "admin"}
    )


def migrate(url: str) -> None:
    """Create the store or bring it up to date (idempotent; a no-op when current)."""
    from django.core.management import call_command

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    alias = alias_for(url)
    unknown = _unknown_migrations(alias)
    if unknown:
        raise StoreTooNew(
            f"päätösvaraston {_shown(url)} on kirjoittanut uudempi toteuman versio"
            f" (tuntemattomat muutokset: {', '.join(unknown)}): päivitä toteuma ennen kuin"
            " käytät sitä, niin mikään päätös ei katoa"
        )
    with use_store(url):
        call_command("migrate", database=alias, verbosity=0, interactive=False)


@contextlib.contextmanager
def open_store(url: str) -> Iterator[str]:
    """The store of `url`, up to date, as the current store of the block."""
    migrate(url)
    with use_store(url) as alias:
        yield alias


def _shown(url: str) -> str:
    """A store URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://{rest.split('@', 1)[1]}"
    return url.removeprefix("sqlite:///")
