"""Which finance file is which: the name gives its kind (ingest.sources) and its key.

Also what else lies in the landing folder: files still being written (modified within
the settle interval, or named as a writer's temporary file) are left for a later run,
and a file whose name matches no pattern is reported, never silently passed over.
"""

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest.sources import SOURCES

# What a person should name a file, for the message about a name we do not know.
EXPECTED_NAMES = ", ".join(
    [
        *(
            f"finance/{source.shown_name}" + (" (MM = 01–12)" if source.name_has("month") else "")
            for source in SOURCES.values()
        ),
        "goals/<nimi>.xlsx (<kunta> = kolminumeroinen kuntanumero)",
    ]
)
# Names writers give a file while they copy it, before the rename that completes it.
IN_PROGRESS_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".filepart", ".inprogress")
LANDING_FOLDERS = ("finance", "goals")


@dataclass(frozen=True)
class LandingFile:
    """One recognised finance file and the key its name gives it."""

    kind: str
    municipality_code: str
    fiscal_year: int | None
    period_month: int | None
    path: Path


def classify(path: Path) -> LandingFile | None:
    """Return what the file name says the file is, or None for a name we do not know."""
    for kind, source in SOURCES.items():
        match = source.pattern.fullmatch(path.name)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["month"]) if parts.get("month") else None
        if month is not None and not 1 <= month <= 12:
            return None  # gl_111_2026_13.csv is not a month: not a name we know
        year = int(parts["year"]) if parts.get("year") else None
        return LandingFile(kind, parts["kunta"], year, month, path)
    return None


def finance_files(landing_dir: Path, settle_seconds: float = 0) -> list[LandingFile]:
    """The recognised, complete files in <landing>/finance/, sorted by kind, then name.

    A file modified less than `settle_seconds` ago may still be being written: it is left
    out (see `survey_landing`, which reports it).
    """
    folder = landing_dir / "finance"
    if not folder.is_dir():
        return []
    now = time.time()
    found = (
        classify(path)
        for path in folder.iterdir()
        if path.is_file() and is_complete(path, settle_seconds, now)
    )
    return sorted((f for f in found if f is not None), key=lambda f: (f.kind, f.path.name))


def is_complete(path: Path, settle_seconds: float, now: float | None = None) -> bool:
    """Unchanged for the settle interval and not named as a writer's temporary file."""
    if path.name.lower().endswith(IN_PROGRESS_SUFFIXES):
        return False
    age = (time.time() if now is None else now) - path.stat().st_mtime
    return age >= settle_seconds


@dataclass
class LandingSurvey:
    """Every file of the landing folder's finance/ and goals/, by what a run does with it."""

    complete: list[Path] = field(default_factory=list)  # read by this run
    arriving: list[Path] = field(default_factory=list)  # still being written: a later run
    unrecognised: list[Path] = field(default_factory=list)  # complete, no name we know


def survey_landing(landing_dir: Path, settle_seconds: float) -> LandingSurvey:
    """Sort the landing folder's files into complete, still arriving and unrecognised."""
    survey, now = LandingSurvey(), time.time()
    for folder in LANDING_FOLDERS:
        base = landing_dir / folder
        for path in sorted(base.iterdir()) if base.is_dir() else []:
            if not path.is_file() or path.name.startswith((".", "~$")):
                continue  # hidden files and Excel's lock files are nobody's delivery
            if not is_complete(path, settle_seconds, now):
                survey.arriving.append(path)
            elif _recognised(folder, path):
                survey.complete.append(path)
            else:
                survey.unrecognised.append(path)
    return survey


def _recognised(folder: str, path: Path) -> bool:
    if folder == "goals":
        return path.suffix.lower() == ".xlsx"
    return classify(path) is not None


def files_fingerprint(paths: list[Path], base: Path) -> str:
    """sha256 of the files' paths under `base`, sizes and modification times: changes when
    a file arrives, changes or leaves (the sensor's cursor, the look before a run)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        name = path.relative_to(base).as_posix()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
