"""How each scale landing file looks (encoding, line ending, number format), and the
streaming step that gives a written UTF-8 file its final bytes.

The mix follows the input contract: Windows-1252 with CRLF and an upper-case header
(older exports), UTF-8 with a BOM, no-break-space thousands with zero-padded dates,
CRLF without thousands separators, plain UTF-8. Which file gets which style depends
only on the file's key, so a folder is the same bytes for the same arguments.
"""

from __future__ import annotations

import codecs
import os
import shutil
from pathlib import Path

from demo.landing_writer import FileStyle

CHUNK_BYTES = 1 << 20
_GL_STYLES = (
    FileStyle(encoding="cp1252", newline="\r\n", upper_header=True),
    FileStyle(encoding="utf-8-sig"),
    FileStyle(thousands="\u00a0", pad_dates=True),
    FileStyle(newline="\r\n", thousands=""),
    FileStyle(),
    FileStyle(),
)
_MINUS = ("\u2212", "- ", "-")


def gl_style(rank: int, year: int, month: int) -> FileStyle:
    """About one ledger file in six is Windows-1252; one in six has a BOM; and so on."""
    return _GL_STYLES[(rank + year + month) % len(_GL_STYLES)]


def org_style(rank: int) -> FileStyle:
    return (
        FileStyle(),
        FileStyle(encoding="cp1252", newline="\r\n"),
        FileStyle(encoding="utf-8-sig", newline="\r\n"),
    )[rank % 3]


def accounts_style(rank: int) -> FileStyle:
    return FileStyle(encoding="cp1252") if rank % 2 else FileStyle()


def budget_style(rank: int, year: int) -> FileStyle:
    """Budgets carry signs: '−' (U+2212), '- ' or '-'; some files have a BOM."""
    encoding = "utf-8-sig" if (rank + year) % 4 == 1 else "utf-8"
    return FileStyle(encoding=encoding, minus=_MINUS[(rank + year) % 3])


def forecast_style() -> FileStyle:
    return FileStyle(minus="\u2212")


def finish(written: Path, target: Path, style: FileStyle) -> None:
    """Move a UTF-8 file DuckDB wrote (no BOM) to `target` in the style's encoding.

    Windows-1252 is transcoded in 1 MiB chunks; a BOM is written before the bytes are
    copied; plain UTF-8 is renamed.
    """
    if style.encoding == "utf-8":
        os.replace(written, target)
        return
    with written.open("rb") as source, target.open("wb") as sink:
        if style.encoding == "utf-8-sig":
            sink.write(codecs.BOM_UTF8)
            shutil.copyfileobj(source, sink, CHUNK_BYTES)
        else:
            decoder = codecs.getincrementaldecoder("utf-8")()
            while chunk := source.read(CHUNK_BYTES):
                sink.write(decoder.decode(chunk).encode(style.encoding))
            sink.write(decoder.decode(b"", final=True).encode(style.encoding))
    written.unlink()
