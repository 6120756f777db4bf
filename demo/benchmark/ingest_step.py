"""The ledger's ingest step alone: the product's own functions, no Dagster, no dbt.

    python -m demo.benchmark.ingest_step prepare LANDING BASE_DB
    python -m demo.benchmark.ingest_step ledger LANDING BASE_DB WORK_DB

`prepare` loads the master data (organisation, chart of accounts) of LANDING into a new
BASE_DB, as a night loads them before the ledger. `ledger` copies BASE_DB to WORK_DB and
runs what the ledger's Dagster step runs (`ingest.finance.load_landing_kind` for
gl_postings: survey, read, type, validate with great-expectations, commit), printing its
wall time and seconds per million rows. Run each `ledger` in a process of its own
(`/usr/bin/time -v` gives its peak memory); it pays importing great-expectations, as the
first step of a run that validates does. Compare two versions of the code by running
this module with each one's interpreter, alternately, on the same BASE_DB.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from ingest.finance import load_landing_kind


def prepare(landing: Path, base: Path) -> None:
    base.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="toteuma_ingest_step_") as results:
        for kind in ("org_units", "accounts"):
            outcome = load_landing_kind(base, landing, kind, results_dir=Path(results))
            print(f"{kind}: {len(outcome.loaded)} loaded, {len(outcome.quarantined)} quarantined")


def ledger(landing: Path, base: Path, work: Path) -> float:
    """Seconds the ledger step took on a copy of `base`."""
    shutil.copyfile(base, work)
    with tempfile.TemporaryDirectory(prefix="toteuma_ingest_step_") as results:
        started = time.perf_counter()
        outcome = load_landing_kind(work, landing, "gl_postings", results_dir=Path(results))
        took = time.perf_counter() - started
    rows = sum(result.rows for result in outcome.loaded)
    print(
        f"ledger step: {took:.2f} s, {rows} rows, {len(outcome.loaded)} files loaded,"
        f" {len(outcome.quarantined)} quarantined; {took / max(rows, 1) * 1e6:.2f} s per"
        " million rows"
    )
    return took


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["prepare", landing, base]:
            prepare(Path(landing), Path(base))
        case ["ledger", landing, base, work]:
            ledger(Path(landing), Path(base), Path(work))
        case _:
            sys.exit(__doc__)
