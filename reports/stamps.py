"""The words a printed page carries about itself: reporting period, release status and
the publication it was read from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reports.finnish import date_text, time_text
from reports.units import Publication, Release, Unit

DRAFT = "Luonnos"


def period_text(reporting_date: dt.date) -> str:
    """'Toteuma 1–3/2026, tilanne 31.3.2026'."""
    return (
        f"Toteuma 1–{reporting_date.month}/{reporting_date.year}, "
        f"tilanne {date_text(reporting_date)}"
    )


def release_text(release: Release) -> str:
    """'Hyväksytty: Talousjohtaja 15.2.2026' or 'Alustava, ei hyväksytty'."""
    if not release.is_approved:
        return "Alustava, ei hyväksytty"
    when = f" {date_text(release.approved_at)}" if release.approved_at else ""
    changed = " (kirjanpito muuttunut hyväksynnän jälkeen)" if release.has_changed_figures else ""
    return f"Hyväksytty: {release.approved_by or 'tuntematon'}{when}{changed}"


def combined_release(units: Iterable[Unit]) -> Release:
    """A document is approved only when every unit in it is; then the latest approval."""
    releases = [unit.release for unit in units]
    if not releases or not all(release.is_approved for release in releases):
        return Release()
    return max(releases, key=lambda release: release.approved_at or dt.datetime.min)


def publication_text(publication: Publication) -> str:
    """'Julkaistu 30.11.2026 klo 5.49 (Suomen aikaa), ajo <run id>'."""
    if publication.published_at is None:
        return "Julkaisutieto puuttuu"
    run = f", ajo {publication.run_id}" if publication.run_id else ""
    return f"Julkaistu {time_text(publication.published_at)}{run}"


def level_genitive(level: str) -> str:
    """The report's word for a unit of `level` in headings: 'PALVELUALUEEN ...'."""
    return {
        "KUNTA": "kaupungin",
        "TOIMIALA": "toimialan",
        "LAUTAKUNTA": "lautakunnan",
        "PALVELUALUE": "palvelualueen",
        "VASTUUALUE": "vastuualueen",
        "KUSTANNUSPAIKKA": "kustannuspaikan",
    }.get(level, "yksikön")
