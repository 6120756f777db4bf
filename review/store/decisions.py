"""The decisions a controller makes, with their rules: one set for the web pages and the
command line (`toteuma waive`, `explain`, `signoff`, …).

Every function:
- checks the actor's rights on the server (review.store.access) and raises Forbidden,
  after auditing the refusal, when the actor may not act on that scope;
- validates the decision against the warehouse (known check, unit, line, reporting date)
  and raises Refused with every reason (Finnish sentences a controller understands);
- writes the decision and its AuditEntry in one transaction: nothing is half-saved.

`ctx` is a Context: the warehouse's settings (warehouse.settings.Settings: the published
file, the audit file and the candidate read through short-lived read-only connections)
and the acting user of the current store (review.store.schema.open_store, or the web
application's own store).

Validation reads the published warehouse (its organisation and reporting dates), which a
nightly run never writes in place, so explanations, waivers and comments can be saved
while a run is going. An approval reads the candidate the latest run built (the figures
it freezes are those checked): it waits while a run holds the lock.

THE CONTRACT BELOW IS SHARED BY THE WEB PAGES AND THE COMMAND LINE: change a signature
only together with both callers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import router, transaction

from reports.finnish import date_text, time_text
from review.store import audit
from review.store.access import (
    ACTION_NAMES,
    Action,
    ancestors,
    may,
    municipalities_in,
    reporting_dates,
    unit_names,
)
from review.store.models import (
    Comment,
    Explanation,
    ExplanationRevision,
    ExplanationSection,
    Release,
    ReleaseStatus,
    SignOff,
    Waiver,
)
from warehouse.controls import signoff as signoffs
from warehouse.controls.explanations import report_lines
from warehouse.controls.signoffs import figures_bytes, fingerprint
from warehouse.controls.waive import unknown_values
from warehouse.gate.waivers import parse_waiver
from warehouse.run_lock import RunInProgress, acquire, held_lock
from warehouse.settings import Settings

HELSINKI = ZoneInfo("Europe/Helsinki")
MAX_DIFFERENCE = Decimal("999999999.99")  # euros: beyond it, a waiver waives everything


class Refused(Exception):
    """The decision is not valid; `reasons` are Finnish sentences, each naming what is
    wrong (the value found and what was expected)."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("; ".join(reasons))


class Forbidden(Refused):
    """The actor has no right to this decision on this scope (HTTP 403); audited."""


class Conflict(Refused):
    """The object changed since the actor opened it (optimistic locking): nothing saved.
    `current` is the object as it is now (an Explanation), for the page to show."""

    def __init__(self, reasons: list[str], current=None) -> None:
        super().__init__(reasons)
        self.current = current


@dataclass(frozen=True)
class Context:
    settings: Settings
    user: object  # django.contrib.auth.models.User of the current store
    today: dt.date | None = None  # None: today in Helsinki

    @property
    def day(self) -> dt.date:
        return self.today or dt.datetime.now(HELSINKI).date()

    @property
    def name(self) -> str:
        """The actor as reports print a decision's maker: full name, else username."""
        return self.user.get_full_name() or self.user.username


@dataclass(frozen=True)
class WaiverRequest:
    check_name: str
    reason: str
    expires: dt.date
    municipality: str = ""
    unit: str = ""
    descendants: bool = False
    line: str = ""
    period_from: str = ""
    period_to: str = ""
    max_difference: Decimal | None = None


@dataclass(frozen=True)
class SectionText:
    line_code: str
    body: str


@dataclass(frozen=True)
class Status:
    """Where a unit's figures of a date are: the Release's status, or `approved` when an
    in-force sign-off of the unit, a unit above it or the municipality covers it."""

    status: str  # ReleaseStatus value
    release: Release | None
    signoff: SignOff | None  # the sign-off in force covering the unit, if any
    note: str = ""


# --- waivers and comments ----------------------------------------------------------------


