"""The demo's decisions and users, for the demo warehouse's store only.

`toteuma run --demo-if-empty` on the demo's own landing folder (marked .toteuma-demo)
calls `add_demo_decisions` once: the demo's sign-offs and explanations (demo/controls/)
and three users a newcomer can log in as, with random passwords shown once:

    valmistelija   preparer of unit 600 (Sivistyspalvelut) of Heinola (111)
    talousjohtaja  approver of the whole municipality
    tarkastaja     auditor of the whole municipality
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from review.store.schema import open_store

MUNICIPALITY = "111"
DEMO_USERS = (
    ("valmistelija", "Valmistelija (demo)", "preparer", "600"),
    ("talousjohtaja", "Talousjohtaja (demo)", "approver", ""),
    ("tarkastaja", "Tarkastaja (demo)", "auditor", ""),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class DemoDecisions:
    imported: str
    users: list[DemoUser]


def add_demo_decisions(store_url: str, folder: Path) -> DemoDecisions | None:
    """Import the demo's decisions and create its users; None when the store already has
    users or decisions (the demo's, or a person's: never overwritten)."""
    with open_store(store_url):
        from django.contrib.auth import get_user_model
        from django.db import router, transaction

        from review.store.folder import import_folder
        from review.store.models import Explanation, Grant, SignOff, Waiver

        users = get_user_model().objects
        if any(m.objects.exists() for m in (SignOff, Waiver, Explanation)) or users.exists():
            return None
        with transaction.atomic(using=router.db_for_write(Grant) or "default"):
            imported = import_folder(folder, actor="demo")
            created = []
            for username, name, role, unit in DEMO_USERS:
                password = secrets.token_urlsafe(12)
                user = users.create_user(username, password=password, first_name=name)
                Grant.objects.create(user=user, role=role, municipality=MUNICIPALITY, unit=unit)
                created.append(DemoUser(username, password, _role_text(role, unit)))
        return DemoDecisions(imported.text(), created)


def _role_text(role: str, unit: str) -> str:
    scope = f"yksikkö {unit} ja sen alayksiköt" if unit else "koko kunta"
    names = {"preparer": "valmistelija", "approver": "hyväksyjä", "auditor": "tarkastaja"}
    return f"{names[role]}, kunta {MUNICIPALITY}, {scope}"
