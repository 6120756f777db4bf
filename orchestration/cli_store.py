"""The store's commands: decisions signed as a named user of the store, its users, and
the store as a whole (import, export, backup, restore).

    toteuma waive    --user U --check C --reason R --expires D [--unit …]   a waiver
    toteuma explain  --user U --date D --unit X FILE.md                     an explanation
    toteuma signoff  --user U --date D [--unit X] [--comment …]             an approval
    toteuma reopen   --user U --date D [--unit X] --reason R                undo an approval
    toteuma users add|grant|list                                            users and grants
    toteuma controls import|export|backup|restore

A decision asks the user's password (or reads TOTEUMA_PASSWORD, for scripts) and goes
through review.store.decisions: the same rights, validation and audit as the web pages.
Registered on orchestration.cli's app when that module is imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from orchestration.cli import (
    DATE_HELP,
    EXIT_PUBLISHED,
    OnlyMunicipality,
    Refused,
    Warehouse,
    WholeUnit,
    _command,
    _date,
    _period,
    _settings,
    app,
    controls_app,
)
from reports.finnish import counted, date_text

users_app = typer.Typer(help="The store's users and their roles per unit.", no_args_is_help=True)
app.add_typer(users_app, name="users")

User = Annotated[str, typer.Option("--user", help="your user name in the warehouse's store")]


@contextlib.contextmanager
def _store(warehouse: str | None) -> Iterator:
    """The warehouse's settings, with its store open (migrated) for the block."""
    from review.store.schema import open_store

    settings = _settings(warehouse)
    with open_store(settings.store):
        yield settings


def _password(username: str) -> str:
    """TOTEUMA_PASSWORD (scripts), else asked without echo."""
    given = os.environ.get("TOTEUMA_PASSWORD")
    if given:
        return given
    return typer.prompt(f"Käyttäjän {username} salasana", hide_input=True)


def _decide(warehouse: str | None, username: str, decide):
    """Log in as `username` in the warehouse's store and make the decision; its refusals
    as one message listing every reason."""
    with _store(warehouse) as settings:
        from review.store.decisions import Context
        from review.store.decisions import Refused as DecisionRefused
        from review.store.login import log_in

        try:
            user = log_in(username, _password(username))
            return decide(Context(settings, user))
        except DecisionRefused as refused:
            raise Refused(
                "ei tallennettu:\n" + "\n".join(f"  - {reason}" for reason in refused.reasons)
            ) from None


@_command("waive")
def waive(
    user: User,
    check: Annotated[str, typer.Option(help="the check, as `toteuma failures` names it")],
    reason: Annotated[str, typer.Option()],
    expires: Annotated[dt.date, typer.Option(parser=_date, help="31.12.2026 or 2026-12-31")],
    municipality: OnlyMunicipality = None,
    unit: Annotated[str | None, typer.Option(help="a unit or cost centre code")] = None,
    descendants: Annotated[
        bool, typer.Option("--descendants", help="also every unit under --unit")
    ] = False,
    line: Annotated[str | None, typer.Option(help="a report line code, account or item")] = None,
    period: Annotated[
        str | None, typer.Option(help="one period: 2026-03-31, 31.3.2026, 2026-03 or 2026")
    ] = None,
    period_from: Annotated[
        str | None, typer.Option("--from", help="first period of a range")
    ] = None,
    period_to: Annotated[str | None, typer.Option("--to", help="last period of a range")] = None,
    max_difference: Annotated[
        str | None, typer.Option(help="only differences of at most this many euros")
    ] = None,
    warehouse: Warehouse = None,
) -> int:
    """Accept a known deviation by rule, as a waiver in the warehouse's store."""
    if period and (period_from or period_to):
        raise Refused("anna joko --period tai --from/--to, ei molempia")

    def decide(ctx):
        from review.pages.forms import euro_amount
        from review.store.decisions import WaiverRequest, add_waiver

        try:
            amount = euro_amount(max_difference or "")
        except ValueError as problem:
            raise Refused(f"--max-difference: {problem}") from None
        request = WaiverRequest(
            check_name=check, reason=reason, expires=expires, municipality=municipality or "",
            unit=unit or "", descendants=descendants, line=line or "",
            period_from=_period(period or period_from) or "",
            period_to=_period(period or period_to) or "", max_difference=amount,
        )  # fmt: skip
        return add_waiver(ctx, request)

    waiver = _decide(warehouse, user, decide)
    print(
        f"Poikkeuslupa {waiver.id} tallennettu: {waiver.check_name}, kunta"
        f" {waiver.municipality}{', yksikkö ' + waiver.unit if waiver.unit else ''},"
        f" voimassa {date_text(waiver.expires)} asti. Seuraava ajo ottaa sen huomioon."
    )
    return EXIT_PUBLISHED


