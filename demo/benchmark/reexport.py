"""A re-exported month: a few rows of one ledger file changed, in the file's own style.

The finance system re-exports a month with corrections; the run must replace that
month's rows. Here the amounts of the first few unquoted data rows become 1,00 on the
side they were posted on; the file keeps its encoding, BOM and line endings.
"""

from __future__ import annotations

import codecs
from pathlib import Path

CHANGED_ROWS = 5


def _encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def reexport(path: Path, rows: int = CHANGED_ROWS) -> int:
    """Rewrite `path` with `rows` amounts changed; returns how many were changed."""
    data = path.read_bytes()
    encoding = _encoding(data)
    lines = data.decode(encoding).splitlines(keepends=True)
    changed = 0
    for index in range(1, len(lines)):
        if changed == rows:
            break
        body = lines[index].rstrip("\r\n")
        fields = body.split(";")
        if '"' in body or len(fields) != 11:
            continue
        side = 9 if fields[9] else 10
        fields[side] = "1,00"
        lines[index] = ";".join(fields) + lines[index][len(body) :]
        changed += 1
    path.write_bytes("".join(lines).encode(encoding))
    return changed
