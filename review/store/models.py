"""The controls store's tables: every decision made for one warehouse.

Codes are the warehouse's own: `municipality` a municipality code ("111"), `unit` an
organisation unit or cost centre code ("" = the municipality as a whole), `line` a
report line, binding item or account code, dates are reporting dates (quarter ends).
Decisions are never updated in place where their history matters: a waiver is withdrawn,
an explanation keeps every saved version (ExplanationRevision), a sign-off is reopened,
and every change is an AuditEntry (append-only: the database refuses to change one).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PREPARER = "preparer", _("valmistelija")  # explain, comment, waive, submit
    APPROVER = "approver", _("hyväksyjä")  # also approve, send back and reopen
    AUDITOR = "auditor", _("tarkastaja")  # read everything, change nothing


class Grant(models.Model):
    """A role on a unit and everything under it on the reporting date (resolved from the
    warehouse's organisation history), or on a whole municipality (unit "")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="grants")
    role = models.CharField(_("rooli"), max_length=16, choices=Role.choices)
    municipality = models.CharField(_("kunta"), max_length=10)
    unit = models.CharField(_("yksikkö"), max_length=20, blank=True, default="")
    granted_at = models.DateTimeField(_("myönnetty"), auto_now_add=True)

    class Meta:
        verbose_name = _("käyttöoikeus")
        verbose_name_plural = _("käyttöoikeudet")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "municipality", "unit"], name="one_grant_per_scope"
            )
        ]

    def __str__(self) -> str:
        scope = f"{self.municipality}/{self.unit}" if self.unit else f"{self.municipality}"
        return f"{self.user}: {self.get_role_display()} {scope}"


class Waiver(models.Model):
    """An accepted deviation, by rule (the fields of warehouse/gate/waivers.py)."""

    check_name = models.CharField(_("tarkistus"), max_length=200)
    municipality = models.CharField(_("kunta"), max_length=10, blank=True, default="")
    unit = models.CharField(_("yksikkö"), max_length=20, blank=True, default="")
    descendants = models.BooleanField(_("myös alayksiköt"), default=False)
    line = models.CharField(_("rivi"), max_length=40, blank=True, default="")
    period_from = models.CharField(_("kausi alkaen"), max_length=10, blank=True, default="")
    period_to = models.CharField(_("kausi päättyen"), max_length=10, blank=True, default="")
    max_difference = models.DecimalField(
        _("suurin erotus (€)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("perustelu"))
    name = models.CharField(_("myöntäjä"), max_length=200)  # as the reports print it
    expires = models.DateField(_("voimassa asti"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )  # null: imported from a controls folder
    created_at = models.DateTimeField(_("myönnetty"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("peruttu"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("poikkeuslupa")
        verbose_name_plural = _("poikkeusluvat")
        ordering = ["id"]


class Explanation(models.Model):
    """A unit's narrative and per-line explanations for a reporting date. `version` grows
    by one at every save: a save based on an older version is refused (no lost update)."""

    municipality = models.CharField(_("kunta"), max_length=10)
    unit = models.CharField(_("yksikkö"), max_length=20)
    reporting_date = models.DateField(_("raportointipäivä"))
    narrative = models.TextField(_("toiminnan ja talouden toteutuminen"), blank=True, default="")
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("selitys")
        verbose_name_plural = _("selitykset")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "unit", "reporting_date"], name="one_explanation"
            )
        ]

    def as_dict(self) -> dict:
        """The version, narrative and sections, as the audit trail records them."""
        return {
            "version": self.version,
            "narrative": self.narrative,
            "sections": [
                {"line_code": s.line_code, "heading": s.heading, "body": s.body}
                for s in self.sections.order_by("seq")
            ],
        }


class ExplanationSection(models.Model):
    """One income-statement line's explanation (it explains the line for the unit and
    every unit under it)."""

    explanation = models.ForeignKey(Explanation, models.CASCADE, related_name="sections")
    line_code = models.CharField(_("rivi"), max_length=40)
    heading = models.CharField(_("otsikko"), max_length=200)
    body = models.TextField(_("selitys"))
    seq = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["explanation", "line_code"], name="one_line_section")
        ]


class ExplanationRevision(models.Model):
    """Every saved version of an explanation, as it was saved."""

    explanation = models.ForeignKey(Explanation, models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    narrative = models.TextField(blank=True, default="")
    sections = models.JSONField(default=list)  # [{"line_code", "heading", "body"}]
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["explanation", "version"]


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("valmisteilla")
    SUBMITTED = "submitted", _("lähetetty hyväksyttäväksi")
    RETURNED = "returned", _("palautettu")
    APPROVED = "approved", _("hyväksytty")


class Release(models.Model):
    """Where a unit's (or the municipality's, unit "") figures of a reporting date are in
    the release workflow: prepared, submitted, returned with a note, approved."""

    municipality = models.CharField(_("kunta"), max_length=10)
    unit = models.CharField(_("yksikkö"), max_length=20, blank=True, default="")
    reporting_date = models.DateField(_("raportointipäivä"))
    status = models.CharField(
        _("tila"), max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT
    )
    note = models.TextField(_("huomautus"), blank=True, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("julkaisu")
        verbose_name_plural = _("julkaisut")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "unit", "reporting_date"], name="one_release"
            )
        ]


