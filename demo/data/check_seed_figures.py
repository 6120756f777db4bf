#!/usr/bin/env python3
"""Consistency checks for demo/data/seed_figures.csv (stdlib only).

The CSV holds every printed figure of the income-statement, binding-budget and
investment tables of the seed reports (see /work/shared/seeds), one printed cell
per row, exactly as printed (value) with its unit of print (scale: 1 = euro,
1000 = thousand euro).

Run:  python3 demo/data/check_seed_figures.py [path/to/seed_figures.csv] [--strict] [--tol=N]

Prints every inconsistency found (the seeds contain real ones; they are the
reason the warehouse has quality checks) and a summary. Exit status is 0 unless
the file is malformed, or --strict is given and any inconsistency was found.

--tol=N replaces the +-2 amount tolerance (--tol=0 lists every rounding difference).

Rules (tolerances are in the printed unit, i.e. thousands for scale 1000):
  (s)  schema: header, allowed codes, seed/date pairs, scale rule, duplicates.
  (a)  within a unit and amount column of an income statement:
       revenue lines sum to TOIMINTATUOTOT, cost lines sum to TOIMINTAKULUT
       (only where the table prints line rows), TOIMINTAKATE = TOIMINTATUOTOT +
       VALMISTUS + TOIMINTAKULUT, VUOSIKATE = TOIMINTAKATE + RAHOITUS,
       TULOS = VUOSIKATE + POISTOT (TOIMINTAKATE + POISTOT where no VUOSIKATE
       row is printed); a row that is not printed counts as 0.      tol +-2
  (b)  remaining = budget_amended - actual_ytd, every table.              tol +-2
  (c)  realization_pct = actual_ytd / budget_amended * 100 (0 when the budget
       is 0); tolerance half a unit of the last printed decimal plus
       50 / |budget| (the printed actual is rounded to the euro); seed 001
       prints two decimals but rounds to one.
  (d)  parent unit = sum of its child units, per line and amount column:
       300 <- 310..350 (seeds 000, 001), 510 <- 511+512 (002), 600 <- 601..607
       (003). Compared where the parent and at least one child print the line;
       a child that does not print it counts as 0, except a missing VUOSIKATE
       (no financial items), which is taken from the child's TOIMINTAKATE. tol +-2
  (d2) 001 investments: ELINVOIMA (300) vs KULTTUURI (330) + MAANKAYTTO (350),
       the only two service-area investment tables printed.           tol +-2
  (e)  binding budget vs the same unit's income statement:
       TULOT = TOIMINTATUOTOT, MENOT = TOIMINTAKULUT, NETTO = TOIMINTAKATE;
       binding budget NETTO = TULOT + MENOT + the income statement's VALMISTUS
       (Toimintakate holds own work capitalised); investments NETTO = TULOT +
       MENOT.                                                          tol +-2
"""

import csv
import sys
from collections import OrderedDict, defaultdict
from decimal import Decimal
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent / "seed_figures.csv"
HEADER = ["seed", "reporting_date", "table", "unit_code", "line_code", "column", "value", "scale"]
DATES = {"000": "2024-12-31", "001": "2023-06-30", "002": "2025-03-31", "003": "2026-03-31"}
TABLES = {"income_statement", "binding_budget", "investments"}
IS_LINES = [
    "MYYNTI",
    "MAKSU",
    "TUET",
    "VUOKRA_T",
    "MUUT_T",
    "TOIMINTATUOTOT",
    "VALMISTUS",
    "HENKILOSTO",
    "PALVELUT",
    "AINEET",
    "AVUSTUKSET",
    "VUOKRA_K",
    "MUUT_K",
    "TOIMINTAKULUT",
    "TOIMINTAKATE",
    "RAHOITUS",
    "VUOSIKATE",
    "POISTOT",
    "TULOS",
]
REVENUE = ["MYYNTI", "MAKSU", "TUET", "VUOKRA_T", "MUUT_T"]
COSTS = ["HENKILOSTO", "PALVELUT", "AINEET", "AVUSTUKSET", "VUOKRA_K", "MUUT_K"]
BB_LINES = ["TULOT", "MENOT", "NETTO"]
COLUMNS = [
    "tp_prior_year",
    "actual_prior_ytd",
    "budget_amended",
    "actual_ytd",
    "remaining",
    "realization_pct",
    "forecast",
]
AMOUNT_COLS = [c for c in COLUMNS if c != "realization_pct"]
UNITS = {
    "000": {"300", "310", "320", "330", "340", "350"},
    "001": {"300", "310", "320", "330", "340", "350"},
    "002": {"500", "510", "511", "512"},
    "003": {"600", "601", "602", "603", "604", "605", "606", "607"},
}
PARENTS = {  # seed -> [(parent, children)]
    "000": [("300", ["310", "320", "330", "340", "350"])],
    "001": [("300", ["310", "320", "330", "340", "350"])],
    "002": [("510", ["511", "512"])],
    "003": [("600", ["601", "602", "603", "604", "605", "606", "607"])],
}
TOL = Decimal(2)

