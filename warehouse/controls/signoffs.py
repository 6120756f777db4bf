"""Sign-off records (controls/signoffs.yaml) and the figures each one approved.

A record says who approved which reporting date and unit (no unit: the whole
municipality), when, as which OS user, and the fingerprint (sha256) of the approved
figures file beside it in controls/approved/. The file holds every review row of the
scope as approved: the run publishes these figures for the scope while the record is
the latest for it, whatever the ledger says later. The store writes these files
(review.store.folder.export_folder); this module reads them. A record whose file is missing or
does not match its fingerprint is reported and not used.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal

import yaml

from warehouse.controls.folder import ControlsFolder

FIGURE_COLUMNS = ("tp_prior_year", "actual_prior_ytd", "budget_amended", "actual_ytd", "forecast")
FILE_COLUMNS = (
    "table_name",
    "org_unit_code",
    "org_unit_name",
    "org_level",
    "is_valid_on_reporting_date",
    "line_code",
    *FIGURE_COLUMNS,
)
HEADER = """\
# Sign-offs: a controller approved the published figures of a reporting date for a unit
# and everything under it (no unit: the whole municipality). Written by `toteuma signoff`
# only; never edit by hand. `figures` is the approved figures file, `fingerprint` its sha256.
# The latest sign-off of a date and unit is in force; approving a year-end date closes
# that year for the unit.
"""


@dataclass(frozen=True)
class SignOff:
    position: int  # 1-based entry number in signoffs.yaml: the record's id
    municipality: str
    reporting_date: dt.date
    unit: str | None  # None: the whole municipality
    by: str
    os_user: str
    at: dt.datetime  # UTC, naive
    fingerprint: str
    figures: str  # path relative to the controls folder
    comment: str | None = None

    @property
    def signoff_id(self) -> str:
        return f"signoffs.yaml#{self.position}"

    @property
    def scope(self) -> str:
        return f"yksikkö {self.unit}" if self.unit else f"kunta {self.municipality}"


def load_signoffs(folder: ControlsFolder) -> list[SignOff]:
    if not folder.signoffs.exists():
        return []
    document = yaml.safe_load(folder.signoffs.read_text(encoding="utf-8")) or {}
    records = []
    for position, entry in enumerate(document.get("signoffs") or [], start=1):
        required = ("municipality", "date", "by", "os_user", "at", "fingerprint", "figures")
        missing = [key for key in required if not entry.get(key)]
        if missing:
            raise ValueError(f"signoffs.yaml, hyväksyntä {position}: puuttuu {', '.join(missing)}")
        records.append(
            SignOff(
                position=position,
                municipality=str(entry["municipality"]),
                reporting_date=_date(entry["date"]),
                unit=None if entry.get("unit") in (None, "") else str(entry["unit"]),
                by=str(entry["by"]),
                os_user=str(entry["os_user"]),
                at=_utc(entry["at"]),
                fingerprint=str(entry["fingerprint"]),
                figures=str(entry["figures"]),
                comment=None if entry.get("comment") is None else str(entry["comment"]),
            )
        )
    return records


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _utc(value) -> dt.datetime:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def figures_bytes(rows: list[dict]) -> bytes:
    """The approved figures as a CSV whose bytes are the same for the same figures."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FILE_COLUMNS)
    for row in sorted(rows, key=lambda r: (r["table_name"], r["org_unit_code"], r["line_code"])):
        writer.writerow([_cell(row.get(column)) for column in FILE_COLUMNS])
    return buffer.getvalue().encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, float, int)):
        return f"{Decimal(str(value)):.2f}"
    return str(value)


def fingerprint(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_figures(folder: ControlsFolder, record: SignOff) -> list[dict]:
    """The approved rows of a sign-off; ValueError when the file is missing or altered."""
    path = folder.root / record.figures
    if not path.is_file():
        raise ValueError(f"hyväksyttyjen lukujen tiedosto {record.figures} puuttuu")
    data = path.read_bytes()
    if fingerprint(data) != record.fingerprint:
        raise ValueError(
            f"hyväksyttyjen lukujen tiedosto {record.figures} ei vastaa sormenjälkeään"
            " (muokattu käsin?)"
        )
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    for row in rows:
        row["is_valid_on_reporting_date"] = row["is_valid_on_reporting_date"] == "true"
        for column in FIGURE_COLUMNS:
            row[column] = Decimal(row[column]) if row[column] else None
    return rows
