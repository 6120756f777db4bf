"""What other programs do to an .xlsx file after Excel: rewrites of the saved package."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def declare_size_a1(path: Path) -> None:
    """Rewrite every sheet's declared size to `A1`, as WPS Office and some libraries save it.

    The cells stay; only `<dimension ref="..."/>` in each xl/worksheets/*.xml changes.
    """
    with zipfile.ZipFile(path) as source:
        parts = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts:
            if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml"):
                data = _DIMENSION.sub(b'<dimension ref="A1"/>', data)
            target.writestr(item, data)