findings = []


def report(rule, key, msg):
    seed, table, unit = key[:3]
    where = f"{seed} {table}/{unit}"
    if len(key) > 3:
        where += " " + " ".join(key[3:])
    findings.append((rule, where, msg))
    print(f"[{rule}] {where}: {msg}")


def fmt(d):
    s = f"{d:,}".replace(",", " ")
    return s


def load(path):
    errors = 0
    data = OrderedDict()  # (seed, table, unit) -> line -> column -> (Decimal, raw, scale)
    with open(path, encoding="utf-8", newline="") as f:
        rdr = csv.reader(f)
        header = next(rdr)
        if header != HEADER:
            print(f"[s] bad header {header}, expected {HEADER}")
            return None
        for n, row in enumerate(rdr, start=2):
            if len(row) != len(HEADER):
                print(f"[s] line {n}: {len(row)} fields")
                errors += 1
                continue
            r = dict(zip(HEADER, row, strict=False))
            bad = []
            if r["seed"] not in DATES:
                bad.append("seed")
            elif DATES[r["seed"]] != r["reporting_date"]:
                bad.append("reporting_date")
            if r["table"] not in TABLES:
                bad.append("table")
            if r["seed"] in UNITS and r["unit_code"] not in UNITS[r["seed"]]:
                bad.append("unit_code")
            lines = IS_LINES if r["table"] == "income_statement" else BB_LINES
            if r["line_code"] not in lines:
                bad.append("line_code")
            if r["column"] not in COLUMNS:
                bad.append("column")
            try:
                v = Decimal(r["value"])
                if (
                    r["value"].strip() != r["value"]
                    or "E" in r["value"].upper()
                    or r["value"].startswith("+")
                ):
                    bad.append("value format")
            except Exception:
                bad.append("value")
                v = None
            want_scale = (
                "1000"
                if (r["seed"] == "001" and r["column"] in ("tp_prior_year", "actual_prior_ytd"))
                else "1"
            )
            if r["scale"] != want_scale:
                bad.append(f"scale (expected {want_scale})")
            if bad:
                print(f"[s] line {n}: bad {', '.join(bad)}: {row}")
                errors += 1
                continue
            key = (r["seed"], r["table"], r["unit_code"])
            cell = data.setdefault(key, OrderedDict()).setdefault(r["line_code"], OrderedDict())
            if r["column"] in cell:
                print(f"[s] line {n}: duplicate {key} {r['line_code']} {r['column']}")
                errors += 1
                continue
            cell[r["column"]] = (v, r["value"], int(r["scale"]))
    return data, errors


def val(t, line, col):
    c = t.get(line, {}).get(col)
    return None if c is None else c[0]


def columns_of(t):
    cols = []
    for cells in t.values():
        for c in cells:
            if c not in cols:
                cols.append(c)
    return [c for c in COLUMNS if c in cols]


def check_sum(rule, key, t, col, target, parts, label):
    total = val(t, target, col)
    if total is None:
        return
    present = [p for p in parts if val(t, p, col) is not None]
    expect = sum((val(t, p, col) for p in present), Decimal(0))
    diff = total - expect
    if abs(diff) > TOL:
        report(
            rule,
            key + (target, col),
            f"printed {fmt(total)} vs {label} = {fmt(expect)} (diff {fmt(diff)})",
        )


