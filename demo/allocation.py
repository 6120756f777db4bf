"""Solve for cost-centre amounts that reproduce every printed figure of the seed reports.

Each printed figure is a sum over cost centres (those under the unit on the report's
date), base lines (those the printed line adds up in that report year) and periods.
The unknowns are amounts per cost centre, base line and period bucket of one fiscal
year. A small linear programme (scipy's HiGHS) finds amounts whose sums round to every
printed figure; among those it prefers amounts close to a prior (the neighbouring
year's solution) and spread evenly over the year, so that units no report shows still
look like a city.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

BUCKETS: dict[str, tuple[int, ...]] = {"Q1": (1, 2, 3), "Q2": (4, 5, 6), "H2": tuple(range(7, 13))}
WHOLE_YEAR = {"FY": tuple(range(1, 13))}
CENT = Decimal("0.01")

Key = tuple[str, str, str]  # cost centre, base line, bucket


@dataclass(frozen=True)
class Target:
    """One printed figure as a constraint: the cells it sums, the value and the slack."""

    label: str
    cells: frozenset[Key]
    value: float
    tolerance: float


@dataclass
class _Problem:
    keys: list[Key]
    targets: list[Target]
    prior: dict[Key, float]

    @property
    def index(self) -> dict[Key, int]:
        return {key: i for i, key in enumerate(self.keys)}


def solve(
    keys: list[Key],
    targets: list[Target],
    prior: dict[Key, float],
    signs: dict[str, tuple[float | None, float | None]] | None = None,
    usual_signs: dict[str, float] | None = None,
) -> dict[Key, Decimal]:
    """Amounts per cell, in cents, meeting every target within its tolerance.

    `signs` bounds the amounts of a line, e.g. investment income is never negative;
    `usual_signs` (+1 revenue, -1 cost) makes the other sign costly but possible, so a
    negative revenue line appears only where a printed figure needs it.
    """
    signs, usual_signs = signs or {}, usual_signs or {}
    problem = _Problem(keys, targets, prior)
    n, m = len(keys), len(targets)
    pairs = _smoothing_pairs(keys)
    # variable layout: x (n) | |x - prior| (n) | slack (m) | |slack| (m) | |smoothing| (p)
    # | wrong-sign mass (n)
    n_vars = 3 * n + 2 * m + len(pairs)
    cost = np.concatenate(
        [
            np.zeros(n),
            np.ones(n),
            np.zeros(m),
            np.full(m, 1000.0),
            np.full(len(pairs), 0.3),
            np.full(n, 20.0),
        ]
    )
    eq_rows, eq_cols, eq_vals, eq_rhs = [], [], [], []
    index = problem.index
    for row, target in enumerate(targets):
        for key in target.cells:
            eq_rows.append(row), eq_cols.append(index[key]), eq_vals.append(1.0)
        eq_rows.append(row), eq_cols.append(2 * n + row), eq_vals.append(-1.0)
        eq_rhs.append(target.value)
    ub = _AbsRows()
    for i, key in enumerate(keys):
        ub.bound_abs({i: 1.0}, n + i, prior.get(key, 0.0))
    for row in range(m):
        ub.bound_abs({2 * n + row: 1.0}, 2 * n + m + row, 0.0)
    for p, (i, j, weight_j) in enumerate(pairs):
        ub.bound_abs({i: 1.0, j: -weight_j}, 2 * n + 2 * m + p, 0.0)
    wrong_sign = 2 * n + 2 * m + len(pairs)
    for i, (_, line, _) in enumerate(keys):
        if line in usual_signs:  # aux >= -sign * x (and aux >= 0 by its bound)
            ub.bound_below({i: -usual_signs[line]}, wrong_sign + i)
    bounds = (
        [signs.get(line, (None, None)) for _, line, _ in keys]
        + [(0, None)] * n
        + [(-t.tolerance, t.tolerance) for t in targets]
        + [(0, None)] * (m + len(pairs))
        + [(0, None)] * n
    )
    result = linprog(
        cost,
        A_ub=ub.matrix(n_vars),
        b_ub=np.array(ub.rhs),
        A_eq=coo_matrix((eq_vals, (eq_rows, eq_cols)), shape=(m, n_vars)).tocsr() if m else None,
        b_eq=np.array(eq_rhs) if m else None,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(f"the seed figures admit no allocation: {result.message}")
    return {
        key: Decimal(repr(float(value))).quantize(CENT, ROUND_HALF_EVEN)
        for key, value in zip(keys, result.x[:n], strict=True)
    }


def _smoothing_pairs(keys: list[Key]) -> list[tuple[int, int, float]]:
    """Pairs (i, j, w) asking x_i ≈ w·x_j: Q2 like Q1, H2 like twice Q2."""
    index = {key: i for i, key in enumerate(keys)}
    pairs = []
    for centre, line, bucket in keys:
        if bucket == "Q2" and (centre, line, "Q1") in index:
            pairs.append((index[(centre, line, "Q2")], index[(centre, line, "Q1")], 1.0))
        if bucket == "H2" and (centre, line, "Q2") in index:
            pairs.append((index[(centre, line, "H2")], index[(centre, line, "Q2")], 2.0))
    return pairs


class _AbsRows:
    """Rows of `aux >= |expr - constant|`, written as two `<=` inequalities."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.rhs: list[float] = []

    def bound_abs(self, expr: dict[int, float], aux: int, constant: float) -> None:
        for sign in (1.0, -1.0):
            row = len(self.rhs)
            for col, coef in expr.items():
                self.rows.append(row), self.cols.append(col), self.vals.append(sign * coef)
            self.rows.append(row), self.cols.append(aux), self.vals.append(-1.0)
            self.rhs.append(sign * constant)

    def bound_below(self, expr: dict[int, float], aux: int) -> None:
        """aux >= expr, as expr - aux <= 0."""
        row = len(self.rhs)
        for col, coef in expr.items():
            self.rows.append(row), self.cols.append(col), self.vals.append(coef)
        self.rows.append(row), self.cols.append(aux), self.vals.append(-1.0)
        self.rhs.append(0.0)

    def matrix(self, n_vars: int):
        shape = (len(self.rhs), n_vars)
        return coo_matrix((self.vals, (self.rows, self.cols)), shape=shape).tocsr()


def misses(
    solution: dict[Key, Decimal], targets: Iterable[Target], rounding: Callable[[Target], float]
) -> list[str]:
    """Targets whose solved sum is further from the printed value than printing allows."""
    found = []
    for target in targets:
        total = sum((solution.get(key, Decimal(0)) for key in target.cells), Decimal(0))
        if abs(float(total) - target.value) > rounding(target):
            found.append(f"{target.label}: printed {target.value:.0f}, solved {total}")
    return found
