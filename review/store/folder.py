"""The store ⇄ a controls folder (the files of warehouse/controls/).

    controls/
      waivers.yaml          the waivers in force (not withdrawn)
      signers.yaml          approvers and their units (from the store's grants)
      signoffs.yaml         the sign-offs in force (not reopened) ...
      approved/<kunta>/<date>/<unit>-<time>-<hash>.csv   ... with their frozen figures
      explanations/<kunta>/<unit>/<date>.md               narrative + a section per line
      store.yaml            where the files came from, and the audit trail's state

`export_folder` writes these files: the nightly run reads its snapshot of the store
through them (orchestration/resources.py), and anyone who keeps decisions in git can
commit them. `import_folder` brings a folder in (an older warehouse's controls/, or the
demo's decisions): validated first, every problem named, and all or nothing. Importing
the same folder twice adds nothing the second time.

Both run inside `review.store.schema.open_store(url)`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import router, transaction

from review.store import audit
from review.store.models import (
    AuditEntry,
    Explanation,
    ExplanationRevision,
    ExplanationSection,
    Grant,
    Release,
    ReleaseStatus,
    Role,
    SignOff,
    Waiver,
)
from warehouse.controls.explanations import read_explanations
from warehouse.controls.folder import ControlsFolder
from warehouse.controls.signers import load_signers
from warehouse.controls.signoffs import (
    HEADER as SIGNOFFS_HEADER,
)
from warehouse.controls.signoffs import (
    fingerprint,
    load_signoffs,
    read_figures,
)
from warehouse.controls.waive import HEADER as WAIVERS_HEADER
from warehouse.gate.waivers import load_waivers

STORE_FILE = "store.yaml"
SIGNERS_HEADER = """\
# Hyväksyjät ja heidän yksikkönsä, päätösvaraston käyttöoikeuksista (vain luettavaksi:
# oikeudet annetaan sovelluksen ylläpidossa tai komennolla `toteuma users`).
"""


class ImportRefused(ValueError):
    """The folder cannot be imported; `problems` names each (file, entry, what)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "päätöksiä ei tuotu (mitään ei tallennettu):\n"
            + "\n".join(f"  - {problem}" for problem in problems)
        )


@dataclass
class Imported:
    waivers: int = 0
    users: int = 0
    grants: int = 0
    signoffs: int = 0
    explanations: int = 0
    skipped: int = 0  # already in the store as they are in the folder
    problems: list[str] = field(default_factory=list)

    def text(self) -> str:
        return (
            f"{self.waivers} poikkeuslupaa, {self.signoffs} hyväksyntää, {self.explanations}"
            f" selitystä, {self.users} käyttäjää ja {self.grants} käyttöoikeutta tuotu;"
            f" {self.skipped} oli jo varastossa"
        )


# --- import -------------------------------------------------------------------------------


def import_folder(root: Path, actor: str) -> Imported:
    """Bring a controls folder into the current store. Raises ImportRefused naming every
    problem (a malformed waiver, a sign-off whose figures file is missing or altered, an
    explanation heading that names no report line, a file name that is no date) before
    anything is written."""
    folder = ControlsFolder(Path(root))
    if not folder.root.is_dir():
        raise ImportRefused([f"kansiota {folder.root} ei ole"])
    problems: list[str] = []
    waivers = _read(problems, lambda: load_waivers(folder.waivers))
    signers = _read(problems, lambda: load_signers(folder.signers))
    signoffs = _read(problems, lambda: load_signoffs(folder))
    figures = {}
    for record in signoffs or []:
        try:
            read_figures(folder, record)
            figures[record.position] = (folder.root / record.figures).read_bytes().decode("utf-8")
        except ValueError as problem:
            problems.append(f"signoffs.yaml, hyväksyntä {record.position}: {problem}")
    sections, wrong = read_explanations(folder.explanations)
    problems += [f"{p['source_file']}, rivi {p['source_row']}: {p['problem']}" for p in wrong]
    if problems:
        raise ImportRefused(problems)
    done = Imported()
    alias = router.db_for_write(Waiver) or "default"
    with transaction.atomic(using=alias):
        for waiver in waivers:
            _import_waiver(waiver, actor, done)
        for signer in signers:
            _import_signer(signer, done)
        for record in signoffs:
            _import_signoff(record, figures[record.position], actor, done)
        by_key = defaultdict(list)
        for section in sections:
            by_key[(section.municipality, section.unit, section.reporting_date)].append(section)
        for key, found in sorted(by_key.items()):
            _import_explanation(key, found, actor, done)
        audit.record(
            actor,
            "import",
            object_type="controls",
            object_key=str(folder.root),
            after={"imported": done.text()},
        )
    return done


