"""dbt_project/README.md names every check the gate sees, with its declared severity.

Read from dbt's own manifest (what `dbt parse` resolved): a data test added, renamed or
given another severity without the README's list (scripts/checks_markdown.py prints it)
fails here.
"""

import json
from pathlib import Path

from orchestration.dbt_project import DBT_PROJECT_DIR, prepare_manifest


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


def test_every_data_test_is_listed_with_its_severity():
    manifest = json.loads(prepare_manifest().read_text(encoding="utf-8"))
    tests = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "test"}
    rows = _rows()
    missing = sorted(set(tests) - set(rows))
    assert missing == []
    stale = sorted(set(rows) - set(tests))
    assert stale == []
    wrong_severity = [
        name
        for name, node in tests.items()
        if f"| {node['config']['severity'].lower()} |" not in rows[name]
    ]
    assert wrong_severity == []
