"""Which finance file is which: the landing file names carry municipality, year and month."""

import re
from dataclasses import dataclass
from pathlib import Path

# Kind names are the raw table names, so a kind leads straight to its table.
_PATTERNS: dict[str, re.Pattern[str]] = {
    "org_units": re.compile(r"org_(?P<kunta>\d{3})\.csv", re.IGNORECASE),
    "accounts": re.compile(r"accounts_(?P<kunta>\d{3})\.csv", re.IGNORECASE),
    "gl_postings": re.compile(
        r"gl_(?P<kunta>\d{3})_(?P<year>\d{4})_(?P<month>\d{2})\.csv", re.IGNORECASE
    ),
    "budget_entries": re.compile(r"budget_(?P<kunta>\d{3})_(?P<year>\d{4})\.csv", re.IGNORECASE),
    "forecasts": re.compile(
        r"forecast_(?P<kunta>\d{3})_(?P<year>\d{4})_(?P<month>\d{2})\.csv", re.IGNORECASE
    ),
}


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
    for kind, pattern in _PATTERNS.items():
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["month"]) if parts.get("month") else None
        if month is not None and not 1 <= month <= 12:
            return None  # gl_111_2026_13.csv is not a month: not a name we know
        year = int(parts["year"]) if parts.get("year") else None
        return LandingFile(kind, parts["kunta"], year, month, path)
    return None


def finance_files(landing_dir: Path) -> list[LandingFile]:
    """The recognised files in <landing>/finance/, sorted by kind, then by file name."""
    folder = landing_dir / "finance"
    if not folder.is_dir():
        return []
    found = (classify(path) for path in folder.iterdir() if path.is_file())
    return sorted((f for f in found if f is not None), key=lambda f: (f.kind, f.path.name))
