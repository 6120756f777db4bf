"""dbt's documentation site of the warehouse as one HTML file that opens from disk.

`dbt docs generate --static` reads the catalog (tables, columns, their types and row
counts) from a database: it is given a private copy of the published file, never the
file analysts hold open nor the nightly run's candidate.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def build_dbt_docs(published: Path, project_dir: Path, out_dir: Path, dbt_executable: str) -> Path:
    """Write <out_dir>/static_index.html; raises FileNotFoundError without a publication
    and RuntimeError (with dbt's last lines) when dbt fails."""
    if not published.exists():
        raise FileNotFoundError(f"no published warehouse at {published}: run `toteuma run` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="toteuma_docs_") as folder:
        copy = Path(folder) / "warehouse.duckdb"
        shutil.copyfile(published, copy)
        env = {
            **os.environ,
            "TOTEUMA_CANDIDATE_PATH": str(copy),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
        done = subprocess.run(
            [dbt_executable, "docs", "generate", "--static", "--project-dir", str(project_dir),
             "--profiles-dir", str(project_dir), "--target-path", str(out_dir)],
            env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
        raise RuntimeError(f"dbt docs generate failed:\n{tail}")
    return out_dir / "static_index.html"
