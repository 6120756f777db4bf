"""Turn printed seed figures into allocation targets, year by year."""

from __future__ import annotations

from collections import defaultdict

from demo.allocation import BUCKETS, WHOLE_YEAR, Key, Target
from demo.organisation import Organisation
from demo.report_lines import BINDING_ITEMS, INVESTMENT_SIDES, base_lines_of
from demo.seed_figures import ACTUAL_COLUMNS, SeedFigure


def figure_lines(figure: SeedFigure, base_lines: list[str]) -> set[str]:
    """The base lines (incl. investment sides) a printed figure adds up."""
    if figure.table == "investments":
        return set(INVESTMENT_SIDES[figure.line_code])
    binding = figure.table == "binding_budget"
    line = BINDING_ITEMS[figure.line_code] if binding else figure.line_code
    return base_lines_of(line, figure.reporting_date.year, base_lines)


def buckets_of(months: range, buckets: dict[str, tuple[int, ...]]) -> list[str]:
    chosen = [name for name, span in buckets.items() if span[-1] <= months[-1]]
    covered = sorted(month for name in chosen for month in buckets[name])
    if covered != list(months):
        raise ValueError(f"months {list(months)} do not fall on bucket edges")
    return chosen


def year_targets(
    figures: list[SeedFigure],
    organisation: Organisation,
    base_lines: list[str],
    *,
    budget: bool,
) -> dict[int, list[Target]]:
    """Targets per fiscal year, from the actual (or budget) columns of the figures."""
    columns = ("budget_amended",) if budget else ACTUAL_COLUMNS
    buckets = WHOLE_YEAR if budget else BUCKETS
    result: dict[int, list[Target]] = defaultdict(list)
    for figure in figures:
        if figure.column not in columns:
            continue
        year = figure.data_year
        centres = set(organisation.members_on(figure.unit_code, figure.reporting_date))
        centres &= set(organisation.cost_centres_in_year(year))
        lines = figure_lines(figure, base_lines)
        spans = buckets_of(figure.months, buckets)
        cells = frozenset(
            (centre, line, bucket) for centre in centres for line in lines for bucket in spans
        )
        result[year].append(
            Target(
                label=f"seed {figure.seed} {figure.table} {figure.unit_code} "
                f"{figure.line_code} {figure.column}",
                cells=cells,
                value=float(figure.target_euros),
                tolerance=float(figure.tolerance_euros),
            )
        )
    return dict(result)


def year_keys(
    organisation: Organisation, year: int, lines: list[str], buckets: list[str]
) -> list[Key]:
    return [
        (centre, line, bucket)
        for centre in organisation.cost_centres_in_year(year)
        for line in lines
        for bucket in buckets
    ]
