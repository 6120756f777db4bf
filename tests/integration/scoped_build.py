"""Whether a build scoped to the ledger that changed left every scoped model (tags
`scoped_by_municipality` and `scoped_by_month`, dbt_project/macros/ledger_scope.sql) as
a full build would have.

The scoped models' rows are kept aside in the candidate (schema `scoped_check`), the
models are built whole again in place (`dbt run --full-refresh`, in this process, on the
warehouse's own dbt target folder so that dbt parses only what changed), and the two are
compared row for row (EXCEPT ALL both ways). The full build leaves the tables as the
scoped build did when they are equal, so a chained test can go on from the same state.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from orchestration.dbt_runner import DbtBuild, build, parsed_project, project_manifest

TAGS = ("scoped_by_municipality", "scoped_by_month")


def scoped_models(nodes: dict) -> list[tuple[str, str]]:
    """(schema, table) of every model the tag scopes, from manifest.json."""
    return sorted(
        (node["schema"], node.get("alias") or node["name"])
        for node in nodes["nodes"].values()
        if node["resource_type"] == "model" and set(TAGS) & set(node.get("tags", []))
    )


def differences_from_a_full_build(candidate: Path) -> dict[str, tuple[int, int]]:
    """{'schema.table': (rows only in the scoped build, rows only in the full build)} for
    every scoped model that differs; {} when all equal. Raises AssertionError when dbt
    could not build."""
    nodes = project_manifest()
    models = scoped_models(nodes)
    assert len(models) >= 5, models
    with duckdb.connect(str(candidate)) as con:
        con.execute("create or replace schema scoped_check")
        for schema, table in models:
            con.execute(f"create table scoped_check.{table} as select * from {schema}.{table}")
    dbt(candidate, ["run", "--full-refresh", "--select", *(f"tag:{tag}" for tag in TAGS)])
    differing = {}
    with duckdb.connect(str(candidate)) as con:
        for schema, table in models:
            scoped, full = f"scoped_check.{table}", f"{schema}.{table}"
            only = [
                con.execute(f"select count(*) from (from {a} except all from {b})").fetchone()[0]
                for a, b in ((scoped, full), (full, scoped))
            ]
            if any(only):
                differing[full] = tuple(only)
        con.execute("drop schema scoped_check cascade")
    return differing


def dbt(candidate: Path, args: list[str]) -> DbtBuild:
    """`dbt <args>` on the candidate, in this process, as the dbt step runs it (the
    warehouse's target folder, the project parsed once). Raises AssertionError when dbt
    failed."""
    target = candidate.parent / "dbt_target"
    saved = os.environ.get("TOTEUMA_CANDIDATE_PATH")
    nodes = project_manifest()  # sets TOTEUMA_CANDIDATE_PATH to the default: before ours
    os.environ["TOTEUMA_CANDIDATE_PATH"] = str(candidate)
    try:
        parsed = parsed_project(target, f"scoped-check:{candidate}", nodes)
        finished = [e for e in build(args, target, parsed) if isinstance(e, DbtBuild)][-1]
    finally:
        if saved is None:
            os.environ.pop("TOTEUMA_CANDIDATE_PATH", None)
        else:
            os.environ["TOTEUMA_CANDIDATE_PATH"] = saved
    assert finished.success, finished.exception
    return finished
