"""The store's rules, on a small warehouse: who may do what where (a permission matrix of
role × unit × action), and every decision's validation, refusals and audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.unit.store_warehouse import CHECK, FEB, MARCH, TODAY, add_user, write_warehouse

UNIT_GRANTS = {
    "preparer600": [("preparer", "111", "600")],
    "approver600": [("approver", "111", "600")],
    "approver111": [("approver", "111", "")],
    "auditor111": [("auditor", "111", "")],
    "nobody": [],
}
WRITES = ("explain", "comment", "waive", "submit")
APPROVALS = ("approve", "send_back", "reopen")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The settings of a small warehouse with its store open, and its users."""
    from review.store.schema import open_store

    settings = write_warehouse(tmp_path_factory.mktemp("store"))
    with open_store(settings.store):
        users = {name: add_user(name, *grants) for name, grants in UNIT_GRANTS.items()}
        yield settings, users


def _ctx(store, username):
    from review.store.decisions import Context

    settings, users = store
    return Context(settings, users[username], today=TODAY)


# --- the permission matrix ----------------------------------------------------------------

# (user, unit) -> the actions allowed there; every other action of the list is refused
MATRIX = [
    ("preparer600", "600", {"view", *WRITES}),
    ("preparer600", "1004", {"view", *WRITES}),  # three levels under 600
    ("preparer600", "700", set()),
    ("preparer600", "1", set()),  # the unit above
    ("preparer600", "", set()),  # the municipality as a whole
    ("approver600", "606", {"view", *WRITES, *APPROVALS}),
    ("approver600", "7001", set()),
    ("approver600", "", set()),
    ("approver111", "", {"view", *WRITES, *APPROVALS}),
    ("approver111", "7001", {"view", *WRITES, *APPROVALS}),
    ("auditor111", "606", {"view", "audit"}),
    ("auditor111", "", {"view", "audit"}),
    ("nobody", "600", set()),
]
ACTIONS = ("view", *WRITES, *APPROVALS, "audit")


@pytest.mark.parametrize(("username", "unit", "allowed"), MATRIX)
def test_the_permission_matrix(store, username, unit, allowed):
    from review.store.access import may

    settings, users = store
    got = {a for a in ACTIONS if may(settings, users[username], a, "111", unit, MARCH)}
    assert got == allowed


def test_djangos_has_perm_asks_the_same_rules(store):
    from review.store.access import Target

    settings, users = store
    preparer = users["preparer600"]
    assert preparer.has_perm("store.explain", Target(settings, "111", "606", MARCH))
    assert not preparer.has_perm("store.explain", Target(settings, "111", "700", MARCH))
    assert not preparer.has_perm("store.approve", Target(settings, "111", "606", MARCH))


def test_a_grant_of_a_municipality_or_unit_the_warehouse_lacks_is_named(store):
    from review.store.access import grant_problems

    settings, _ = store
    assert grant_problems(settings, "111", "1004") == []
    assert grant_problems(settings, "142", "") == []
    assert grant_problems(settings, "999", "") == [
        "tuntematon kunta '999' (tietovarastossa: 111, 142)"
    ]
    assert grant_problems(settings, "142", "606") == [
        "kunnan 142 organisaatiossa ei ole yksikköä '606' millään raportointipäivällä"
    ]


def test_a_waiver_is_in_force_a_year_at_most():
    from review.store.decisions import one_year_after

    assert one_year_after(dt.date(2026, 12, 7)) == dt.date(2027, 12, 7)
    assert one_year_after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_a_grant_is_for_its_own_municipality_only(store):
    from review.store.access import may

    settings, users = store
    # 142 has a unit 600 too: the grant on 111's 600 does not reach it
    assert may(settings, users["preparer600"], "explain", "111", "600", MARCH)
    assert not may(settings, users["preparer600"], "explain", "142", "600", MARCH)
    assert not may(settings, users["approver111"], "view", "142", "", MARCH)


def test_an_inactive_user_may_do_nothing(store):
    from review.store.access import may

    settings, users = store
    user = users["approver111"]
    user.is_active = False
    try:
        assert not may(settings, user, "view", "111", "", MARCH)
    finally:
        user.is_active = True


def test_the_units_in_scope_are_the_granted_units_and_everything_under_them(store):
    from review.store.access import units_in_scope

    settings, users = store
    assert units_in_scope(settings, users["preparer600"], "111", MARCH) == {"600", "606", "1004"}
    assert units_in_scope(settings, users["approver111"], "111", MARCH) is None
    assert units_in_scope(settings, users["nobody"], "111", MARCH) == set()


# --- refusals of rights are audited ----------------------------------------------------------


