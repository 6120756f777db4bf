"""Move a refused landing file aside, with a note saying why, so the next run skips it."""

import shutil
from pathlib import Path
from typing import Any

from expectations.failures import Failure
from expectations.validate import FileValidation

# Identity columns every example row carries (the line number is shown on its own), and
# free text people type, which may name private persons: a note shows neither.
_HIDDEN = {"source_file", "source_hash", "source_row", "copies"}
FREE_TEXT = {"description", "unit_name", "account_name"}


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
        return f"{file_name} was not loaded: it could not be read.\n\n{outcome}\n"
    lines = [
        f"{file_name} was not loaded: {len(outcome.errors)} check(s) failed"
        f" (and {len(outcome.warnings)} warning(s)).",
        f"Validation result: {outcome.result_path}",
        "",
    ]
    for failure in outcome.failures:
        lines.extend(_failure_lines(failure))
    return "\n".join(lines) + "\n"


def _failure_lines(failure: Failure) -> list[str]:
    column = f" ({failure.column})" if failure.column else ""
    lines = [
        f"{failure.severity.upper()}: {failure.rule}{column}",
        f"  {failure.explanation}",
        f"  found: {failure.observed}",
    ]
    lines.extend(f"  {_example(row)}" for row in failure.examples)
    return [*lines, ""]


def _example(row: dict[str, Any]) -> str:
    hidden = _HIDDEN | FREE_TEXT
    values = "; ".join(f"{key}={value}" for key, value in row.items() if key not in hidden)
    line = row.get("source_row")
    return f"line {line}: {values}" if line is not None else values
