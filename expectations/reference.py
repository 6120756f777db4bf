"""Reference data the suites check against, read from the dbt seeds (data, not code)."""

import csv
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"


def _rows(name: str, seeds_dir: Path) -> list[dict[str, str]]:
    with (seeds_dir / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@cache
def report_line_codes(seeds_dir: Path = SEEDS_DIR) -> tuple[str, ...]:
    """Every income-statement line code, subtotals included (a forecast may give either)."""
    return tuple(row["line_code"] for row in _rows("report_lines", seeds_dir))


@cache
def postable_line_codes(seeds_dir: Path = SEEDS_DIR) -> tuple[str, ...]:
    """The line codes an account may report on: every line that is not a subtotal."""
    rows = _rows("report_lines", seeds_dir)
    return tuple(row["line_code"] for row in rows if row["is_subtotal"].lower() != "true")


@cache
def account_ranges(seeds_dir: Path = SEEDS_DIR) -> tuple[tuple[int, int], ...]:
    """(first, last) account number of each range the default line mapping covers."""
    rows = _rows("account_line_ranges", seeds_dir)
    return tuple((int(row["range_from"]), int(row["range_to"])) for row in rows)