@pytest.mark.parametrize(
    "decide",
    [
        lambda d, c: d.save_explanation(c, "111", "700", MARCH, "x", [], None),
        lambda d, c: d.add_comment(c, CHECK, "111", "700", "", "", "x"),
        lambda d, c: d.add_waiver(c, d.WaiverRequest(CHECK, "r", TODAY, "111", "700")),
        lambda d, c: d.approve(c, "111", "600", MARCH),
        lambda d, c: d.reopen(c, "111", "600", MARCH, "x"),
    ],
    ids=["explain", "comment", "waive", "approve", "reopen"],
)
def test_a_preparer_of_600_is_refused_outside_their_rights_and_the_refusal_is_audited(
    store, decide
):
    from review.store import decisions
    from review.store.models import AuditEntry, Comment, Explanation, SignOff, Waiver

    before = AuditEntry.objects.count()
    counts = [m.objects.count() for m in (Comment, Explanation, SignOff, Waiver)]
    with pytest.raises(decisions.Forbidden, match="preparer600 ei saa"):
        decide(decisions, _ctx(store, "preparer600"))
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.actor, entry.outcome) == ("preparer600", "refused")
    assert [m.objects.count() for m in (Comment, Explanation, SignOff, Waiver)] == counts


def test_an_auditor_changes_nothing(store):
    from review.store import decisions

    ctx = _ctx(store, "auditor111")
    with pytest.raises(decisions.Forbidden):
        decisions.save_explanation(ctx, "111", "600", MARCH, "x", [], None)
    with pytest.raises(decisions.Forbidden):
        decisions.add_waiver(ctx, decisions.WaiverRequest(CHECK, "r", TODAY, "111", ""))


# --- waivers --------------------------------------------------------------------------------


def test_a_waiver_is_saved_with_its_maker_and_audited(store):
    from review.store import decisions
    from review.store.models import AuditEntry

    request = decisions.WaiverRequest(
        CHECK, "Muutos 14.4.", dt.date(2026, 6, 30), "111", "600", descendants=True,
        line="AINEET", period_from="2026-01", period_to="2026-03-31",
        max_difference=Decimal(100),
    )  # fmt: skip
    waiver = decisions.add_waiver(_ctx(store, "preparer600"), request)
    assert (waiver.name, waiver.created_by.username) == ("Preparer600", "preparer600")
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_key, entry.after["unit"]) == ("waive", str(waiver.id), "600")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"check_name": "realization_budget"}, "tuntematon tarkistus 'realization_budget'"),
        ({"unit": "999"}, "tuntematon yksikkö '999'"),
        ({"line": "KAHVI"}, "tuntematon rivi 'KAHVI'"),
        ({"expires": dt.date(2026, 4, 14)}, "päättymispäivä 14.4.2026 on jo mennyt"),
        ({"reason": "  "}, "perustelu puuttuu"),
        ({"period_from": "maaliskuu"}, "ei ole päivämäärä, kuukausi eikä vuosi"),
        ({"expires": dt.date(9999, 12, 31)}, "enintään vuoden voimassa .viimeistään 15.4.2027"),
        ({"max_difference": Decimal(-5)}, "suurin erotus -5 € on negatiivinen"),
        ({"max_difference": Decimal("-0")}, "suurin erotus -0 € on negatiivinen"),
        ({"max_difference": Decimal("NaN")}, "suurin erotus 'NaN' ei ole euromäärä"),
        ({"max_difference": Decimal("1E+9")}, "on liian suuri"),
    ],
)
def test_a_waiver_is_refused_naming_what_is_wrong_and_nothing_is_saved(store, changes, message):
    from review.store import decisions
    from review.store.models import Waiver

    values = {"check_name": CHECK, "reason": "r", "expires": dt.date(2026, 6, 30),
              "municipality": "111", "unit": "600"} | changes  # fmt: skip
    before = Waiver.objects.count()
    with pytest.raises(decisions.Refused, match=message) as refused:
        decisions.add_waiver(_ctx(store, "approver111"), decisions.WaiverRequest(**values))
    assert not isinstance(refused.value, decisions.Forbidden)
    assert Waiver.objects.count() == before


def test_a_waiver_of_a_unit_needs_its_municipality_when_the_warehouse_holds_several(tmp_path):
    from warehouse.controls.waive import unknown_values
    from warehouse.gate.history import append_run
    from warehouse.gate.records import CheckResult, Evidence

    audit = tmp_path / "toteuma.audit.duckdb"
    rows = [Evidence(municipality_code=kunta, org_unit_code="100") for kunta in ("049", "091")]
    result = CheckResult("deviations_explained", "judgement", "warn", "w", "x", rows, 2)
    append_run(audit, "run-1", dt.datetime(2026, 4, 15), [result], "publish")
    entry = {"check": "deviations_explained", "unit": "100"}
    assert any(
        "useita kuntia (049, 091)" in p
        for p in unknown_values(audit, tmp_path / "none.duckdb", entry)
    )
    assert unknown_values(audit, tmp_path / "none.duckdb", entry | {"municipality": "049"}) == []


