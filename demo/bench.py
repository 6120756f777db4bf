"""`make bench`: the whole product against the least work, at 1 M and 10 M ledger rows.

    python -m demo.bench [--with-50m] [--sizes 1000000,10000000] [--municipalities 20]

For each size, in one invocation so that machine noise hits every figure alike:
generate a landing folder (`toteuma demo --municipalities … --rows …`), then measure
- the least-work floor (demo/benchmark/floor.py: transcode, one typed DuckDB load,
  aggregate by municipality, year, month, cost centre and account);
- the controllers' pandas script (demo/benchmark/pandas_script.py), same sums (up to
  PANDAS_MAX_ROWS: it holds every row as Python strings, ~0.26 GiB a million rows, and
  the machine is shared);
- `toteuma run` on a fresh warehouse, with time per stage from the Dagster instance;
- one month of the biggest municipality re-exported with a few rows changed, run again;
- nothing changed, run again.
Each is a separate process: wall seconds and the peak resident memory of its whole
process tree (dbt's child processes included). Printed as a table and written to
bench/results.json. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from demo.benchmark import machine, stages
from demo.benchmark.process_tree import Measured, measure
from demo.benchmark.reexport import reexport

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SIZES = (1_000_000, 10_000_000)
LARGE = 50_000_000
PANDAS_MAX_ROWS = 10_000_000
RESULTS = PROJECT / "bench" / "results.json"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-50m", action="store_true", help="also 50 M rows (long)")
    parser.add_argument("--sizes", help="ledger rows, comma-separated (default 1 M and 10 M)")
    parser.add_argument("--municipalities", type=int, default=20)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the JSON file to write")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(SIZES)
    sizes += [LARGE] if args.with_50m else []
    work = args.work or Path(tempfile.mkdtemp(prefix="toteuma_bench_"))
    os.environ["DAGSTER_HOME"] = str(work / "dagster")
    from orchestration.settings import ensure_dagster_home

    ensure_dagster_home()
    report = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine.describe(),
        "settings": {"municipalities": args.municipalities, "years": args.years, "seed": 1},
        "sizes": [],
    }
    try:
        for rows in sizes:
            report["sizes"].append(bench_size(rows, args.municipalities, args.years, work))
            report["ratios"] = ratios(report["sizes"])
            _write(report, args.out)  # after every size: a long run keeps what it measured
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(render(report))
    print(f"\nWritten to {args.out}")


def bench_size(rows: int, municipalities: int, years: int, work: Path) -> dict:
    folder = work / f"rows_{rows}"
    shutil.rmtree(folder, ignore_errors=True)
    landing, warehouse = folder / "landing", folder / "warehouse" / "toteuma.duckdb"
    python, toteuma = str(BIN / "python"), str(BIN / "toteuma")
    print(f"--- {rows:,} ledger rows ---", flush=True)
    options = ["--municipalities", str(municipalities), "--years", str(years)]
    generated = _step(
        "generate", [toteuma, "demo", *options, "--rows", str(rows), "--out", str(landing)], folder
    )
    database = folder / "floor.duckdb"
    floor = _step(
        "floor", [python, "-m", "demo.benchmark.floor", str(landing), str(database)], folder
    )
    database.unlink(missing_ok=True)
    pandas = None
    if rows <= PANDAS_MAX_ROWS:
        pandas = _step(
            "pandas", [python, "-m", "demo.benchmark.pandas_script", str(landing)], folder
        )
    runs = {"full": _run("full", toteuma, landing, warehouse, folder)}
    month = _reexported_month(landing)
    runs["reexport"] = _run("reexport", toteuma, landing, warehouse, folder)
    runs["reexport"]["file"] = month
    # the first night after the re-export was published: its re-export finding is
    # checked again against the new snapshot; the second night has nothing to do at all
    runs["unchanged"] = _run("unchanged", toteuma, landing, warehouse, folder)
    runs["unchanged_again"] = _run("unchanged_again", toteuma, landing, warehouse, folder)
    result = {
        "rows": rows,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "landing_mb": round(_size_mb(landing), 1),
        "landing_files": sum(1 for p in landing.rglob("*") if p.is_file()),
        "generate": _figures(generated),
        "floor": _figures(floor),
        "pandas": _figures(pandas) if pandas else None,
        "runs": runs,
    }
    shutil.rmtree(folder, ignore_errors=True)
    return result


def _step(name: str, command: list[str], folder: Path) -> Measured:
    measured = measure(command, _environment(), folder / f"{name}.log")
    print(
        f"{name:10} {measured.wall_seconds:8.1f} s {measured.peak_tree_mib:8.0f} MiB"
        f"  exit {measured.returncode}",
        flush=True,
    )
    if measured.returncode != 0:
        print(measured.output[-3000:], file=sys.stderr)
    return measured


def _run(name: str, toteuma: str, landing: Path, warehouse: Path, folder: Path) -> dict:
    # --create: each size builds a new warehouse in a new folder
    command = [toteuma, "run", "--landing", str(landing), "--warehouse", str(warehouse), "--create"]
    measured = _step(name, command, folder)
    figures = _figures(measured)
    # the summary's first line: "Ajo <run id> 7.12.2026 klo 18.31 (Suomen aikaa), kesto …"
    # (none on a night with nothing new: no Dagster run to read)
    found = re.search(r"^Ajo ([0-9a-f-]{36}) ", measured.output, re.MULTILINE)
    if found is None:
        return figures
    run_id = found.group(1)
    steps, run_seconds, first_step = stages.step_seconds(run_id)
    validation, count = stages.validation_seconds(
        warehouse.parent / "data_docs", measured.started_at, measured.ended_at
    )
    figures |= {
        "run_id": run_id,
        "outcome": measured.output.strip().splitlines()[-1][:200] if measured.output else "",
        "stages_seconds": {k: round(v, 2) for k, v in stages.stage_seconds(steps).items()},
        "validation_seconds": round(validation, 2),
        "validations": count,
        "startup_seconds": round(measured.wall_seconds - run_seconds, 2),
        # from the command's start to the run's first step (imports, the look, the lock,
        # Dagster's start): the fixed cost before any work
        "to_first_step_seconds": (
            round(first_step - measured.started_at, 2) if first_step is not None else None
        ),
        "steps_seconds": {k: round(v, 2) for k, v in sorted(steps.items())},
    }
    return figures


def _reexported_month(landing: Path) -> str:
    """The biggest municipality's March of the last year, with a few rows changed."""
    months = sorted((landing / "finance").glob("gl_*_03.csv"), key=lambda p: p.stat().st_size)
    reexport(months[-1])
    return months[-1].name


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "TOTEUMA_SETTLE_SECONDS": "0",
        # No waivers: a bench warehouse has its own store, empty.
    }


