"""The store as one file: `toteuma controls backup` and `restore`.

A backup is JSON: {"format": "toteuma-store-backup", "version": 1, "taken_at",
"migrations": [applied store migrations], "counts": {model: rows}, "objects": [Django's
serialised rows]}: users (with their password hashes), grants, waivers, explanations and
their revisions, releases, sign-offs with their frozen figures, comments and the whole
audit trail. It is read in one transaction (a snapshot on PostgreSQL, SQLite's write lock
for the moment it takes), so the copy is consistent while the web application runs.

Restore writes into an empty store only (a new SQLite file, a new database): checked
first (format, the same migrations, the audit chain unbroken), then all or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.db import connections, router, transaction
from django.db.migrations.recorder import MigrationRecorder

from review.store import audit
from review.store.models import (
    AuditEntry,
    Comment,
    Explanation,
    ExplanationRevision,
    ExplanationSection,
    Grant,
    Release,
    SignOff,
    Waiver,
)

FORMAT, VERSION = "toteuma-store-backup", 1


class RestoreRefused(ValueError):
    """The backup cannot be restored here; the message names why (nothing was written)."""


def _models() -> list:
    return [
        get_user_model(), Grant, Waiver, Explanation, ExplanationSection,
        ExplanationRevision, Release, SignOff, Comment, AuditEntry,
    ]  # fmt: skip


def _alias() -> str:
    return router.db_for_write(AuditEntry) or "default"


def _migrations(alias: str) -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations() if app == "store")


def backup(file: Path) -> dict[str, int]:
    """Write the current store to `file` (atomically); returns rows per model."""
    alias = _alias()
    with transaction.atomic(using=alias):
        if connections[alias].vendor == "postgresql":
            with connections[alias].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        objects, counts = [], {}
        for model in _models():
            rows = list(model.objects.using(alias).order_by("pk"))
            counts[model._meta.label] = len(rows)
            serialised = json.loads(
                serializers.serialize("json", rows, use_natural_foreign_keys=True)
            )
            if model is AuditEntry:
                # Django's JSON keeps milliseconds; the chain's hashes cover microseconds
                for row, entry in zip(serialised, rows, strict=True):
                    row["fields"]["at"] = entry.at.isoformat()
            objects += serialised
        document = {
            "format": FORMAT,
            "version": VERSION,
            "taken_at": dt.datetime.now(dt.UTC).isoformat(),
            "migrations": _migrations(alias),
            "counts": counts,
            "objects": objects,
        }
    file = Path(file)
    file.parent.mkdir(parents=True, exist_ok=True)
    staging = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    staging.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    os.chmod(staging, 0o600)  # password hashes inside
    os.replace(staging, file)
    return counts


def restore(file: Path) -> dict[str, int]:
    """Load a backup into the current, empty store; RestoreRefused names what is wrong."""
    alias = _alias()
    document = _read(Path(file))
    if document["migrations"] != _migrations(alias):
        raise RestoreRefused(
            f"varmuuskopion {file} päätösvaraston versio ({', '.join(document['migrations'])})"
            " ei ole tämän toteuman versio: palauta samalla toteuman versiolla, jolla se otettiin"
        )
    if any(model.objects.using(alias).exists() for model in _models()):
        raise RestoreRefused(
            "päätösvarasto ei ole tyhjä: palautus kirjoitetaan vain tyhjään varastoon (siirrä"
            " nykyinen .controls.sqlite3 talteen tai anna TOTEUMA_STORE_URL uuteen tietokantaan)"
        )
    with transaction.atomic(using=alias):
        rows = serializers.deserialize(
            "json", json.dumps(document["objects"]), using=alias, handle_forward_references=True
        )
        for row in rows:
            row.save(using=alias)
        with connections[alias].cursor() as cursor:
            for statement in connections[alias].ops.sequence_reset_sql(no_style(), _models()):
                cursor.execute(statement)
        counts = {model._meta.label: model.objects.using(alias).count() for model in _models()}
        if counts != document["counts"]:
            raise RestoreRefused(
                f"varmuuskopiossa {file} on eri määrä rivejä kuin sen luettelossa"
                f" ({document['counts']} ≠ {counts}): tiedosto on vajaa; mitään ei palautettu"
            )
        breaks = audit.verify_chain()
        if breaks:
            raise RestoreRefused(
                f"varmuuskopion {file} tapahtumaloki ei ole ehjä (ensimmäinen katkos merkinnässä"
                f" {breaks[0].entry_id}: {breaks[0].problem}); mitään ei palautettu"
            )
    return counts


def _read(file: Path) -> dict:
    if not file.is_file():
        raise RestoreRefused(f"tiedostoa {file} ei ole")
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RestoreRefused(
            f"{file} ei ole toteuman varmuuskopio (ei luettavaa JSON-tekstiä)"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreRefused(f"{file} ei ole toteuman varmuuskopio (toteuma controls backup)")
    if document.get("version") != VERSION:
        raise RestoreRefused(
            f"varmuuskopion {file} muoto {document.get('version')} on uudempi kuin tämä"
            f" toteuma osaa ({VERSION}): päivitä toteuma"
        )
    return document
