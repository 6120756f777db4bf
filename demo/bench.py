"""`make bench`: speed and memory figures of ingest at national scale, printed, never asserted.

National data is ~300 municipalities × up to 200 000 ledger rows a month. This writes
one 200 000-row month (Windows-1252, the slow path: transcoding first), loads it into a
fresh candidate, loads it again unchanged (must be skipped by hash), and reports time
and peak memory.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

import duckdb

from ingest.landing import classify
from ingest.load import load_file

ROWS = 200_000


def write_month(path: Path, rows: int = ROWS) -> None:
    rng = random.Random(7)
    lines = [
        "Kunta;Tilikausi;Kausi;Tositepvm;Tositenro;Kustannuspaikka;Tili;Projekti;Selite;Debet;Kredit"
    ]
    for i in range(rows):
        amount = f"{rng.randint(1, 999)} {rng.randint(0, 999):03d},{rng.randint(0, 99):02d}"
        debit, credit = (amount, "") if i % 3 else ("", amount)
        lines.append(
            f"398;2026;3;{rng.randint(1, 31)}.3.2026;{i // 4};{1000 + i % 500};"
            f"{4000 + i % 900};;Lasku {i} – palvelu;{debit};{credit}"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        landing = Path(folder) / "finance"
        landing.mkdir()
        month = landing / "gl_398_2026_03.csv"
        started = time.perf_counter()
        write_month(month)
        print(
            f"wrote {ROWS} rows ({month.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        with duckdb.connect(str(Path(folder) / "candidate.duckdb")) as con:
            started = time.perf_counter()
            result = load_file(con, classify(month))
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = load_file(con, classify(month))
            second = time.perf_counter() - started
        print(
            f"ingest, Windows-1252 month: {result.rows} rows in {first:.2f} s "
            f"({result.rows / first:,.0f} rows/s)"
        )
        print(f"ingest, same file again: skipped={again.skipped} in {second:.3f} s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory: {peak:.0f} MiB")
        print(f"extrapolated: 300 municipalities x 1 month = {300 * first / 60:.1f} min of ingest")


if __name__ == "__main__":
    main()
