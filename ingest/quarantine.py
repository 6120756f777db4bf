"""Refused landing files wait in <landing>/quarantine/, each with a note saying why.

Both loaders use it: finance CSVs (ingest.finance) and goal workbooks (ingest.goals.load).
"""

import contextlib
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from expectations.failures import UNEXPECTED_ROWS, Failure
from expectations.validate import FileValidation
from ingest.sources import FREE_TEXT, SOURCES
from reports.failures.text import SEVERITY
from reports.finnish import counted

# Identity columns every example row carries (the line number is shown on its own), and
# free text people type, which may name private persons: a note shows neither.
_HIDDEN = {"source_file", "source_hash", "source_row", "copies"}


def quarantine(
    landing_file_path: Path, landing_dir: Path, validation_or_error: FileValidation | Exception
) -> Path:
    """Move the file to <landing>/quarantine/ and write <name>.failed.txt beside it.

    A newer delivery replaces an earlier quarantined file of the same name (and its note):
    only the latest version of a file is ever waiting. Returns the file's new path.
    """
    folder = Path(landing_dir) / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    source = Path(landing_file_path)
    target = folder / source.name
    if source != target:
        shutil.move(source, target)  # replaces an earlier copy of the same name
    note_path(target).write_text(_report(source.name, validation_or_error), encoding="utf-8")
    return target


def note_path(quarantined: Path) -> Path:
    """Where the note of a quarantined file is kept: <name>.failed.txt beside it."""
    return quarantined.with_name(f"{quarantined.name}.failed.txt")


def is_quarantined(path: Path) -> bool:
    """The file waits in <landing>/quarantine/ (it is read again every run)."""
    return path.parent.name == "quarantine"


def release(quarantined: Path, landing_dir: Path, folder: str) -> None:
    """A quarantined file that now passes goes back to <landing>/<folder>/, its note removed."""
    back = Path(landing_dir) / folder
    back.mkdir(parents=True, exist_ok=True)
    shutil.move(quarantined, back / quarantined.name)
    note_path(quarantined).unlink(missing_ok=True)


def discard_superseded(landing_dir: Path, file_name: str) -> bool:
    """Remove the quarantined copy of `file_name` and its note (a newer delivery loaded)."""
    quarantined = Path(landing_dir) / "quarantine" / file_name
    if not quarantined.exists():
        return False
    quarantined.unlink()
    note_path(quarantined).unlink(missing_ok=True)
    return True


def _report(file_name: str, outcome: FileValidation | Exception) -> str:
    if isinstance(outcome, Exception):
        return f"Tiedostoa {file_name} ei ladattu: sitä ei voitu lukea.\n\n{outcome}\n"
    failed = counted(len(outcome.errors), "tarkistus", "tarkistusta")
    warned = counted(len(outcome.warnings), "varoitus", "varoitusta")
    lines = [
        f"Tiedostoa {file_name} ei ladattu: {failed} epäonnistui, lisäksi {warned}.",
        f"Tarkistuksen tulos: {outcome.result_path}",
        "",
    ]
    labels = SOURCES[outcome.kind].labels if outcome.kind in SOURCES else {}
    for failure in outcome.failures:
        lines.extend(_failure_lines(failure, labels))
    return "\n".join(lines) + "\n"


def _failure_lines(failure: Failure, labels: dict[str, str]) -> list[str]:
    column = f" ({labels.get(failure.column, failure.column)})" if failure.column else ""
    counts = [row for row in failure.examples if row.get("source_row") is None and "actual" in row]
    if counts:  # a rule about the whole file: its row count against the file it replaces
        lines = [f"{_severity(failure)}: {failure.rule}", f"  {failure.explanation}"]
        for row in counts:
            earlier = row.get("expected")
            tail = f", kun sen korvaamassa aiemmassa versiossa oli {earlier}" if earlier else ""
            lines.append(f"  tiedostossa on {counted(row['actual'], 'rivi', 'riviä')}{tail}")
        return [*lines, ""]
    if failure.examples or failure.expectation_type == UNEXPECTED_ROWS:
        rows = failure.failing_rows
        found = f"{counted(rows, 'rivi rikkoo', 'riviä rikkoo')} sääntöä" + (
            ("; ensimmäinen:" if len(failure.examples) == 1 else "; ensimmäiset:")
            if failure.examples
            else ""
        )
    else:
        found = f"löytyi: {failure.observed}"
    lines = [
        f"{_severity(failure)}: {failure.rule}{column}",
        f"  {failure.explanation}",
        f"  {found}",
    ]
    lines.extend(f"  {_example(row, labels)}" for row in failure.examples)
    return [*lines, ""]


def _example(row: dict[str, Any], labels: dict[str, str]) -> str:
    """One failing row as the file shows it: its line, the columns by their header names."""
    hidden = _HIDDEN | FREE_TEXT
    values = "; ".join(
        f"{labels.get(key, key)}={_as_written(value)}"
        for key, value in row.items()
        if key not in hidden and value is not None
    )
    line = row.get("source_row")
    return f"rivi {line}: {values}" if line is not None else values


def _severity(failure: Failure) -> str:
    """VIRHE or VAROITUS, as the morning review names the severities."""
    return SEVERITY.get(failure.severity, failure.severity).upper()


def _as_written(value: object) -> str:
    """Dates as d.m.yyyy and amounts with a decimal comma, as in the landing files."""
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        with contextlib.suppress(ValueError):
            return _as_written(dt.date.fromisoformat(value))
    if isinstance(value, float | Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)
