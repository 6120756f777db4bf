"""What failed in a GX validation result, said so that a controller can act on it."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Failure:
    """One failed expectation: which rule, how bad, why it matters and where it failed."""

    expectation_type: str
    rule: str
    severity: str
    explanation: str
    observed: object  # unexpected row count, observed value, or the error raised
    column: str | None = None
    examples: list[dict[str, Any]] = field(default_factory=list)  # rows, with source_row
    failing_rows: int = 1  # rows that broke the rule; 1 for a rule about the whole file

    def describe(self) -> str:
        """One line for a log or a sidecar file."""
        where = f" [{self.column}]" if self.column else ""
        return f"{self.severity.upper()} {self.rule}{where}: {self.explanation} ({self.observed})"


def failures_from(result: dict[str, Any], con_path: Path, staging_table: str) -> list[Failure]:
    """The failed expectations of a GX result (as JSON), errors first, with example rows."""
    failed = [item for item in result["results"] if not item["success"]]
    found = [_failure(item, con_path, staging_table) for item in failed]
    return sorted(found, key=lambda failure: (failure.severity != "error", failure.rule))


def _failure(item: dict[str, Any], con_path: Path, staging_table: str) -> Failure:
    config = item["expectation_config"]
    meta = config.get("meta") or {}
    details = item.get("result") or {}
    error = _exception_message(item.get("exception_info") or {})
    # An expectation that could not be evaluated has not passed: it keeps its severity.
    observed = details.get("unexpected_count", details.get("observed_value"))
    return Failure(
        expectation_type=config["type"],
        rule=meta.get("rule", config["type"]),
        severity=meta.get("severity", "error"),
        explanation=meta.get("explanation", config.get("description") or ""),
        # The engine's message may quote input values: it stays in the GX result only.
        observed="could not be checked (the check's query failed)" if error else observed,
        column=config["kwargs"].get("column"),
        examples=_examples(details, con_path, staging_table),
        failing_rows=_failing_rows(config["type"], details),
    )


def _failing_rows(expectation_type: str, details: dict[str, Any]) -> int:
    """Rows a rule flagged; a table rule (row count) fails as one, whatever it observed."""
    if isinstance(details.get("unexpected_count"), int):
        return max(details["unexpected_count"], 1)
    if expectation_type == "unexpected_rows_expectation":
        return max(int(details.get("observed_value") or 0), 1)
    return 1


def _exception_message(info: dict[str, Any]) -> str | None:
    """GX reports an error either directly or per metric that could not be computed."""
    if "raised_exception" in info:
        return info.get("exception_message") if info["raised_exception"] else None
    messages = [entry.get("exception_message") for entry in info.values()]
    return "; ".join(sorted({message for message in messages if message})) or None


def _examples(details: dict[str, Any], con_path: Path, table: str) -> list[dict[str, Any]]:
    """Rows an unexpected-rows query returned, or the staged rows a column rule flagged."""
    rows = (details.get("details") or {}).get("unexpected_rows")
    if rows:
        return rows[:MAX_EXAMPLES]
    indexed = details.get("partial_unexpected_index_list") or []
    lines = [row["source_row"] for row in indexed[:MAX_EXAMPLES] if "source_row" in row]
    return staged_rows(con_path, table, lines) if lines else []


def staged_rows(con_path: Path, table: str, lines: list[int]) -> list[dict[str, Any]]:
    """The staged rows at the given file lines, in line order."""
    with duckdb.connect(str(con_path), read_only=True) as con:
        cursor = con.execute(
            f"select * from {table} where source_row in (select unnest(?)) order by source_row",
            [lines],
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
