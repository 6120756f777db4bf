"""dbt test outcomes of a run, and their stored failing rows as evidence."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from warehouse.gate.records import EVIDENCE_COLUMNS, CheckResult, Evidence
from warehouse.gate.scopes import Scope, scope_of_row
from warehouse.sql import columns_of, insert_rows

MAX_EVIDENCE = 1000
# Column names of models that mean the same as an evidence column.
ALIASES = {
    "reporting_date": "period",
    "cost_centre_code": "org_unit_code",
    "account_code": "line_code",
    "item_code": "line_code",
}
_TESTS_TABLE = "audit_run.dbt_tests"


def record_dbt_tests(
    candidate: Path, run_id: str, run_results: dict, manifest: dict
) -> list[dict[str, Any]]:
    """Keep this run's dbt test outcomes in the candidate, for the gate to read.

    Outcomes already recorded for this run (reused from the last build) are replaced by
    those of the same tests run again; other runs' outcomes are dropped.
    """
    tests = [_test_row(run_id, result, manifest) for result in run_results["results"]]
    tests = [test for test in tests if test]
    with duckdb.connect(str(candidate)) as con:
        rows = [
            rule_row
            for test in tests
            for rule_row in _rule_rows(con, test, manifest["nodes"][test["unique_id"]])
        ]
        con.execute("create schema if not exists audit_run")
        con.execute(
            f"create table if not exists {_TESTS_TABLE} (run_id varchar, unique_id varchar, "
            "check_name varchar, status varchar, failures integer, severity varchar, "
            "layer varchar, explanation varchar, relation_name varchar, asset varchar, "
            "message varchar, domain varchar)"
        )
        # a candidate of an earlier version: its outcomes have no domain (finance rules)
        con.execute(f"alter table {_TESTS_TABLE} add column if not exists domain varchar")
        con.execute(f"delete from {_TESTS_TABLE} where run_id <> ?", [run_id])
        con.execute(
            f"delete from {_TESTS_TABLE} where unique_id in (select unnest(?))",
            [[row["unique_id"] for row in rows]],
        )
        columns = list(rows[0]) if rows else []
        insert_rows(con, _TESTS_TABLE, [[row[c] for c in columns] for row in rows], columns)
    return tests


def row_rules(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The rules of a `row_rules` test (macros/test_row_rules.sql); [] for another test."""
    test = node.get("test_metadata") or {}
    if test.get("name") != "row_rules":
        return []
    return list((test.get("kwargs") or {}).get("rules") or [])


def _rule_rows(
    con: duckdb.DuckDBPyConnection, test: dict[str, Any], node: dict[str, Any]
) -> list[dict[str, Any]]:
    """The gate's checks of one dbt test: the test itself, or each rule of a `row_rules`
    test as a check of its own (its name, severity, Finnish sentence, failing-row count,
    and a view of its own failing rows in the test's schema)."""
    rules = row_rules(node)
    if not rules:
        return [test]
    relation = test["relation_name"]
    ran = test["status"] in ("pass", "warn", "fail") and relation  # not an error, not skipped
    counts: dict[str, int] = {}
    if ran:
        counts = dict(
            con.execute(
                f"select rule, count(*) from (select unnest(broken_rules) as rule"
                f" from {relation}) group by rule"
            ).fetchall()
        )
    found = []
    for rule in rules:
        check = rule["check"]
        failures = counts.get(check, 0)
        found.append(
            {
                **test,
                "check_name": check,
                "status": ("warn" if failures else "pass") if ran else test["status"],
                "failures": failures,
                "severity": str(rule.get("severity", "error")).lower(),
                "explanation": generic_selite(rule_node(rule, node)) or test["explanation"],
                "relation_name": _rule_view(con, relation, check) if ran else None,
            }
        )
    return found


def _rule_view(con: duckdb.DuckDBPyConnection, relation: str, check: str) -> str:
    """`<schema of relation>."<check>"`: the rule's failing rows with its own sentence as
    their explanation (what the gate reads as the check's evidence)."""
    schema = relation.rsplit(".", 1)[0]
    view = f'{schema}."{check}"'
    bare = schema.rsplit(".", 1)[-1].strip('"')
    kind = con.execute(
        "select table_type from information_schema.tables where table_schema = ?"
        " and table_name = ?",
        [bare, check],
    ).fetchall()
    if kind and kind[0][0] != "VIEW":  # a failures table of the test the rule once was
        con.execute(f"drop table {view}")
    literal = check.replace("'", "''")
    con.execute(
        f"create or replace view {view} as select * exclude (broken_rules, rule_explanations,"
        f" explanation), rule_explanations[list_position(broken_rules, '{literal}')]"
        f" as explanation from {relation} where list_contains(broken_rules, '{literal}')"
    )
    return view