def _read(problems: list[str], read):
    try:
        return read()
    except (ValueError, yaml.YAMLError, KeyError, TypeError) as problem:
        problems.append(_plain_problem(problem))
        return []


def _plain_problem(problem: Exception) -> str:
    if isinstance(problem, yaml.YAMLError):
        mark = getattr(problem, "problem_mark", None)
        where = f" rivillä {mark.line + 1}" if mark else ""
        return f"YAML-tiedosto ei ole luettavissa{where}: tarkista sisennykset ja lainausmerkit"
    return str(problem)


def _import_waiver(waiver, actor: str, done: Imported) -> None:
    fields = {
        "check_name": waiver.check,
        "municipality": waiver.municipality or "",
        "unit": waiver.unit or "",
        "descendants": waiver.descendants,
        "line": waiver.line or "",
        "period_from": waiver.period_from or "",
        "period_to": waiver.period_to or "",
        "max_difference": waiver.max_difference,
        "reason": waiver.reason,
        "name": waiver.name,
        "expires": waiver.expires,
    }
    if Waiver.objects.filter(withdrawn_at__isnull=True, **fields).exists():
        done.skipped += 1
        return
    created = Waiver.objects.create(**fields)
    audit.record(
        actor, "waive", object_type="waiver", object_key=str(created.id),
        after=_waiver_dict(created), reason="tuotu kansiosta",
    )  # fmt: skip
    done.waivers += 1


def _import_signer(signer, done: Imported) -> None:
    users = get_user_model().objects
    user = users.filter(username=signer.user).first()
    if user is None:
        user = users.create(username=signer.user, first_name=signer.name[:150])
        user.set_unusable_password()  # an administrator sets it: no password in any file
        user.save()
        done.users += 1
    for unit in signer.units or ("",):
        _, created = Grant.objects.get_or_create(
            user=user, role=Role.APPROVER, municipality=signer.municipality, unit=unit
        )
        done.grants += created


def _import_signoff(record, figures: str, actor: str, done: Imported) -> None:
    signed_at = record.at.replace(tzinfo=dt.UTC)
    unit = record.unit or ""
    if SignOff.objects.filter(
        municipality=record.municipality, unit=unit, reporting_date=record.reporting_date,
        fingerprint=record.fingerprint, signed_at=signed_at,
    ).exists():  # fmt: skip
        done.skipped += 1
        return
    signoff = SignOff.objects.create(
        municipality=record.municipality, unit=unit, reporting_date=record.reporting_date,
        signer_name=record.by, username=record.os_user, signed_at=signed_at,
        comment=record.comment or "", fingerprint=record.fingerprint, figures=figures,
    )  # fmt: skip
    Release.objects.update_or_create(
        municipality=record.municipality, unit=unit, reporting_date=record.reporting_date,
        defaults={"status": ReleaseStatus.APPROVED},
    )  # fmt: skip
    audit.record(
        actor, "approve", object_type="signoff", object_key=str(signoff.id),
        after={"municipality": signoff.municipality, "unit": unit,
               "reporting_date": signoff.reporting_date, "by": record.by,
               "fingerprint": record.fingerprint},
        reason="tuotu kansiosta",
    )  # fmt: skip
    done.signoffs += 1


def _import_explanation(key, sections, actor: str, done: Imported) -> None:
    municipality, unit, day = key
    narrative = "\n\n".join(s.body for s in sections if s.line_code is None and s.body)
    lines = [s for s in sections if s.line_code is not None]
    wanted = [(s.line_code, s.heading, s.body) for s in lines]
    existing = Explanation.objects.filter(
        municipality=municipality, unit=unit, reporting_date=day
    ).first()
    if existing is not None:
        have = [(s.line_code, s.heading, s.body) for s in existing.sections.all()]
        if existing.narrative == narrative and have == wanted:
            done.skipped += 1
            return
        before = existing.as_dict()
        existing.narrative = narrative
        existing.version += 1
        existing.save()
        existing.sections.all().delete()
        explanation = existing
    else:
        before = None
        explanation = Explanation.objects.create(
            municipality=municipality, unit=unit, reporting_date=day, narrative=narrative
        )
    for seq, (code, heading, body) in enumerate(wanted, start=1):
        ExplanationSection.objects.create(
            explanation=explanation, line_code=code, heading=heading, body=body, seq=seq
        )
    ExplanationRevision.objects.create(
        explanation=explanation, version=explanation.version, narrative=narrative,
        sections=[{"line_code": c, "heading": h, "body": b} for c, h, b in wanted],
    )  # fmt: skip
    audit.record(
        actor, "explain", object_type="explanation",
        object_key=f"{municipality}/{unit}/{day.isoformat()}", before=before,
        after=explanation.as_dict(), reason="tuotu kansiosta",
    )  # fmt: skip
    done.explanations += 1


