"""The e-mail digest after a run that withheld publication or found new failures.

Off unless TOTEUMA_DIGEST_TO names recipients (.env); sent with the standard library's
SMTP client to TOTEUMA_SMTP_HOST:TOTEUMA_SMTP_PORT. One message per run: the blocking
failures (file, line, column) first, then the new failures on open reporting dates.
A mail server that cannot be reached is logged by the caller, never fails the run.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote, urlencode

from reports.failures.query import Filters, latest_failures
from reports.failures.terminal import one_line
from reports.finnish import time_text
from warehouse.gate.blocking import blocking_lines

MAX_NEW_ROWS = 30


@dataclass(frozen=True)
class Digest:
    """Where the e-mail digest of a run goes; off while `to` is empty (the default)."""

    to: tuple[str, ...] = ()
    sender: str = "toteuma@localhost"
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    user: str = ""
    password: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.to)


@dataclass(frozen=True)
class DigestMail:
    subject: str
    body: str


def compose(audit: Path, run_id: str, warehouse: Path, web: str = "") -> DigestMail | None:
    """None when the run published and found nothing new on open dates. `web`: the
    review's address (Settings.web_address): each new failure links to its page there,
    and the mail ends with the morning queue's address."""
    report = latest_failures(audit, run_id, Filters(new=True))
    held = report.decision in ("withheld", "partial")
    blocking = blocking_lines(audit, run_id) if held else []
    if not held and not report.rows:
        return None
    at = time_text(report.run_at)
    if report.decision == "withheld":
        subject = f"toteuma: julkaisu pidätetty {at}"
        lines = [
            f"Ajo {run_id} {at} pidätti julkaisun: {warehouse} on ennallaan.",
            "",
            "Estävät virheet (korjaa tiedosto tai hyväksy poikkeus, sitten aja uudelleen):",
            *(f"  {line}" for line in blocking),
        ]
    elif report.decision == "partial":
        subject = f"toteuma: julkaistu osittain, osa pidätetty {at}"
        lines = [
            f"Ajo {run_id} {at} julkaisi tietovaraston {warehouse} osittain.",
            "",
            "Pidätetyt osat näyttävät edellisen julkaisun tilan:",
            *(f"  {scope}" for scope in report.withheld),
            "",
            "Estävät virheet (korjaa tiedosto tai hyväksy poikkeus, sitten aja uudelleen):",
            *(f"  {line}" for line in blocking),
        ]
    else:
        subject = f"toteuma: {len(report.rows)} uutta poikkeamaa, ajo {at}"
        lines = [f"Ajo {run_id} {at} julkaisi tietovaraston {warehouse}."]
    if report.rows:
        lines += ["", f"Uudet poikkeamat avoimilla raportointipäivillä ({len(report.rows)}):"]
        for row in report.rows[:MAX_NEW_ROWS]:
            lines.append(f"  {one_line(row)}")
            if web:
                lines.append(f"    {failure_link(web, row)}")
        if len(report.rows) > MAX_NEW_ROWS:
            lines.append(f"  … ja {len(report.rows) - MAX_NEW_ROWS} muuta")
    if web:
        lines += ["", f"Aamukatsaus: {web}/   Uudet: {web}/?new=1"]
    lines += ["", "Komentorivillä: toteuma failures   Uudet: toteuma failures --new"]
    return DigestMail(subject, "\n".join(lines) + "\n")


def failure_link(web: str, row: dict) -> str:
    """The address of a failure's page in the review (review/pages/urls.py: "failure")."""
    query = urlencode(
        {
            key: row.get(column) or ""
            for key, column in (
                ("municipality", "municipality_code"), ("unit", "org_unit_code"),
                ("line", "line_code"), ("period", "period"),
            )
            if row.get(column)
        }
    )  # fmt: skip
    return f"{web}/tarkistus/{quote(row['check_name'])}/" + (f"?{query}" if query else "")


def send(settings: Digest, mail: DigestMail) -> None:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)
