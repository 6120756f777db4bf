"""Asset checks as the Dagster UI should show them: only real evaluations, each with its
severity, whether it blocks publication, and the evidence the morning review shows.

- Severity and blocking are in every check's description and every evaluation's
  metadata. Dagster's own `blocking=True` is not used: it would stop the run before the
  quality gate applies waivers; the gate's decision is what blocks (the publish step).
- Only what a run evaluates is reported. The nightly job plans no checks (its selection
  holds the assets only, see orchestration/jobs.py), so a check a run does not evaluate
  keeps its last evaluation in the UI instead of turning "Skipped". Steps log an
  `AssetCheckEvaluation` for each check they evaluate (`report`); a check the run did
  plan (a run launched from the UI with checks) is yielded as its `AssetCheckResult`.
- After the quality gate, each check that failed in the run is told again with the gate's
  judgement (`judged_evaluations`): the check's status after waivers, whether it blocks
  publication, and its rows as `toteuma failures` shows them (open reporting dates,
  material rows, new / changed / still). A dbt check whose table the run materialized
  without running the test again (a review table dbt did not rebuild, which the gate
  waits for) is told with the outcome the gate judged, labelled with the run that ran
  the test. A landing check of a run that validated no file is not told at all: the
  gate judged nothing of it (the UI shows it not evaluated on that night's
  materialization, its history the last real evaluation).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus

from reports.failures import text
from reports.failures.query import Filters, latest_failures
from reports.finnish import euros, period_text
from warehouse.gate.dbt_results import generic_sentence, row_rules, rule_node

SEVERITY = {"error": dg.AssetCheckSeverity.ERROR, "warn": dg.AssetCheckSeverity.WARN}
# metadata keys people read in the UI
SEVERITY_KEY = "severity"
BLOCKS_KEY = "blocks publication (after waivers)"
REVIEW_KEY = "check in the morning review"  # `toteuma failures --check NAME`; '*' for a kind
RUN_KEY = "evaluated in run"
AT_KEY = "evaluated at"
EVIDENCE_ROWS = 20  # rows of a check's evidence table; `toteuma failures --check` lists all

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


# --- what a check is: severity and blocking in its description ------------------------


def severity_line(severity: str) -> str:
    """The first line of every check's description."""
    if severity == "error":
        return (
            "Severity error — blocks publication (after waivers): a failing row no waiver "
            "covers withholds publication; the quality gate decides."
        )
    return "Severity warn — never blocks publication: failing rows are published and shown."


def spec_metadata(severity: str) -> dict[str, str]:
    return {SEVERITY_KEY: severity, BLOCKS_KEY: "yes" if severity == "error" else "no"}


def dbt_severity(node: dict[str, Any]) -> str:
    return str(node.get("config", {}).get("severity", "error")).lower()


def dbt_check_spec(spec: dg.AssetCheckSpec, node: dict[str, Any]) -> dg.AssetCheckSpec:
    """A dbt test as an asset check: its severity, blocking and what it protects."""
    severity = dbt_severity(node)
    about = check_description(node) or spec.description
    return dg.AssetCheckSpec(
        name=spec.name,
        asset=spec.asset_key,
        description="\n\n".join(part for part in (severity_line(severity), about) if part),
        additional_deps=spec.additional_deps,
        metadata={**(spec.metadata or {}), **spec_metadata(severity)},
        blocking=False,  # the quality gate decides, after waivers
    )


LANDING_DESCRIPTION = (
    "The kind's landing files against their great-expectations suite and the input "
    "contract. Severity per rule — an error rule's failing file is quarantined and blocks "
    "publication (after waivers); a warn rule's rows are published and shown. Evaluated "
    "only in runs that validated a file of the kind."
)