class SignOff(models.Model):
    """An approval of a reporting date's figures for a unit and everything under it (unit
    "": the municipality), with the figures approved, frozen (`figures`: the CSV of
    warehouse/controls/signoffs.py, `fingerprint` its sha256). The latest sign-off of a
    date and unit that is not reopened is in force."""

    municipality = models.CharField(_("kunta"), max_length=10)
    unit = models.CharField(_("yksikkö"), max_length=20, blank=True, default="")
    reporting_date = models.DateField(_("raportointipäivä"))
    signer_name = models.CharField(_("hyväksyjä"), max_length=200)
    username = models.CharField(_("käyttäjätunnus"), max_length=150)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )  # null: imported from a controls folder
    signed_at = models.DateTimeField(_("hyväksytty"))
    comment = models.TextField(_("kommentti"), blank=True, default="")
    fingerprint = models.CharField(max_length=80)
    figures = models.TextField()
    reopened_at = models.DateTimeField(_("avattu uudelleen"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(_("avaamisen syy"), blank=True, default="")

    class Meta:
        verbose_name = _("hyväksyntä")
        verbose_name_plural = _("hyväksynnät")
        ordering = ["signed_at", "id"]


class Comment(models.Model):
    """A comment on a failure (check, municipality, unit, line, period: the failure's key)."""

    check_name = models.CharField(max_length=200)
    municipality = models.CharField(max_length=10, blank=True, default="")
    unit = models.CharField(max_length=20, blank=True, default="")
    line = models.CharField(max_length=40, blank=True, default="")
    period = models.CharField(max_length=24, blank=True, default="")
    body = models.TextField(_("kommentti"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class AuditEntry(models.Model):
    """One decision or refusal: who, when, what, before and after, why.

    Append-only: the database refuses updates and deletes (triggers of migration 0002).
    `hash` is sha256 over the previous entry's hash and this entry's fields, so a removed
    or edited entry breaks the chain (review.store.audit.verify_chain, evaluated by the
    nightly run)."""

    at = models.DateTimeField()
    actor = models.CharField(max_length=150)  # the username ("" for the system)
    action = models.CharField(max_length=40)
    outcome = models.CharField(max_length=10, default="done")  # done | refused
    object_type = models.CharField(max_length=40, blank=True, default="")
    object_key = models.CharField(max_length=200, blank=True, default="")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True, default="")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("tapahtuma")
        verbose_name_plural = _("tapahtumaloki")
        ordering = ["id"]