def add_waiver(ctx: Context, request: WaiverRequest) -> Waiver:
    """A new Waiver (models.Waiver). Preparers and approvers within their grants; the
    scope must name the municipality (or the warehouse has only one)."""
    municipality = request.municipality or only_municipality(ctx.settings)
    key = f"{request.check_name} {municipality}/{request.unit or '-'}"
    _require(ctx, Action.WAIVE, municipality, request.unit, None, "waiver", key)
    entry = {
        "check": request.check_name,
        "municipality": municipality,
        "unit": request.unit,
        "descendants": request.descendants,
        "line": request.line,
        "period_from": request.period_from,
        "period_to": request.period_to,
        "max_difference": request.max_difference,
        "reason": (request.reason or "").strip(),
        "name": ctx.name,
        "expires": request.expires,
    }
    entry = {k: v for k, v in entry.items() if v not in (None, "", False)}
    problems = []
    if not entry.get("reason"):
        problems.append("perustelu puuttuu: kirjoita, miksi poikkeama hyväksytään")
    if request.expires is None:
        problems.append("päättymispäivä puuttuu: poikkeuslupa on aina määräaikainen")
    elif request.expires < ctx.day:
        problems.append(f"päättymispäivä {date_text(request.expires)} on jo mennyt")
    elif request.expires > one_year_after(ctx.day):
        problems.append(
            f"päättymispäivä {date_text(request.expires)} on liian kaukana: poikkeuslupa on"
            f" enintään vuoden voimassa (viimeistään {date_text(one_year_after(ctx.day))});"
            " uusi se tarvittaessa"
        )
    problems += _difference_problems(request.max_difference)
    problems += unknown_values(ctx.settings.audit_path, ctx.settings.warehouse_path, entry)
    if not problems:
        try:
            parse_waiver(entry, 1, "poikkeuslupa")
        except ValueError as problem:
            problems.append(str(problem).removeprefix("poikkeuslupa, poikkeuslupa 1: "))
    if problems:
        raise Refused(problems)
    with _atomic():
        waiver = Waiver.objects.create(
            check_name=request.check_name,
            municipality=municipality,
            unit=request.unit,
            descendants=request.descendants,
            line=request.line,
            period_from=request.period_from,
            period_to=request.period_to,
            max_difference=request.max_difference,
            reason=entry["reason"],
            name=ctx.name,
            expires=request.expires,
            created_by=ctx.user,
        )
        audit.record(
            ctx.user.username, "waive", object_type="waiver", object_key=str(waiver.id),
            after=_waiver_dict(waiver), reason=waiver.reason,
        )  # fmt: skip
    return waiver


def withdraw_waiver(ctx: Context, waiver_id: int, reason: str) -> Waiver:
    """The waiver no longer applies from the next run (kept, marked withdrawn)."""
    waiver = Waiver.objects.filter(id=waiver_id).first()
    if waiver is None:
        raise Refused([f"poikkeuslupaa {waiver_id} ei ole"])
    _require(ctx, Action.WAIVE, waiver.municipality, waiver.unit, None, "waiver", str(waiver_id))
    if waiver.withdrawn_at is not None:
        raise Refused([f"poikkeuslupa {waiver_id} on jo peruttu"])
    if not (reason or "").strip():
        raise Refused(["perustelu puuttuu: kirjoita, miksi poikkeuslupa perutaan"])
    with _atomic():
        before = _waiver_dict(waiver)
        waiver.withdrawn_at = dt.datetime.now(dt.UTC)
        waiver.withdrawn_by = ctx.user
        waiver.save()
        audit.record(
            ctx.user.username, "withdraw_waiver", object_type="waiver",
            object_key=str(waiver.id), before=before,
            after={**before, "withdrawn": True}, reason=reason.strip(),
        )  # fmt: skip
    return waiver


def add_comment(
    ctx: Context, check_name: str, municipality: str, unit: str, line: str, period: str, body: str
) -> Comment:
    """A comment on a failure (its check, place, line and period)."""
    key = f"{check_name} {municipality}/{unit or '-'}/{line or '-'}/{period or '-'}"
    _require(ctx, Action.COMMENT, municipality, unit, None, "comment", key)
    problems = [] if (body or "").strip() else ["kommentti on tyhjä"]
    problems += unknown_values(
        ctx.settings.audit_path, ctx.settings.warehouse_path, {"check": check_name}
    )
    if problems:
        raise Refused(problems)
    with _atomic():
        comment = Comment.objects.create(
            check_name=check_name, municipality=municipality, unit=unit or "",
            line=line or "", period=period or "", body=body.strip(), author=ctx.user,
        )  # fmt: skip
        audit.record(
            ctx.user.username, "comment", object_type="comment", object_key=key,
            after={"id": comment.id, "body": comment.body},
        )  # fmt: skip
    return comment


