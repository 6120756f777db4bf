"""The least-work floor: what reading the ledger must cost at the least.

    python -m demo.benchmark.floor LANDING_DIR DATABASE_FILE

Every gl_*.csv of LANDING_DIR/finance: Windows-1252 files (those that are not UTF-8)
are transcoded to UTF-8 first in 1 MiB chunks; then one DuckDB statement reads all
files, types every column (decimal-comma amounts with space or no-break-space
thousands, d.m.yyyy dates) and stores the rows in DATABASE_FILE, and one aggregates
them by municipality, year, month, cost centre and account. No validation, no line
numbers, no masking: a lower bound for the product's ingest, not a replacement.
"""

from __future__ import annotations

import codecs
import sys
import tempfile
from pathlib import Path

import duckdb

CHUNK_BYTES = 1 << 20
COLUMNS = [
    "municipality_code", "fiscal_year", "period_month", "posting_date", "voucher_no",
    "cost_centre_code", "account_code", "project_code", "description", "debit", "credit",
]  # fmt: skip


def is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as stream:
        try:
            while chunk := stream.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def as_utf8(path: Path, scratch: Path) -> Path:
    """The file itself when UTF-8 (a BOM is in the skipped header line), else a copy."""
    if is_utf8(path):
        return path
    target = scratch / path.name
    decoder = codecs.getincrementaldecoder("cp1252")()
    with path.open("rb") as source, target.open("wb") as sink:
        while chunk := source.read(CHUNK_BYTES):
            sink.write(decoder.decode(chunk).encode("utf-8"))
    return target


def amount(column: str) -> str:
    cleaned = f"regexp_replace({column}, '[ \u00a0]', '', 'g')"
    return (
        f"coalesce(cast(replace(replace({cleaned}, '\u2212', '-'), ',', '.') as decimal(18, 2)), 0)"
    )


def load(landing: Path, database: Path) -> tuple[int, int]:
    """(ledger rows stored, aggregate rows)."""
    files = sorted((landing / "finance").glob("gl_*.csv"))
    with tempfile.TemporaryDirectory() as scratch, duckdb.connect(str(database)) as con:
        sources = [str(as_utf8(path, Path(scratch))) for path in files]
        text = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in COLUMNS) + "}"
        con.execute(
            "create or replace table ledger as select municipality_code,"
            " cast(fiscal_year as integer) as fiscal_year,"
            " cast(period_month as integer) as period_month,"
            " cast(strptime(posting_date, '%d.%m.%Y') as date) as posting_date,"
            " voucher_no, cost_centre_code, account_code, project_code, description,"
            f" {amount('debit')} as debit, {amount('credit')} as credit"
            f" from read_csv(?, delim=';', quote='\"', escape='\"', header=false, skip=1,"
            f" columns={text}, auto_detect=false)",
            [sources],
        )
        con.execute(
            "create or replace table monthly as select municipality_code, fiscal_year,"
            " period_month, cost_centre_code, account_code, sum(credit - debit) as amount,"
            " count(*) as row_count from ledger group by all"
        )
        rows = con.execute("select count(*) from ledger").fetchone()[0]
        groups = con.execute("select count(*) from monthly").fetchone()[0]
    return rows, groups


if __name__ == "__main__":
    stored, aggregated = load(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"floor: {stored} rows stored, {aggregated} monthly sums")
