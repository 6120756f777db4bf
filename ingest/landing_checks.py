"""Is the landing folder fit to load from? And what in it will this run not read?

A missing or empty landing folder (an unmounted share, a wrong path), or one that lacks
master data the warehouse already holds, must stop the run: loading nothing and
publishing yesterday's figures as today's would look like a good night. Files still
being written and files with names we do not know are reported as warnings.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingest.landing import EXPECTED_NAMES, LandingSurvey, classify
from ingest.sources import MASTER_DATA


class LandingFolderError(RuntimeError):
    """The landing folder cannot be loaded from; the message says why, in plain words."""


def check_landing_folder(
    landing_dir: Path,
    survey: LandingSurvey,
    loaded_master_data: dict[str, set[str]],
    settle_seconds: float = 0,
) -> None:
    """Raise LandingFolderError when the folder is missing, empty or lacks master data.

    `loaded_master_data` maps a master-data kind (org_units, accounts) to the
    municipalities whose rows the warehouse holds; each needs its file in finance/ (or
    waiting in quarantine/). `settle_seconds`: how long a file must rest before it is
    read (the message of a first load whose files are all still arriving names it).
    """
    stop = "mitään ei ladattu eikä julkaistu"
    if not landing_dir.is_dir():
        raise LandingFolderError(
            f"Saapuvien tiedostojen kansiota {landing_dir} ei ole (irrotettu verkkolevy, tai"
            f" väärä --landing / TOTEUMA_LANDING_DIR?): {stop}."
        )
    present = [*survey.complete, *survey.arriving, *_quarantined(landing_dir)]
    if not any(path.parent.name in ("finance", "quarantine") for path in present):
        raise LandingFolderError(
            f"Saapuvien tiedostojen kansiossa {landing_dir} ei ole yhtään taloustiedostoa"
            f" (odotettiin: {EXPECTED_NAMES}): {stop}."
        )
    finance_ready = [
        path for path in [*survey.complete, *_quarantined(landing_dir)]
        if path.parent.name in ("finance", "quarantine")
    ]  # fmt: skip
    if not finance_ready and not any(loaded_master_data.values()):
        # a first load whose files are all still being copied would publish an empty
        # warehouse: wait for them (the sensor starts the run once they are complete)
        waiting = sum(path.parent.name == "finance" for path in survey.arriving)
        raise LandingFolderError(
            f"Saapuvien tiedostojen kansion {landing_dir} kaikki {waiting} taloustiedostoa"
            f" ovat vielä saapumassa (muuttuneet alle {settle_seconds:g} s sitten, tai"
            " kirjoittajan väliaikainen nimi), eikä tietovarastossa ole vielä mitään:"
            f" {stop}. Yöajon sensori käynnistää ajon, kun tiedostot ovat valmiit; käsin aja"
            f" uudelleen, kun ne ovat olleet muuttumatta {settle_seconds:g} s"
            " (TOTEUMA_SETTLE_SECONDS)."
        )
    names = {path.name.lower() for path in present}
    missing = [
        name
        for source in MASTER_DATA
        for kunta in sorted(loaded_master_data.get(source.kind, ()))
        if (name := source.name_for(kunta)).lower() not in names
    ]
    if missing:
        raise LandingFolderError(
            f"Saapuvien tiedostojen kansiosta {landing_dir} puuttuu {', '.join(missing)},"
            f" vaikka tietovarastossa on nämä perustiedot: kansio näyttää vajaalta (osittainen"
            f" kopio tai väärä kansio?); {stop}."
        )


def _quarantined(landing_dir: Path) -> list[Path]:
    folder = landing_dir / "quarantine"
    return [p for p in folder.iterdir() if classify(p)] if folder.is_dir() else []


def landing_check_rows(
    run_id: str, survey: LandingSurvey, settle_seconds: float
) -> Iterable[dict[str, object]]:
    """File-check rows (see warehouse.gate.file_checks) for files this run does not read."""
    for path in survey.arriving:
        yield _row(
            run_id,
            path,
            "file_complete",
            f"{path.parent.name}/{path.name} oli vielä kirjoitettavana (muuttunut alle"
            f" {settle_seconds:g} s ennen ajoa, tai nimetty väliaikaiseksi tiedostoksi): se"
            " jätettiin seuraavaan ajoon, jonka kansion valvonta käynnistää, kun tiedosto on"
            " valmis.",
        )
    for path in survey.unrecognised:
        yield _row(
            run_id,
            path,
            "file_name_recognised",
            f"{path.parent.name}/{path.name} jätettiin lukematta: nimi ei vastaa mitään"
            f" odotetuista nimistä ({EXPECTED_NAMES}). Nimeä tiedosto uudelleen tai poista se"
            " kansiosta.",
        )


def _row(run_id: str, path: Path, check: str, explanation: str) -> dict[str, object]:
    return {
        "run_id": run_id,
        "kind": "landing",
        "source_file": path.name,
        "check_name": check,
        "severity": "warn",
        "explanation": explanation,
        "failures": 1,
        "examples": "[]",
        "quarantined": False,
    }
