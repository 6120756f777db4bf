"""Write a landing folder of any size: `toteuma demo --municipalities N --years Y --rows R`.

    python -m demo.scale.generate --municipalities 20 --years 1 --rows 1000000 --out DIR

R is the number of ledger rows over all municipalities and months; the years are the Y
calendar years ending with LAST_YEAR (all twelve months each). Per municipality:
org_<kunta>.csv, accounts_<kunta>.csv, and per year budget_<kunta>_<YYYY>.csv and twelve
gl_<kunta>_<YYYY>_<MM>.csv; every other municipality forecast files for June and
September; the first GOAL_MUNICIPALITIES a goal workbook. The finance files are the same
bytes for the same arguments and DuckDB version (its hash() draws the rows); goal
workbooks carry the time they were saved.
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

MONTHS = range(1, 13)
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
        megabytes = sum(self.bytes.values()) / 1e6
        lines = [
            f"Wrote {_grouped(sum(self.files.values()))} files, {_grouped(self.rows['gl'])}"
            f" ledger rows, {megabytes:.1f} MB to {out} in {self.seconds:.1f} s"
        ]
        lines += [
            f"  {kind:9} {_grouped(self.files[kind]):>7} files {_grouped(self.rows[kind]):>12}"
            f" rows {self.bytes[kind] / 1e6:9.1f} MB"
            for kind in self.files
        ]
        return "\n".join(lines)


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def write_scale_landing(
    out: Path,
    municipalities_count: int = DEFAULTS["municipalities"],
    years_count: int = DEFAULTS["years"],
    rows: int = DEFAULTS["rows"],
    seed: int = DEFAULTS["seed"],
) -> Written:
    """Write the landing folder under `out` (finance/, goals/); returns what was written."""
    started = time.perf_counter()
    if years_count < 1:
        raise ValueError("--years must be at least 1")
    years = list(range(LAST_YEAR - years_count + 1, LAST_YEAR + 1))
    places = municipalities(municipalities_count)
    counts = rows_per_file(places, years, rows)
    (out / "finance").mkdir(parents=True, exist_ok=True)
    written = Written()
    with (
        duckdb.connect() as con,
        tempfile.TemporaryDirectory(dir=out, prefix=".scale_") as scratch,
    ):
        ledger.prepare(con, seed, years)
        folder = _Folder(con, seed, out / "finance", Path(scratch), written)
        for place in places:
            folder.municipality(place, years, counts)
    for place in places[:GOAL_MUNICIPALITIES]:
        written.add("goals", goals.write(out / "goals", place.code, "100", LAST_YEAR), 1)
    written.seconds = time.perf_counter() - started
    return written


@dataclass
class _Folder:
    """Writes one municipality's files after another into finance/; DuckDB writes into
    `scratch` first and `file_styles.finish` gives each file its encoding."""

    con: duckdb.DuckDBPyConnection
    seed: int
    finance: Path
    scratch: Path
    written: Written

    def municipality(self, place: Municipality, years: list[int], counts: dict) -> None:
        busiest = max(n for (code, _, _), n in counts.items() if code == place.code)
        reorganised = years[min(1, len(years) - 1)]
        org = organisation.build(place.code, place.name, busiest, reorganised)
        self._master_data(place, org)
        for year in years:
            self._ledger_year(place, org, year, {m: counts[(place.code, year, m)] for m in MONTHS})
            self._budget_year(place, year)
            if place.rank % 2 == 0:
                self._forecasts(org, year)

    def _master_data(self, place: Municipality, org: organisation.Organisation) -> None:
        path = self.finance / f"org_{place.code}.csv"
        self.written.add("org", path, _write_org(path, org, file_styles.org_style(place.rank)))
        path = self.finance / f"accounts_{place.code}.csv"
        rows = _write_accounts(path, file_styles.accounts_style(place.rank))
        self.written.add("accounts", path, rows)

    def _ledger_year(self, place, org, year: int, rows_by_month: dict[int, int]) -> None:
        ledger.build_year(self.con, org, year, rows_by_month, self.seed)
        for month in MONTHS:
            style = file_styles.gl_style(place.rank, year, month)
            target = self.finance / f"gl_{place.code}_{year}_{month:02d}.csv"
            draft = self.scratch / target.name
            rows = ledger.write_month(self.con, draft, place.code, year, month, style)
            self._finish("gl", target, style, rows)

    def _budget_year(self, place: Municipality, year: int) -> None:
        budget.build_year(self.con, place.code, year, self.seed)
        style = file_styles.budget_style(place.rank, year)
        target = self.finance / f"budget_{place.code}_{year}.csv"
        rows = budget.write(self.con, self.scratch / target.name, place.code, year, style)
        self._finish("budget", target, style, rows)

    def _finish(self, kind: str, target: Path, style: FileStyle, rows: int) -> None:
        file_styles.finish(self.scratch / target.name, target, style)
        self.written.add(kind, target, rows)

    def _forecasts(self, org: organisation.Organisation, year: int) -> None:
        lines = forecast.area_lines(self.con, org, year)
        for month in FORECAST_MONTHS:
            rng = random.Random(f"forecast:{self.seed}:{org.municipality}:{year}:{month}")
            rows = forecast.forecast_rows(org, year, lines, rng)
            target = self.finance / f"forecast_{org.municipality}_{year}_{month:02d}.csv"
            style = file_styles.forecast_style()
            count = forecast.write(target, org.municipality, year, rows, style)
            self.written.add("forecast", target, count)


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


def _write_accounts(path: Path, style: FileStyle) -> int:
    """The chart; the header carries the spaces exports put around names (' Tili', 'Nimi ')."""
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
