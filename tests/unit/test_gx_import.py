"""great-expectations is imported in one package only, and that package tells it, once,
not to phone home."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("ingest", "expectations", "orchestration", "warehouse", "reports", "demo")


def _imports_gx(path: Path) -> bool:
    """Whether the module imports GX when it runs (imports for type checkers only do not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] == "great_expectations" for name in names):
            return True
    return False


def test_only_the_expectations_package_imports_great_expectations():
    importers = {
        path.relative_to(ROOT).parts[0]
        for package in PRODUCT
        for path in (ROOT / package).rglob("*.py")
        if _imports_gx(path)
    }
    assert importers == {"expectations"}


def test_importing_the_package_turns_gx_analytics_off():
    # GIVEN an environment that does not mention GX at all
    env = {key: value for key, value in os.environ.items() if key != "GX_ANALYTICS_ENABLED"}
    # WHEN a process imports the package (as every module that imports GX does first)
    code = "import os, expectations; print(os.environ['GX_ANALYTICS_ENABLED'])"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    # THEN analytics are off before any GX import
    assert done.stdout.strip() == "false", done.stderr
