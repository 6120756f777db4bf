"""The store on PostgreSQL, as a municipality's IT runs it on a shared server: the same
migrations, the audit trail append-only by the database's own trigger, the hash chain,
and a controls folder in and out unchanged."""

from __future__ import annotations

import filecmp

import pytest

from tests.store.postgresql import throwaway_cluster
from warehouse.settings import DEMO_CONTROLS_DIR


@pytest.fixture(scope="module")
def postgres_url():
    with throwaway_cluster() as url:
        yield url


def test_the_demo_decisions_make_the_round_trip_through_postgresql(postgres_url, tmp_path):
    from review.store.schema import open_store

    with open_store(postgres_url):
        from review.store.folder import export_folder, import_folder
        from review.store.models import SignOff

        # WHEN the demo's controls folder is imported, twice, and exported
        first = import_folder(DEMO_CONTROLS_DIR, actor="it-admin")
        second = import_folder(DEMO_CONTROLS_DIR, actor="it-admin")
        export_folder(tmp_path / "out")
        # THEN every sign-off arrived once, with its frozen figures byte for byte
        assert first.signoffs == SignOff.objects.count() == 6
        assert second.signoffs == 0 and second.skipped > 0
    for figures in (DEMO_CONTROLS_DIR / "approved").rglob("*.csv"):
        relative = figures.relative_to(DEMO_CONTROLS_DIR)
        assert filecmp.cmp(figures, tmp_path / "out" / relative, shallow=False), relative


def test_postgresql_refuses_to_change_or_remove_an_audit_entry(postgres_url):
    from django.db import DatabaseError, transaction

    from review.store.schema import open_store

    with open_store(postgres_url) as alias:
        from review.store import audit
        from review.store.models import AuditEntry

        entry = audit.record("tiina", "comment", object_type="comment", object_key="1")
        # WHEN someone updates or deletes the entry through the database
        for change in (
            lambda: AuditEntry.objects.filter(id=entry.id).update(reason="muutettu"),
            lambda: AuditEntry.objects.filter(id=entry.id).delete(),
        ):
            with pytest.raises(DatabaseError, match="vain lisättävä"), transaction.atomic(alias):
                change()
        # THEN it is as it was, and the chain holds
        assert AuditEntry.objects.get(id=entry.id).reason == ""
        assert audit.verify_chain() == []
