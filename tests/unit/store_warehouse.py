"""A small published warehouse, its check history and a fresh store, for the store's
rules (review.store.access, decisions): Heinola (111) with units 1 ⊃ 600 ⊃ 606 ⊃ 1004
and 1 ⊃ 700 ⊃ 7001 on the reporting dates 28.2. and 31.3.2026, plus Iitti (142)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.gate.history import append_run
from warehouse.gate.records import CheckResult, Evidence
from warehouse.settings import Settings, load_settings

FEB, MARCH = dt.date(2026, 2, 28), dt.date(2026, 3, 31)
TODAY = dt.date(2026, 4, 15)
PASSWORD = "Kuusi-kuusi-kuusi-6"
# (municipality, unit, ancestors including itself)
TREE = [
    ("111", "1", ["1"]),
    ("111", "600", ["1", "600"]),
    ("111", "606", ["1", "600", "606"]),
    ("111", "1004", ["1", "600", "606", "1004"]),
    ("111", "700", ["1", "700"]),
    ("111", "7001", ["1", "700", "7001"]),
    ("142", "1", ["1"]),
    ("142", "600", ["1", "600"]),
]
CHECK = "realization_within_full_year_budget"


@dataclass
class Store:
    settings: Settings
    alias: str
    users: dict  # username -> User


def write_warehouse(folder: Path) -> Settings:
    """The published warehouse's organisation and accounts, and one run's failures."""
    settings = load_settings(folder / "toteuma.duckdb")
    with duckdb.connect(str(settings.warehouse_path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.bridge_org_unit_cost_centre (reporting_date date,"
            " municipality_code varchar, org_unit_code varchar, cost_centre_code varchar,"
            " depth integer)"
        )
        con.execute(
            "create table marts.dim_org_unit (municipality_code varchar, org_unit_code varchar,"
            " org_unit_name varchar, valid_from_date date)"
        )
        con.execute("create table marts.dim_account (account_code varchar)")
        con.execute("insert into marts.dim_account values ('4000')")
        for day in (FEB, MARCH):
            for municipality, unit, above in TREE:
                for depth, ancestor in enumerate(reversed(above)):
                    con.execute(
                        "insert into marts.bridge_org_unit_cost_centre values (?, ?, ?, ?, ?)",
                        [day, municipality, ancestor, unit, depth],
                    )
        for municipality, unit, _ in TREE:
            con.execute(
                "insert into marts.dim_org_unit values (?, ?, ?, date '2020-01-01')",
                [municipality, unit, f"Yksikkö {unit}"],
            )
    rows = [Evidence(municipality_code=m, org_unit_code=u, line_code="AINEET") for m, u, _ in TREE]
    result = CheckResult(CHECK, "judgement", "warn", "w", "x", rows, len(rows))
    append_run(settings.audit_path, "run-1", dt.datetime(2026, 4, 15), [result], "publish")
    return settings


def add_user(username: str, *grants: tuple[str, str, str]):
    """A user with a password and grants (role, municipality, unit) in the current store."""
    from django.contrib.auth import get_user_model

    from review.store.models import Grant

    user = get_user_model().objects.create_user(
        username, password=PASSWORD, first_name=username.title()
    )
    for role, municipality, unit in grants:
        Grant.objects.create(user=user, role=role, municipality=municipality, unit=unit)
    return user