# --- explanations ------------------------------------------------------------------------


def save_explanation(
    ctx: Context,
    municipality: str,
    unit: str,
    reporting_date: dt.date,
    narrative: str,
    sections: list[SectionText],
    based_on_version: int | None,
) -> Explanation:
    """Create or replace the explanation; `based_on_version` is the version the editor
    opened (None: a new one). Conflict when someone saved in between. Refused for a unit
    not in the date's organisation, a line that is not a report line, a date that is not
    a reporting date, or a date whose release is approved (frozen)."""
    key = f"{municipality}/{unit}/{reporting_date.isoformat()}"
    _require(ctx, Action.EXPLAIN, municipality, unit, reporting_date, "explanation", key)
    _known_date_and_unit(ctx.settings, municipality, unit, reporting_date)
    names = {code: name for name, code in report_lines().items()}
    problems = [
        f"rivi '{s.line_code}' ei ole tuloslaskelman rivi (rivit: {', '.join(sorted(names))})"
        for s in sections
        if s.line_code not in names
    ]
    codes = [s.line_code for s in sections]
    problems += [
        f"rivi {code} on selityksessä kahdesti"
        for code in sorted({c for c in codes if codes.count(c) > 1})
    ]
    frozen = in_force(ctx.settings, municipality, unit, reporting_date)
    if frozen is not None:
        problems.append(
            f"päivän {date_text(reporting_date)} luvut on hyväksytty"
            f" ({frozen.signer_name}, {_when(frozen.signed_at)}): selitystä ei voi muuttaa"
            " ennen kuin hyväksyjä avaa päivän uudelleen"
        )
    if problems:
        raise Refused(problems)
    kept = [s for s in sections if s.body.strip()]
    with _atomic():
        current = (
            Explanation.objects.select_for_update()
            .filter(municipality=municipality, unit=unit, reporting_date=reporting_date)
            .first()
        )
        found = None if current is None else current.version
        if found != based_on_version:
            raise Conflict([_changed_since(current, based_on_version)], current)
        before = None if current is None else current.as_dict()
        if current is None:
            current = Explanation(
                municipality=municipality, unit=unit, reporting_date=reporting_date, version=1
            )
        else:
            current.version += 1
        current.narrative = (narrative or "").strip()
        current.updated_by = ctx.user
        current.save()
        current.sections.all().delete()
        for seq, section in enumerate(kept, start=1):
            ExplanationSection.objects.create(
                explanation=current, line_code=section.line_code,
                heading=names[section.line_code], body=section.body.strip(), seq=seq,
            )  # fmt: skip
        after = current.as_dict()
        ExplanationRevision.objects.create(
            explanation=current, version=current.version, narrative=current.narrative,
            sections=after["sections"], saved_by=ctx.user,
        )  # fmt: skip
        audit.record(
            ctx.user.username, "explain", object_type="explanation", object_key=key,
            before=before, after=after,
        )  # fmt: skip
    return current


# --- the release workflow ----------------------------------------------------------------


def submit(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, note: str = ""):
    """The unit's preparer sends the date's figures for approval. Refused with every
    reason that would refuse the approval (unexplained deviations, blocking failures)."""
    key = _release_key(municipality, unit, reporting_date)
    _require(ctx, Action.SUBMIT, municipality, unit, reporting_date, "release", key)
    now = status(ctx.settings, municipality, unit, reporting_date)
    if now.status == ReleaseStatus.APPROVED:
        raise Refused([_approved_already(now.signoff, reporting_date)])
    if now.status == ReleaseStatus.SUBMITTED:
        raise Refused(
            [f"päivän {date_text(reporting_date)} luvut on jo lähetetty hyväksyttäviksi"
             " (hyväksyjä voi hyväksyä tai palauttaa ne)"]
        )  # fmt: skip
    with _no_run(ctx):
        _ready_scope(ctx, municipality, unit, reporting_date)
    return _set_release(
        ctx, municipality, unit, reporting_date, ReleaseStatus.SUBMITTED, note, "submit"
    )


