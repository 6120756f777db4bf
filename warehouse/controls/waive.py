"""What a waiver may name: the checks, municipalities, units and lines the warehouse
knows (review.store.decisions.add_waiver refuses the rest, naming each value), and the
header of an exported waivers.yaml.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.controls.explanations import report_lines

HEADER = """\
# Poikkeusluvat säännöittäin: tarkistus (check), kunta (municipality), yksikkö (unit;
# `descendants: true`: myös kaikki sen alaiset yksiköt), rivi (line), yksi kausi (period)
# tai kausiväli (period_from / period_to), suurin erotus euroina (max_difference),
# perustelu (reason), nimi (name) ja päättymispäivä (expires). Lisää luvat komennolla
# `toteuma waive` tai tarkistuksen sivulla
# (ne tarkistetaan); tämä tiedosto on päätösvaraston vienti.
# Poikkeusluvalla hyväksytyt poikkeamat näkyvät edelleen tilassa 'waived' eivätkä estä julkaisua.
"""
ITEM_LINES = {"TULOT", "MENOT", "NETTO"}


def unknown_values(audit: Path, warehouse: Path, entry: dict) -> list[str]:
    """What a waiver's entry names that the warehouse does not know: a check that has
    never run, a municipality, unit or line not in the warehouse (Finnish sentences)."""
    if not audit.exists():
        # no run has judged this warehouse: nothing to name the check, unit or line against
        return [
            f"tietovarastolla {warehouse} ei ole vielä yhtään ajoa, joten tarkistusta,"
            " yksikköä ja riviä ei voi tarkistaa: tarkista --warehouse, tai aja ensin"
            " `toteuma run`"
        ]
    problems = []
    checks = _known_checks(audit)
    if entry.get("check") and entry["check"] not in checks:
        close = sorted(name for name in checks if entry["check"] in name)[:5]
        hint = f" (tarkoititko {', '.join(close)}?)" if close else ""
        problems.append(f"tuntematon tarkistus '{entry['check']}'{hint}")
    municipalities = _known_municipalities(audit)
    place = entry.get("municipality")
    if place and str(place) not in municipalities:
        problems.append(
            f"tuntematon kunta '{place}' (tietovarastossa: {', '.join(sorted(municipalities))})"
        )
    if not place and (entry.get("unit") or entry.get("line")) and len(municipalities) > 1:
        # unit and account codes repeat across municipalities: a waiver naming one must
        # name its municipality, or it would waive every municipality's
        problems.append(
            "tietovarastossa on useita kuntia ("
            + ", ".join(sorted(municipalities))
            + "), ja yksikkö- ja tilikoodit toistuvat niissä: anna myös kunta"
        )
    units, lines = _known_units_and_lines(audit, warehouse)
    if entry.get("unit") and str(entry["unit"]) not in units:
        problems.append(f"tuntematon yksikkö '{entry['unit']}'")
    if entry.get("line") and str(entry["line"]) not in lines:
        problems.append(
            f"tuntematon rivi '{entry['line']}' (odotettiin tuloslaskelman rivin koodia, tiliä"
            " tai sitovuustason erää)"
        )
    return problems


def _known_municipalities(audit: Path) -> set[str]:
    """The municipalities whose failures the check history holds."""
    with duckdb.connect(str(audit), read_only=True) as con:
        return {
            row[0]
            for row in con.execute(
                "select distinct municipality_code from audit.check_failures"
                " where municipality_code is not null"
            ).fetchall()
        }


def _known_checks(audit: Path) -> set[str]:
    if not audit.exists():
        return set()
    with duckdb.connect(str(audit), read_only=True) as con:
        return {
            row[0]
            for row in con.execute("select distinct check_name from audit.check_results").fetchall()
        }


def _known_units_and_lines(audit: Path, warehouse: Path) -> tuple[set[str], set[str]]:
    """Units of the organisation and cost centres; lines: report lines, binding items,
    accounts, and whatever a check has named as its line (a goal, a project)."""
    units: set[str] = set()
    lines = set(report_lines().values()) | ITEM_LINES
    if warehouse.exists():
        with duckdb.connect(str(warehouse), read_only=True) as con:
            units |= {
                row[0]
                for row in con.execute("select org_unit_code from marts.dim_org_unit").fetchall()
            }
            lines |= {
                row[0]
                for row in con.execute("select account_code from marts.dim_account").fetchall()
            }
    if audit.exists():
        with duckdb.connect(str(audit), read_only=True) as con:
            found = con.execute(
                "select distinct org_unit_code, line_code from audit.check_failures"
            ).fetchall()
        units |= {unit for unit, _ in found if unit}
        lines |= {line for _, line in found if line}
    return units, lines
