"""Move a refused landing file aside, with a note saying why, so the next run skips it."""

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from expectations.failures import Failure
from expectations.validate import FileValidation

# Identity columns every example row carries; the line number is shown on its own.
_HIDDEN = {"source_file", "source_hash", "source_row", "copies"}


def quarantine(
    landing_file_path: Path, landing_dir: Path, validation_or_error: FileValidation | Exception
) -> Path:
    """Move the file to <landing>/quarantine/ and write <name>.failed.txt beside it.

    An earlier quarantined file of the same name is kept: the new one gets a timestamp
    suffix. Returns the file's new path.
    """
    folder = Path(landing_dir) / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    source = Path(landing_file_path)
    target = folder / source.name
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{source.stem}.{stamp}{source.suffix}"
    shutil.move(source, target)
    sidecar = target.with_name(f"{target.name}.failed.txt")
    sidecar.write_text(_report(source.name, validation_or_error), encoding="utf-8")
    return target


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
    values = "; ".join(f"{key}={value}" for key, value in row.items() if key not in _HIDDEN)
    line = row.get("source_row")
    return f"line {line}: {values}" if line is not None else values
