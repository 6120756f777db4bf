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


def _validation_seconds(folder: Path, month: Path) -> float:
    """The suite of the month on its staging table (master data absent: timing only)."""
    from expectations.validate import stage_files_table, validate_batch
    from ingest.load import changed_files, stage_batch

    candidate = folder / "gx.duckdb"
    with duckdb.connect(str(candidate)) as con:
        changed, _, _ = changed_files(con, [classify(month)])
        staged = stage_batch(con, "gl_postings", changed)
        stage_files_table(con, staged.table, staged.replaces)
    started = time.perf_counter()
    validate_batch(candidate, staged.table, "gl_postings", [month.name], folder / "gx")
    return time.perf_counter() - started


def _goal_workbook_seconds(folder: Path) -> float:
    from openpyxl import Workbook

    from ingest.goals.goals import read_goals

    book = Workbook()
    sheet = book.active
    sheet.title = "Sitovat tavoitteet"
    sheet.append(["Strateginen päämäärä", "Tavoite 2024", "Toteuma 31.3.", "Tila"])
    for i in range(3000):
        sheet.append(
            ["Kestävä talous" if i % 50 == 0 else None, f"Tavoite {i}", "Tehty.", "Toteutuu"]
        )
    info = book.create_sheet("Tiedot")
    for label, value in (("Kunta", "111"), ("Yksikkö", "300"), ("Raportointipäivä", "31.12.2024")):
        info.append([label, value])
    path = folder / "goals.xlsx"
    book.save(path)
    started = time.perf_counter()
    read_goals(path)
    return time.perf_counter() - started


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
        checks = _validation_seconds(Path(folder), month)
        print(f"great-expectations, same month (incl. GX import): {checks:.2f} s")
        print(f"goal workbook, 3000 goals: read in {_goal_workbook_seconds(Path(folder)):.2f} s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory: {peak:.0f} MiB")
        print(
            f"extrapolated: 300 municipalities x 1 month = {300 * first / 60:.1f} min of parsing"
            f" + {300 * checks / 60:.1f} min of expectations (one process, sequential)"
        )


if __name__ == "__main__":
    main()
