"""`toteuma`: the nightly run, the review pack and the interim report, the dbt manifest.

Exit codes of `toteuma run`: 0 published, 5 published with some scopes withheld (a
municipality's or a unit's figures kept as published before), 3 publication withheld by
failing checks,
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

EXIT_PUBLISHED, EXIT_ERROR, EXIT_WITHHELD, EXIT_BUSY, EXIT_PARTIAL = 0, 1, 3, 4, 5
_DEFAULT_WAREHOUSE = settings_module.DEFAULT_WAREHOUSE_PATH.relative_to(
    settings_module.PROJECT_ROOT
)
WAREHOUSE_HELP = f"published DuckDB file (default: {_DEFAULT_WAREHOUSE})"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings_module.load_dotenv()
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toteuma", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="load the landing folder, build, check and publish")
    run.add_argument("--landing", help="landing folder (default: ./landing)")
    run.add_argument("--warehouse", help=WAREHOUSE_HELP)
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
    export.add_argument("--warehouse", help=WAREHOUSE_HELP)
    export.add_argument(
        "--format",
        choices=("xlsx", "parquet"),
        default="xlsx",
        help="xlsx: the review pack of --date (a file); parquet: every review and mart table,"
        " one file each, into the folder --out",
    )
    export.add_argument("--date", type=_date, help="31.3.2026 or 2026-03-31 (xlsx)")
    export.add_argument("--municipality", help="3-digit municipality code (default: all)")
    export.add_argument("--out", required=True, type=Path, help="the .xlsx file or a folder")
    export.set_defaults(handler=_export)
    report = commands.add_parser(
        "report",
        help="write the interim report (käyttösuunnitelman toteutuminen) of a date as .docx",
        description="A unit and every unit under it, in the seed reports' order and layout;"
        " 'Luonnos' in the header until every unit in it is approved.",
    )
    report.add_argument("--date", required=True, type=_date, help="31.3.2026 or 2026-03-31")
    report.add_argument("--unit", help="unit code (default: the whole municipality)")
    report.add_argument("--municipality", help="3-digit code (default: the only one)")
    report.add_argument("--out", required=True, type=Path, help="the .docx file")
    report.add_argument("--warehouse", help=WAREHOUSE_HELP)
    report.set_defaults(handler=_report)
    failures = commands.add_parser(
        "failures",
        help="the morning review: the latest run's failures on open reporting dates",
        description="By default the latest run's failures of units and dates not yet "
        "approved (error rows always), without rows under the materiality threshold.",
    )
    failures.add_argument("--warehouse", help=WAREHOUSE_HELP)
    failures.add_argument("--date", type=_date, help="one reporting date: 31.3.2026 or 2026-03-31")
    failures.add_argument("--unit", help="a unit code: the unit and every unit under it")
    failures.add_argument("--check", help="one check, as the list names it")
    failures.add_argument("--severity", choices=("error", "warn", "info"))
    failures.add_argument(
        "--new", action="store_true", help="only rows not failing in the previous publication"
    )
    failures.add_argument(
        "--all", action="store_true", help="every row, also approved dates and info rows"
    )
    failures.add_argument("--format", choices=("table", "csv", "json"), default="table")
    failures.add_argument("--run", help="a run id (default: the latest run)")
    failures.add_argument(
        "--out", type=Path, help="write a file: .xlsx (one sheet per check) or .csv"
    )
    failures.set_defaults(handler=_failures)
    waive = commands.add_parser(
        "waive", help="accept a known deviation by rule: a validated entry in waivers.yaml"
    )
    waive.add_argument("--check", required=True, help="the check, as `toteuma failures` names it")
    waive.add_argument("--unit", help="a unit or cost centre code")
    waive.add_argument("--descendants", action="store_true", help="also every unit under --unit")
    waive.add_argument("--line", help="a report line code, account or item")
    waive.add_argument("--period", help="one period: 2026-03-31, 31.3.2026, 2026-03 or 2026")
    waive.add_argument("--from", dest="period_from", help="first period of a range")
    waive.add_argument("--to", dest="period_to", help="last period of a range")
    waive.add_argument("--max-difference", help="only differences of at most this many euros")
    waive.add_argument("--reason", required=True)
    waive.add_argument("--by", required=True, help="your name")
    waive.add_argument("--expires", required=True, type=_date, help="31.12.2026 or 2026-12-31")
    waive.add_argument("--warehouse", help=WAREHOUSE_HELP)
    waive.set_defaults(handler=_waive)
    signoff = commands.add_parser(
        "signoff", help="approve a reporting date's figures for a unit (and all under it)"
    )
    signoff.add_argument("--date", required=True, type=_date, help="31.3.2026 or 2026-03-31")
    signoff.add_argument("--unit", help="unit code (default: the whole municipality)")
    signoff.add_argument("--municipality", help="3-digit code (default: the only one)")
    signoff.add_argument("--by", required=True, help="your name, as the record shows it")
    signoff.add_argument("--comment")
    signoff.add_argument("--warehouse", help=WAREHOUSE_HELP)
    signoff.set_defaults(handler=_signoff)
    docs = commands.add_parser("data-docs", help="build the great-expectations Data Docs site")
    docs.add_argument("--warehouse", help=WAREHOUSE_HELP)
    docs.set_defaults(handler=_data_docs)
    dbt_docs = commands.add_parser(
        "docs", help="dbt's documentation of every table and column, one HTML file"
    )
    dbt_docs.add_argument("--warehouse", help=WAREHOUSE_HELP)
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
    from warehouse.run_lock import RunInProgress, acquire

    settings = settings_module.load_settings(args.warehouse)
    landing = settings_module.load_landing(args.landing)
    # Before anything else: the Dagster instance, the landing folder and every DuckDB file
    # of the warehouse are touched only by the run holding the lock.
    try:
        lock = acquire(settings.lock_path, wait=args.wait, on_wait=_say_waiting)
    except RunInProgress as busy:
        print(f"toteuma run: {busy}", file=sys.stderr)
        return EXIT_BUSY
    with lock:
        return _run_locked(args, settings, landing)


def _say_waiting(busy) -> None:
    print(f"toteuma run: {busy.since}; waiting for it to end.", flush=True)


def _run_locked(args, settings, landing) -> int:
    if args.demo_if_empty and not any((landing.folder / "finance").glob("*.csv")):
        from demo.generate import write_landing

        print(f"Landing folder {landing.folder} is empty: writing the demo data (Heinola 111).")
        write_landing(landing.folder)
        # Written by this process and closed: complete, however new.
        landing = dataclasses.replace(landing, settle_seconds=0)
    _prepare()
    from orchestration.runner import run_nightly

    outcome = run_nightly(settings, landing)
    print(outcome.summary())
    return {
        "published": EXIT_PUBLISHED,
        "partial": EXIT_PARTIAL,
        "withheld": EXIT_WITHHELD,
    }.get(outcome.status, EXIT_ERROR)


def _export(args) -> int:
    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    if args.format == "parquet":
        return _export_parquet(args, settings)
    if args.date is None:
        print("toteuma export: --date is needed for the Excel review pack", file=sys.stderr)
        return EXIT_ERROR
    from reports.review_pack import write_review_pack

    try:
        summary = write_review_pack(settings.warehouse_path, args.date, args.out, args.municipality)
    except (ValueError, FileNotFoundError) as problem:
        print(f"toteuma export: {problem}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {summary.path} ({summary.units} units, {len(summary.sheets)} sheets).")
    return EXIT_PUBLISHED


def _report(args) -> int:
    from reports.interim_report import write_interim_report

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    try:
        summary = write_interim_report(
            settings.warehouse_path, args.date, args.out, args.unit, args.municipality
        )
    except (ValueError, FileNotFoundError) as problem:
        print(f"toteuma report: {problem}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {summary.path} ({summary.units} units; {summary.release}).")
    return EXIT_PUBLISHED


def _export_parquet(args, settings) -> int:
    from warehouse.publish.parquet import export_parquet

    try:
        export = export_parquet(settings.warehouse_path, args.out, args.municipality)
    except FileNotFoundError as problem:
        print(f"toteuma export: {problem}", file=sys.stderr)
        return EXIT_ERROR
    rows = sum(export.files.values())
    print(f"Wrote {len(export.files)} Parquet files ({rows} rows) and catalog.csv to {args.out}.")
    return EXIT_PUBLISHED


def _date(text: str) -> dt.date:
    from reports.finnish import parse_date

    try:
        return parse_date(text)
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _failures(args) -> int:
    from reports.failures.query import Filters, latest_failures
    from reports.failures.spreadsheet import render_csv, write_workbook
    from reports.failures.terminal import render_json, render_table

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    filters = Filters(args.date, args.unit, args.check, args.severity, args.new, args.all)
    try:
        report = latest_failures(settings.audit_path, args.run, filters)
    except (ValueError, FileNotFoundError) as problem:
        print(f"toteuma failures: {problem}", file=sys.stderr)
        return EXIT_ERROR
    if args.out and args.out.suffix.lower() == ".csv":
        args.out.write_bytes(render_csv(report))
        print(f"Wrote {args.out} ({len(report.rows)} rows).")
    elif args.out:
        sheets = write_workbook(report, args.out)
        print(f"Wrote {args.out} ({sheets} checks, {len(report.rows)} rows).")
    elif args.format == "csv":
        sys.stdout.buffer.write(render_csv(report))
    else:
        print(render_json(report) if args.format == "json" else render_table(report))
    return EXIT_PUBLISHED


def _period(text: str | None) -> str | None:
    """A period as the failures name it: Finnish dates become ISO, months and years stay."""
    if not text:
        return None
    from reports.finnish import parse_date

    try:
        return parse_date(text).isoformat()
    except ValueError:
        return text


def _waive(args) -> int:
    from warehouse.controls.waive import WaiverRefused, add_waiver

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    entry = {
        "check": args.check, "unit": args.unit, "descendants": args.descendants,
        "line": args.line, "period": _period(args.period),
        "period_from": _period(args.period_from), "period_to": _period(args.period_to),
        "max_difference": args.max_difference, "reason": args.reason, "name": args.by,
        "expires": args.expires.isoformat(),
    }  # fmt: skip
    try:
        waiver = add_waiver(
            settings.waivers_path, settings.audit_path, settings.warehouse_path, entry,
            dt.date.today(),
        )  # fmt: skip
    except WaiverRefused as problem:
        print(f"toteuma waive: {problem}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Added waiver {waiver.position} to {settings.waivers_path}: {waiver.describe()}")
    return EXIT_PUBLISHED


def _signoff(args) -> int:
    import getpass

    from warehouse.controls.signoff import Refused, Request, sign_off
    from warehouse.run_lock import RunInProgress, acquire

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    request = Request(
        args.date, args.by, getpass.getuser(), args.unit, args.municipality, args.comment
    )
    try:
        # the candidate holds the figures approved: no run may rebuild it meanwhile
        with acquire(settings.lock_path, wait=False) as lock:
            lock.keep_stale = True
            record, units = sign_off(
                settings.candidate_path, settings.audit_path, settings.controls_dir, request
            )
    except RunInProgress as busy:
        print(f"toteuma signoff: {busy}", file=sys.stderr)
        return EXIT_BUSY
    except Refused as refused:
        print(f"toteuma signoff: {refused}", file=sys.stderr)
        return EXIT_ERROR
    print(
        f"Signed off {args.date.isoformat()}, {record.scope} ({units} units) by {record.by} "
        f"as {record.os_user}: {record.figures}, {record.fingerprint}. "
        "The next run publishes these figures as approved."
    )
    return EXIT_PUBLISHED


def _data_docs(args) -> int:
    from expectations.data_docs import build_data_docs

    settings = settings_module.load_settings(warehouse_path=args.warehouse)
    index = build_data_docs(settings.results_dir, settings.results_dir / "site")
    print(f"Data Docs of {settings.results_dir}: {index}")
    return EXIT_PUBLISHED


def _dbt_docs(args) -> int:
    from warehouse.publish.dbt_docs import build_dbt_docs

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