def check_description(node: dict[str, Any]) -> str | None:
    """English for engineers, Finnish (selite) for controllers, from the test's meta; a
    generic test is described from its arguments."""
    meta = {**node.get("config", {}).get("meta", {}), **node.get("meta", {})}
    parts = [meta.get("explanation"), meta.get("selite")]
    joined = "\n\n".join(part for part in parts if part)
    return joined or node.get("description") or _generic(node) or None


def _generic(node: dict[str, Any]) -> str | None:
    rules = row_rules(node)
    if not rules:
        return generic_sentence(node, GENERIC, "the model")
    lines = [
        f"- `{rule['check']}` ({str(rule.get('severity', 'error')).lower()}):"
        f" {generic_sentence(rule_node(rule, node), GENERIC, 'the model')}"
        for rule in rules
    ]
    return (
        "Row rules of the table, checked in one scan; each is a check of its own in the"
        " morning review:\n" + "\n".join(lines)
    )


# --- reporting only what was evaluated -------------------------------------------------


def report(
    context: dg.AssetExecutionContext, evaluation: dg.AssetCheckEvaluation
) -> Iterator[dg.AssetCheckResult]:
    """A check the run planned is yielded as its result; any other is logged, which
    records it without the run having planned it (see the module's docstring)."""
    if evaluation.asset_check_key in context.selected_asset_check_keys:
        yield dg.AssetCheckResult(
            asset_key=evaluation.asset_key,
            check_name=evaluation.check_name,
            passed=evaluation.passed,
            severity=evaluation.severity,
            metadata=evaluation.metadata,
            description=evaluation.description,
        )
    else:
        context.log_event(evaluation)


def dbt_evaluation(
    key: dg.AssetCheckKey, test: dict[str, Any], node: dict[str, Any], run_id: str
) -> dg.AssetCheckEvaluation:
    """A dbt test this run ran (`test`: its row as warehouse.gate.dbt_results records it)."""
    severity, passed = test["severity"], test["status"] == "pass"
    metadata: dict[str, Any] = {
        SEVERITY_KEY: severity,
        # a failed one is told again by the quality gate, with its decision after waivers
        BLOCKS_KEY: "no" if passed or severity != "error" else "the quality gate decides",
        "dbt status": test["status"],
        "failing rows": int(test["failures"] or 0),
        REVIEW_KEY: test["check_name"],
        RUN_KEY: run_id,
        AT_KEY: _when(dt.datetime.now(dt.UTC).timestamp()),
    }
    if test["status"] == "error":
        metadata["dbt message"] = dg.MetadataValue.text(test.get("message") or "")
    if test.get("relation_name") and test.get("failures"):
        metadata["stored failures"] = dg.MetadataValue.text(test["relation_name"])
    return dg.AssetCheckEvaluation(
        asset_key=key.asset_key,
        check_name=key.name,
        passed=passed,
        severity=SEVERITY.get(severity, dg.AssetCheckSeverity.ERROR),
        metadata=metadata,
        description="\n\n".join(
            part for part in (severity_line(severity), check_description(node)) if part
        ),
    )


def landing_evaluation(
    key: dg.AssetCheckKey, kind: str, check_rows: list[dict], quarantined: list[str], run_id: str
) -> dg.AssetCheckEvaluation:
    """The landing check of an ingest asset, for a run that validated files of its kind.

    `check_rows` are file-check rows (see warehouse.gate.file_checks), failing ones only;
    the check fails with error severity when any failing row is an error, else warns."""
    failing = [row for row in check_rows if row["failures"]]
    errors = [row for row in failing if row["severity"] == "error"]
    severity = "error" if errors else "warn"
    table = _md_table(
        ["file", "rule", "severity", "failing rows", "what is wrong"],
        [
            [row["source_file"], row["check_name"], row["severity"], row["failures"],
             row["explanation"]]
            for row in failing
        ],
    )  # fmt: skip
    return dg.AssetCheckEvaluation(
        asset_key=key.asset_key,
        check_name=key.name,
        passed=not failing,
        severity=SEVERITY[severity],
        metadata={
            **spec_metadata(severity),
            "failing rules": len(failing),
            "failed rules": dg.MetadataValue.md(table or "none"),
            "quarantined files": dg.MetadataValue.text(", ".join(quarantined) or "none"),
            REVIEW_KEY: f"{kind}.*",
            RUN_KEY: run_id,
            AT_KEY: _when(dt.datetime.now(dt.UTC).timestamp()),
        },
        description=LANDING_DESCRIPTION,
    )


