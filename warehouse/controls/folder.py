"""Where each kind of decision lives in the controls folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ControlsFolder:
    root: Path

    @property
    def waivers(self) -> Path:
        return self.root / "waivers.yaml"

    @property
    def signers(self) -> Path:
        return self.root / "signers.yaml"

    @property
    def signoffs(self) -> Path:
        return self.root / "signoffs.yaml"

    @property
    def approved(self) -> Path:
        return self.root / "approved"

    @property
    def explanations(self) -> Path:
        return self.root / "explanations"

    def relative(self, path: Path) -> str:
        """A path as the folder's records and messages name it: 'approved/111/…'."""
        return path.relative_to(self.root).as_posix()


def write_atomically(path: Path, data: bytes) -> None:
    """A reader (the nightly run, git) never sees a half-written control file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_bytes(data)
    os.replace(staging, path)


def append_yaml_entry(path: Path, key: str, entry_text: str, header: str) -> None:
    """Add one list entry under `key:` at the end of a YAML file, keeping its comments.

    The file stays the people's: we never re-dump it (that would drop every comment),
    only append the new entry's text (an empty list `key: []` becomes `key:`)."""
    text = path.read_text(encoding="utf-8") if path.exists() else header
    lines = text.splitlines()
    if f"{key}: []" in lines:
        lines[lines.index(f"{key}: []")] = f"{key}:"
    elif f"{key}:" not in lines:
        lines.append(f"{key}:")
    body = "\n".join(lines).rstrip("\n") + "\n" + entry_text
    write_atomically(path, body.encode("utf-8"))
