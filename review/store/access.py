"""Who may do what where: roles granted per organisation unit (review.store.models.Grant).

A grant on a unit covers the unit and every unit under it on the reporting date, as the
warehouse's own organisation history places them (marts.bridge_org_unit_cost_centre of
the published warehouse: which units roll up into which on each reporting date); a grant
with no unit covers the municipality. preparer: view, explain, comment, waive, submit;
approver: also approve, send back and reopen; auditor: view everything and read the audit
log, change nothing. An inactive user may do nothing; rights come from grants only (an
administrator's staff flag opens the admin, not the review).

THE CONTRACT BELOW IS SHARED BY THE WEB PAGES AND THE COMMAND LINE.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import duckdb
import rules

from warehouse.settings import Settings


class Action(StrEnum):
    VIEW = "view"
    EXPLAIN = "explain"
    COMMENT = "comment"
    WAIVE = "waive"
    SUBMIT = "submit"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    REOPEN = "reopen"
    AUDIT = "audit"  # read the audit log


ACTION_NAMES = {  # as a refusal names the action, in Finnish
    Action.VIEW: "katsella",
    Action.EXPLAIN: "kirjoittaa selityksiä",
    Action.COMMENT: "kommentoida",
    Action.WAIVE: "myöntää poikkeuslupia",
    Action.SUBMIT: "lähettää lukuja hyväksyttäviksi",
    Action.APPROVE: "hyväksyä lukuja",
    Action.SEND_BACK: "palauttaa lukuja valmisteluun",
    Action.REOPEN: "avata hyväksyttyjä lukuja uudelleen",
    Action.AUDIT: "lukea tapahtumalokia",
}
_PREPARER = {Action.VIEW, Action.EXPLAIN, Action.COMMENT, Action.WAIVE, Action.SUBMIT}
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    "preparer": frozenset(_PREPARER),
    "approver": frozenset(_PREPARER | {Action.APPROVE, Action.SEND_BACK, Action.REOPEN}),
    "auditor": frozenset({Action.VIEW, Action.AUDIT}),
}


@dataclass(frozen=True)
class Target:
    """What a permission is asked for: a unit ("" = the municipality) of a municipality on
    a reporting date (None: the latest), in the warehouse of `settings`."""

    settings: Settings
    municipality: str
    unit: str
    on: dt.date | None = None


def _granted(action: Action):
    """The predicate of one action: a grant of a role allowing it covers the target."""

    @rules.predicate(name=f"granted_{action}")
    def granted(user, target: Target) -> bool:
        grants = _grants(user, target.municipality, action)
        if "" in grants:
            return True
        if not grants or not target.unit:
            return False
        return bool(grants & ancestors(target.settings, target.municipality, target.unit,
                                       target.on))  # fmt: skip

    return granted


# One rule per action (django-rules' object permissions): `may` asks them, and so does
# Django's user.has_perm("store.<action>", target) through rules' ObjectPermissionBackend.
for _action in Action:
    rules.add_perm(f"store.{_action}", _granted(_action))


def may(
    settings: Settings,
    user,
    action: Action,
    municipality: str,
    unit: str,
    on: dt.date | None = None,
) -> bool:
    """Whether `user` may take `action` on `unit` ("" = the municipality) of
    `municipality` on reporting date `on` (None: the latest reporting date)."""
    target = Target(settings, municipality, unit or "", on)
    return rules.has_perm(f"store.{Action(action)}", user, target)


def units_in_scope(settings: Settings, user, municipality: str, on: dt.date) -> set[str] | None:
    """The units the user may view on the date (None: every unit of the municipality)."""
    grants = _grants(user, municipality, Action.VIEW)
    if "" in grants:
        return None
    tree = _tree(*_source(settings), municipality, on)
    return {unit for unit, above in tree.items() if above & grants} | grants


def may_somewhere(user, action: Action) -> bool:
    """Whether any grant of the user allows `action` (menus: show the audit log link)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(Action(action) in ROLE_ACTIONS[g.role] for g in user.grants.all())


def municipalities_of(user) -> list[str]:
    """The municipalities where the user has any grant, sorted."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return sorted({grant.municipality for grant in user.grants.all()})


def role_names(user, municipality: str) -> list[str]:
    """The user's roles in the municipality ("preparer", …), for the page header."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return sorted({g.role for g in user.grants.all() if g.municipality == municipality})


