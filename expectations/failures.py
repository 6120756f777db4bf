"""What failed in a batch's GX validation result, per file, said so a controller can act on it.

A batch holds every changed file of one kind; each failure is told to the file it came
from (its rows carry `source_file`), so a bad file is refused alone. The per-file copy of
the result (`result_for_file`) is what Data Docs show for that file.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

MAX_EXAMPLES = 5  # rows kept per file and rule: enough to find the pattern
# The type of expectations.per_file_rows.UnexpectedRowsPerFileExpectation (GX names an
# expectation's type after its class); this module must not import GX to know it.
UNEXPECTED_ROWS = "unexpected_rows_per_file_expectation"
# Columns the batch queries add to each returned row; a person needs none of them.
_QUERY_COLUMNS = {"failing_in_file", "copies", "min_rows"}


@dataclass(frozen=True)
class Failure:
    """One failed expectation of one file: which rule, how bad, why it matters and where."""

    expectation_type: str
    rule: str
    severity: str
    explanation: str
    observed: object  # the file's failing rows, or a message when the rule could not run
    column: str | None = None
    examples: list[dict[str, Any]] = field(default_factory=list)  # rows, with source_row
    failing_rows: int = 1  # rows that broke the rule; 1 for a rule about the whole file

    def describe(self) -> str:
        """One line for a log or a sidecar file."""
        where = f" [{self.column}]" if self.column else ""
        return f"{self.severity.upper()} {self.rule}{where}: {self.explanation} ({self.observed})"


def failures_by_file(
    result: dict[str, Any], con_path: Path, staging_table: str, file_names: list[str]
) -> dict[str, list[Failure]]:
    """Each file's failed expectations (errors first), with up to MAX_EXAMPLES rows each."""
    found: dict[str, list[Failure]] = {name: [] for name in file_names}
    for item in result["results"]:
        if item["success"]:
            continue
        for name, failure in _split(item, con_path, staging_table, file_names):
            found.setdefault(name, []).append(failure)
    return {
        name: sorted(failures, key=lambda f: (f.severity != "error", f.rule))
        for name, failures in found.items()
    }


def _split(item, con_path, staging_table, file_names):
    config = item["expectation_config"]
    details = item.get("result") or {}
    error = _exception_message(item.get("exception_info") or {})
    if error:
        # The engine's message may quote input values: it stays in the GX result only.
        for name in file_names:
            yield name, _failure(config, "tarkistusta ei voitu tehdä (sen kysely epäonnistui)", 1)
        return
    if config["type"] == UNEXPECTED_ROWS:
        for name, rows in _group(details.get("details", {}).get("unexpected_rows") or []).items():
            count = int(rows[0].get("failing_in_file") or len(rows))
            examples = [_shown_row(row) for row in rows[:MAX_EXAMPLES]]
            yield name, _failure(config, count, count, examples)
        return
    for name, indices in _group(details.get("unexpected_index_list") or []).items():
        lines = [row["source_row"] for row in indices[:MAX_EXAMPLES]]
        examples = staged_rows(con_path, staging_table, name, lines)
        yield name, _failure(config, len(indices), len(indices), examples)


def _failure(config, observed, failing_rows: int, examples=None) -> Failure:
    meta = config.get("meta") or {}
    return Failure(
        expectation_type=config["type"],
        rule=meta.get("rule", config["type"]),
        severity=meta.get("severity", "error"),
        explanation=meta.get("explanation", config.get("description") or ""),
        observed=observed,
        column=config["kwargs"].get("column"),
        examples=examples or [],
        failing_rows=max(failing_rows, 1),
    )


def _group(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["source_file"]].append(row)
    return {name: sorted(rows, key=_line) for name, rows in grouped.items()}


def _line(row: dict[str, Any]) -> int:
    return row.get("source_row") or 0


def _shown_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key not in _QUERY_COLUMNS}


def _exception_message(info: dict[str, Any]) -> str | None:
    """GX reports an error either directly or per metric that could not be computed."""
    if "raised_exception" in info:
        return info.get("exception_message") if info["raised_exception"] else None
    messages = [entry.get("exception_message") for entry in info.values()]
    return "; ".join(sorted({message for message in messages if message})) or None


def staged_rows(con_path: Path, table: str, file_name: str, lines: list[int]) -> list[dict]:
    """The staged rows of one file at the given lines, in line order."""
    with duckdb.connect(str(con_path), read_only=True) as con:
        cursor = con.execute(
            f"select * from {table} where source_file = ? and source_row in (select unnest(?))"
            " order by source_row",
            [file_name, lines],
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def result_for_file(result: dict[str, Any], file_name: str) -> dict[str, Any]:
    """The batch's GX result as it concerns one file (for that file's Data Docs page).

    Only the failed expectations' entries are copied (and cut to the file's rows); the
    rest are shared with `result`, which is never changed: a batch of 360 files made 360
    deep copies of the whole result before, ~1.5 s a batch.
    """
    mine = dict(result)
    mine["results"] = [_item_for_file(item, file_name) for item in result["results"]]
    passed = sum(1 for item in mine["results"] if item["success"])
    total = len(mine["results"])
    mine["success"] = passed == total
    mine["statistics"] = {
        "evaluated_expectations": total,
        "successful_expectations": passed,
        "unsuccessful_expectations": total - passed,
        "success_percent": 100.0 * passed / total if total else 100.0,
    }
    mine["meta"] = {**(result.get("meta") or {}), "source_file": file_name}
    # Data Docs list results by suite: one entry per file, e.g. gl_postings__gl_111_2026_03.
    mine["suite_name"] = f"{result.get('suite_name', 'suite')}__{Path(file_name).stem}"
    return mine


def _item_for_file(item: dict[str, Any], file_name: str) -> dict[str, Any]:
    """One expectation's entry as it concerns one file (a new dict when it failed)."""
    if item["success"] or _exception_message(item.get("exception_info") or {}):
        return item
    mine = copy.deepcopy({key: value for key, value in item.items() if key != "result"})
    details = dict(item.get("result") or {})
    mine["result"] = details
    if item["expectation_config"]["type"] == UNEXPECTED_ROWS:
        rows = [
            copy.deepcopy(row)
            for row in details.get("details", {}).get("unexpected_rows") or []
            if row.get("source_file") == file_name
        ]
        details["details"] = {**details.get("details", {}), "unexpected_rows": rows}
        details["observed_value"] = int(rows[0]["failing_in_file"]) if rows else 0
        mine["success"] = not rows
        return mine
    indices = [
        dict(row) for row in details.get("unexpected_index_list") or []
        if row.get("source_file") == file_name
    ]  # fmt: skip
    details["unexpected_index_list"] = indices
    details["partial_unexpected_index_list"] = indices[:MAX_EXAMPLES]
    details["unexpected_count"] = len(indices)
    mine["success"] = not indices
    return mine
