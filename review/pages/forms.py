"""The pages' forms: what a controller types, checked for shape here (required fields,
dates, numbers) in Finnish; every rule about the warehouse (known check, unit, line,
reporting date, rights) is review.store.decisions', whose refusals the page lists.

Dates are accepted as 31.3.2026 or 2026-03-31 (a browser's date picker sends the latter;
one without a picker lets the controller type the former); periods as 3/2026, 2026-03,
31.3.2026 or a year, and stored as the checks name them (2026-03, 2026-03-31, 2026).
Euro amounts as 1 234,56 (a space, a no-break space or a narrow no-break space between
thousands), 1234,56, 1234.56 or 1.234,56.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.finnish import parse_date

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
_MONTH_SLASH = re.compile(r"(\d{1,2})/(\d{4})")
_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR = re.compile(r"\d{4}")
# what may stand between thousands: a space, a no-break space (U+00A0, Finnish number
# formatting), a narrow no-break space (U+202F) or a thin space (U+2009); and an apostrophe
_THOUSANDS = re.compile(r"[ \u00a0\u202f\u2009']")
_AMOUNT = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def euro_amount(text: str) -> Decimal | None:
    """A euro amount as a controller types it: '1 234,56' (any space between thousands),
    '1234,56', '1234.56', '1.234,56' or '1,234.56' (the last of comma and point is the
    decimal mark when both are there), an optional '€'; None for empty; ValueError
    (Finnish) for anything else."""
    if not (text or "").strip():
        return None
    value = _THOUSANDS.sub("", text.strip().removesuffix("€").strip())
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        value = value.replace("." if decimal_mark == "," else ",", "")
    value = value.replace(",", ".")
    if not _AMOUNT.fullmatch(value):
        raise ValueError(f"'{text.strip()}' ei ole euromäärä: kirjoita esim. 1 234,56")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(f"'{text.strip()}' ei ole euromäärä: kirjoita esim. 1 234,56") from None


def period_value(text: str) -> str:
    """A period as the checks name it; ValueError (Finnish) for anything else."""
    value = (text or "").strip()
    if not value:
        return ""
    slash = _MONTH_SLASH.fullmatch(value)
    if slash and 1 <= int(slash.group(1)) <= 12:
        return f"{slash.group(2)}-{int(slash.group(1)):02d}"
    if _MONTH.fullmatch(value) and 1 <= int(value[5:]) <= 12:
        return value
    if _YEAR.fullmatch(value):
        return value
    try:
        return parse_date(value).isoformat()
    except ValueError:
        raise ValueError(
            f"'{value}' ei ole kausi: kirjoita kuukausi (3/2026 tai 2026-03), päivä"
            " (31.3.2026) tai vuosi (2026)"
        ) from None


class PageForm(forms.Form):
    """Errors come from the server, in the page's language, tied to their fields."""

    use_required_attribute = False


class PeriodField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        try:
            return period_value(value)
        except ValueError as problem:
            raise forms.ValidationError(str(problem), code="invalid") from None


