"""dbt_project/README.md names every check the gate sees, with its declared severity.

Read from dbt's own manifest (what `dbt parse` resolved): a data test added, renamed or
given another severity without the README's list (scripts/checks_markdown.py prints it)
fails here.
"""

import json
from pathlib import Path

from orchestration.dbt_project import DBT_PROJECT_DIR, prepare_manifest
from warehouse.gate.dbt_results import row_rules


def _rows() -> dict[str, str]:
    """dbt test name -> its row of the README's check tables."""
    text = (Path(DBT_PROJECT_DIR) / "README.md").read_text(encoding="utf-8")
    listed = text.split("<!-- checks:begin -->")[1].split("<!-- checks:end -->")[0]
    rows = {}
    for line in listed.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        # both tables give the dbt test name, in backticks, in their second column
        if len(cells) > 2 and cells[1].startswith("`"):
            rows[cells[1].split("`")[1]] = line
    return rows


def _checks(manifest: dict) -> dict[str, str]:
    """Every check the gate sees -> its severity: each dbt test, a row_rules test's rules
    in its place (warehouse/gate/dbt_results.py records each rule as a check)."""
    checks = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test":
            continue
        rules = row_rules(node)
        for rule in rules:
            checks[rule["check"]] = str(rule.get("severity", "error")).lower()
        if not rules:
            checks[node["name"]] = node["config"]["severity"].lower()
    return checks


def test_every_data_test_is_listed_with_its_severity():
    manifest = json.loads(prepare_manifest().read_text(encoding="utf-8"))
    checks = _checks(manifest)
    rows = _rows()
    missing = sorted(set(checks) - set(rows))
    assert missing == []
    stale = sorted(set(rows) - set(checks))
    assert stale == []
    wrong_severity = [
        name for name, severity in checks.items() if f"| {severity} |" not in rows[name]
    ]
    assert wrong_severity == []