# --- after the gate: the judged evaluations --------------------------------------------


def judged_evaluations(
    instance: dg.DagsterInstance,
    run_id: str,
    audit: Path,
    check_keys: Iterable[dg.AssetCheckKey],
) -> list[dg.AssetCheckEvaluation]:
    """The checks of the run again, as the gate judged them (see the module's docstring).

    `check_keys`: every asset check of the code location."""
    gate = _gate_results(audit, run_id)
    review = latest_failures(audit, run_id, Filters())  # the morning review's default view
    every = latest_failures(audit, run_id, Filters(all=True)).rows
    shown = _by_check(review.rows)
    hidden = _by_check(row for row in every if not review.filters.keeps(row))
    evaluated = _run_evaluations(instance, run_id)
    materialized = _run_materializations(instance, run_id)
    # a passed check needs no judging (nothing to waive or show): told once, by its step
    judged = [
        _judged(evaluation, gate, shown, hidden, kept_from=None)
        for evaluation in evaluated.values()
        if not evaluation.passed
    ]
    kept = [key for key in check_keys if key.asset_key in materialized and key not in evaluated]
    for record in _last_real_evaluations(instance, kept):
        # only an outcome the gate judged in this run (a dbt test's, reused from the build
        # that ran it); a landing check of a run that validated no file is not told again
        if _gate_names(record.evaluation, gate):
            judged.append(_judged(record.evaluation, gate, shown, hidden, kept_from=record))
    return judged


def _gate_names(evaluation: dg.AssetCheckEvaluation, gate: dict[str, dict]) -> list[str]:
    """The gate's checks an asset check stands for: a dbt test's one, a landing check's
    every rule of its kind."""
    # one name or pattern, or several (a row_rules test's rules), comma-separated
    patterns = [p for p in (_text(evaluation.metadata.get(REVIEW_KEY)) or "").split(", ") if p]
    return sorted(
        name for name in gate if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
    )


def _judged(evaluation, gate, shown, hidden, kept_from) -> dg.AssetCheckEvaluation:
    metadata = dict(evaluation.metadata)
    names = _gate_names(evaluation, gate)
    description = evaluation.description or ""
    if kept_from is not None:
        first_run = _text(metadata.get(RUN_KEY)) or kept_from.run_id
        first_at = _text(metadata.get(AT_KEY)) or _when(kept_from.create_timestamp)
        metadata[RUN_KEY] = dg.MetadataValue.text(first_run)
        metadata[AT_KEY] = dg.MetadataValue.text(first_at)
        metadata["kept"] = dg.MetadataValue.text(
            f"not evaluated again in this run (nothing it reads changed): the outcome of run"
            f" {first_run} at {first_at}"
        )
        description = f"Kept from run {first_run} ({first_at}).\n\n{description}"
    elif AT_KEY not in metadata:
        metadata[AT_KEY] = dg.MetadataValue.text(_when(dt.datetime.now(dt.UTC).timestamp()))
    if names:
        results = [gate[name] for name in names]
        rows = [row for name in names for row in shown.get(name, [])]
        metadata.update(_judgement(results, rows, [r for n in names for r in hidden.get(n, [])]))
        if len(names) == 1 and metadata["status after waivers"].value != "passed":
            metadata["list every row"] = dg.MetadataValue.text(
                f"toteuma failures --check {names[0]} --all"
            )
    return dg.AssetCheckEvaluation(
        asset_key=evaluation.asset_key,
        check_name=evaluation.check_name,
        passed=evaluation.passed,
        severity=evaluation.severity,
        metadata=metadata,
        description=description,
    )


