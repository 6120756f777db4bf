"""Sheet names a controller can read: the unit's code and name, cut at a word (Excel
allows 31 characters and none of []:*?/\\), unique ignoring case."""

from __future__ import annotations

from reports.units import Unit

MAX_LENGTH = 31
RESERVED = frozenset({"history", "sisällys"})  # Excel's own; the contents sheet
GOALS_SUFFIX = " tavoitteet"
ELLIPSIS = "…"


class SheetNames:
    def __init__(self, several_municipalities: bool) -> None:
        self.several = several_municipalities
        self.taken = set(RESERVED)

    def figures(self, unit: Unit) -> str:
        """'600 Yhteiset palvelut', '512 Hyvinvoinnin ja työllisyyden…'."""
        return self._unique(self._prefix(unit), unit.name)

    def goals(self, unit: Unit) -> str:
        """'600 tavoitteet': the unit's goals, indicators, risks and projects."""
        return self._unique(self._prefix(unit), GOALS_SUFFIX.strip())

    def _prefix(self, unit: Unit) -> str:
        return f"{unit.municipality_code} {unit.code}" if self.several else unit.code

    def _unique(self, prefix: str, text: str) -> str:
        base = _cut(f"{prefix} {_safe(text)}", MAX_LENGTH)
        name, counter = base, 1
        while name.casefold() in self.taken:
            counter += 1
            suffix = f" ({counter})"
            name = _cut(base, MAX_LENGTH - len(suffix)) + suffix
        self.taken.add(name.casefold())
        return name


def _safe(text: str) -> str:
    return text.translate(str.maketrans("[]:*?/\\", "()-----")).strip(" '")


def _cut(text: str, limit: int) -> str:
    """At the last word boundary that leaves room for '…'; mid-word only when a word
    boundary would leave less than half the name."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    words = head.rsplit(" ", 1)[0]
    return (words if len(words) >= limit // 2 else head).rstrip(" ,-'") + ELLIPSIS