def test_a_withdrawn_waiver_stays_in_the_store_marked_withdrawn(store):
    from review.store import decisions

    ctx = _ctx(store, "approver111")
    request = decisions.WaiverRequest(CHECK, "r", dt.date(2026, 6, 30), "111", "700")
    waiver = decisions.add_waiver(ctx, request)
    decisions.withdraw_waiver(ctx, waiver.id, "Korjattu kirjanpidossa")
    waiver.refresh_from_db()
    assert waiver.withdrawn_by.username == "approver111" and waiver.withdrawn_at is not None
    with pytest.raises(decisions.Refused, match="on jo peruttu"):
        decisions.withdraw_waiver(ctx, waiver.id, "uudelleen")


# --- explanations -----------------------------------------------------------------------


def test_an_explanation_keeps_every_version_and_refuses_a_save_on_an_old_one(store):
    from review.store import decisions
    from review.store.models import Explanation

    text = [decisions.SectionText("HENKILOSTO", "Lomarahat.")]
    first = decisions.save_explanation(
        _ctx(store, "preparer600"), "111", "606", MARCH, "Alku.", text, None
    )
    # GIVEN two people who opened version 1; the first saves
    decisions.save_explanation(_ctx(store, "approver111"), "111", "606", MARCH, "B", text, 1)
    # WHEN the second saves on version 1 THEN they are told, and their text is not saved
    with pytest.raises(decisions.Conflict, match="muutettu sen jälkeen, kun avasit") as refused:
        decisions.save_explanation(_ctx(store, "preparer600"), "111", "606", MARCH, "C", text, 1)
    assert refused.value.current.narrative == "B"
    saved = Explanation.objects.get(id=first.id)
    assert (saved.version, saved.narrative) == (2, "B")
    assert [r.narrative for r in saved.revisions.order_by("version")] == ["Alku.", "B"]
    assert saved.sections.get().heading == "Henkilöstökulut"


@pytest.mark.parametrize(
    ("unit", "day", "line", "message"),
    [
        ("606", dt.date(2026, 3, 30), "HENKILOSTO", "30.3.2026 ei ole raportointipäivä"),
        ("6060", MARCH, "HENKILOSTO", "yksikköä 6060 ei ole päivän 31.3.2026 organisaatiossa"),
        ("606", MARCH, "KAHVI", "rivi 'KAHVI' ei ole tuloslaskelman rivi"),
    ],
)
def test_an_explanation_of_what_the_warehouse_does_not_have_is_refused(
    store, unit, day, line, message
):
    from review.store import decisions

    with pytest.raises(decisions.Refused, match=message):
        decisions.save_explanation(
            _ctx(store, "approver111"), "111", unit, day, "x",
            [decisions.SectionText(line, "y")], None,
        )  # fmt: skip


def test_an_approved_date_is_frozen_until_an_approver_reopens_it(store):
    from review.store import decisions
    from review.store.models import AuditEntry, SignOff

    SignOff.objects.create(
        municipality="111", unit="600", reporting_date=FEB, signer_name="Tiina",
        username="tiina", signed_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC),
        fingerprint="sha256:x", figures="",
    )  # fmt: skip
    ctx = _ctx(store, "preparer600")
    # THEN a sub-unit's explanation of that date is refused, naming the approval
    with pytest.raises(decisions.Refused, match="luvut on hyväksytty .Tiina"):
        decisions.save_explanation(ctx, "111", "1004", FEB, "x", [], None)
    assert decisions.status(ctx.settings, "111", "606", FEB).status == "approved"
    # WHEN the approver of 600 reopens it, with a reason
    with pytest.raises(decisions.Refused, match="avaamisen syy"):
        decisions.reopen(_ctx(store, "approver600"), "111", "600", FEB, " ")
    decisions.reopen(_ctx(store, "approver600"), "111", "600", FEB, "Jaksotus korjataan")
    # THEN the explanation can be written and the reopening is in the audit
    decisions.save_explanation(ctx, "111", "1004", FEB, "x", [], None)
    assert decisions.status(ctx.settings, "111", "606", FEB).status == "draft"
    assert AuditEntry.objects.filter(action="reopen", reason="Jaksotus korjataan").exists()
    with pytest.raises(decisions.Refused, match="avattavaa ei ole"):
        decisions.reopen(_ctx(store, "approver600"), "111", "600", FEB, "taas")


