"""Which municipalities a scale landing folder holds and how many ledger rows each month.

Real 3-digit municipality codes, biggest cities first, so that rank-based (Zipf) weights
give a few big cities and many small ones, as in the national data (Helsinki's ledger
runs to ~200 000 rows a month, a small municipality's to a few hundred).
"""

from __future__ import annotations

from dataclasses import dataclass

# (code, name): the largest cities by population first, then smaller ones.
KNOWN = [
    ("091", "Helsinki"), ("049", "Espoo"), ("837", "Tampere"), ("092", "Vantaa"),
    ("564", "Oulu"), ("853", "Turku"), ("179", "Jyväskylä"), ("398", "Lahti"),
    ("297", "Kuopio"), ("609", "Pori"), ("286", "Kouvola"), ("167", "Joensuu"),
    ("405", "Lappeenranta"), ("109", "Hämeenlinna"), ("905", "Vaasa"), ("743", "Seinäjoki"),
    ("698", "Rovaniemi"), ("491", "Mikkeli"), ("734", "Salo"), ("272", "Kokkola"),
    ("444", "Lohja"), ("638", "Porvoo"), ("106", "Hyvinkää"), ("543", "Nurmijärvi"),
    ("186", "Järvenpää"), ("684", "Rauma"), ("858", "Tuusula"), ("257", "Kirkkonummi"),
    ("211", "Kangasala"), ("202", "Kaarina"), ("285", "Kotka"), ("694", "Riihimäki"),
    ("740", "Savonlinna"), ("245", "Kerava"), ("536", "Nokia"), ("753", "Sipoo"),
    ("927", "Vihti"), ("418", "Lempäälä"), ("604", "Pirkkala"), ("153", "Imatra"),
    ("680", "Raisio"), ("505", "Mäntsälä"), ("098", "Hollola"), ("410", "Laukaa"),
    ("111", "Heinola"), ("560", "Orimattila"), ("182", "Jämsä"), ("851", "Tornio"),
    ("240", "Kemi"), ("205", "Kajaani"), ("915", "Varkaus"), ("593", "Pieksämäki"),
    ("140", "Iisalmi"), ("075", "Hamina"), ("434", "Loviisa"), ("710", "Raasepori"),
    ("445", "Parainen"), ("529", "Naantali"), ("423", "Lieto"), ("908", "Valkeakoski"),
    ("790", "Sastamala"), ("061", "Forssa"), ("430", "Loimaa"), ("895", "Uusikaupunki"),
    ("678", "Raahe"), ("977", "Ylivieska"), ("305", "Kuusamo"), ("992", "Äänekoski"),
    ("016", "Asikkala"), ("316", "Kärkölä"), ("576", "Padasjoki"), ("781", "Sysmä"),
    ("081", "Hartola"), ("018", "Askola"), ("142", "Iitti"), ("235", "Kauniainen"),
]  # fmt: skip
ZIPF_EXPONENT = 1.0
# Busier and quieter months: July holidays, the year-end rush in December.
SEASON = (1.0, 0.95, 1.0, 1.0, 1.0, 1.05, 0.7, 0.85, 1.0, 1.05, 1.05, 1.3)


@dataclass(frozen=True)
class Municipality:
    rank: int  # 0 = the biggest
    code: str
    name: str
    weight: float  # share of all ledger rows, sums to 1 over the folder


def municipalities(count: int) -> list[Municipality]:
    """The `count` biggest (known codes first, then unused codes as 'Kunta NNN')."""
    taken = {code for code, _ in KNOWN}
    extra = [(f"{n:03d}", f"Kunta {n:03d}") for n in range(1, 1000) if f"{n:03d}" not in taken]
    if not 1 <= count <= len(KNOWN) + len(extra):
        raise ValueError(f"--municipalities must be 1 … {len(KNOWN) + len(extra)}")
    chosen = (KNOWN + extra)[:count]
    raw = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(chosen))]
    total = sum(raw)
    return [
        Municipality(rank, code, name, weight / total)
        for rank, ((code, name), weight) in enumerate(zip(chosen, raw, strict=True))
    ]


def rows_per_file(
    places: list[Municipality], years: list[int], total_rows: int
) -> dict[tuple[str, int, int], int]:
    """Ledger rows per (municipality, year, month), summing to `total_rows` exactly.

    Every month file gets at least one row; the rest is shared by weight × season with
    the largest-remainder rule, so the split is deterministic.
    """
    keys = [(p.code, y, m) for p in places for y in years for m in range(1, 13)]
    if total_rows < len(keys):
        raise ValueError(f"--rows must be at least {len(keys)} (one per ledger file)")
    weight = {p.code: p.weight for p in places}
    shares = [weight[code] * SEASON[month - 1] for code, _, month in keys]
    spare = total_rows - len(keys)
    exact = [spare * share / sum(shares) for share in shares]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(keys)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: spare - sum(counts)]:
        counts[i] += 1
    return {key: 1 + n for key, n in zip(keys, counts, strict=True)}
