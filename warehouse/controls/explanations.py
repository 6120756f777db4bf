"""Explanations: what a unit tells the board about its quarter, as Markdown files.

    controls/explanations/<municipality>/<unit>/<date>.md      e.g. 111/600/2026-03-31.md

The text before the first `## ` heading is the unit's narrative (the reports print it
above the unit's table as "VASTUUALUEEN TOIMINNAN JA TALOUDEN TOTEUTUMINEN"). Each
`## ` section explains one income-statement line, named by its Finnish name or code:
`## Henkilöstökulut` or `## Henkilöstökulut (HENKILOSTO)`. A section explains the line
for its unit and every unit under it. The date may be written 2026-03-31 or 31.3.2026.

Why files and not a sheet of the goal workbook: an explanation is a controller's text,
written and reviewed like a waiver (in git, diffable, with its author in the history),
often after the workbook came in; and a missing explanation must never quarantine the
workbook that carries the unit's goals.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from reports.finnish import parse_date

REPORT_LINES = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "report_lines.csv"
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_CODE = re.compile(r"\(([A-Z_]+)\)\s*$")


@dataclass(frozen=True)
class Section:
    municipality: str
    unit: str
    reporting_date: dt.date
    seq: int  # 0 = the narrative before the first heading
    heading: str | None
    line_code: str | None  # None: the narrative, or a heading that names no line
    body: str
    source_file: str  # relative to the controls folder


def report_lines() -> dict[str, str]:
    """Finnish line name -> code, from the report-line seed (names and codes both match)."""
    with REPORT_LINES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row["line_name"]: row["line_code"] for row in rows}


def read_explanations(root: Path) -> tuple[list[Section], list[dict]]:
    """Every section of every explanation file, and problems found (file, line, what)."""
    lines = report_lines()
    sections: list[Section] = []
    problems: list[dict] = []
    if not root.is_dir():
        return sections, problems
    for path in sorted(root.glob("*/*/*.md")):
        relative = path.relative_to(root.parent).as_posix()
        municipality, unit = path.parent.parent.name, path.parent.name
        try:
            day = parse_date(path.stem)
        except ValueError:
            problems.append(_problem(relative, 1, f"'{path.stem}' ei ole raportointipäivä"))
            continue
        text = read_text(path)
        if text is None:
            problems.append(
                _problem(relative, 1, "tiedosto ei ole tekstiä (UTF-8, UTF-16 tai Windows-1252)")
            )
            continue
        found, wrong = sections_of(text, lines)
        for seq, (heading, code, body) in enumerate(found):
            sections.append(Section(municipality, unit, day, seq, heading, code, body, relative))
        problems += [
            _problem(relative, number, f"otsikko '{text}' ei nimeä tuloslaskelman riviä")
            for number, text in wrong
        ]
    return sections, problems


def read_text(path: Path) -> str | None:
    """A text file as a person saved it: UTF-8 (with or without BOM), UTF-16 with a BOM,
    or Windows-1252 (Notepad's "ANSI"); None when it is none of them."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text.replace("\r\n", "\n")
    return None


def sections_of(text: str, lines: dict[str, str]):
    """An explanation's text as [(heading, line code, body)] (heading None: the narrative)
    and [(line number, heading)] for the headings that name no report line."""
    codes = set(lines.values())
    by_name = {name.casefold(): code for name, code in lines.items()}
    found: list[list] = [[None, None, []]]
    wrong: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.match(line)
        if not heading:
            found[-1][2].append(line)
            continue
        title = heading.group(1)
        code = _CODE.search(title)
        matched = code.group(1) if code and code.group(1) in codes else None
        if matched is None:
            matched = by_name.get(_CODE.sub("", title).strip().casefold())
        if matched is None:
            matched = title.strip() if title.strip() in codes else None
        if matched is None:
            wrong.append((number, title))
        found.append([title, matched, []])
    sections = [(h, c, "\n".join(body).strip()) for h, c, body in found]
    return [s for s in sections if s[0] is not None or s[2]], wrong


def _problem(file: str, line: int, what: str) -> dict:
    return {"source_file": file, "source_row": line, "problem": what}