def test_a_comment_is_kept_with_its_author_and_an_empty_one_refused(store):
    from review.store import decisions

    ctx = _ctx(store, "preparer600")
    comment = decisions.add_comment(ctx, CHECK, "111", "606", "AINEET", "2026-03", " Selvitän. ")
    assert (comment.body, comment.author.username) == ("Selvitän.", "preparer600")
    with pytest.raises(decisions.Refused, match="tyhjä"):
        decisions.add_comment(ctx, CHECK, "111", "606", "AINEET", "2026-03", "  ")


def test_a_comment_on_a_check_that_never_ran_is_refused(store):
    from review.store import decisions

    with pytest.raises(decisions.Refused, match="tuntematon tarkistus 'nonexistent_check'"):
        decisions.add_comment(_ctx(store, "approver111"), "nonexistent_check", "111", "600",
                              "", "", "x")  # fmt: skip


def test_an_approved_date_is_not_submitted_or_sent_back_and_a_draft_not_sent_back(store):
    from review.store import decisions
    from review.store.models import Release, SignOff

    SignOff.objects.create(
        municipality="111", unit="700", reporting_date=FEB, signer_name="Tiina",
        username="tiina", signed_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC),
        fingerprint="sha256:y", figures="",
    )  # fmt: skip
    ctx = _ctx(store, "approver111")
    # a forged submit of a sub-unit of an approved unit: refused, the record untouched
    with pytest.raises(decisions.Refused, match="on jo hyväksytty .Tiina"):
        decisions.submit(ctx, "111", "7001", FEB, "preparer overwrites")
    for note in ("takaisin", ""):  # the state is named before a missing note
        with pytest.raises(decisions.Refused, match="on jo hyväksytty"):
            decisions.send_back(ctx, "111", "700", FEB, note)
    with pytest.raises(decisions.Refused, match="ei ole lähetetty hyväksyttäviksi"):
        decisions.send_back(ctx, "111", "7001", MARCH, "takaisin")
    assert not Release.objects.filter(unit__in=("700", "7001")).exists()


def test_decisions_and_refusals_leave_the_audit_chain_intact(store):
    from review.store import audit, decisions
    from review.store.models import AuditEntry

    ctx = _ctx(store, "approver111")
    decisions.add_comment(ctx, CHECK, "111", "700", "", "", "Tarkistan.")
    with pytest.raises(decisions.Forbidden):
        decisions.add_comment(_ctx(store, "nobody"), CHECK, "111", "700", "", "", "x")
    assert AuditEntry.objects.count() >= 2
    assert audit.verify_chain() == []


# --- the command line's login ------------------------------------------------------------


def test_the_command_line_signs_in_with_the_password_and_five_wrong_ones_lock_the_user(store):
    from review.store.decisions import Forbidden
    from review.store.login import log_in
    from review.store.models import AuditEntry
    from tests.unit.store_warehouse import PASSWORD, add_user

    add_user("locked")
    assert log_in("locked", PASSWORD).username == "locked"
    for _ in range(4):
        with pytest.raises(Forbidden, match="salasana on väärin"):
            log_in("locked", "wrong")
    # the fifth wrong password locks the user: then the right one is refused too
    for password in ("wrong", PASSWORD):
        with pytest.raises(Forbidden, match="lukittu liian monen väärän salasanan jälkeen"):
            log_in("locked", password)
    # every refused login is in the audit trail (never the password)
    refused = AuditEntry.objects.filter(actor="locked", action="login", outcome="refused")
    assert refused.count() == 6 and "komentorivi" in refused.first().reason
    assert not AuditEntry.objects.filter(reason__contains="wrong").exists()


# --- backup and restore -------------------------------------------------------------------


def test_a_backup_restores_into_an_empty_store_with_its_audit_chain_and_not_over_another(
    store, tmp_path
):
    from review.store import decisions
    from review.store.backup import RestoreRefused, backup, restore
    from review.store.models import AuditEntry, Explanation
    from review.store.schema import open_store

    ctx = _ctx(store, "approver111")
    for version in (None, 1):
        decisions.save_explanation(ctx, "111", "7001", MARCH, f"v{version}", [], version)
    taken = backup(tmp_path / "store.json")
    entries = AuditEntry.objects.count()
    with open_store(f"sqlite:///{tmp_path / 'restored.sqlite3'}"):
        from django.contrib.auth import get_user_model

        from review.store import audit

        restored = restore(tmp_path / "store.json")
        assert restored == taken
        assert AuditEntry.objects.count() == entries and audit.verify_chain() == []
        assert Explanation.objects.get(unit="7001").revisions.count() == 2
        assert (
            get_user_model()
            .objects.get(username="preparer600")
            .check_password("Kuusi-kuusi-kuusi-6")
        )
        with pytest.raises(RestoreRefused, match="ei ole tyhjä"):
            restore(tmp_path / "store.json")
