"""What a controller's script does with the exports today: pandas, file by file.

    python -m demo.benchmark.pandas_script LANDING_DIR

`pandas.read_csv` per gl_*.csv (UTF-8, falling back to Windows-1252), the columns the
sums need as text, concatenated; amounts parsed (decimal comma, space or no-break-space
thousands) and the date typed; then grouped by municipality, year, month, cost centre
and account. Amounts are float64, as such scripts have them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

KEYS = ["kunta", "tilikausi", "kausi", "kustannuspaikka", "tili"]
USED = [*KEYS, "tositepvm", "debet", "kredit"]


def read_month(path: Path) -> pd.DataFrame:
    def used(name: str) -> bool:
        return name.replace("\ufeff", "").strip().lower() in USED

    for encoding in ("utf-8-sig", "cp1252"):
        try:
            frame = pd.read_csv(
                path, sep=";", dtype=str, encoding=encoding, usecols=used, keep_default_na=False
            )
            break
        except UnicodeDecodeError:
            continue
    frame.columns = [name.replace("\ufeff", "").strip().lower() for name in frame.columns]
    return frame


def euros(column: pd.Series) -> pd.Series:
    text = column.str.replace(r"[\s\u00a0]", "", regex=True).str.replace(",", ".")
    return pd.to_numeric(text.str.replace("\u2212", "-"), errors="coerce").fillna(0.0)


def monthly_sums(landing: Path) -> pd.Series:
    files = sorted((landing / "finance").glob("gl_*.csv"))
    ledger = pd.concat([read_month(path) for path in files], ignore_index=True)
    ledger["tositepvm"] = pd.to_datetime(ledger["tositepvm"], format="%d.%m.%Y")
    ledger["amount"] = euros(ledger["kredit"]) - euros(ledger["debet"])
    return ledger.groupby(KEYS)["amount"].sum()


if __name__ == "__main__":
    sums = monthly_sums(Path(sys.argv[1]))
    print(f"pandas: {len(sums)} monthly sums, total {sums.sum():,.2f}")