# --- export -------------------------------------------------------------------------------


def export_folder(root: Path) -> Path:
    """Write the current store's decisions in force as a controls folder at `root`
    (replaced whole: written beside it, then renamed into place)."""
    root = Path(root)
    staging = root.with_name(f".{root.name}.{os.getpid()}.tmp")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    folder = ControlsFolder(staging)
    _write(folder.waivers, WAIVERS_HEADER, "waivers", [_waiver_entry(w) for w in _waivers()])
    _write(folder.signers, SIGNERS_HEADER, "signers", _signer_entries())
    _write(folder.signoffs, SIGNOFFS_HEADER, "signoffs", _signoff_entries(folder))
    for explanation in Explanation.objects.order_by("municipality", "unit", "reporting_date"):
        path = (
            folder.explanations
            / explanation.municipality
            / explanation.unit
            / f"{explanation.reporting_date.isoformat()}.md"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_markdown(explanation), encoding="utf-8")
    breaks = audit.verify_chain()
    store = {
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "audit_entries": AuditEntry.objects.count(),
        "audit_chain_breaks": [
            {"entry": b.entry_id, "at": b.at.isoformat(), "problem": b.problem} for b in breaks
        ],
    }
    (staging / STORE_FILE).write_text(
        "# Päätösvaraston tila viennin hetkellä (toteuma controls export / yöajo).\n"
        + yaml.safe_dump(store, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    if root.exists():
        old = root.with_name(f".{root.name}.{os.getpid()}.old")
        os.replace(root, old)
        os.replace(staging, root)
        shutil.rmtree(old)
    else:
        root.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging, root)
    return root


def _waivers():
    return Waiver.objects.filter(withdrawn_at__isnull=True).order_by("id")


def _waiver_entry(waiver: Waiver) -> dict:
    entry = {"check": waiver.check_name}
    for key, value in (
        ("municipality", waiver.municipality), ("unit", waiver.unit),
        ("descendants", waiver.descendants or None), ("line", waiver.line),
    ):  # fmt: skip
        if value:
            entry[key] = value
    if waiver.period_from and waiver.period_from == waiver.period_to:
        entry["period"] = waiver.period_from
    else:
        if waiver.period_from:
            entry["period_from"] = waiver.period_from
        if waiver.period_to:
            entry["period_to"] = waiver.period_to
    if waiver.max_difference is not None:
        entry["max_difference"] = float(waiver.max_difference)
    entry.update(reason=waiver.reason, name=waiver.name, expires=waiver.expires.isoformat())
    return entry


def _waiver_dict(waiver: Waiver) -> dict:
    return {**_waiver_entry(waiver), "id": waiver.id}


def _signer_entries() -> list[dict]:
    by_user: dict[tuple, list[str]] = defaultdict(list)
    for grant in Grant.objects.filter(role=Role.APPROVER).select_related("user"):
        by_user[(grant.user.username, grant.user.get_full_name() or grant.user.username,
                 grant.municipality)].append(grant.unit)  # fmt: skip
    entries = []
    for (user, name, municipality), units in sorted(by_user.items()):
        entries.append({
            "user": user, "name": name, "municipality": municipality,
            "units": "all" if "" in units else sorted(units),
        })  # fmt: skip
    return entries


def _signoff_entries(folder: ControlsFolder) -> list[dict]:
    entries = []
    for signoff in SignOff.objects.filter(reopened_at__isnull=True).order_by("signed_at", "id"):
        data = signoff.figures.encode("utf-8")
        at = signoff.signed_at.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
        name = f"{signoff.unit or 'kunta'}-{at:%Y%m%dT%H%M%S}-{fingerprint(data)[7:15]}.csv"
        path = folder.approved / signoff.municipality / signoff.reporting_date.isoformat() / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entries.append({
            "municipality": signoff.municipality, "date": signoff.reporting_date.isoformat(),
            "unit": signoff.unit or None, "by": signoff.signer_name,
            "os_user": signoff.username, "at": at.isoformat() + "Z",
            "comment": signoff.comment or None, "fingerprint": signoff.fingerprint,
            "figures": folder.relative(path),
        })  # fmt: skip
    return entries


def _markdown(explanation: Explanation) -> str:
    parts = [explanation.narrative.strip()] if explanation.narrative.strip() else []
    for section in explanation.sections.order_by("seq"):
        parts.append(f"## {section.heading or section.line_code}\n\n{section.body.strip()}")
    return "\n\n".join(parts) + "\n"


def _write(path: Path, header: str, key: str, entries: list[dict]) -> None:
    body = (
        yaml.safe_dump({key: entries}, allow_unicode=True, sort_keys=False, width=100)
        if entries
        else f"{key}: []\n"
    )
    path.write_text(header + body, encoding="utf-8")
