"""One municipality's organisation history: KUNTA → TOIMIALA → PALVELUALUE → VASTUUALUE
→ KUSTANNUSPAIKKA, sized by its ledger, with one reorganisation.

Every cost centre k has the code str(10000 + k). On 1 January of the reorganisation
year every tenth cost centre moves under a responsibility area of another service area
(two rows of the code, non-overlapping validity), one cost centre closes at the end of
the year before and one opens. Cost centre 10000 takes the city-level postings (taxes,
state grants, financial items). Every ninth cost centre hangs directly under its service
area (a ragged branch, as real hierarchies have).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SINCE = dt.date(2000, 1, 1)
SECTORS = [
    "Konsernipalvelut",
    "Sivistystoimiala",
    "Sosiaali- ja terveystoimiala",
    "Kaupunkiympäristön toimiala",
    "Kulttuurin ja vapaa-ajan toimiala",
    "Elinvoimatoimiala",
]
SERVICE_AREAS = [
    "Talouspalvelut", "Hallintopalvelut", "Varhaiskasvatus", "Perusopetus", "Lukiokoulutus",
    "Kotihoito", "Työllisyyspalvelut", "Kaavoitus", "Tilapalvelut", "Ympäristöpalvelut",
    "Kirjastopalvelut", "Liikuntapalvelut", "Nuorisopalvelut", "Elinkeinopalvelut",
]  # fmt: skip
PLACES = [
    "Päiväkoti", "Koulu", "Kirjasto", "Terveysasema", "Kotihoidon tiimi", "Liikuntahalli",
    "Kunnossapito", "Hallinto", "Nuorisotila", "Työpaja", "Ruokapalvelu", "Siivous",
]  # fmt: skip
CENTRAL_COST_CENTRE = "10000"
ROWS_PER_COST_CENTRE = 300  # ledger rows a month per cost centre, on average


@dataclass(frozen=True)
class UnitRow:
    """One row of org_<kunta>.csv; valid_to None = still valid."""

    code: str
    name: str
    level: str
    parent: str | None
    valid_from: dt.date
    valid_to: dt.date | None

    def valid_in(self, year: int) -> bool:
        ends = self.valid_to or dt.date(9999, 12, 31)
        return self.valid_from <= dt.date(year, 1, 1) and ends >= dt.date(year, 12, 31)


@dataclass(frozen=True)
class Organisation:
    municipality: str
    units: list[UnitRow]
    reorganised: int  # the year whose 1 January the reorganisation takes effect

    def cost_centres_in(self, year: int) -> list[UnitRow]:
        """The cost centre versions valid all through `year` (changes fall on 1 January)."""
        return [u for u in self.units if u.level == "KUSTANNUSPAIKKA" and u.valid_in(year)]


def cost_centre_count(monthly_rows: int) -> int:
    return max(8, min(2000, monthly_rows // ROWS_PER_COST_CENTRE))


def build(municipality: str, name: str, monthly_rows: int, reorganised: int) -> Organisation:
    """The organisation of a municipality whose busiest ledger month has `monthly_rows`."""
    centres = cost_centre_count(monthly_rows)
    sectors = 2 + min(4, centres // 60)
    per_sector = 2 + min(7, centres // 150)
    per_area = 2 + min(7, centres // 300)
    units = [UnitRow("1", name, "KUNTA", None, SINCE, None)]
    areas: list[str] = []  # responsibility areas, in code order
    service_of: dict[str, str] = {}
    for s in range(1, sectors + 1):
        units.append(UnitRow(f"{s}00", SECTORS[s - 1], "TOIMIALA", "1", SINCE, None))
        for p in range(1, per_sector + 1):
            service = f"{s}{p}0"
            label = SERVICE_AREAS[(s * 3 + p) % len(SERVICE_AREAS)]
            units.append(UnitRow(service, label, "PALVELUALUE", f"{s}00", SINCE, None))
            for v in range(1, per_area + 1):
                area = f"{s}{p}{v}"
                units.append(
                    UnitRow(area, f"{label} – vastuualue {v}", "VASTUUALUE", service, SINCE, None)
                )
                areas.append(area)
                service_of[area] = service
    units += _cost_centres(centres, areas, service_of, reorganised)
    return Organisation(municipality, units, reorganised)


def _cost_centres(
    count: int, areas: list[str], service_of: dict[str, str], reorganised: int
) -> list[UnitRow]:
    before = dt.date(reorganised - 1, 12, 31)
    on = dt.date(reorganised, 1, 1)
    # A responsibility area of the next service area: a move across the old structure.
    stride = len(areas) // len(set(service_of.values()))
    rows = []
    for k in range(count + 2):
        code, area = str(10000 + k), areas[k % len(areas)]
        parent = service_of[area] if k % 9 == 8 else area
        name = "Verotulot ja valtionosuudet" if k == 0 else f"{PLACES[k % len(PLACES)]} {k}"
        if k == count:  # opens at the reorganisation
            rows.append(UnitRow(code, name, "KUSTANNUSPAIKKA", parent, on, None))
        elif k == count + 1:  # closes the day before it
            rows.append(UnitRow(code, name, "KUSTANNUSPAIKKA", parent, SINCE, before))
        elif k % 10 == 3 and parent == area:
            moved = areas[(k + stride) % len(areas)]
            rows.append(UnitRow(code, name, "KUSTANNUSPAIKKA", parent, SINCE, before))
            rows.append(UnitRow(code, name, "KUSTANNUSPAIKKA", moved, on, None))
        else:
            rows.append(UnitRow(code, name, "KUSTANNUSPAIKKA", parent, SINCE, None))
    return rows