def _figures(measured: Measured) -> dict[str, float | int]:
    return {
        "wall_seconds": round(measured.wall_seconds, 2),
        "peak_tree_mib": round(measured.peak_tree_mib),
        "exit_code": measured.returncode,
    }


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def ratios(sizes: list[dict]) -> dict:
    """full / floor and re-export / full per size; per-row time of the largest vs smallest."""
    result: dict[str, object] = {}
    for size in sizes:
        full = size["runs"]["full"]["wall_seconds"]
        result[str(size["rows"])] = {
            "full_over_floor": round(full / size["floor"]["wall_seconds"], 1),
            "full_over_pandas": (
                round(full / size["pandas"]["wall_seconds"], 1) if size["pandas"] else None
            ),
            "reexport_over_full": round(size["runs"]["reexport"]["wall_seconds"] / full, 2),
            "unchanged_over_full": round(size["runs"]["unchanged"]["wall_seconds"] / full, 2),
            "unchanged_again_seconds": size["runs"].get("unchanged_again", {}).get("wall_seconds"),
        }
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]

        def per_row(size: dict) -> float:
            return size["runs"]["full"]["wall_seconds"] / size["rows"]

        result[f"per_row_{large['rows']}_over_{small['rows']}"] = round(
            per_row(large) / per_row(small), 2
        )
    return result


def render(report: dict) -> str:
    """The table printed at the end: seconds and peak MiB of each measurement, stages."""
    names = ("floor", "pandas", "full run", "re-export", "unchanged", "again")
    lines = [f"{'rows':>11} {'generate':>9}" + "".join(f" {n:>15}" for n in names)]
    for size in report["sizes"]:
        runs = size["runs"]
        cells = [size["floor"], size["pandas"], runs["full"], runs["reexport"], runs["unchanged"]]
        cells.append(runs.get("unchanged_again"))
        shown = "".join(
            f" {c['wall_seconds']:6.1f}s {c['peak_tree_mib']:5.0f}M" if c else f" {'-':>14}"
            for c in cells
        )
        lines.append(f"{size['rows']:>11,} {size['generate']['wall_seconds']:8.1f}s{shown}")
    lines += ["", "seconds (s) and peak memory of the process tree (M = MiB)", ""]
    lines.append(
        f"{'rows':>11} {'run':>15} {'start-up':>9} {'1st step':>9} {'ingest':>8} {'(GX)':>7}"
        f" {'dbt':>7} {'gate':>6} {'publish':>8}"
    )
    for size in report["sizes"]:
        for name, run in size["runs"].items():
            if "stages_seconds" not in run:
                continue
            s = run["stages_seconds"]
            first = run.get("to_first_step_seconds")
            lines.append(
                f"{size['rows']:>11,} {name:>15} {run['startup_seconds']:8.1f}s"
                + (f" {first:8.1f}s" if first is not None else f" {'-':>9}")
                + f" {s['ingest']:7.1f}s {run['validation_seconds']:6.1f}s {s['dbt']:6.1f}s"
                f" {s['gate']:5.1f}s {s['publish']:7.1f}s"
            )
    lines += ["", "ratios: " + json.dumps(report.get("ratios", {}))]
    return "\n".join(lines)


def _write(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