def approve(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, comment: str = ""):
    """An approver signs off (unit "": the whole municipality): the figures are frozen in a
    SignOff, the unit and its sub-units become approved. Refused reasons as `toteuma
    signoff` gives them today."""
    key = _release_key(municipality, unit, reporting_date)
    _require(ctx, Action.APPROVE, municipality, unit, reporting_date, "signoff", key)
    with _no_run(ctx):
        scope = _ready_scope(ctx, municipality, unit, reporting_date)
        data = figures_bytes(signoffs.approved_figures(ctx.settings.candidate_path, scope))
    with _atomic():
        signoff = SignOff.objects.create(
            municipality=municipality, unit=unit or "", reporting_date=reporting_date,
            signer_name=ctx.name, username=ctx.user.username, signed_by=ctx.user,
            signed_at=dt.datetime.now(dt.UTC), comment=(comment or "").strip(),
            fingerprint=fingerprint(data), figures=data.decode("utf-8"),
        )  # fmt: skip
        _set_release(ctx, municipality, unit, reporting_date, ReleaseStatus.APPROVED, comment, None)
        audit.record(
            ctx.user.username, "approve", object_type="signoff", object_key=key,
            after={"signoff": signoff.id, "fingerprint": signoff.fingerprint,
                   "units": len(scope.units), "scope": scope.text},
            reason=signoff.comment,
        )  # fmt: skip
    return signoff


def send_back(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, note: str):
    """An approver returns a submitted date to its preparer with a note (required)."""
    key = _release_key(municipality, unit, reporting_date)
    _require(ctx, Action.SEND_BACK, municipality, unit, reporting_date, "release", key)
    now = status(ctx.settings, municipality, unit, reporting_date)
    if now.status == ReleaseStatus.APPROVED:
        raise Refused([_approved_already(now.signoff, reporting_date)])
    if now.status != ReleaseStatus.SUBMITTED:
        raise Refused(
            [f"päivän {date_text(reporting_date)} lukuja ei ole lähetetty hyväksyttäviksi:"
             " palautettavaa ei ole"]
        )  # fmt: skip
    if not (note or "").strip():
        raise Refused(["kirjoita palautukselle syy: valmistelija näkee sen"])
    _known_date_and_unit(ctx.settings, municipality, unit, reporting_date)
    return _set_release(
        ctx, municipality, unit, reporting_date, ReleaseStatus.RETURNED, note, "send_back"
    )


def reopen(ctx: Context, municipality: str, unit: str, reporting_date: dt.date, reason: str):
    """An approver reopens an approved date (explicit, audited): the sign-off no longer
    applies from the next run."""
    key = _release_key(municipality, unit, reporting_date)
    _require(ctx, Action.REOPEN, municipality, unit, reporting_date, "signoff", key)
    if not (reason or "").strip():
        raise Refused(["kirjoita uudelleen avaamisen syy: se jää tapahtumalokiin"])
    found = list(
        SignOff.objects.filter(
            municipality=municipality,
            unit=unit or "",
            reporting_date=reporting_date,
            reopened_at__isnull=True,
        )  # fmt: skip
    )
    if not found:
        what = f"yksikön {unit}" if unit else f"kunnan {municipality}"
        raise Refused(
            [f"{what} päivän {date_text(reporting_date)} lukuja ei ole hyväksytty:"
             " avattavaa ei ole"]
        )  # fmt: skip
    with _atomic():
        now = dt.datetime.now(dt.UTC)
        for signoff in found:
            signoff.reopened_at, signoff.reopened_by = now, ctx.user
            signoff.reopen_reason = reason.strip()
            signoff.save()
        _set_release(ctx, municipality, unit, reporting_date, ReleaseStatus.DRAFT, reason, "reopen")
    return found


def status(settings: Settings, municipality: str, unit: str, reporting_date: dt.date) -> Status:
    """The unit's (unit "": the municipality's) release status on the date."""
    release = Release.objects.filter(
        municipality=municipality, unit=unit or "", reporting_date=reporting_date
    ).first()
    signoff = in_force(settings, municipality, unit, reporting_date)
    if signoff is not None:
        return Status(ReleaseStatus.APPROVED, release, signoff, release.note if release else "")
    if release is None or release.status == ReleaseStatus.APPROVED:
        return Status(ReleaseStatus.DRAFT, release, None, "")
    return Status(release.status, release, None, release.note)


