"""Print the README's list of checks (every dbt data test the gate sees) from a manifest.

    python scripts/checks_markdown.py target/manifest.json

The output is pasted into README.md between the `checks:begin` and `checks:end` markers;
tests/unit/test_dbt_readme.py fails when a test of the manifest is missing there.
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

EVIDENCE_TESTS = {None, "evidence_where", "figure_identity"}  # None: a singular test


def _meaning(node: dict) -> str:
    """One line: the meta's explanation, else what the generic test's arguments say."""
    meta = node["config"].get("meta") or {}
    if meta.get("explanation"):
        return meta["explanation"]
    test = node.get("test_metadata") or {}
    kwargs = test.get("kwargs", {})
    column = kwargs.get("column_name")
    name = test.get("name")
    if name == "unique":
        return f"`{column}` has no duplicates"
    if name == "not_null":
        return f"`{column}` is never empty"
    if name == "accepted_values":
        return f"`{column}` is one of " + ", ".join(f"`{v}`" for v in kwargs["values"])
    if name == "relationships":
        to = kwargs["to"].removeprefix("ref(").removeprefix("source(").rstrip(")")
        return f"every `{column}` is a `{kwargs['field']}` of {to}"
    if name == "relationships_on_columns":
        return (
            "every ("
            + ", ".join(kwargs["columns"])
            + ") is a row of "
            + kwargs["to"].removeprefix("ref(").rstrip(")")
        )
    if name == "unique_combination_of_columns":
        return "one row per " + ", ".join(kwargs["combination_of_columns"])
    if name == "accepted_range":
        return f"`{column}` within [{kwargs.get('min_value')}, {kwargs.get('max_value')}]"
    if name == "expression_is_true":
        return f"`{' '.join(str(kwargs['expression']).split())}` holds on every row"
    if name == "not_null_columns":
        return "required columns filled: " + ", ".join(kwargs["columns"])
    return name or ""


def _rule_meaning(rule: dict) -> str:
    """One line for a rule of a `row_rules` test (macros/test_row_rules.sql)."""
    if "not_null" in rule:
        columns = rule["not_null"]
        if len(columns) == 1 and not rule["check"].startswith("not_null_columns"):
            return f"`{columns[0]}` is never empty"
        return "required columns filled: " + ", ".join(columns)
    if "accepted_values" in rule:
        values = ", ".join(f"`{v}`" for v in rule["accepted_values"])
        return f"`{rule['column']}` is one of {values}"
    if "expression" in rule:
        return f"`{' '.join(str(rule['expression']).split())}` holds on every row"
    return f"`{rule['column']}` within [{rule.get('min_value')}, {rule.get('max_value')}]"


def _attached(node: dict, manifest: dict) -> str:
    attached = node.get("attached_node")
    if attached:
        return manifest["nodes"][attached]["name"]
    ref = ((node["config"].get("meta") or {}).get("dagster") or {}).get("ref") or {}
    return ref.get("name", "")


def main(manifest_path: str) -> None:
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    evidence = sorted(
        (n for n in tests if (n.get("test_metadata") or {}).get("name") in EVIDENCE_TESTS),
        key=lambda n: (n["config"]["meta"]["layer"], n["config"]["meta"]["check"], n["name"]),
    )
    print("| check | dbt test | severity | layer | what a failing row means |")
    print("|---|---|---|---|---|")
    for node in evidence:
        meta = node["config"]["meta"]
        kind = (node.get("test_metadata") or {}).get("name") or "singular"
        print(
            f"| `{meta['check']}` | `{node['name']}` ({kind}) | {node['config']['severity'].lower()}"
            f" | {meta['layer']} | {_meaning(node)} |"
        )
    print()
    print("The structural tests, by the table they are declared on (the check name is the")
    print("dbt test name; a table's row rules run as one `row_rules__<table>` test, each rule")
    print("a check of its own):")
    print()
    by_model = defaultdict(list)
    for node in tests:
        if (node.get("test_metadata") or {}).get("name") not in EVIDENCE_TESTS:
            by_model[_attached(node, manifest)].append(node)
    print("| table | dbt test | severity | what it says |")
    print("|---|---|---|---|")
    for model in sorted(by_model):
        lines = []
        for node in by_model[model]:
            rules = (node.get("test_metadata") or {}).get("kwargs", {}).get("rules")
            if (node.get("test_metadata") or {}).get("name") == "row_rules":
                lines += [
                    f"| {model} | `{rule['check']}` (in `{node['name']}`)"
                    f" | {str(rule.get('severity', 'error')).lower()} | {_rule_meaning(rule)} |"
                    for rule in rules
                ]
            else:
                lines.append(
                    f"| {model} | `{node['name']}` | {node['config']['severity'].lower()}"
                    f" | {_meaning(node)} |"
                )
        for line in sorted(lines, key=lambda text: text.split("`")[1]):
            print(line)


if __name__ == "__main__":
    main(sys.argv[1])