@_command("explain")
def explain(
    user: User,
    date: Annotated[dt.date, typer.Option(parser=_date, help=DATE_HELP)],
    unit: Annotated[str, typer.Option(help="the unit whose explanation this is")],
    file: Annotated[
        Path,
        typer.Argument(
            help="Markdown: the narrative, then a '## line name' section per line"
            " (UTF-8, UTF-16 or Windows-1252)"
        ),
    ],
    municipality: OnlyMunicipality = None,
    warehouse: Warehouse = None,
) -> int:
    """Save a unit's explanation of a reporting date from a Markdown file (it replaces
    the current version; the earlier ones stay in its history)."""
    narrative, sections = _read_explanation(file)

    def decide(ctx):
        from review.store.decisions import SectionText, only_municipality, save_explanation
        from review.store.models import Explanation

        where = municipality or only_municipality(ctx.settings)
        current = Explanation.objects.filter(
            municipality=where, unit=unit, reporting_date=date
        ).first()
        texts = [SectionText(code, body) for code, body in sections]
        return save_explanation(
            ctx, where, unit, date, narrative, texts, current.version if current else None
        )

    saved = _decide(warehouse, user, decide)
    print(
        f"Selitys tallennettu: kunta {saved.municipality}, yksikkö {saved.unit},"
        f" {date_text(saved.reporting_date)}, versio {saved.version}"
        f" ({counted(saved.sections.count(), 'rivi', 'riviä')} selitetty)."
    )
    return EXIT_PUBLISHED


def _read_explanation(file: Path):
    """The narrative and the per-line sections [(line code, text)] of a Markdown file in
    any encoding ingest accepts; a heading that names no report line is refused with its
    line number."""
    from ingest.encoding import survey_file
    from ingest.errors import LandingFileError
    from warehouse.controls.explanations import report_lines, sections_of

    if not file.is_file():
        raise Refused(f"tiedostoa {file} ei ole")
    try:
        survey = survey_file(file)
    except LandingFileError as problem:
        raise Refused("; ".join(problem.problems)) from None
    text = file.read_text(encoding=survey.encoding).replace("\r\n", "\n")
    found, wrong = sections_of(text, report_lines())
    if wrong:
        raise Refused(
            "; ".join(
                f"{file.name}, rivi {number}: otsikko '{title}' ei nimeä tuloslaskelman riviä"
                for number, title in wrong
            )
        )
    narrative = "\n\n".join(body for heading, code, body in found if heading is None)
    return narrative, [(code, body) for heading, code, body in found if heading]


@_command("signoff")
def signoff(
    user: User,
    date: Annotated[dt.date, typer.Option(parser=_date, help=DATE_HELP)],
    unit: WholeUnit = None,
    municipality: OnlyMunicipality = None,
    comment: Annotated[str | None, typer.Option()] = None,
    warehouse: Warehouse = None,
) -> int:
    """Approve a reporting date's figures for a unit (and all under it)."""

    def decide(ctx):
        from review.store.decisions import approve, only_municipality

        where = municipality or only_municipality(ctx.settings)
        return approve(ctx, where, unit or "", date, comment or "")

    record = _decide(warehouse, user, decide)
    scope = f"yksikkö {record.unit}" if record.unit else f"kunta {record.municipality}"
    print(
        f"Hyväksytty {date_text(date)}, {scope}: {record.signer_name} (käyttäjä"
        f" {record.username}); {record.fingerprint}. Seuraava ajo julkaisee nämä luvut"
        " hyväksyttyinä."
    )
    return EXIT_PUBLISHED