def rule_a(data):
    for key, t in data.items():
        if key[1] != "income_statement":
            continue
        for col in columns_of(t):
            if col == "realization_pct":
                continue
            if any(val(t, name, col) is not None for name in REVENUE):
                check_sum("a", key, t, col, "TOIMINTATUOTOT", REVENUE, "sum of revenue lines")
            if any(val(t, name, col) is not None for name in COSTS):
                check_sum("a", key, t, col, "TOIMINTAKULUT", COSTS, "sum of cost lines")
            check_sum(
                "a",
                key,
                t,
                col,
                "TOIMINTAKATE",
                ["TOIMINTATUOTOT", "VALMISTUS", "TOIMINTAKULUT"],
                "TOIMINTATUOTOT + VALMISTUS + TOIMINTAKULUT",
            )
            check_sum(
                "a",
                key,
                t,
                col,
                "VUOSIKATE",
                ["TOIMINTAKATE", "RAHOITUS"],
                "TOIMINTAKATE + RAHOITUS",
            )
            if "VUOSIKATE" in t:
                check_sum(
                    "a", key, t, col, "TULOS", ["VUOSIKATE", "POISTOT"], "VUOSIKATE + POISTOT"
                )
            else:
                check_sum(
                    "a",
                    key,
                    t,
                    col,
                    "TULOS",
                    ["TOIMINTAKATE", "POISTOT"],
                    "TOIMINTAKATE + POISTOT (no VUOSIKATE row)",
                )


def rule_b(data):
    for key, t in data.items():
        for line, cells in t.items():
            if not all(c in cells for c in ("remaining", "budget_amended", "actual_ytd")):
                continue
            ta, tot, rem = (cells[c][0] for c in ("budget_amended", "actual_ytd", "remaining"))
            diff = rem - (ta - tot)
            if abs(diff) > TOL:
                report(
                    "b",
                    key + (line, "remaining"),
                    f"printed {fmt(rem)} vs budget_amended - actual_ytd = {fmt(ta)} - {fmt(tot)} = "
                    f"{fmt(ta - tot)} (diff {fmt(diff)})",
                )


def rule_c(data):
    for key, t in data.items():
        for line, cells in t.items():
            if "realization_pct" not in cells:
                continue
            pct, raw, _ = cells["realization_pct"]
            if "budget_amended" not in cells or "actual_ytd" not in cells:
                report(
                    "c",
                    key + (line, "realization_pct"),
                    "printed % without budget/actual to check it",
                )
                continue
            ta, tot = cells["budget_amended"][0], cells["actual_ytd"][0]
            expect = Decimal(0) if ta == 0 else tot / ta * 100
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            if key[0] == "001":
                decimals = 1  # 001 prints two decimals but rounds to one (53,70; 1,00 for 1,03)
            # half a unit of the last printed decimal, plus the effect of the
            # printed actual being rounded to the euro (0.5 / budget * 100)
            tol = (
                Decimal("0.5").scaleb(-decimals)
                + (Decimal(50) / abs(ta) if ta else 0)
                + Decimal("1e-9")
            )
            if abs(pct - expect) > tol:
                report(
                    "c",
                    key + (line, "realization_pct"),
                    f"printed {raw} vs actual_ytd / budget_amended * 100 = "
                    f"{fmt(tot)} / {fmt(ta)} = "
                    f"{expect:.2f} (diff {pct - expect:.2f})",
                )


def compare_parent(rule, data, seed, table, parent, children, note=""):
    pkey = (seed, table, parent)
    if pkey not in data:
        report(rule, pkey, "parent table missing")
        return
    pt = data[pkey]
    ckeys = [(seed, table, c) for c in children]
    for ck in ckeys:
        if ck not in data:
            report(rule, ck, "child table missing")
    cts = [data.get(ck, {}) for ck in ckeys]
    order = IS_LINES if table == "income_statement" else BB_LINES
    for ck, ct in zip(ckeys, cts, strict=False):
        for line in ct:
            if line not in pt:
                report(
                    rule,
                    pkey + (line,),
                    f"child {ck[2]} prints {line} but parent {parent} does not",
                )
    for line in [name for name in order if name in pt]:
        for col in AMOUNT_COLS:
            pv = val(pt, line, col)
            if pv is None:
                continue
            have = [(ck[2], val(ct, line, col)) for ck, ct in zip(ckeys, cts, strict=False)]
            printed = [(u, v) for u, v in have if v is not None]
            if not printed:
                continue  # children do not print this line (e.g. 511/512 print only subtotals)
            derived = []
            if line == "VUOSIKATE":
                # a child without financial items prints no VUOSIKATE row:
                # it equals its TOIMINTAKATE
                for i, (u, v) in enumerate(have):
                    if v is None and val(cts[i], "TOIMINTAKATE", col) is not None:
                        have[i] = (u, val(cts[i], "TOIMINTAKATE", col))
                        derived.append(u)
                printed = [(u, v) for u, v in have if v is not None]
            s = sum((v for _, v in printed), Decimal(0))
            diff = pv - s
            if abs(diff) > TOL:
                missing = [u for u, v in have if v is None]
                extra = f"; not printed in {','.join(missing)} (counted 0)" if missing else ""
                if derived:
                    extra += f"; VUOSIKATE of {','.join(derived)} taken from its TOIMINTAKATE"
                scale = pt[line][col][2]
                unit = " (thousand euro)" if scale == 1000 else ""
                report(
                    rule,
                    pkey + (line, col),
                    f"parent {fmt(pv)} vs sum of {'+'.join(children)} = {fmt(s)} "
                    f"(diff {fmt(diff)}{unit}){extra}{note}",
                )


