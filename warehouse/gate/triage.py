"""What needs a person this morning: each failing row placed, weighed and compared.

- materiality: a warn-severity row whose difference is under the threshold (default
  1 €, TOTEUMA_MATERIALITY_EUR) is reported as `info`; every row with a difference
  carries the threshold it was weighed against;
- placement: the unit's name, the line's Finnish name, the unit's path in the
  organisation on the row's date ('/1/600/606/'), and whether the row is open: a
  warn or info row of an approved unit and date (figures unchanged since) or of a closed
  year is not; an error row always is;
- novelty: `new` (not failing in the previous published run), `changed` (failing there
  with other figures or status) or `still` (failing there just so).
"""

from __future__ import annotations

from decimal import Decimal

from reports.finnish import period_end
from warehouse.gate.organisation import Organisation
from warehouse.gate.records import CheckResult, Evidence

Key = tuple


def weigh(results: list[CheckResult], threshold: Decimal) -> None:
    for result in results:
        if result.severity != "warn":
            continue
        for row in result.evidence:
            if row.difference is None:
                continue
            row.materiality_threshold = threshold
            if abs(row.difference) < threshold:
                row.severity = "info"


def place(results: list[CheckResult], organisation: Organisation) -> None:
    for result in results:
        for row in result.evidence:
            day = period_end(row.period)
            if row.org_unit_code:
                path = organisation.path(row.municipality_code, row.org_unit_code, day)
                row.unit_path = "/" + "/".join(path) + "/"
                row.org_unit_name = organisation.name(row.municipality_code, row.org_unit_code, day)
            row.line_name = organisation.line_names.get(row.line_code or "")
            severity = row.severity or result.severity
            row.is_open = severity == "error" or organisation.is_open(
                row.municipality_code, row.org_unit_code, day
            )


def row_key(check_name: str, row: Evidence | dict) -> Key:
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return (
        check_name, get("municipality_code"), get("org_unit_code"), get("line_code"),
        get("period"), get("source_file"), get("source_row"),
    )  # fmt: skip


def compare(results: list[CheckResult], previous: dict[Key, tuple]) -> None:
    """previous: row_key -> (expected, actual, difference, status) of the last published run."""
    for result in results:
        for row in result.evidence:
            before = previous.get(row_key(result.check_name, row))
            if before is None:
                row.novelty = "new"
            elif before != (row.expected, row.actual, row.difference, row.status):
                row.novelty = "changed"
            else:
                row.novelty = "still"
