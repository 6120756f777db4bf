"""Imports follow the flow: a package calls the steps after it, never the ones before.

The flow of a night, as docs/architecture.md draws it:
orchestration (Dagster, the command line) → ingest (landing files) → expectations (checks
on what comes in) → warehouse (raw, controls, build state, gate, publication) → reports
(documents read from the published file). An import from a package to one before it in
that order "runs back up the flow": it makes the packages a cycle, and a step that knows
its caller. There are none; `demo/` (the demo data and the benchmark) stands beside the
flow and is imported only by the command line's `toteuma demo`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOW = ("orchestration", "review", "ingest", "expectations", "warehouse", "reports")


def imports(path: Path) -> set[str]:
    """The top-level packages of this project that the module imports (any import,
    including those made inside a function or only for type checkers)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & {*FLOW, "demo"}


def back_up_the_flow() -> list[str]:
    """Every import from a package of the flow to one before it, as 'module -> package'."""
    found = []
    for package in FLOW:
        for path in sorted((ROOT / package).rglob("*.py")):
            for imported in imports(path):
                if imported in FLOW and FLOW.index(imported) < FLOW.index(package):
                    found.append(f"{path.relative_to(ROOT)} -> {imported}")
    return found


def test_no_import_runs_back_up_the_flow():
    assert back_up_the_flow() == []


def test_only_the_command_line_imports_the_demo():
    importers = {
        str(path.relative_to(ROOT))
        for package in FLOW
        for path in (ROOT / package).rglob("*.py")
        if "demo" in imports(path)
    }
    assert importers <= {"orchestration/cli.py"}


def test_the_design_cards_folders_are_packages():
    # the card's top level: orchestration/, dbt_project/, ingest/, expectations/,
    # warehouse/, tests/, workspace.yaml, pyproject.toml
    for package in ("orchestration", "ingest", "expectations", "warehouse"):
        assert (ROOT / package / "__init__.py").is_file(), package
    for name in ("dbt_project/dbt_project.yml", "tests", "workspace.yaml", "pyproject.toml"):
        assert (ROOT / name).exists(), name
