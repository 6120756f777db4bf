"""A goal workbook per municipality (its first sector, year end) for the scale folder.

Binding goals under the four strategic themes with an assessment per quarter and a
status, and a risk table: the shape of demo/data/goals/*.yaml, written by
`demo.goal_workbooks.save_goal_workbook`. The theme cell carries its sub-theme on a
second line, as people write it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demo.goal_workbooks import save_goal_workbook

THEMES = [
    ("Hyvinvoinnin kasvu", "Hyvinvointi lisääntyy"),
    ("Uudistuva työ ja asuminen", "Muuttovoiton vahvistaminen"),
    ("Vahva kaupunkiyhteisö", "Osallisuuden vahvistaminen"),
    ("Kestävä talous", "Käyttötalouden tasapaino"),
]
STATUSES = ["Toteutuu", "Toteutuu osittain", "Ei toteudu", "Ei tietoa"]
QUARTERS = ["31.3.", "30.6.", "30.9.", "31.12."]


def goal_table(municipality: str, unit: str, year: int) -> dict:
    themes = []
    for t, (theme, sub_theme) in enumerate(THEMES):
        goals = [
            {
                "goal": f"Tavoite {t + 1}.{g + 1}: palvelut toimivat – mittari ≥ {70 + g} %",
                "assessments": [f"Tilanne {q}: edennyt suunnitellusti." for q in QUARTERS],
                "status": STATUSES[(t + g) % len(STATUSES)],
            }
            for g in range(2)
        ]
        themes.append({"theme": f"{theme}\n• {sub_theme}", "goals": goals})
    risks = [
        {
            "class": "Taloudellinen riski",
            "risk": "Kustannukset nousevat ennakoitua nopeammin",
            "probability": 2,
            "significance": 3,
            "control": "Kuukausiseuranta; hankintojen ajoitus",
            "outcome": "Seuranta toteutunut",
        }
    ]
    return {
        "municipality": municipality,
        "unit": unit,
        "reporting_date": dt.date(year, 12, 31),
        "responsible": "Talousjohtaja",
        "binding_goals": {"dates": QUARTERS, "goal_header": f"Tavoite {year}", "themes": themes},
        "risks": risks,
    }


def write(goals_dir: Path, municipality: str, unit: str, year: int) -> Path:
    goals_dir.mkdir(parents=True, exist_ok=True)
    path = goals_dir / f"{municipality}_{unit}_{year}-12-31.xlsx"
    return save_goal_workbook(goal_table(municipality, unit, year), path)