def _grants(user, municipality: str, action: Action) -> set[str]:
    """The units ("" = whole municipality) of the user's grants allowing `action`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return {
        grant.unit
        for grant in user.grants.all()
        if grant.municipality == municipality and action in ROLE_ACTIONS[grant.role]
    }


def ancestors(settings: Settings, municipality: str, unit: str, on: dt.date | None) -> set[str]:
    """The unit itself and every unit it rolls up into on the date (empty: unknown unit)."""
    return _tree(*_source(settings), municipality, on).get(unit, set())


def reporting_dates(settings: Settings, municipality: str) -> set[dt.date]:
    """The municipality's reporting dates (month ends with figures) in the warehouse."""
    return set(_dates(*_source(settings)).get(municipality, ()))


def municipalities_in(settings: Settings) -> list[str]:
    """The municipality codes of the warehouse, sorted."""
    return sorted(_dates(*_source(settings)))


def grant_problems(settings: Settings, municipality: str, unit: str) -> list[str]:
    """Why a grant of `unit` ("" = the whole municipality) of `municipality` would never
    apply in this warehouse (Finnish sentences; empty: it can). Nothing is said before the
    warehouse has been built (a new warehouse's users are set up first)."""
    known = municipalities_in(settings)
    if not known:
        return []
    if municipality not in known:
        return [f"tuntematon kunta '{municipality}' (tietovarastossa: {', '.join(known)})"]
    if unit and unit not in _every_unit(*_source(settings), municipality):
        return [
            f"kunnan {municipality} organisaatiossa ei ole yksikköä '{unit}' millään"
            " raportointipäivällä"
        ]
    return []


@functools.lru_cache(maxsize=16)
def _every_unit(path: str, version: float, municipality: str) -> frozenset[str]:
    with duckdb.connect(path, read_only=True) as con:
        return frozenset(
            row[0]
            for row in con.execute(
                "select distinct cost_centre_code from marts.bridge_org_unit_cost_centre"
                " where municipality_code = ?",
                [municipality],
            ).fetchall()
        )


def unit_names(settings: Settings, municipality: str, on: dt.date) -> dict[str, str]:
    """unit code -> name for every unit and cost centre of the date's organisation."""
    return dict(_names(*_source(settings), municipality, on))


def _source(settings: Settings) -> tuple[str, float]:
    """The warehouse file the organisation is read from, and its version (mtime): the
    published file, or the candidate before anything was published."""
    for path in (settings.warehouse_path, settings.candidate_path):
        if Path(path).exists():
            return str(path), Path(path).stat().st_mtime
    return "", 0.0


@functools.lru_cache(maxsize=8)
def _dates(path: str, version: float) -> dict[str, tuple[dt.date, ...]]:
    if not path:
        return {}
    with duckdb.connect(path, read_only=True) as con:
        rows = con.execute(
            "select municipality_code, list(distinct reporting_date order by reporting_date)"
            " from marts.bridge_org_unit_cost_centre group by all"
        ).fetchall()
    return {municipality: tuple(dates) for municipality, dates in rows}


@functools.lru_cache(maxsize=64)
def _names(path: str, version: float, municipality: str, on: dt.date) -> tuple:
    if not path:
        return ()
    with duckdb.connect(path, read_only=True) as con:
        return tuple(
            con.execute(
                "select bridge.cost_centre_code,"
                " arg_max(units.org_unit_name, units.valid_from_date)"
                " from marts.bridge_org_unit_cost_centre as bridge"
                " left join marts.dim_org_unit as units"
                " on units.municipality_code = bridge.municipality_code"
                " and units.org_unit_code = bridge.cost_centre_code"
                " and units.valid_from_date <= bridge.reporting_date"
                " where bridge.municipality_code = ? and bridge.reporting_date = ?"
                " group by all order by 1",
                [municipality, on],
            ).fetchall()
        )


@functools.lru_cache(maxsize=256)
def _tree(path: str, version: float, municipality: str, on: dt.date | None) -> dict[str, set]:
    """unit -> {the unit and its ancestors} on the date (None: the latest reporting date)
    of the municipality. Cached per file version: a new publication is read anew."""
    if not path:
        return {}
    with duckdb.connect(path, read_only=True) as con:
        # the latest reporting date on or before `on` (None: the latest), so that a date
        # that is no reporting date is judged by the organisation then, and refused as a
        # date by the decision, not as a lack of rights
        found = con.execute(
            "select coalesce(max(reporting_date) filter (where reporting_date <= ?),"
            " min(reporting_date)) from marts.bridge_org_unit_cost_centre"
            " where municipality_code = ?",
            [on or dt.date.max, municipality],
        ).fetchone()
        on = found[0] if found else None
        rows = con.execute(
            "select cost_centre_code, list(org_unit_code) from marts.bridge_org_unit_cost_centre"
            " where municipality_code = ? and reporting_date = ? group by all",
            [municipality, on],
        ).fetchall()
    return {unit: set(above) | {unit} for unit, above in rows}