def _judgement(results: list[dict], rows: list[dict], hidden: list[dict]) -> dict[str, Any]:
    """Status after waivers, blocking, and the rows the morning review shows."""
    blocks = any(r["blocks_publication"] for r in results)
    statuses = {r["status"] for r in results}
    status = next((s for s in ("error", "failed", "waived") if s in statuses), "passed")
    judgement = {
        BLOCKS_KEY: dg.MetadataValue.text("yes" if blocks else "no"),
        "status after waivers": dg.MetadataValue.text(status),
    }
    if status == "passed":
        return judgement
    novelty = Counter(row["novelty"] for row in rows)
    return {
        **judgement,
        "failing rows": sum(r["failures"] or 0 for r in results),
        "unwaived rows": sum(r["unwaived_failures"] or 0 for r in results),
        "open rows (morning review)": len(rows),
        "new": novelty["new"],
        "changed": novelty["changed"],
        "still failing": novelty["still"],
        "not shown: approved dates or closed years": sum(not r["is_open"] for r in hidden),
        "not shown: under the materiality threshold (info)": sum(
            bool(r["is_open"]) and r["row_severity"] == "info" for r in hidden
        ),
        "evidence": dg.MetadataValue.md(evidence_markdown(rows)),
    }


def evidence_markdown(rows: list[dict]) -> str:
    """The open, material rows as the morning review shows them, newest first per unit."""
    if not rows:
        return "No open rows: nothing for the morning review (see `toteuma failures --all`)."
    headings = ["Muutos", "Vakavuus", "Tila", "Yksikkö", "Rivi", "Kausi", "Odotettu",
                "Löytyi", "Erotus", "Tiedosto", "Selitys"]  # fmt: skip
    body = [
        [
            text.NOVELTY.get(row["novelty"], row["novelty"] or ""),
            text.SEVERITY.get(row["row_severity"], row["row_severity"] or ""),
            "poikkeuslupa" if row["status"] == "waived" else "",
            text.unit_label(row),
            text.line_label(row) if row["line_code"] else "",
            period_text(row["period"]) if row["period"] else "",
            _euros(row["expected"]),
            _euros(row["actual"]),
            _euros(row["difference"]),
            _place(row),
            row["explanation"] or "",
        ]
        for row in rows[:EVIDENCE_ROWS]
    ]
    kept = [i for i in range(len(headings)) if any(row[i] for row in body)]  # no empty column
    table = _md_table([headings[i] for i in kept], [[row[i] for i in kept] for row in body])
    if len(rows) > EVIDENCE_ROWS:
        check = rows[0]["check_name"]
        table += (
            f"\n\n… and {len(rows) - EVIDENCE_ROWS} more open rows: "
            f"`toteuma failures --check {check}`"
        )
    return table


def _md_table(headings: list[str], rows: list[list[Any]]) -> str:
    if not rows:
        return ""
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    # one line; no-break spaces stay (str.split would take them for spaces)
    text_ = re.sub(r"[ \t\r\n]+", " ", str("" if value is None else value)).strip()
    return text_.replace("|", "\\|")


def _euros(amount) -> str:
    """'-6 610,09 €' on one line (no-break spaces: a table cell would wrap it)."""
    return "" if amount is None else euros(amount).replace(" ", "\u00a0")


def _place(row: dict) -> str:
    if not row["source_file"]:
        return ""
    line = f", rivi {row['source_row']}" if row["source_row"] is not None else ""
    return f"{row['source_file']}{line}"


