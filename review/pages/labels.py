"""The pages' own words for what the shared report code names in Finnish only: the finance
tables' titles and column headings (reports.finance), the chart's line, a check's
severity and layer (reports.failures.text), and a moment's time of day.

Each goes through Django's gettext with the Finnish text as its message id, so the
Finnish page reads exactly as the reports print it and the English one is translated
(review/locale/en). The data itself (line names, unit names, the checks' sentences) is
not translated: it is what the ledger and the checks say.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.finnish import date_text, helsinki

TABLE_TITLES = {  # reports.finance.FigureTable.kind -> its title
    "income_statement": _("Tuloslaskelma"),
    "binding_budget": _("Valtuuston hyväksymä talousarvio"),
    "investments": _("Investoinnit"),
}
# the line the unit page charts (review.pages.views.unit.CHART_LINE)
CHART_LINE_NAMES = {"TOIMINTAKATE": _("Toimintakate")}
SEVERITY = {"error": _("virhe"), "warn": _("varoitus"), "info": _("alle olennaisuusrajan")}
LAYER = {
    "incoming": _("saapuva tiedosto"),
    "built": _("rakennettu taulu"),
    "judgement": _("harkinta"),
    "waivers": _("poikkeusluvat"),
}

# reports.finance's column headings: the pattern of each and its message (the groups
# named year and months); a heading no pattern knows is shown as it is
_COLUMNS = (
    (re.compile(r"Tilinpäätös (?P<year>\d{4})"), _("Tilinpäätös %(year)s")),
    (re.compile(r"Talousarvio (?P<year>\d{4})"), _("Talousarvio %(year)s")),
    (re.compile(r"Toteuma (?P<year>\d{4})"), _("Toteuma %(year)s")),
    (re.compile(r"Toteuma 1–(?P<months>\d+)"), _("Toteuma 1–%(months)s")),
    (re.compile(r"Toteuma %"), _("Toteuma %")),
    (re.compile(r"Poikkeama"), _("Poikkeama")),
    (re.compile(r"TP (?P<year>\d{4})"), _("TP %(year)s")),
    (re.compile(r"TOT (?P<year>\d{4}) (?P<months>\d+) kk"), _("TOT %(year)s %(months)s kk")),
    (re.compile(r"TA (?P<year>\d{4}) \+muutos"), _("TA %(year)s +muutos")),
    (re.compile(r"TA (?P<year>\d{4})"), _("TA %(year)s")),
    (re.compile(r"Jäljellä"), _("Jäljellä")),
    (re.compile(r"TOT-(?P<year>\d{4}) %"), _("TOT-%(year)s %%")),
    (re.compile(r"Ennuste (?P<year>\d{4})"), _("Ennuste %(year)s")),
)


def column_heading(heading: str) -> str:
    """A reports.finance column heading in the page's language ('TA 2026 +muutos' ->
    'Budget 2026 + amendments'); Finnish: the heading itself."""
    for pattern, message in _COLUMNS:
        found = pattern.fullmatch(heading)
        if found:
            return str(message) % found.groupdict() if found.groupdict() else str(message)
    return heading


def table_title(kind: str, title: str) -> str:
    return str(TABLE_TITLES.get(kind, title))


def line_name(code: str, name: str) -> str:
    """The charted line's name in the page's language (other lines: their own name)."""
    return str(CHART_LINE_NAMES.get(code, name))


def time_of(moment: dt.datetime) -> str:
    """'7.12.2026 klo 4.13' in Finnish, '7.12.2026 at 4:13' in English: Helsinki time (a
    naive time is UTC, as the audit keeps it)."""
    local = helsinki(moment)
    return gettext("%(date)s klo %(hour)s.%(minute)s") % {
        "date": date_text(local),
        "hour": local.hour,
        "minute": f"{local.minute:02d}",
    }
