"""What a suite needs to know of a kind of landing file: the input contract's registry.

The registry itself is `ingest.sources` (one `SourceKind` per kind of finance file); the
suites here are handed its entries and never import it, so checking what comes in does
not depend on how it is read. Any object with these members will do (tests pass their
own).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import great_expectations as gx


class Source(Protocol):
    """One kind of finance file as the suites see it."""

    kind: str  # 'gl_postings'; also the raw table raw.<kind> and the suite's name

    @property
    def shown_name(self) -> str:
        """The file name as people are told it: gl_<kunta>_<YYYY>_<MM>.csv."""
        ...

    @property
    def column_names(self) -> tuple[str, ...]: ...

    def shown(self, name: str) -> str:
        """A raw column as a person reading the file knows it: Kustannuspaikka."""
        ...

    def build_suite(self, files_table: str) -> gx.ExpectationSuite:
        """The kind's suite over a staged batch whose files `files_table` lists."""
        ...


# Every kind by name: the master data kinds are looked up here ('org_units', 'accounts').
Sources = Mapping[str, Source]
