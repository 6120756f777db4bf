"""Failed dbt checks as a controller should meet them in the Dagster UI: with what the
check protects (its own meta) and its first evidence rows as a table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

FIRST_ROWS = 10
_SEVERITY = {"error": dg.AssetCheckSeverity.ERROR, "warn": dg.AssetCheckSeverity.WARN}
SHOWN = ("org_unit_code", "line_code", "period", "expected", "actual", "difference",
         "source_file", "source_row", "explanation")  # fmt: skip


# What a generic test protects, said from its own arguments (dbt gives them no text).
GENERIC = {
    "not_null": "Column {column_name} of {model} is never empty: an empty key or figure "
    "would drop its row from sums and joins.",
    "not_null_columns": "Columns {columns} of {model} are never empty: an empty key or "
    "figure would drop its row from sums and joins (empty_columns names the empty ones).",
    "unique": "Column {column_name} of {model} identifies one row: a duplicate doubles money.",
    "unique_combination_of_columns": "{model} has one row per {combination_of_columns}: a "
    "duplicate would be counted twice.",
    "accepted_values": "Column {column_name} of {model} holds only {values}.",
    "accepted_range": "Column {column_name} of {model} lies between {min_value} and {max_value}.",
    "relationships": "Every {column_name} of {model} exists in {to} ({field}): no row "
    "points at nothing.",
    "relationships_on_columns": "Every ({columns}) of {model} exists in {to} ({to_columns}): "
    "no row points at nothing.",
    "expression_is_true": "Every row of {model} satisfies: {expression}",
}


def check_description(node: dict[str, Any]) -> str | None:
    """English for engineers, Finnish (selite) for controllers, from the test's meta; a
    generic test is described from its arguments."""
    meta = {**node.get("config", {}).get("meta", {}), **node.get("meta", {})}
    parts = [meta.get("explanation"), meta.get("selite")]
    text = "\n\n".join(part for part in parts if part)
    return text or node.get("description") or _generic(node) or None


def _generic(node: dict[str, Any]) -> str | None:
    test = node.get("test_metadata") or {}
    template = GENERIC.get(test.get("name", ""))
    if not template:
        return None
    arguments = {key: _words(value) for key, value in (test.get("kwargs") or {}).items()}
    arguments["model"] = _words(arguments.get("model", "the model"))
    try:
        return template.format(**arguments).strip()
    except KeyError:
        return None


def _words(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    text = str(value).strip()
    for prefix in ("{{ get_where_subquery(ref('", "ref('"):
        if text.startswith(prefix):
            return text[len(prefix) :].split("'")[0]
    return text


def explained(
    results: Iterable[dg.AssetCheckResult], tests: list[dict], manifest: dict, candidate: Path
) -> Iterator[dg.AssetCheckResult]:
    """The failed check results again, with a description and their first evidence rows
    (read after dbt has finished: the candidate takes one writer at a time)."""
    by_name = {manifest["nodes"][row["unique_id"]]["name"]: row for row in tests}
    with duckdb.connect(str(candidate), read_only=True) as con:
        for result in results:
            row = by_name.get(result.check_name)
            node = manifest["nodes"].get(row["unique_id"], {}) if row else {}
            metadata = dict(result.metadata or {})
            if row and row.get("relation_name") and row.get("failures"):
                metadata["evidence"] = _evidence_table(con, row["relation_name"])
                metadata["stored_failures"] = dg.MetadataValue.text(row["relation_name"])
            yield dg.AssetCheckResult(
                passed=result.passed,
                asset_key=result.asset_key,
                check_name=result.check_name,
                metadata=metadata,
                # dbt reports every failed test as WARN (the project's `error_if`): the
                # declared severity is the gate's, recorded from the manifest
                severity=_SEVERITY.get(row.get("severity") if row else None, result.severity),
                description=check_description(node) or result.description,
            )


def _evidence_table(con: duckdb.DuckDBPyConnection, relation: str) -> dg.MetadataValue:
    cursor = con.execute(f"select * from {relation} limit {FIRST_ROWS}")
    names = [column[0] for column in cursor.description]
    shown = [name for name in SHOWN if name in names] or names
    records = [
        dg.TableRecord(
            {name: _plain(dict(zip(names, values, strict=True))[name]) for name in shown}
        )
        for values in cursor.fetchall()
    ]
    schema = dg.TableSchema(columns=[dg.TableColumn(name, "string") for name in shown])
    return dg.MetadataValue.table(records, schema)


def _plain(value: Any) -> str | None:
    return None if value is None else str(value)
