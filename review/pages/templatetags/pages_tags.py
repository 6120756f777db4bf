"""Finnish numbers and dates in templates, and form fields tied to their help and errors
(aria-describedby, aria-invalid) for screen readers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.html import format_html

from reports.finnish import date_text, euros, period_text
from review.pages.labels import time_of

register = template.Library()


@register.filter
def eur(value) -> str:
    """-10 233 700 € (whole euros, as the reports print the figures)."""
    if value is None or value == "":
        return ""
    return euros(Decimal(value).quantize(Decimal(1)))


@register.filter
def eur_cents(value) -> str:
    """-10 233 700,55 € (cents kept: evidence and differences)."""
    if value is None or value == "":
        return ""
    return euros(value)


@register.filter
def pct(value, decimals: int = 2) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(value):.{int(decimals)}f}".replace(".", ",").replace("-", "−")


@register.filter
def fi_date(value) -> str:
    if isinstance(value, dt.datetime):
        return date_text(value.date())
    if isinstance(value, dt.date):
        return date_text(value)
    return value or ""


@register.filter
def fi_time(value) -> str:
    """7.12.2026 klo 4.13, in English 7.12.2026 at 4:13 (Helsinki time; a naive time is
    UTC, as the audit keeps it)."""
    if not isinstance(value, dt.datetime):
        return ""
    return time_of(value)


@register.filter
def fi_period(value) -> str:
    return period_text(value)


@register.simple_tag
def field_widget(bound_field, **attrs):
    """The field's widget with aria-describedby naming its help and error texts (ids
    <id>-help, <id>-errors as pages/field.html writes them) and aria-invalid on errors."""
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-help")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.field.required:
        # not the HTML `required`: the browser's own check would speak its own language
        # before the server's Finnish error tied to the field could
        attrs["aria-required"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def badge(kind: str, text: str):
    return format_html('<span class="badge badge-{}">{}</span>', kind, text)