@_command("reopen")
def reopen(
    user: User,
    date: Annotated[dt.date, typer.Option(parser=_date, help=DATE_HELP)],
    reason: Annotated[str, typer.Option(help="why the approved figures are reopened")],
    unit: WholeUnit = None,
    municipality: OnlyMunicipality = None,
    warehouse: Warehouse = None,
) -> int:
    """Reopen an approved date: its sign-off no longer applies from the next run."""

    def decide(ctx):
        from review.store.decisions import only_municipality
        from review.store.decisions import reopen as reopen_date

        where = municipality or only_municipality(ctx.settings)
        return reopen_date(ctx, where, unit or "", date, reason)

    reopened = _decide(warehouse, user, decide)
    print(
        f"Avattu uudelleen {date_text(date)}, {len(reopened)} hyväksyntää; seuraava ajo"
        " julkaisee kirjanpidon luvut."
    )
    return EXIT_PUBLISHED


# --- users -------------------------------------------------------------------------------

ROLES = ("preparer", "approver", "auditor")


@_command("add", on=users_app, group="users")
def users_add(
    username: Annotated[str, typer.Argument()],
    name: Annotated[str, typer.Option(help="full name, as the audit and reports show it")],
    email: Annotated[str, typer.Option(help="for the password reset mail")] = "",
    admin: Annotated[
        bool, typer.Option("--admin", help="may administer users and grants (/admin/)")
    ] = False,
    warehouse: Warehouse = None,
) -> int:
    """Create a user of the warehouse's store; the password is asked twice (or read from
    TOTEUMA_PASSWORD) and checked by the password rules (12 characters, not common)."""
    with _store(warehouse):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        from review.store import audit

        users = get_user_model().objects
        if users.filter(username=username).exists():
            raise Refused(f"käyttäjä {username} on jo olemassa")
        password = os.environ.get("TOTEUMA_PASSWORD") or typer.prompt(
            "Salasana", hide_input=True, confirmation_prompt=True
        )
        first, _, last = name.partition(" ")
        user = get_user_model()(username=username, first_name=first, last_name=last, email=email)
        try:
            validate_password(password, user)
        except ValidationError as problem:
            raise Refused("salasana ei kelpaa: " + " ".join(problem.messages)) from None
        user.set_password(password)
        user.is_staff = user.is_superuser = admin
        user.save()
        audit.record(
            _os_user(), "add_user", object_type="user", object_key=username,
            after={"name": name, "email": email, "admin": admin},
        )  # fmt: skip
    print(f"Käyttäjä {username} ({name}) luotu{' ylläpitäjäksi' if admin else ''}.")
    return EXIT_PUBLISHED


@_command("grant", on=users_app, group="users")
def users_grant(
    username: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Option(help="preparer, approver or auditor")],
    municipality: Annotated[str, typer.Option(help="3-digit code")],
    unit: Annotated[
        str | None, typer.Option(help="a unit: it and every unit under it (default: all)")
    ] = None,
    warehouse: Warehouse = None,
) -> int:
    """Give a user a role on a unit (and everything under it) or a whole municipality."""
    if role not in ROLES:
        raise Refused(f"tuntematon rooli '{role}' (roolit: {', '.join(ROLES)})")
    with _store(warehouse) as settings:
        from django.contrib.auth import get_user_model

        from review.store import audit
        from review.store.access import grant_problems
        from review.store.models import Grant

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise Refused(f"käyttäjää {username} ei ole: luo se ensin (toteuma users add)")
        problems = grant_problems(settings, municipality, unit or "")
        if problems:
            raise Refused("; ".join(problems))
        grant, created = Grant.objects.get_or_create(
            user=user, role=role, municipality=municipality, unit=unit or ""
        )
        if created:
            audit.record(
                _os_user(), "grant", object_type="grant", object_key=str(grant),
                after={"user": username, "role": role, "municipality": municipality,
                       "unit": unit or ""},
            )  # fmt: skip
    print(f"{grant}{'' if created else ' (oli jo)'}.")
    return EXIT_PUBLISHED


