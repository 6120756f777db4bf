"""The morning review in Finnish: words for severities and states, and each failing row
as the numbers a controller checks (unit, line, period, expected, found, difference)."""

from __future__ import annotations

from reports.finnish import euros, period_text

SEVERITY = {"error": "virhe", "warn": "varoitus", "info": "info"}
LAYER = {
    "incoming": "saapuva tiedosto",
    "built": "rakennettu taulu",
    "judgement": "harkinta",
    "waivers": "poikkeusluvat",
}
NOVELTY = {"new": "UUSI", "changed": "MUUTTUNUT", "still": "ENNALLAAN"}
DECISION = {
    "publish": "julkaistu",
    "partial": "julkaistu osittain, osa pidätetty",
    "withheld": "julkaisu pidätetty",
}
HEADINGS = {
    "check_name": "Tarkistus",
    "row_severity": "Vakavuus",
    "status": "Tila",
    "novelty": "Muutos",
    "is_open": "Avoin",
    "municipality_code": "Kunta",
    "org_unit_code": "Yksikkö",
    "org_unit_name": "Yksikön nimi",
    "line_code": "Rivi",
    "line_name": "Rivin nimi",
    "period": "Kausi",
    "expected": "Odotettu (€)",
    "actual": "Löytyi (€)",
    "difference": "Erotus (€)",
    "materiality_threshold": "Olennaisuusraja (€)",
    "source_file": "Tiedosto",
    "source_row": "Rivi tiedostossa",
    "explanation": "Selitys",
    "waiver": "Poikkeuslupa",
}
EXPORT_COLUMNS = tuple(HEADINGS)
EURO_COLUMNS = ("expected", "actual", "difference", "materiality_threshold")


def flat(text: str | None) -> str:
    """A goal text with line breaks stays one line in a heading."""
    return " ".join((text or "").split())


def unit_label(row: dict) -> str:
    """'kunta 049 · 100 Konsernipalvelut': unit codes repeat across municipalities."""
    if not row["org_unit_code"]:
        return f"kunta {row['municipality_code']}" if row["municipality_code"] else "(ei yksikköä)"
    unit = " ".join(part for part in (row["org_unit_code"], row["org_unit_name"]) if part)
    kunta = row.get("municipality_code")
    return f"kunta {kunta} · {unit}" if kunta else unit


def line_label(row: dict) -> str:
    """'Toimintakulut (TOIMINTAKULUT)': the report line's Finnish name with its code."""
    code = flat(row["line_code"])
    if row["line_name"]:
        return f"{row['line_name']} ({code})"
    if code.isdigit() and len(code) == 4:
        return f"tili {code}"
    return code


# File checks whose expected and found are counts of rows, not euros.
ROW_COUNT_CHECKS = ("enough_rows",)


def figures(row: dict) -> str:
    """'odotettu -9 720 700 € · löytyi -10 233 700 € · erotus -513 000 €'; a check of a
    file's row count says rows: 'odotettu 1 779 riviä · löytyi 0 riviä' (the rows of the
    file it replaces, or one for the first of its month)."""
    if row["check_name"].rpartition(".")[2] in ROW_COUNT_CHECKS and row["actual"] is not None:
        return f"odotettu {_count(row['expected'])} riviä · löytyi {_count(row['actual'])} riviä"
    parts = [
        f"{word} {euros(row[column])}"
        for word, column in (
            ("odotettu", "expected"),
            ("löytyi", "actual"),
            ("erotus", "difference"),
        )
        if row[column] is not None
    ]
    if row["row_severity"] == "info" and row["materiality_threshold"] is not None:
        parts.append(f"alle olennaisuusrajan {euros(row['materiality_threshold'])}")
    return " · ".join(parts)


def _count(value) -> str:
    return "?" if value is None else f"{int(value):,}".replace(",", "\u00a0")


def place(row: dict) -> str:
    """Where to look: the file and line, and the accepted deviation if waived."""
    parts = []
    if row["source_file"]:
        line = f", rivi {row['source_row']}" if row["source_row"] is not None else ""
        parts.append(f"tiedosto {row['source_file']}{line}")
    if row["status"] == "waived":
        parts.append(f"poikkeuslupa: {row['waiver']}")
    return " · ".join(parts)


def heading(row: dict) -> str:
    """The row's first line: state, period and line."""
    marks = [NOVELTY.get(row["novelty"] or "", "")]
    if row["status"] == "waived":
        marks.append("VAPAUTETTU")
    if row["row_severity"] != row["severity"]:
        marks.append(SEVERITY.get(row["row_severity"], row["row_severity"]).upper())
    mark = " ".join(m for m in marks if m)
    what = " · ".join(part for part in (period_text(row["period"]), line_label(row)) if part)
    return f"[{mark}] {what}" if mark else what