class EuroField(forms.DecimalField):
    """A DecimalField that reads euro amounts as euro_amount does (Django's own localized
    parsing refuses the Finnish thousands separator unless the site prints with it)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return euro_amount(str(value))
        except ValueError:
            raise forms.ValidationError(
                _("'%(value)s' ei ole euromäärä: kirjoita esim. 1 234,56."),
                code="invalid",
                params={"value": str(value).strip()},
            ) from None


class WaiverForm(PageForm):
    """A waiver of a check's failures: scope (unit, with sub-units, line, period range,
    largest difference), reason and expiry (both required)."""

    unit = forms.CharField(
        label=_("Yksikkö"),
        required=False,
        max_length=20,
        help_text=_("Yksikön koodi; tyhjä = koko kunta."),
    )
    descendants = forms.BooleanField(label=_("Myös alayksiköt"), required=False)
    line = forms.CharField(
        label=_("Rivi"),
        required=False,
        max_length=40,
        help_text=_("Tuloslaskelman rivin tai tilin koodi; tyhjä = kaikki rivit."),
    )
    period_from = PeriodField(
        label=_("Kausi alkaen"), required=False, max_length=10,
        help_text=_("Esim. 1/2026 tai 31.3.2026; tyhjä = ei alarajaa."),
    )  # fmt: skip
    period_to = PeriodField(
        label=_("Kausi päättyen"), required=False, max_length=10,
        help_text=_("Esim. 3/2026 tai 31.3.2026; tyhjä = ei ylärajaa."),
    )  # fmt: skip
    max_difference = EuroField(
        label=_("Suurin sallittu erotus (€)"),
        required=False,
        max_digits=18,
        decimal_places=2,
        min_value=0,
        localize=True,
        help_text=_("Poikkeama, jota suurempi erotus ei ole luvan piirissä; tyhjä = ei rajaa."),
    )
    reason = forms.CharField(
        label=_("Perustelu"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Kirjoita perustelu: miksi poikkeama hyväksytään.")},
    )
    expires = forms.DateField(
        label=_("Voimassa asti"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        # a browser shows its own date picker in its own format; typed without one, the
        # date is read as Finns write it
        help_text=_("Kirjoitettuna muodossa pp.kk.vvvv, esim. 31.12.2026; enintään vuoden päähän."),
        error_messages={
            "required": _("Anna päättymispäivä: poikkeuslupa on aina määräaikainen."),
            "invalid": _("Kirjoita päivä muodossa 31.3.2026 tai 2026-03-31."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("period_from"), cleaned.get("period_to")
        if first and last and first > last:
            self.add_error("period_to", _("Kauden loppu on ennen sen alkua."))
        return cleaned


class CommentForm(PageForm):
    body = forms.CharField(
        label=_("Kommentti"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Kommentti on tyhjä.")},
    )


class ExplanationForm(PageForm):
    """The unit's narrative and a section per line (`lines`: code -> Finnish name, the
    deviating lines and the lines the saved explanation has), plus one more line of the
    writer's choice."""

    narrative = forms.CharField(
        label=_("Toiminnan ja talouden toteutuminen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )
    based_on_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    extra_line = forms.ChoiceField(label=_("Selitä myös rivi"), required=False)
    extra_body = forms.CharField(
        label=_("Rivin selitys"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20000,
    )

    def __init__(self, *args, lines: dict[str, str], all_lines: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for code, name in lines.items():
            self.fields[self.section_field(code)] = forms.CharField(
                label=name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=20000,
            )
        others = [(code, name) for code, name in all_lines.items() if code not in lines]
        self.fields["extra_line"].choices = [("", _("(ei muuta riviä)")), *others]

    @staticmethod
    def section_field(code: str) -> str:
        return f"section_{code}"

    def section_fields(self):
        return [self[self.section_field(code)] for code in self.lines]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("extra_body", "").strip() and not cleaned.get("extra_line"):
            self.add_error("extra_line", _("Valitse rivi, jota selitys koskee."))
        return cleaned

    def sections(self) -> list[tuple[str, str]]:
        """(line code, text) of every section, in the form's order, the chosen extra last."""
        found = [(code, self.cleaned_data.get(self.section_field(code), "")) for code in self.lines]
        extra = self.cleaned_data.get("extra_line")
        if extra:
            found.append((extra, self.cleaned_data.get("extra_body", "")))
        return found


class NoteForm(PageForm):
    """A release action's note: optional (submit, approve) or required (send back, reopen)."""

    note = forms.CharField(
        label=_("Huomautus"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )  # fmt: skip

    def __init__(self, *args, required: bool = False, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["note"]
        field.required = required
        if label is not None:
            field.label = label
        if required:
            field.error_messages["required"] = _("Kirjoita syy: se jää tapahtumalokiin.")