@_command("revoke", on=users_app, group="users")
def users_revoke(
    username: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Option(help="preparer, approver or auditor")],
    municipality: Annotated[str, typer.Option(help="3-digit code")],
    unit: Annotated[str | None, typer.Option(help="the unit of the grant (default: all)")] = None,
    warehouse: Warehouse = None,
) -> int:
    """Take a grant back (the user keeps their other grants and their history)."""
    with _store(warehouse):
        from review.store import audit
        from review.store.models import Grant

        grant = Grant.objects.filter(
            user__username=username, role=role, municipality=municipality, unit=unit or ""
        ).first()
        if grant is None:
            raise Refused(
                f"käyttäjällä {username} ei ole tällaista käyttöoikeutta (katso toteuma users list)"
            )
        shown = str(grant)
        grant.delete()
        audit.record(
            _os_user(), "revoke", object_type="grant", object_key=shown,
            before={"user": username, "role": role, "municipality": municipality,
                    "unit": unit or ""},
        )  # fmt: skip
    print(f"Poistettu: {shown}.")
    return EXIT_PUBLISHED


@_command("list", on=users_app, group="users")
def users_list(warehouse: Warehouse = None) -> int:
    """Every user of the store and their grants."""
    with _store(warehouse):
        from django.contrib.auth import get_user_model

        for user in get_user_model().objects.order_by("username").prefetch_related("grants"):
            grants = "; ".join(str(g).split(": ", 1)[1] for g in user.grants.all()) or "-"
            flags = ", ".join(
                flag
                for flag, on in (
                    ("ylläpitäjä", user.is_superuser),
                    ("ei käytössä", not user.is_active),
                )
                if on
            )
            print(f"{user.username:<16} {user.get_full_name():<28} {grants}"
                  f"{'  (' + flags + ')' if flags else ''}")  # fmt: skip
    return EXIT_PUBLISHED


# --- the store as a whole ----------------------------------------------------------------


@_command("import", on=controls_app, group="controls")
def controls_import(
    folder: Annotated[Path, typer.Argument(help="a controls folder (waivers.yaml, …)")],
    warehouse: Warehouse = None,
) -> int:
    """Bring a controls folder (waivers.yaml, signers.yaml, signoffs.yaml with approved/,
    explanations/) into the warehouse's store: checked first, all or nothing."""
    with _store(warehouse):
        from review.store.folder import ImportRefused, import_folder

        try:
            done = import_folder(folder, actor=_os_user())
        except ImportRefused as refused:
            raise Refused(str(refused)) from None
    print(f"{folder}: {done.text()}.")
    return EXIT_PUBLISHED


@_command("export", on=controls_app, group="controls")
def controls_export(
    folder: Annotated[Path, typer.Argument(help="the folder to write (replaced whole)")],
    warehouse: Warehouse = None,
) -> int:
    """Write the store's decisions in force as a controls folder (for git, or to read)."""
    if folder.exists() and any(folder.iterdir()) and not (folder / "store.yaml").exists():
        raise Refused(
            f"kansiossa {folder} on muita tiedostoja: vie päätökset tyhjään kansioon tai"
            " aiemman viennin päälle"
        )
    with _store(warehouse):
        from review.store.folder import export_folder

        export_folder(folder)
    print(f"Päätökset viety kansioon {folder}.")
    return EXIT_PUBLISHED


@_command("backup", on=controls_app, group="controls")
def controls_backup(
    file: Annotated[Path, typer.Argument(help="the backup file to write (.json)")],
    warehouse: Warehouse = None,
) -> int:
    """A consistent copy of the whole store (users, grants, every decision and the audit
    trail), taken in one transaction while the web application keeps running."""
    if file.exists():
        raise Refused(f"tiedosto {file} on jo olemassa: anna uusi nimi")
    with _store(warehouse):
        from review.store.backup import backup

        counts = backup(file)
    print(f"Varmuuskopio {file}: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".")
    return EXIT_PUBLISHED


@_command("restore", on=controls_app, group="controls")
def controls_restore(
    file: Annotated[Path, typer.Argument(help="a file written by `toteuma controls backup`")],
    warehouse: Warehouse = None,
) -> int:
    """Restore a backup into the warehouse's store, which must be empty (a new SQLite
    file or database): checked first, all or nothing, the audit chain verified."""
    with _store(warehouse):
        from review.store.backup import RestoreRefused, restore

        try:
            counts = restore(file)
        except RestoreRefused as refused:
            raise Refused(str(refused)) from None
    print(f"Palautettu {file}: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".")
    return EXIT_PUBLISHED


def _os_user() -> str:
    """Who ran a command that needs no login (an import, creating users): the OS user,
    for the audit."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "tuntematon"
