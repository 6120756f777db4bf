"""`toteuma`: run the nightly job, export the review pack, prepare the dbt manifest.

Exit codes of `toteuma run`: 0 published, 3 publication withheld by failing checks,
1 error (the message names the file, line and column where input was at fault),
4 another run of the same warehouse is in progress: this run did nothing (no file, no
Dagster run touched); the message says since when and which process, e.g.
`another toteuma run is in progress since 2026-11-30 02:00:03 (process 1234); this run
did nothing`. With `--wait` the run waits for the other to end instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from orchestration import settings as settings_module

EXIT_PUBLISHED, EXIT_ERROR, EXIT_WITHHELD, EXIT_BUSY = 0, 1, 3, 4


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings_module.quiet_libraries()
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toteuma", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="load the landing folder, build, check and publish")
    run.add_argument("--landing", help="landing folder (default: ./landing)")
    run.add_argument(
        "--warehouse", help="published DuckDB file (default: warehouse/toteuma.duckdb)"
    )
    run.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="write the demo landing data first when the landing folder is empty",
    )
    run.add_argument(
        "--wait",
        action="store_true",
        help="when another run of the warehouse is in progress, wait for it (default: exit 4)",
    )
    run.set_defaults(handler=_run)
    export = commands.add_parser(
        "export",
        help="write the Excel review pack of one reporting date, or the warehouse as Parquet",
    )
    export.add_argument(
        "--warehouse", help="published DuckDB file (default: warehouse/toteuma.duckdb)"
    )
    export.add_argument(
        "--format",
        choices=("xlsx", "parquet"),
        default="xlsx",
        help="xlsx: the review pack of --date (a file); parquet: every review and mart table,"
        " one file each, into the folder --out",
    )
    export.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (xlsx)")
    export.add_argument("--municipality", help="3-digit municipality code (default: all)")
    export.add_argument("--out", required=True, type=Path, help="the .xlsx file or a folder")
    export.set_defaults(handler=_export)
    failures = commands.add_parser("failures", help="the latest run's failing checks")
    failures.add_argument(
        "--warehouse", help="published DuckDB file (default: warehouse/toteuma.duckdb)"
    )
    failures.add_argument("--format", choices=("table", "csv", "json"), default="table")
    failures.add_argument("--run", help="a run id (default: the latest run)")
    failures.add_argument("--out", type=Path, help="write an Excel workbook, one sheet per check")
    failures.set_defaults(handler=_failures)
    docs = commands.add_parser("data-docs", help="build the great-expectations Data Docs site")
    docs.add_argument(
        "--warehouse", help="published DuckDB file (default: warehouse/toteuma.duckdb)"
    )
    docs.set_defaults(handler=_data_docs)
    dbt_docs = commands.add_parser(
        "docs", help="dbt's documentation of every table and column, one HTML file"
    )
    dbt_docs.add_argument(
        "--warehouse", help="published DuckDB file (default: warehouse/toteuma.duckdb)"
    )
    dbt_docs.set_defaults(handler=_dbt_docs)
    demo = commands.add_parser(
        "demo",
        help="write the demo landing folder (Heinola, 111), or with the scale options a"
        " landing folder of any size (many municipalities)",
    )
    demo.add_argument("landing", type=Path, nargs="?", help="the Heinola demo's landing folder")
    from demo.scale.options import add_arguments

    add_arguments(
        demo.add_argument_group("scale options (e.g. --municipalities 20 --rows 1000000)")
    )
    demo.set_defaults(handler=_demo)
    prepare = commands.add_parser("prepare", help="write dbt's manifest so Dagster can load")
    prepare.set_defaults(handler=lambda args: _prepare())
    return parser


def _prepare() -> int:
    """Everything a run or the UI needs before Dagster loads: instance folder, dbt manifest."""
    from orchestration.dbt_project import prepare_manifest

    settings_module.ensure_dagster_home()
    prepare_manifest()
    return EXIT_PUBLISHED


def _demo(args) -> int:
    from demo.scale.options import scale_requested

    if scale_requested(args):
        from demo.scale.generate import run_from_arguments

        out = args.out or args.landing
        if out is None or (args.out and args.landing):
            print("toteuma demo: give the landing folder once, as --out DIR", file=sys.stderr)
            return EXIT_ERROR
        try:
            run_from_arguments(args, out)
        except ValueError as problem:
            print(f"toteuma demo: {problem}", file=sys.stderr)
            return EXIT_ERROR
        return EXIT_PUBLISHED
    if args.landing is None:
        print("toteuma demo: give the landing folder (or --out DIR)", file=sys.stderr)
        return EXIT_ERROR
    from demo.generate import write_landing

    counts = write_landing(args.landing)
    print(", ".join(f"{kind}: {rows} rows" for kind, rows in counts.items()))
    return EXIT_PUBLISHED


def _run(args) -> int:
    from orchestration.run_lock import RunInProgress, acquire

    settings = settings_module.load_settings(args.landing, args.warehouse)
    # Before anything else: the Dagster instance, the landing folder and every DuckDB file
    # of the warehouse are touched only by the run holding the lock.
    try:
        lock = acquire(settings.lock_path, wait=args.wait, on_wait=_say_waiting)
    except RunInProgress as busy:
        print(f"toteuma run: {busy}", file=sys.stderr)
        return EXIT_BUSY
    with lock:
        return _run_locked(args, settings)


def _say_waiting(busy) -> None:
    print(f"toteuma run: {busy.since}; waiting for it to end.", flush=True)


def _run_locked(args, settings) -> int:
    if args.demo_if_empty and not any((settings.landing_dir / "finance").glob("*.csv")):
        from demo.generate import write_landing

        print(
            f"Landing folder {settings.landing_dir} is empty: writing the demo data (Heinola 111)."
        )
        write_landing(settings.landing_dir)
        # Written by this process and closed: complete, however new.
        settings = dataclasses.replace(settings, settle_seconds=0)
    _prepare()
    from orchestration.runner import run_nightly

    outcome = run_nightly(settings)
    print(outcome.summary())
    return {"published": EXIT_PUBLISHED, "withheld": EXIT_WITHHELD}.get(outcome.status, EXIT_ERROR)


def _export(args) -> int:
    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    if args.format == "parquet":
        return _export_parquet(args, settings)
    if args.date is None:
        print("toteuma export: --date is needed for the Excel review pack", file=sys.stderr)
        return EXIT_ERROR
    from warehouse.review_pack import write_review_pack

    try:
        summary = write_review_pack(settings.warehouse_path, args.date, args.out, args.municipality)
    except (ValueError, FileNotFoundError) as problem:
        print(f"toteuma export: {problem}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {summary.path} ({summary.units} units, {len(summary.sheets)} sheets).")
    return EXIT_PUBLISHED


def _export_parquet(args, settings) -> int:
    from warehouse.parquet_export import export_parquet

    try:
        export = export_parquet(settings.warehouse_path, args.out, args.municipality)
    except FileNotFoundError as problem:
        print(f"toteuma export: {problem}", file=sys.stderr)
        return EXIT_ERROR
    rows = sum(export.files.values())
    print(f"Wrote {len(export.files)} Parquet files ({rows} rows) and catalog.csv to {args.out}.")
    return EXIT_PUBLISHED


def _failures(args) -> int:
    from warehouse.failures_report import latest_failures, render, write_workbook

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    try:
        report = latest_failures(settings.audit_path, args.run)
    except (ValueError, FileNotFoundError) as problem:
        print(f"toteuma failures: {problem}", file=sys.stderr)
        return EXIT_ERROR
    if args.out:
        sheets = write_workbook(report, args.out)
        print(f"Wrote {args.out} ({sheets} checks, {len(report.rows)} rows).")
    else:
        print(render(report, args.format))
    return EXIT_PUBLISHED


def _data_docs(args) -> int:
    from expectations.data_docs import build_data_docs

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    index = build_data_docs(settings.results_dir, settings.results_dir / "site")
    print(f"Data Docs of {settings.results_dir}: {index}")
    return EXIT_PUBLISHED


def _dbt_docs(args) -> int:
    from warehouse.dbt_docs import build_dbt_docs

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    out = settings.warehouse_path.parent / "dbt_docs"
    try:
        index = build_dbt_docs(
            settings.warehouse_path,
            settings_module.DBT_PROJECT_DIR,
            out,
            settings_module.dbt_executable(),
        )
    except (FileNotFoundError, RuntimeError) as problem:
        print(f"toteuma docs: {problem}", file=sys.stderr)
        return EXIT_ERROR
    print(f"dbt docs of {settings.warehouse_path}: {index}")
    return EXIT_PUBLISHED


if __name__ == "__main__":
    sys.exit(main())