def in_force(
    settings: Settings, municipality: str, unit: str, reporting_date: dt.date
) -> SignOff | None:
    """The latest sign-off not reopened that covers the unit on the date (its own, a unit
    above it, or the municipality's)."""
    covering = {""} | (ancestors(settings, municipality, unit, reporting_date) if unit else set())
    if unit:
        covering.add(unit)
    return (
        SignOff.objects.filter(
            municipality=municipality,
            reporting_date=reporting_date,
            unit__in=covering,
            reopened_at__isnull=True,
        )  # fmt: skip
        .order_by("-signed_at", "-id")
        .first()
    )


# --- shared rules ------------------------------------------------------------------------


def _require(ctx, action: Action, municipality: str, unit: str, on, object_type, key) -> None:
    """Forbidden (and the refusal audited) unless the actor may take the action."""
    if may(ctx.settings, ctx.user, action, municipality, unit or "", on):
        return
    what = f"yksikössä {unit} (kunta {municipality})" if unit else f"kunnassa {municipality}"
    sentence = (
        f"käyttäjä {ctx.user.username} ei saa {ACTION_NAMES[Action(action)]} {what}:"
        " käyttöoikeudet antaa ylläpitäjä"
    )
    audit.record(
        ctx.user.username, str(action), outcome="refused", object_type=object_type,
        object_key=key, reason=sentence,
    )  # fmt: skip
    raise Forbidden([sentence])


@contextlib.contextmanager
def _no_run(ctx: Context):
    """The warehouse's run lock for the block, so no run rebuilds the candidate while a
    release reads it (taken for a second; a run starting meanwhile waits or is refused as
    for any other holder). Refused while a run is going."""
    if held_lock(ctx.settings.lock_path) is not None:
        yield
        return
    try:
        lock = acquire(ctx.settings.lock_path, wait=False)
    except RunInProgress as busy:
        since = f" {busy.holder.describe()}" if busy.holder else ""
        raise Refused(
            [f"yöajo on käynnissä{since}: hyväksyntä ja lähetys odottavat ajon loppuun,"
             " jotta hyväksytyt luvut ovat ajon tarkistamia; yritä hetken kuluttua uudelleen"]
        ) from None  # fmt: skip
    lock.keep_stale = True  # a dead run's record stays for the next run to clear up
    try:
        yield
    finally:
        lock.release()


def _scope(ctx: Context, municipality: str, unit: str, day: dt.date) -> signoffs.Scope:
    """The release's scope in the candidate the latest run built (call it under _no_run);
    Refused for a date or unit the warehouse lacks."""
    try:
        return signoffs.scope_of(
            ctx.settings.candidate_path, ctx.settings.audit_path, municipality, unit or None, day
        )
    except signoffs.Refused as refused:
        raise Refused(refused.reasons) from None


def _ready_scope(ctx: Context, municipality: str, unit: str, day: dt.date) -> signoffs.Scope:
    scope = _scope(ctx, municipality, unit, day)
    reasons = signoffs.reasons_to_refuse(
        ctx.settings.candidate_path, ctx.settings.audit_path, scope, _explained(municipality, day)
    )
    if reasons:
        raise Refused(reasons)
    return scope


def _explained(municipality: str, day: dt.date) -> set[tuple[str, str]]:
    """(unit, line) pairs the store's explanations of the date cover."""
    return set(
        ExplanationSection.objects.filter(
            explanation__municipality=municipality, explanation__reporting_date=day
        ).values_list("explanation__unit", "line_code")
    )


