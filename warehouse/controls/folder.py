"""Where each kind of decision lives in the controls folder."""

from __future__ import annotations

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
