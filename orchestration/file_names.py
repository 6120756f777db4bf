"""File names in a step's metadata: readable in the UI, and read back by `toteuma run`.

The UI shows a list of names as one line of text ("gl_111_2026_03.csv, org_111.csv", or
"none"); the command line's summary reads the same value back into names. One place
writes and reads it, so the two never disagree (a value "none" read as four letters
once printed "n, o, n, e" as quarantined files).
"""

from __future__ import annotations

from collections.abc import Iterable

import dagster as dg

NONE = "none"
SEPARATOR = ", "


def names_text(names: Iterable[str]) -> dg.MetadataValue:
    """The names as one line of text for the UI ('none' when there are none)."""
    return dg.MetadataValue.text(SEPARATOR.join(names) or NONE)


def names_from(value: object) -> list[str]:
    """The names a metadata value holds: a text written by `names_text`, or a list (an
    older run's JSON)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(name) for name in value]
    text = str(value)
    return [] if text in ("", NONE) else text.split(SEPARATOR)
