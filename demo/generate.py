"""Generate the demo landing folder for Heinola (111) from the seed reports' figures.

    python -m demo.generate LANDING_DIR

Deterministic: the same files, byte for byte, on every run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from demo import ledger
from demo.allocation import BUCKETS, WHOLE_YEAR, Key, misses, solve
from demo.goal_workbooks import write_goal_workbooks
from demo.landing_writer import FileStyle, amount_text, date_text, write_csv
from demo.organisation import DATA_DIR, OPEN_END, Organisation
from demo.report_lines import line_of_account
from demo.seed_figures import SeedFigure, load_seed_figures
from demo.targets import year_keys, year_targets

MUNICIPALITY = "111"
FIRST_YEAR, LAST_YEAR, LAST_MONTH = 2022, 2026, 3
# Solve the best-documented year first, then walk outwards so that every year's prior
# is a neighbour already solved; the last two re-solves let 2025-26 inherit 2024's
# pattern for units no 2025-26 report shows.
ACTUALS_ORDER = [2025, 2026, 2024, 2023, 2022, 2025, 2026]
BUDGET_ORDER = [2023, 2024, 2025, 2026, 2022]
# Investment income is credits and spending debits (review.investments splits by side).
INVESTMENT_SIGNS = {"INVESTMENT_TULOT": (0.0, None), "INVESTMENT_MENOT": (None, 0.0)}
# Revenue is usually positive and costs negative; the solver departs only when it must.
USUAL_SIGNS = {
    **dict.fromkeys(("MYYNTI", "MAKSU", "TUET", "VUOKRA_T", "MUUT_T", "VALMISTUS"), 1.0),
    **dict.fromkeys(
        ("HENKILOSTO", "PALVELUT", "AINEET", "AVUSTUKSET", "VUOKRA_K", "MUUT_K", "POISTOT"), -1.0
    ),
}
FORECAST_LINES_EXCLUDED = {"TOIMINTAKATE", "VUOSIKATE", "TULOS"}


def load_accounts() -> dict[str, list[str]]:
    """Accounts per base line (investment accounts by side: 1100 income, 1200 spending)."""
    by_line: dict[str, list[str]] = defaultdict(list)
    with (DATA_DIR / "accounts.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            line = line_of_account(int(row["account"]), row["line"] or None)
            if line == "INVESTMENT":
                line = "INVESTMENT_TULOT" if row["account"] == "1100" else "INVESTMENT_MENOT"
            by_line[line].append(row["account"])
    return dict(by_line)


def year_buckets(year: int) -> dict[str, tuple[int, ...]]:
    if year < LAST_YEAR:
        return BUCKETS
    return {name: span for name, span in BUCKETS.items() if span[-1] <= LAST_MONTH}


def solve_years(figures, organisation, lines, *, actuals=None) -> dict[int, dict[Key, Decimal]]:
    """Actuals per year (or, given the actuals, budgets) that reproduce the seed figures."""
    budget = actuals is not None
    targets = year_targets(figures, organisation, lines, budget=budget)
    solutions: dict[int, dict[Key, Decimal]] = {}
    for year in BUDGET_ORDER if budget else ACTUALS_ORDER:
        buckets = WHOLE_YEAR if budget else year_buckets(year)
        keys = year_keys(organisation, year, lines, list(buckets))
        if budget:  # a budget looks like the year's (or last full year's) actuals
            prior = {k: round(v, -2) for k, v in _full_year(actuals[min(year, 2025)]).items()}
        else:
            prior = _prior(solutions, year, keys)
        solutions[year] = solve(keys, targets.get(year, []), prior, INVESTMENT_SIGNS, USUAL_SIGNS)
        bad = misses(solutions[year], targets.get(year, []), lambda t: t.tolerance + 0.04)
        if bad:
            raise RuntimeError("allocation misses printed figures:\n" + "\n".join(bad))
    return solutions


def _full_year(solution: dict[Key, Decimal]) -> dict[Key, float]:
    totals: dict[Key, float] = defaultdict(float)
    for (centre, line, _), amount in solution.items():
        totals[(centre, line, "FY")] += float(amount)
    return totals


def _prior(solutions: dict[int, dict[Key, Decimal]], year: int, keys: list[Key]) -> dict:
    neighbours = [y for y in (year - 1, year + 1) if y in solutions]
    if not neighbours:
        return {}
    source = solutions[neighbours[0]]
    return {key: float(source.get(key, 0)) for key in keys}


# Marks a landing folder the demo wrote: only a warehouse loaded from it gets the demo's
# decisions (demo/controls/), and only by `toteuma run --demo-if-empty`.
DEMO_MARK = ".toteuma-demo"


def is_demo_landing(landing: Path) -> bool:
    return (landing / DEMO_MARK).is_file()


def write_landing(landing: Path) -> dict[str, int]:
    """Write the whole demo landing folder; returns rows written per file kind."""
    organisation = Organisation.load()
    figures = load_seed_figures()
    accounts = load_accounts()
    lines = sorted(accounts)
    actuals = solve_years(figures, organisation, lines)
    budgets = solve_years(figures, organisation, lines, actuals=actuals)
    finance = landing / "finance"
    counts = {
        "org": _write_org(finance, organisation),
        "accounts": _write_accounts(finance),
        "gl": _write_ledger(finance, actuals, accounts),
        "budget": _write_budgets(finance, budgets, accounts, figures, organisation),
        "forecast": _write_forecast(finance, figures),
        "goal workbooks": len(write_goal_workbooks(landing)),
    }
    (landing / DEMO_MARK).write_text(
        "Written by toteuma's demo (demo/generate.py): Heinola (111) from its real reports.\n",
        encoding="utf-8",
    )
    return counts


def _write_org(finance: Path, organisation: Organisation) -> int:
    style = FileStyle(encoding="utf-8-sig", newline="\r\n")
    rows = [
        [
            MUNICIPALITY,
            v.code,
            v.name,
            v.level,
            v.parent or "",
            date_text(v.valid_from, style),
            "" if v.valid_to == OPEN_END else date_text(v.valid_to, style),
        ]
        for v in organisation.versions
    ]
    header = ["Kunta", "Koodi", "Nimi", "Taso", "Ylempi", "Voimassa alkaen", "Voimassa asti"]
    write_csv(finance / f"org_{MUNICIPALITY}.csv", header, rows, style)
    return len(rows)


def _write_accounts(finance: Path) -> int:
    with (DATA_DIR / "accounts.csv").open(encoding="utf-8") as handle:
        rows = [[r["account"], r["name"], r["line"]] for r in csv.DictReader(handle)]
    write_csv(
        finance / f"accounts_{MUNICIPALITY}.csv", [" Tili", "Nimi ", "Rivi"], rows, FileStyle()
    )
    return len(rows)


def gl_style(year: int, month: int) -> FileStyle:
    """Older exports are Windows-1252 with CRLF; some months use no-break-space grouping."""
    if year <= 2023:
        return FileStyle(encoding="cp1252", newline="\r\n", upper_header=year == 2022)
    if month % 4 == 0:
        return FileStyle(thousands="\u00a0", pad_dates=True)
    return FileStyle(encoding="utf-8-sig" if month % 3 == 0 else "utf-8")


def _write_ledger(finance: Path, actuals, accounts) -> int:
    rng = random.Random(111)
    total = 0
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        per_month: dict[int, dict[tuple[str, str], Decimal]] = defaultdict(dict)
        for (centre, line, bucket), amount in sorted(actuals[year].items()):
            split = ledger.month_amounts(amount, BUCKETS[bucket], rng)
            for month, part in split.items():
                per_month[month][(centre, line)] = part
        voucher = [0]
        for month in sorted(per_month):
            rows = ledger.postings_for_month(year, month, per_month[month], accounts, rng, voucher)
            total += _write_gl_file(finance, year, month, rows)
    return total


def _write_gl_file(finance: Path, year: int, month: int, rows: list[ledger.Posting]) -> int:
    style = gl_style(year, month)
    header = [
        "Kunta",
        "Tilikausi",
        "Kausi",
        "Tositepvm",
        "Tositenro",
        "Kustannuspaikka",
        "Tili",
        "Projekti",
        "Selite",
        "Debet",
        "Kredit",
    ]
    body = [
        [
            MUNICIPALITY,
            str(year),
            str(month),
            date_text(ledger.posting_date(r), style),
            r.voucher,
            r.cost_centre,
            r.account,
            r.project,
            r.description,
            amount_text(r.debit, style, blank_zero=True),
            amount_text(r.credit, style, blank_zero=True),
        ]
        for r in rows
    ]
    write_csv(finance / f"gl_{MUNICIPALITY}_{year}_{month:02d}.csv", header, body, style)
    return len(body)


def _write_budgets(finance: Path, budgets, accounts, figures, organisation) -> int:
    reporting = _budget_reporting_dates(figures)
    amendments = _amendments(budgets, organisation)
    total = 0
    for year, solution in sorted(budgets.items()):
        style = FileStyle(minus="\u2212" if year % 2 else "- ")
        rows = []
        for (centre, line, _), amount in sorted(solution.items()):
            if not amount:
                continue
            account = accounts[line][0]
            muutos = []
            for amend in amendments.get((year, centre, line), []):
                change = (amount * amend["share"]).quantize(Decimal("1E2"))
                counted = amend["date"] <= reporting.get(year, dt.date(year, 12, 31))
                muutos.append((amend["date"], change))
                amount -= change if counted else 0
            approved = dt.date(year - 1, 12, 11)
            rows.append(_budget_row(year, centre, account, "TA", approved, amount, style))
            rows += [_budget_row(year, centre, account, "MUUTOS", d, c, style) for d, c in muutos]
        header = ["Kunta", "Tilikausi", "Kustannuspaikka", "Tili", "Laji", "Pvm", "Summa"]
        write_csv(finance / f"budget_{MUNICIPALITY}_{year}.csv", header, rows, style)
        total += len(rows)
    return total


def _budget_row(year, centre, account, kind, day, amount, style) -> list[str]:
    return [
        MUNICIPALITY,
        str(year),
        centre,
        account,
        kind,
        date_text(day, style),
        amount_text(amount, style),
    ]


def _budget_reporting_dates(figures: list[SeedFigure]) -> dict[int, dt.date]:
    return {
        f.reporting_date.year: f.reporting_date for f in figures if f.column == "budget_amended"
    }


def _amendments(budgets, organisation: Organisation) -> dict[tuple[int, str, str], list[dict]]:
    """Amendments by (year, cost centre, line): each lands on its unit's largest budget cell."""
    result: dict[tuple[int, str, str], list[dict]] = defaultdict(list)
    with (DATA_DIR / "amendments.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            year, line = int(row["fiscal_year"]), row["line"]
            centres = organisation.members_on(row["unit"], dt.date(year, 1, 1))
            centre = max(centres, key=lambda c: abs(budgets[year].get((c, line, "FY"), 0)))
            if not budgets[year].get((centre, line, "FY")):
                raise ValueError(f"amendment {row}: unit has no budget on that line")
            result[(year, centre, line)].append(
                {
                    "date": dt.date.fromisoformat(row["approval_date"]),
                    "share": Decimal(row["share"]),
                }
            )
    return result


def _write_forecast(finance: Path, figures: list[SeedFigure]) -> int:
    """The controllers' forecast at both grains, exactly as the 2026 report prints it."""
    chosen = [
        f
        for f in figures
        if f.column == "forecast"
        and f.table == "income_statement"
        and f.line_code not in FORECAST_LINES_EXCLUDED
    ]
    by_file: dict[tuple[int, int], list[list[str]]] = defaultdict(list)
    style = FileStyle(minus="\u2212")
    for f in chosen:
        key = (f.reporting_date.year, f.reporting_date.month)
        by_file[key].append(
            [MUNICIPALITY, str(key[0]), f.unit_code, f.line_code, amount_text(f.value, style)]
        )
    for (year, month), rows in by_file.items():
        header = ["Kunta", "Tilikausi", "Yksikkö", "Rivi", "Summa"]
        write_csv(finance / f"forecast_{MUNICIPALITY}_{year}_{month:02d}.csv", header, rows, style)
    return sum(len(rows) for rows in by_file.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("landing", type=Path)
    counts = write_landing(parser.parse_args().landing)
    print(", ".join(f"{kind}: {rows} rows" for kind, rows in counts.items()))


if __name__ == "__main__":
    main()