def _by_check(rows: Iterable[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["check_name"], []).append(row)
    return grouped


def _gate_results(audit: Path, run_id: str) -> dict[str, dict]:
    with duckdb.connect(str(audit), read_only=True) as con:
        cursor = con.execute(
            "select check_name, severity, status, failures, unwaived_failures, "
            "blocks_publication from audit.check_results where run_id = ?",
            [run_id],
        )
        names = [column[0] for column in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def _run_evaluations(
    instance: dg.DagsterInstance, run_id: str
) -> dict[dg.AssetCheckKey, dg.AssetCheckEvaluation]:
    """The check evaluations the run's steps logged (the last one of each check)."""
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000
    ).records
    evaluations = {}
    for record in records:
        evaluation = record.event_log_entry.dagster_event.asset_check_evaluation_data
        evaluations[evaluation.asset_check_key] = evaluation
    return evaluations


def _run_materializations(instance: dg.DagsterInstance, run_id: str) -> set[dg.AssetKey]:
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION, limit=100_000
    ).records
    return {record.event_log_entry.dagster_event.asset_key for record in records}


def _last_real_evaluations(instance: dg.DagsterInstance, keys: list[dg.AssetCheckKey]):
    """Each check's latest evaluation that passed or failed (never a planned or skipped
    one), from Dagster's own history."""
    done = {AssetCheckExecutionRecordStatus.SUCCEEDED, AssetCheckExecutionRecordStatus.FAILED}
    found = []
    for key in keys:
        history = instance.event_log_storage.get_asset_check_execution_history(
            key, limit=1, status=done
        )
        if history and history[0].evaluation is not None:
            found.append(history[0])
    return found


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# --- the gate's and the publication's own metadata -------------------------------------


def gate_metadata(results) -> dict[str, Any]:
    """The quality gate's materialization: counts as numbers, the failing checks as a
    table (`results`: the gate's CheckResults)."""
    failing = [r for r in results if r.status in ("failed", "error", "waived")]
    failing.sort(key=lambda r: (not r.blocks, r.severity != "error", r.check_name))
    table = _md_table(
        ["check", "severity", "status", "blocks publication", "failing rows", "unwaived rows"],
        [
            [r.check_name, r.severity, r.status, "yes" if r.blocks else "no", r.failures,
             r.unwaived]
            for r in failing
        ],
    )  # fmt: skip
    blocking = [r for r in failing if r.blocks]
    return {
        "checks run": len(results),
        "blocking checks": len(blocking),
        "failing checks": sum(r.status in ("failed", "error") for r in results),
        "waived checks": sum(r.status == "waived" for r in results),
        "warnings": sum(r.status == "failed" and r.severity == "warn" for r in results),
        "blocking": dg.MetadataValue.text(", ".join(r.check_name for r in blocking) or "none"),
        "failing and waived checks": dg.MetadataValue.md(table or "Every check passed."),
    }


def publication_warnings(audit: Path, run_id: str) -> dict[str, int]:
    """What a published run carries that a person should see: failing warn-severity
    checks and their rows (all, and those the morning review shows: open dates, not under
    the materiality threshold), and checks whose failures were waived."""
    with duckdb.connect(str(audit), read_only=True) as con:
        warn_checks, warn_rows, waived = con.execute(
            "select count(*) filter (where status = 'failed' and severity = 'warn'),"
            " coalesce(sum(unwaived_failures) filter (where status = 'failed'"
            " and severity = 'warn'), 0),"
            " count(*) filter (where status = 'waived' or (failures > unwaived_failures))"
            " from audit.check_results where run_id = ?",
            [run_id],
        ).fetchone()
        (open_rows,) = con.execute(
            "select count(*) from audit.check_failures where run_id = ? and status = 'failed'"
            " and severity = 'warn' and coalesce(is_open, true)"
            " and coalesce(row_severity, severity) <> 'info'",
            [run_id],
        ).fetchone()
    return {
        "warning checks": warn_checks,
        "warning rows": warn_rows,
        "open warning rows (morning review)": open_rows,
        "waived checks": waived,
    }
