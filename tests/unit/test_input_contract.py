"""docs/input_contract.md and the registry of finance file kinds (ingest/sources.py) say
the same: every kind's file name, and its columns in order with the headers they have."""

import re
from pathlib import Path

from ingest.sources import SOURCES

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "input_contract.md"


def _tables() -> dict[str, list[list[str]]]:
    """Each section's file name (its heading up to ' — ') → the rows of its table."""
    sections = re.split(r"(?m)^## ", CONTRACT.read_text(encoding="utf-8"))[1:]
    tables = {}
    for section in sections:
        heading, _, body = section.partition("\n")
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in body.splitlines()
            if line.startswith("|")
        ]
        tables[heading.split(" — ")[0].strip("` ")] = rows[2:]  # after header, separator
    return tables


def test_each_finance_file_has_the_registrys_columns_and_headers():
    tables = _tables()
    for source in SOURCES.values():
        documented = [(row[0], row[1]) for row in tables[source.shown_name]]
        registered = [
            (column.header or ("(file name)" if column.name_part else "(computed)"), column.name)
            for column in source.columns
        ]
        assert documented == registered, source.kind


def test_the_folder_lists_every_finance_file_and_no_other():
    folder = CONTRACT.read_text(encoding="utf-8").split("```")[1]
    listed = re.findall(r"^\s+(\S+\.csv)\s", folder, flags=re.MULTILINE)
    assert listed == [source.shown_name for source in SOURCES.values()]