def _set_release(
    ctx: Context, municipality: str, unit: str, day: dt.date, status_: str, note: str,
    action: str | None,
) -> Release:  # fmt: skip
    unit = unit or ""
    with _atomic():
        release, _ = Release.objects.select_for_update().get_or_create(
            municipality=municipality, unit=unit, reporting_date=day
        )
        before = {"status": release.status, "note": release.note}
        release.status, release.note = status_, (note or "").strip()
        release.updated_by = ctx.user
        release.version += 1
        release.save()
        if action is not None:
            audit.record(
                ctx.user.username, action, object_type="release",
                object_key=_release_key(municipality, unit, day),
                before=before, after={"status": release.status, "note": release.note},
                reason=release.note,
            )  # fmt: skip
    return release


def _known_date_and_unit(settings: Settings, municipality: str, unit: str, day: dt.date) -> None:
    dates = reporting_dates(settings, municipality)
    if not dates:
        raise Refused(
            [f"kuntaa {municipality} ei ole julkaistussa tietovarastossa {settings.warehouse_path}"]
        )
    if day not in dates:
        latest = ", ".join(date_text(d) for d in sorted(dates, reverse=True)[:4])
        raise Refused([f"{date_text(day)} ei ole raportointipäivä (viimeisimmät: {latest})"])
    if unit and unit not in unit_names(settings, municipality, day):
        raise Refused([f"yksikköä {unit} ei ole päivän {date_text(day)} organisaatiossa"])


def only_municipality(settings: Settings) -> str:
    """The warehouse's one municipality; Refused naming them when it holds several."""
    found = municipalities_in(settings)
    if len(found) == 1:
        return found[0]
    raise Refused([f"anna kunta: tietovarastossa on kunnat {', '.join(found) or '(ei yhtään)'}"])


def one_year_after(day: dt.date) -> dt.date:
    """The last day a waiver made on `day` may be in force: a waiver is reviewed at least
    once a year (29.2. → 28.2.)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _difference_problems(amount: Decimal | None) -> list[str]:
    if amount is None:
        return []
    if not amount.is_finite():
        return [f"suurin erotus '{amount}' ei ole euromäärä: kirjoita esim. 1 234,56"]
    if amount < 0 or (amount == 0 and amount.is_signed()):
        return [
            f"suurin erotus {amount} € on negatiivinen: anna erotuksen suuruus euroina"
            " (0 tai enemmän), etumerkki ei ratkaise"
        ]
    if amount > MAX_DIFFERENCE:
        return [
            f"suurin erotus {amount} € on liian suuri (enintään {MAX_DIFFERENCE} €): niin"
            " suuri raja hyväksyisi minkä tahansa poikkeaman"
        ]
    return []


def _approved_already(signoff: SignOff | None, day: dt.date) -> str:
    by = f" ({signoff.signer_name}, {_when(signoff.signed_at)})" if signoff else ""
    return (
        f"päivän {date_text(day)} luvut on jo hyväksytty{by}: ne ovat lukittuja, kunnes"
        " hyväksyjä avaa päivän uudelleen"
    )


def _changed_since(current: Explanation | None, opened: int | None) -> str:
    if current is None:
        return (
            f"avaamasi selityksen versio {opened} on poistettu: tekstiäsi ei tallennettu;"
            " avaa selitys uudelleen"
        )
    by = (
        (current.updated_by.get_full_name() or current.updated_by.username)
        if current.updated_by
        else "tuotu kansiosta"
    )
    when = time_text(current.updated_at)
    return (
        f"selitystä on muutettu sen jälkeen, kun avasit sen (versio {current.version},"
        f" {by}, {when}): tekstiäsi ei tallennettu; katso nykyinen teksti, yhdistä"
        " muutoksesi siihen ja tallenna uudelleen"
    )


def _release_key(municipality: str, unit: str, day: dt.date) -> str:
    return f"{municipality}/{unit or '-'}/{day.isoformat()}"


def _when(moment: dt.datetime) -> str:
    return time_text(moment)


def _atomic():
    return transaction.atomic(using=router.db_for_write(Waiver) or "default")


def _waiver_dict(waiver: Waiver) -> dict:
    return {
        "id": waiver.id, "check": waiver.check_name, "municipality": waiver.municipality,
        "unit": waiver.unit, "descendants": waiver.descendants, "line": waiver.line,
        "period_from": waiver.period_from, "period_to": waiver.period_to,
        "max_difference": waiver.max_difference, "reason": waiver.reason,
        "name": waiver.name, "expires": waiver.expires,
    }  # fmt: skip
