"""What other programs do to an .xlsx file after Excel: rewrites of the saved package."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def rewrite_parts(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Rewrite the package in place, each part's bytes replaced by change(name, bytes)."""
    with zipfile.ZipFile(path) as source:
        parts = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts:
            target.writestr(item, change(item.filename, data))


def declare_size_a1(path: Path) -> None:
    """Rewrite every sheet's declared size to `A1`, as WPS Office and some libraries save it.

    The cells stay; only `<dimension ref="..."/>` in each xl/worksheets/*.xml changes.
    """

    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            return _DIMENSION.sub(b'<dimension ref="A1"/>', data)
        return data

    rewrite_parts(path, change)
