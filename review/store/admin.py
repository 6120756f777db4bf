"""The store in Django's admin, for administrators (staff) only: users with their grants
(added, changed and removed here, each change recorded in the audit trail), and the
decisions for looking up.

The decisions are read-only here: waivers, explanations (their sections and revisions),
releases, sign-offs (their frozen figures and fingerprint), comments and the audit trail
can be looked at, never added, changed or deleted. Each is made by
review.store.decisions with its rules (rights on the unit, a reason, an expiry at most a
year ahead, the release workflow's states, optimistic locking), through the pages or
the command line; an edit in the admin would skip every one of them.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from review.store import audit
from review.store.access import grant_problems
from review.store.models import (
    AuditEntry,
    Comment,
    Explanation,
    ExplanationRevision,
    ExplanationSection,
    Grant,
    Release,
    SignOff,
    Waiver,
)

admin.site.site_header = _("Toteuma – ylläpito")
admin.site.site_title = _("Toteuma – ylläpito")
admin.site.index_title = _("Käyttäjät, käyttöoikeudet ja päätökset")


def _plain(obj) -> dict:
    """The saved fields of an object, for the audit trail's before and after (a grant's
    user by username, never a password)."""
    fields = {key: value for key, value in model_to_dict(obj).items() if key != "password"}
    if isinstance(obj, Grant):
        fields["user"] = obj.user.username
    return fields


class GrantForm(forms.ModelForm):
    """A grant names a municipality and unit of this warehouse: a typo would be a right
    that never applies (the same rule as `toteuma users grant`)."""

    class Meta:
        model = Grant
        fields = ("user", "role", "municipality", "unit")

    def clean(self):
        data = super().clean()
        from review.site.settings import TOTEUMA

        for problem in grant_problems(
            TOTEUMA, data.get("municipality") or "", data.get("unit") or ""
        ):
            self.add_error("unit" if "yksikköä" in problem else "municipality", problem)
        return data


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete through the admin is an AuditEntry (action "admin")."""

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk:
            previous = type(obj).objects.filter(pk=obj.pk).first()
            before = _plain(previous) if previous else None
        super().save_model(request, obj, form, change)
        audit.record(
            request.user.username, "admin", object_type=obj._meta.model_name,
            object_key=str(obj.pk), before=before, after=_plain(obj),
            reason="muutettu ylläpidossa" if change else "lisätty ylläpidossa",
        )  # fmt: skip

    def delete_model(self, request, obj):
        before = _plain(obj)
        key = str(obj.pk)
        super().delete_model(request, obj)
        audit.record(
            request.user.username, "admin", object_type=obj._meta.model_name,
            object_key=key, before=before, reason="poistettu ylläpidossa",
        )  # fmt: skip

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnly:
    """Looked at, never added, changed or deleted (an admin or an inline)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """A decision's model: its list and each object's fields, nothing editable."""


class GrantInline(admin.TabularInline):
    model = Grant
    form = GrantForm
    extra = 1
    fields = ("role", "municipality", "unit", "granted_at")
    readonly_fields = ("granted_at",)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserWithGrantsAdmin(AuditedAdmin, UserAdmin):
    """Users with their grants inline; a user's changes (never the password) and their
    grants' are audited."""

    inlines = [GrantInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Grant:
            return super().save_formset(request, form, formset, change)
        before = {g.pk: _plain(g) for g in Grant.objects.filter(user=form.instance)}
        super().save_formset(request, form, formset, change)
        after = {g.pk: _plain(g) for g in Grant.objects.filter(user=form.instance)}
        if before != after:
            audit.record(
                request.user.username, "admin", object_type="grant",
                object_key=form.instance.username,
                before={"grants": sorted(before.values(), key=str)},
                after={"grants": sorted(after.values(), key=str)},
                reason="käyttöoikeuksia muutettu ylläpidossa",
            )  # fmt: skip


@admin.register(Grant)
class GrantAdmin(AuditedAdmin):
    form = GrantForm
    list_display = ("user", "role", "municipality", "unit", "granted_at")
    list_filter = ("role", "municipality")
    search_fields = ("user__username", "unit")


@admin.register(Waiver)
class WaiverAdmin(ReadOnlyAdmin):
    list_display = ("check_name", "municipality", "unit", "line", "name", "expires", "withdrawn_at")
    list_filter = ("municipality", "check_name")
    search_fields = ("check_name", "unit", "line", "reason")


class SectionInline(ReadOnly, admin.TabularInline):
    model = ExplanationSection
    extra = 0
    fields = ("seq", "line_code", "heading", "body")
    readonly_fields = fields


class RevisionInline(ReadOnly, admin.TabularInline):
    model = ExplanationRevision
    extra = 0
    fields = ("version", "narrative", "sections", "saved_by", "saved_at")
    readonly_fields = fields  # saved_at is set on saving: no form field of its own


@admin.register(Explanation)
class ExplanationAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "unit", "reporting_date", "version", "updated_by", "updated_at")
    list_filter = ("municipality", "reporting_date")
    search_fields = ("unit", "narrative")
    inlines = [SectionInline, RevisionInline]


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "unit", "reporting_date", "status", "updated_by", "updated_at")
    list_filter = ("status", "municipality", "reporting_date")


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "unit", "reporting_date", "signer_name", "signed_at",
                    "reopened_at")  # fmt: skip
    list_filter = ("municipality", "reporting_date")


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("check_name", "municipality", "unit", "line", "period", "author", "created_at")
    list_filter = ("municipality", "check_name")
    search_fields = ("body", "unit")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "outcome", "object_type", "object_key")
    list_filter = ("action", "outcome")
    search_fields = ("actor", "object_key", "reason")
