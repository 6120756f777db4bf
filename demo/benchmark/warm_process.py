"""What a warm worker would save: the same re-export run several times in one process.

    python -m demo.benchmark.warm_process LANDING WAREHOUSE LEDGER_FILE [RUNS]

LANDING and WAREHOUSE are a landing folder and its published warehouse (one full
`toteuma run` done); LEDGER_FILE is one gl_*.csv of LANDING/finance. Each run swaps the
file between its own bytes and a re-export of it (demo.benchmark.reexport: a few amounts
changed) and calls `toteuma run` (orchestration.cli.main) in this process, printing the
run's wall seconds. The first run pays what every `toteuma run` pays (imports, the
Dagster instance, great-expectations' import, dbt's parse); later ones show what is
left when those stay loaded (docs/performance.md: 31.5 s, then 22.6 s and 24.0 s at 10 M
rows). DAGSTER_HOME should be the warehouse's instance folder; TOTEUMA_SETTLE_SECONDS=0
lets a just-swapped file be read.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from demo.benchmark.reexport import reexport


def main(landing: Path, warehouse: Path, ledger: Path, runs: int = 3) -> list[float]:
    """Wall seconds of each run."""
    from orchestration.cli import main as toteuma

    with tempfile.TemporaryDirectory(prefix="toteuma_warm_") as scratch:
        original, changed = Path(scratch) / "original.csv", Path(scratch) / "changed.csv"
        shutil.copyfile(ledger, original)
        shutil.copyfile(ledger, changed)
        reexport(changed)
        seconds = []
        try:
            for run in range(runs):
                shutil.copyfile(changed if run % 2 == 0 else original, ledger)
                stderr = os.dup(2)  # a run sends its late stderr to its log (cli.py)
                started = time.perf_counter()
                code = toteuma(["run", "--landing", str(landing), "--warehouse", str(warehouse)])
                seconds.append(time.perf_counter() - started)
                os.dup2(stderr, 2)
                os.close(stderr)
                print(f"run {run + 1}: {seconds[-1]:.1f} s, exit {code}", file=sys.stderr)
        finally:
            shutil.copyfile(original, ledger)
    return seconds


if __name__ == "__main__":
    landing_arg, warehouse_arg, ledger_arg = (Path(arg) for arg in sys.argv[1:4])
    main(landing_arg, warehouse_arg, ledger_arg, int(sys.argv[4]) if len(sys.argv) > 4 else 3)
