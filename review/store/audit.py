"""The audit trail: every decision and every refusal of rights, chained by hash.

An entry's `hash` is sha256 over the previous entry's hash and this entry's own fields
(canonical JSON), so removing or editing an entry breaks the chain at that point. The
database refuses updates and deletes (migration 0002); `verify_chain` finds what a person
with the file's raw access could still do (a gap, an edit with the trigger dropped).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.db import connections, router, transaction

from review.store.models import AuditEntry

GENESIS = "0" * 64


def _canonical(entry: AuditEntry) -> str:
    at = entry.at.astimezone(dt.UTC).replace(tzinfo=None) if entry.at.tzinfo else entry.at
    return json.dumps(
        {
            "at": at.isoformat(timespec="microseconds"),
            "actor": entry.actor,
            "action": entry.action,
            "outcome": entry.outcome,
            "object_type": entry.object_type,
            "object_key": entry.object_key,
            "before": entry.before,
            "after": entry.after,
            "reason": entry.reason,
            "prev_hash": entry.prev_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry).encode("utf-8")).hexdigest()


def record(
    actor: str,
    action: str,
    *,
    object_type: str = "",
    object_key: str = "",
    before=None,
    after=None,
    reason: str = "",
    outcome: str = "done",
) -> AuditEntry:
    """Append one entry (in the caller's transaction when there is one). `before` and
    `after` are JSON-able dicts of the decision as it was and as it became; `outcome` is
    "done" or "refused" (a refusal of rights is recorded too)."""
    alias = router.db_for_write(AuditEntry) or "default"
    with transaction.atomic(using=alias):
        if connections[alias].vendor == "postgresql":
            # one appender at a time: the chain has one order
            with connections[alias].cursor() as cursor:
                cursor.execute("select pg_advisory_xact_lock(7310001)")
        last = AuditEntry.objects.using(alias).order_by("-id").values_list("hash", flat=True)
        entry = AuditEntry(
            at=dt.datetime.now(dt.UTC),
            actor=actor,
            action=action,
            outcome=outcome,
            object_type=object_type,
            object_key=object_key,
            before=_plain(before),
            after=_plain(after),
            reason=reason,
            prev_hash=(last.first() or GENESIS),
        )
        entry.hash = entry_hash(entry)
        entry.save(using=alias)
    return entry


def _plain(value):
    """Dates, decimals and the like as JSON keeps them (what the hash is computed over)."""
    return None if value is None else json.loads(json.dumps(value, default=str))


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    at: dt.datetime
    problem: str  # Finnish, for the check's evidence


def verify_chain() -> list[ChainBreak]:
    """Every place the chain does not hold: an entry whose hash does not match its fields
    (edited), or whose prev_hash is not the hash before it (an entry removed)."""
    breaks = []
    previous = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator():
        if entry.prev_hash != previous:
            breaks.append(
                ChainBreak(entry.id, entry.at, "edellinen merkintä puuttuu tai on muutettu")
            )
        if entry_hash(entry) != entry.hash:
            breaks.append(
                ChainBreak(entry.id, entry.at, "merkintää on muutettu tallennuksen jälkeen")
            )
        previous = entry.hash
    return breaks
