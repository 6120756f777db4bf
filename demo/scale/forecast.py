"""forecast_<kunta>_<YYYY>_<MM>.csv: a controllers' forecast at two grains that agree.

For every third service area: each of its responsibility areas gives its TOIMINTATUOTOT
and TOIMINTAKULUT; the service area gives its lines and both subtotals. Each
responsibility area's lines are its cost centres' budget (TA) times 0.97–1.03, rounded
to 100 €; the service area's figures are sums of those, so lines add up to subtotals and
children to their parent exactly. Cost centres hanging directly under the service area
are outside the forecast. Rents are forecast on MUUT_T / MUUT_K from 2024 on, as the
reports of those years show them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb

from demo.landing_writer import FileStyle, amount_text, write_csv
from demo.scale.organisation import Organisation

FORECAST_COLUMNS = ["Kunta", "Tilikausi", "Yksikkö", "Rivi", "Summa"]
REVENUE = ["MYYNTI", "MAKSU", "TUET", "VUOKRA_T", "MUUT_T"]
COSTS = ["HENKILOSTO", "PALVELUT", "AINEET", "AVUSTUKSET", "VUOKRA_K", "MUUT_K"]
RENTS_FOLDED_FROM = 2024
FOLDED = {"VUOKRA_T": "MUUT_T", "VUOKRA_K": "MUUT_K"}


def area_lines(
    con: duckdb.DuckDBPyConnection, org: Organisation, year: int
) -> dict[str, dict[str, int]]:
    """Budget (TA, euros) per responsibility area and line, from temp table budget_year."""
    area_of = {u.code: u.parent for u in org.cost_centres_in(year)}
    rows = con.execute(
        "select centre_code, line, sum(euros) from budget_year join chart using (account)"
        " where kind = 'TA' group by all order by all"
    ).fetchall()
    lines: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for centre, line, euros in rows:
        if line in REVENUE or line in COSTS:
            if year >= RENTS_FOLDED_FROM:
                line = FOLDED.get(line, line)
            lines[area_of[centre]][line] += int(euros)
    return lines


def forecast_rows(org: Organisation, year: int, budget: dict, rng: random.Random) -> list:
    """(unit, line, euros) rows of one forecast file."""
    services = [u.code for u in org.units if u.level == "PALVELUALUE"][::3]
    rows = []
    for service in services:
        areas = [u.code for u in org.units if u.level == "VASTUUALUE" and u.parent == service]
        totals: dict[str, int] = defaultdict(int)
        for area in areas:
            factor = rng.uniform(0.97, 1.03)
            lines = {line: int(round(v * factor, -2)) for line, v in budget.get(area, {}).items()}
            for line, euros in lines.items():
                totals[line] += euros
            rows.append((area, "TOIMINTATUOTOT", sum(lines.get(x, 0) for x in REVENUE)))
            rows.append((area, "TOIMINTAKULUT", sum(lines.get(x, 0) for x in COSTS)))
        rows += [(service, line, totals[line]) for line in REVENUE + COSTS if line in totals]
        rows.append((service, "TOIMINTATUOTOT", sum(totals.get(x, 0) for x in REVENUE)))
        rows.append((service, "TOIMINTAKULUT", sum(totals.get(x, 0) for x in COSTS)))
    return rows


def write(target: Path, municipality: str, year: int, rows: list, style: FileStyle) -> int:
    body = [
        [municipality, str(year), unit, line, amount_text(Decimal(euros), style)]
        for unit, line, euros in rows
    ]
    write_csv(target, FORECAST_COLUMNS, body, style)
    return len(body)
