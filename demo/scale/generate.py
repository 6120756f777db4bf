"""Write a landing folder of any size: `toteuma demo --municipalities N --years Y --rows R`.

    python -m demo.scale.generate --municipalities 20 --years 1 --rows 1000000 --out DIR

R is the number of ledger rows over all municipalities and months; the years are the Y
calendar years ending with LAST_YEAR (all twelve months each). Per municipality:
org_<kunta>.csv, accounts_<kunta>.csv, and per year budget_<kunta>_<YYYY>.csv and twelve
gl_<kunta>_<YYYY>_<MM>.csv; every other municipality forecast files for June and
September; the first GOAL_MUNICIPALITIES a goal workbook. The finance files are the same
bytes for the same arguments (goal workbooks carry the time they were saved).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from demo.landing_writer import FileStyle, date_text, write_csv
from demo.scale import budget, chart, file_styles, forecast, goals, ledger, organisation
from demo.scale.municipalities import Municipality, municipalities, rows_per_file
from demo.scale.options import DEFAULTS, LAST_YEAR, add_arguments, chosen

FORECAST_MONTHS = (6, 9)
GOAL_MUNICIPALITIES = 3


@dataclass
class Written:
    """Files, rows and bytes per kind (gl, budget, …), and the seconds it took."""

    files: Counter = field(default_factory=Counter)
    rows: Counter = field(default_factory=Counter)
    bytes: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, kind: str, path: Path, rows: int) -> None:
        self.files[kind] += 1
        self.rows[kind] += rows
        self.bytes[kind] += path.stat().st_size

    def summary(self, out: Path) -> str:
        total_mb = sum(self.bytes.values()) / 1e6
        lines = [
            f"Wrote {sum(self.files.values())} files, {self.rows['gl']:,} ledger rows,"
            f" {total_mb:,.1f} MB to {out} in {self.seconds:.1f} s"
        ]
        for kind in self.files:
            lines.append(
                f"  {kind:9} {self.files[kind]:6,} files {self.rows[kind]:12,} rows"
                f" {self.bytes[kind] / 1e6:10,.1f} MB"
            )
        return "\n".join(lines).replace(",", " ")


def write_scale_landing(
    out: Path,
    municipalities_count: int = DEFAULTS["municipalities"],
    years_count: int = DEFAULTS["years"],
    rows: int = DEFAULTS["rows"],
    seed: int = DEFAULTS["seed"],
) -> Written:
    """Write the landing folder under `out` (finance/, goals/); returns what was written."""
    started = time.perf_counter()
    years = list(range(LAST_YEAR - years_count + 1, LAST_YEAR + 1))
    places = municipalities(municipalities_count)
    counts = rows_per_file(places, years, rows)
    finance = out / "finance"
    finance.mkdir(parents=True, exist_ok=True)
    written = Written()
    con = duckdb.connect()
    ledger.prepare(con, seed, years)
    with tempfile.TemporaryDirectory(dir=out, prefix=".scale_") as scratch:
        for place in places:
            _write_municipality(con, place, years, counts, seed, finance, Path(scratch), written)
    con.close()
    for place in places[:GOAL_MUNICIPALITIES]:
        written.add("goals", goals.write(out / "goals", place.code, "100", LAST_YEAR), 1)
    written.seconds = time.perf_counter() - started
    return written


def _write_municipality(con, place: Municipality, years, counts, seed, finance, scratch, written):
    busiest = max(n for (code, _, _), n in counts.items() if code == place.code)
    org = organisation.build(
        place.code, place.name, busiest, reorganised=years[min(1, len(years) - 1)]
    )
    path = finance / f"org_{place.code}.csv"
    written.add("org", path, _write_org(path, org, file_styles.org_style(place.rank)))
    path = finance / f"accounts_{place.code}.csv"
    written.add(
        "accounts", path, _write_accounts(path, place.code, file_styles.accounts_style(place.rank))
    )
    for year in years:
        by_month = {m: counts[(place.code, year, m)] for m in range(1, 13)}
        ledger.build_year(con, org, year, by_month, seed)
        for month in range(1, 13):
            style = file_styles.gl_style(place.rank, year, month)
            target = finance / f"gl_{place.code}_{year}_{month:02d}.csv"
            rows = ledger.write_month(con, scratch / target.name, place.code, year, month, style)
            file_styles.finish(scratch / target.name, target, style)
            written.add("gl", target, rows)
        budget.build_year(con, place.code, year, seed)
        style = file_styles.budget_style(place.rank, year)
        target = finance / f"budget_{place.code}_{year}.csv"
        rows = budget.write(con, scratch / target.name, place.code, year, style)
        file_styles.finish(scratch / target.name, target, style)
        written.add("budget", target, rows)
        if place.rank % 2 == 0:
            _write_forecasts(con, org, year, seed, finance, written)


def _write_forecasts(con, org, year, seed, finance, written) -> None:
    lines = forecast.area_lines(con, org, year)
    for month in FORECAST_MONTHS:
        rng = random.Random(f"forecast:{seed}:{org.municipality}:{year}:{month}")
        rows = forecast.forecast_rows(org, year, lines, rng)
        target = finance / f"forecast_{org.municipality}_{year}_{month:02d}.csv"
        written.add(
            "forecast",
            target,
            forecast.write(target, org.municipality, year, rows, file_styles.forecast_style()),
        )


def _write_org(path: Path, org: organisation.Organisation, style: FileStyle) -> int:
    header = ["Kunta", "Koodi", "Nimi", "Taso", "Ylempi", "Voimassa alkaen", "Voimassa asti"]
    rows = [
        [
            org.municipality, u.code, u.name, u.level, u.parent or "",
            date_text(u.valid_from, style), date_text(u.valid_to, style) if u.valid_to else "",
        ]
        for u in org.units
    ]  # fmt: skip
    write_csv(path, header, rows, style)
    return len(rows)


def _write_accounts(path: Path, municipality: str, style: FileStyle) -> int:
    rows = [[a.code, a.name, a.rivi] for a in chart.ACCOUNTS]
    write_csv(path, [" Tili", "Nimi ", "Rivi"], rows, style)
    return len(rows)


def run_from_arguments(args: argparse.Namespace, out: Path) -> Written:
    """Write the folder the parsed options describe and print what was written."""
    options = chosen(args)
    written = write_scale_landing(
        out, options["municipalities"], options["years"], options["rows"], options["seed"]
    )
    print(written.summary(out))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    if args.out is None:
        parser.error("--out is required")
    run_from_arguments(args, args.out)


if __name__ == "__main__":
    main()
