"""What the gate records: one result per check per run, and row-level evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from warehouse.gate.scopes import WAREHOUSE, Scope

# Evidence columns every check reports (null where a check has no such notion).
EVIDENCE_COLUMNS = (
    "municipality_code",
    "org_unit_code",
    "line_code",
    "period",
    "expected",
    "actual",
    "difference",
    "source_file",
    "source_row",
    "explanation",
)


@dataclass
class Evidence:
    """One failing row: where it is, what was expected, what was found."""

    municipality_code: str | None = None
    org_unit_code: str | None = None
    line_code: str | None = None
    period: str | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    source_file: str | None = None
    source_row: int | None = None
    explanation: str | None = None
    details: str | None = None  # the check's own row as JSON, for what fits no column
    status: str = "failed"  # failed | waived
    waiver: str | None = None  # "reason (name, until YYYY-MM-DD)" when waived
    # Filled by the gate's triage (warehouse/gate/triage.py):
    severity: str | None = None  # the row's own: 'info' below the materiality threshold
    materiality_threshold: Decimal | None = None  # euros, for rows with a difference
    is_open: bool = True  # False: its unit and date are approved (or the year closed)
    novelty: str | None = None  # new | changed | still, against the last published run
    org_unit_name: str | None = None
    line_name: str | None = None  # the report line's Finnish name
    unit_path: str | None = None  # '/1/600/606/': the unit and those above it on the date
    # What the row holds back when its check blocks (warehouse.gate.scopes); None: the
    # whole warehouse.
    scope: Scope | None = None


@dataclass
class CheckResult:
    """One check's outcome in one run."""

    check_name: str
    layer: str  # incoming | built | judgement | waivers
    severity: str  # error | warn
    explanation: str
    asset: str
    evidence: list[Evidence] = field(default_factory=list)
    failures: int = 0  # failing rows (may exceed the evidence kept)
    error: str | None = None  # the check could not run
    # scopes of failing rows beyond the evidence kept (a dbt test failing on more rows)
    unseen_scopes: set[Scope] = field(default_factory=set)

    @property
    def unwaived(self) -> int:
        waived = sum(1 for row in self.evidence if row.status == "waived")
        return self.failures - waived if self.failures else 0

    @property
    def status(self) -> str:
        if self.error:
            return "error"
        if not self.failures:
            return "passed"
        return "waived" if self.unwaived == 0 else "failed"

    @property
    def scopes(self) -> set[Scope]:
        """What this check holds back when it blocks: the scopes of its unwaived rows;
        the whole warehouse when it could not run or its failures have no rows to place."""
        if self.error or (self.unwaived and not self.evidence):
            return {Scope(WAREHOUSE)}
        held = {row.scope or Scope(WAREHOUSE) for row in self.evidence if row.status != "waived"}
        return held | self.unseen_scopes

    @property
    def blocks(self) -> bool:
        """Only an error-severity check with unwaived failures (or that could not run) blocks."""
        return self.severity == "error" and (self.status in ("failed", "error"))