def rule_node(rule: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The generic test a rule stands for, as dbt would describe it (for its sentence)."""
    model = (node.get("test_metadata") or {}).get("kwargs", {}).get("model", "?")
    if "not_null" in rule:
        columns = list(rule["not_null"])
        if len(columns) == 1 and not rule["check"].startswith("not_null_columns"):
            name, kwargs = "not_null", {"column_name": columns[0]}
        else:
            name, kwargs = "not_null_columns", {"columns": columns}
    elif "accepted_values" in rule:
        name = "accepted_values"
        kwargs = {"column_name": rule["column"], "values": rule["accepted_values"]}
    elif "expression" in rule:
        name, kwargs = "expression_is_true", {"expression": rule["expression"]}
    else:
        name = "accepted_range"
        kwargs = {
            "column_name": rule["column"],
            "min_value": rule.get("min_value", ""),
            "max_value": rule.get("max_value", ""),
        }
    return {"test_metadata": {"name": name, "kwargs": {**kwargs, "model": model}}}


def _test_row(run_id: str, result: dict, manifest: dict) -> dict[str, Any] | None:
    node = manifest["nodes"].get(result["unique_id"], {})
    if node.get("resource_type") != "test":
        return None
    config = node.get("config", {})
    meta = {**config.get("meta", {}), **node.get("meta", {})}
    return {
        "run_id": run_id,
        "unique_id": result["unique_id"],
        # a row_rules test stands for its rules' checks (the gate records each)
        "check_name": meta.get("check")
        or ", ".join(rule["check"] for rule in row_rules(node))
        or node.get("name"),
        "status": result["status"],
        "failures": result.get("failures") or 0,
        "severity": str(config.get("severity", "error")).lower(),
        "layer": meta.get("layer", "built"),
        # controllers read the check's Finnish description where it has one; a generic
        # test (unique, not_null, …) has none, so it is said in Finnish from its arguments
        "explanation": meta.get("selite")
        or generic_selite(node)
        or meta.get("explanation")
        or node.get("description")
        or "",
        "relation_name": result.get("relation_name") or node.get("relation_name"),
        "asset": _attached_asset(node, manifest),
        "message": (result.get("message") or "")[:1000],
        "domain": _domain(node, manifest),
    }


# What a generic test protects, in Finnish, from its own arguments (dbt gives it no text;
# orchestration/check_evidence.py says the same in English for the Dagster UI).
GENERIC_SELITE = {
    "not_null": "Taulun {model} sarake {column_name} ei ole koskaan tyhjä: rivi, jonka avain"
    " tai luku on tyhjä, putoaisi summista ja liitoksista.",
    "not_null_columns": "Taulun {model} sarakkeet {columns} eivät ole koskaan tyhjiä: rivi,"
    " jonka avain tai luku on tyhjä, putoaisi summista ja liitoksista.",
    "unique": "Taulun {model} sarake {column_name} yksilöi rivin: kaksoiskappale kahdentaisi"
    " euromäärät.",
    "unique_combination_of_columns": "Taulussa {model} on yksi rivi kutakin yhdistelmää"
    " ({combination_of_columns}) kohden: kaksoiskappale laskettaisiin kahdesti.",
    "accepted_values": "Taulun {model} sarakkeessa {column_name} on vain arvoja {values}.",
    "accepted_range": "Taulun {model} sarakkeen {column_name} arvot ovat välillä"
    " {min_value}–{max_value}.",
    "relationships": "Jokainen taulun {model} sarakkeen {column_name} arvo löytyy taulusta"
    " {to} (sarake {field}): mikään rivi ei viittaa olemattomaan.",
    "relationships_on_columns": "Jokainen taulun {model} sarakkeiden ({columns}) arvo löytyy"
    " taulusta {to} ({to_columns}): mikään rivi ei viittaa olemattomaan.",
    "expression_is_true": "Taulun {model} jokainen rivi täyttää ehdon: {expression}",
}


def generic_selite(node: dict[str, Any]) -> str | None:
    """A generic test's Finnish sentence from its arguments; None for any other test."""
    return generic_sentence(node, GENERIC_SELITE, "?")


def generic_sentence(node: dict[str, Any], templates: dict[str, str], no_model: str) -> str | None:
    """A generic test's sentence from its arguments (`templates`: test name -> a format
    string over them, {model} the model's name or `no_model`); None for another test."""
    test = node.get("test_metadata") or {}
    template = templates.get(test.get("name", ""))
    if not template:
        return None
    arguments = {key: _words(value) for key, value in (test.get("kwargs") or {}).items()}
    arguments["model"] = _words(arguments.get("model", no_model))
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


def _domain(node: dict, manifest: dict) -> str:
    """What a test's failures hold back (warehouse.gate.scopes.scope_of_row): 'shared' for
    a test of seeds only (every municipality reads them), 'goals' for a test attached to
    a goal model (the row's unit's goals), else 'finance' (the row's municipality)."""
    parents = [
        manifest["nodes"].get(uid, {}) for uid in node.get("depends_on", {}).get("nodes", [])
    ]
    if parents and {parent.get("resource_type") for parent in parents} == {"seed"}:
        return "shared"
    attached = _attached_model(node, parents)
    return "goals" if attached and "goals" in attached.get("fqn", []) else "finance"


def _attached_model(node: dict, parents: list[dict]) -> dict | None:
    """The model a test belongs to: its `meta.dagster.ref`, else the last model it reads."""
    meta = {**node.get("config", {}).get("meta", {}), **node.get("meta", {})}
    ref = ((meta.get("dagster") or {}).get("ref") or {}).get("name")
    models = [parent for parent in parents if parent.get("resource_type") == "model"]
    named = [model for model in models if model.get("name") == ref]
    return (named or models or [None])[-1]


def _attached_asset(node: dict, manifest: dict) -> str:
    parents = [
        manifest["nodes"].get(uid, {}) for uid in node.get("depends_on", {}).get("nodes", [])
    ]
    models = [p for p in parents if p.get("resource_type") == "model"]
    if not models:
        return "dbt"
    model = models[-1]
    return (
        f"{model['config'].get('schema') or model['schema']}/{model.get('alias') or model['name']}"
    )


def dbt_check_results(candidate: Path, run_id: str) -> list[CheckResult]:
    """Every dbt test of the run as a check result, with up to MAX_EVIDENCE failing rows."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        has_domain = "domain" in columns_of(con, "audit_run", "dbt_tests")
        tests = con.execute(
            f"select check_name, status, failures, severity, layer, explanation, "
            f"relation_name, asset, message, {'domain' if has_domain else 'null'} "
            f"from {_TESTS_TABLE} where run_id = ?",
            [run_id],
        ).fetchall()
        results = []
        for name, status, failures, severity, layer, explanation, relation, *rest in tests:
            asset, message, domain = rest
            result = CheckResult(name, layer, severity, explanation, asset, failures=failures)
            if status == "error":
                result.error = message
            elif failures and relation:
                result.evidence = _evidence(con, relation, domain)
                if failures > len(result.evidence):
                    result.unseen_scopes = _all_scopes(con, relation, domain)
            results.append(result)
    return results


def _evidence(con: duckdb.DuckDBPyConnection, relation: str, domain: str | None) -> list[Evidence]:
    """The test's failing rows as evidence: all of them, or the first MAX_EVIDENCE in the
    order of their columns. Ordered, so that a check failing on more rows keeps the same
    rows night after night: unordered, DuckDB's threads handed over a different
    thousand each build, and "new since the previous publication" called most of them
    new (seen at 1 M ledger rows: 1 000 deviations_explained rows, 64 of them new after
    a re-export of one month, none of the figures changed)."""
    cursor = con.execute(f"select * from {relation} order by all limit {MAX_EVIDENCE}")
    names = [column[0] for column in cursor.description]
    rows = [_row_evidence(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]
    for row in rows:
        row.scope = scope_of_row(domain, row.municipality_code, row.org_unit_code)
    return rows


def _all_scopes(con: duckdb.DuckDBPyConnection, relation: str, domain: str | None) -> set[Scope]:
    """The scopes of every failing row of a test (more rows than the evidence keeps)."""
    cursor = con.execute(f"select * from {relation} limit 0")
    columns = {column[0] for column in cursor.description}
    municipality = "municipality_code" if "municipality_code" in columns else "null"
    unit = next((c for c in ("org_unit_code", "cost_centre_code") if c in columns), "null")
    found = con.execute(f"select distinct {municipality}, {unit} from {relation}").fetchall()
    return {scope_of_row(domain, _text(m), _text(u)) for m, u in found}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _row_evidence(row: dict[str, Any]) -> Evidence:
    fields: dict[str, Any] = {}
    for name, value in row.items():
        target = name if name in EVIDENCE_COLUMNS else ALIASES.get(name)
        if target and fields.get(target) is None:
            fields[target] = _plain(value, target)
    extra = {k: _json(v) for k, v in row.items() if k not in EVIDENCE_COLUMNS}
    return Evidence(**fields, details=json.dumps(extra, ensure_ascii=False) if extra else None)


def _plain(value: Any, column: str) -> Any:
    if value is None:
        return None
    if column in ("expected", "actual", "difference"):
        return Decimal(str(value))
    if column == "source_row":
        return int(value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def reuse_dbt_tests(candidate: Path, built_by: str, run_id: str) -> int:
    """This run did not run dbt (nothing changed): the last build's test outcomes are its.

    Their failing rows are still in schema audit_dbt, as that build left them. Returns
    the number of test outcomes carried over.
    """
    with duckdb.connect(str(candidate)) as con:
        moved = con.execute(
            f"update {_TESTS_TABLE} set run_id = ? where run_id = ?", [run_id, built_by]
        ).fetchall()
    return int(moved[0][0])
