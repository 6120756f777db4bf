"""Create a small raw schema for developing the dbt project.

Usage: python scripts/make_dev_raw.py /tmp/dbtdev/candidate.duckdb

Replaces the raw schema of the given DuckDB file with the hand-checkable dataset the
dbt checks are tested on (dbt_project/fixtures/raw, each file's header says what it
holds): municipality 111 with a reorganisation on 1.1.2025, rents, an investment
account, a budget amendment after the reporting date and a forecast whose subtotal
disagrees with its lines; 398 with one cost centre; 098 whose organisation changes in
mid-year. The goal and controls tables are created empty.
"""

import sys
from pathlib import Path

import duckdb

from ingest.goals.load import ensure_goal_tables
from warehouse.controls.load import ensure_controls_tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
# the clean dataset, in the order the test builds it (without its planted faults)
CLEAN = ("base", "midyear_098", "ingested_files")


def main(path: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(path) as connection:
        connection.execute("drop schema if exists raw cascade")
        for name in CLEAN:
            connection.execute((FIXTURES / f"{name}.sql").read_text(encoding="utf-8"))
        ensure_goal_tables(connection)
        ensure_controls_tables(connection)


if __name__ == "__main__":
    main(sys.argv[1])