def rule_d(data):
    for seed, pairs in PARENTS.items():
        for parent, children in pairs:
            compare_parent("d", data, seed, "income_statement", parent, children)
    if ("001", "investments", "300") in data:
        compare_parent("d2", data, "001", "investments", "300", ["330", "350"])


def rule_e(data):
    for key, t in data.items():
        seed, table, unit = key
        if table == "investments":
            for col in columns_of(t):
                if col != "realization_pct" and val(t, "NETTO", col) is not None:
                    check_sum("e", key, t, col, "NETTO", ["TULOT", "MENOT"], "TULOT + MENOT")
        if table != "binding_budget":
            continue
        it = data.get((seed, "income_statement", unit))
        if it is None:
            report("e", key, "no income statement for the unit")
            continue
        # NETTO is the unit's Toimintakate, so it also holds Valmistus omaan kayttoon,
        # which is in neither TULOT nor MENOT.
        for col in columns_of(t):
            netto = val(t, "NETTO", col)
            if col == "realization_pct" or netto is None:
                continue
            parts = [val(t, "TULOT", col), val(t, "MENOT", col), val(it, "VALMISTUS", col)]
            expect = sum((p for p in parts if p is not None), Decimal(0))
            if abs(netto - expect) > TOL:
                report(
                    "e",
                    key + ("NETTO", col),
                    f"printed {fmt(netto)} vs TULOT + MENOT + income-statement "
                    f"VALMISTUS = {fmt(expect)} (diff {fmt(netto - expect)})",
                )
        for bb, isl in (
            ("TULOT", "TOIMINTATUOTOT"),
            ("MENOT", "TOIMINTAKULUT"),
            ("NETTO", "TOIMINTAKATE"),
        ):
            for col in COLUMNS:
                a, b = t.get(bb, {}).get(col), it.get(isl, {}).get(col)
                if a is None and b is None:
                    continue
                if a is None or b is None:
                    report(
                        "e",
                        key + (bb, col),
                        f"printed in only one of binding budget / income statement ({isl})",
                    )
                    continue
                if abs(a[0] - b[0]) > (Decimal("0.01") if col == "realization_pct" else TOL):
                    report(
                        "e",
                        key + (bb, col),
                        f"binding budget {a[1]} vs income statement {isl} {b[1]}",
                    )


def main(argv):
    global TOL
    strict = "--strict" in argv
    for a in argv:
        if a.startswith("--tol="):
            TOL = Decimal(a.split("=", 1)[1])  # e.g. --tol=0 also lists euro rounding differences
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    loaded = load(path)
    if loaded is None:
        return 2
    data, errors = loaded
    n = sum(len(c) for t in data.values() for c in t.values())
    print(f"loaded {n} figures in {len(data)} tables from {path}")
    for label, fn in (
        ("(a) subtotals", rule_a),
        ("(b) remaining", rule_b),
        ("(c) realization %", rule_c),
        ("(d) parent = sum of children", rule_d),
        ("(e) binding budget / NETTO", rule_e),
    ):
        before = len(findings)
        print(f"--- {label}")
        fn(data)
        if len(findings) == before:
            print("    ok")
    counts = defaultdict(int)
    for rule, _, _ in findings:
        counts[rule] += 1
    print(
        "--- summary: "
        + (", ".join(f"{k}: {counts[k]}" for k in sorted(counts)) or "no inconsistencies")
        + f"; schema errors: {errors}"
    )
    if errors:
        return 2
    return 1 if (strict and findings) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
