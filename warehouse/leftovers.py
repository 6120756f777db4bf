"""What a killed run leaves in the warehouse folder, cleared by the next run before it works.

A run killed in the middle (SIGKILL, power cut, the machine rebooting) may leave:
- the publish step's new file, not yet renamed into place (`.toteuma.duckdb.<pid>.tmp`),
  its hard link for the previous version and the audit history's new copy, each as large
  as the warehouse, with DuckDB's WAL beside them;
- parsed landing files waiting for their checks in the candidate's `staging_ingest`
  schema (their landing file may be gone or changed by the next night).
Nothing of this is published or read by anyone. Call only under the run lock: no other
process writes these files then.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.raw import STAGING_SCHEMA


def clear_leftovers(candidate: Path, *renamed_into_place: Path) -> list[str]:
    """Remove temporary files of the files written by rename, and staged landing files in
    the candidate; returns what was removed."""
    removed = []
    for target in renamed_into_place:
        for path in sorted(target.parent.glob(f".{target.name}.*.tmp*")):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    if candidate.exists():
        with duckdb.connect(str(candidate)) as con:
            staged = con.execute(
                "select table_name from information_schema.tables where table_schema = ? "
                "order by 1",
                [STAGING_SCHEMA],
            ).fetchall()
            if staged:
                con.execute(f"drop schema {STAGING_SCHEMA} cascade")
                removed += [f"{STAGING_SCHEMA}.{table}" for (table,) in staged]
    return removed
