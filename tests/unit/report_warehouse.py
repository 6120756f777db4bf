"""A tiny published warehouse for the pack and report tests: one sector (300), a service
area under it (310) and a responsibility area under that (311) on 31.3.2026, with the
review, meta, audit and organisation tables the documents read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb

MARCH = dt.date(2026, 3, 31)
RUN_ID = "0b5e2c1a-1111-4c2d-9e3f-123456789abc"
PUBLISHED_AT = dt.datetime(2026, 4, 2, 0, 5)  # UTC: 3.05 in Helsinki
APPROVED_AT = dt.datetime(2026, 4, 15, 9, 30)
UNITS = {
    "300": ("Elinvoimalautakunnan toimiala", "TOIMIALA", None),
    "310": ("Työllisyyspalvelut", "PALVELUALUE", "300"),
    "311": ("Pajatoiminta ja nuorten työllistämisen palvelut", "VASTUUALUE", "310"),
}
REPORT_LINES = """MYYNTI;Myyntituotot;revenue
MAKSU;Maksutuotot;revenue
TUET;Tuet ja avustukset;revenue
VUOKRA_T;Vuokratuotot;revenue
MUUT_T;Muut toimintatuotot;revenue
TOIMINTATUOTOT;Toimintatuotot;subtotal
VALMISTUS;Valmistus omaan käyttöön;revenue
HENKILOSTO;Henkilöstökulut;cost
PALVELUT;Palvelujen ostot;cost
AINEET;Aineet, tarvikkeet ja tavarat;cost
AVUSTUKSET;Avustukset;cost
VUOKRA_K;Vuokrakulut;cost
MUUT_K;Muut toimintakulut;cost
TOIMINTAKULUT;Toimintakulut;subtotal
TOIMINTAKATE;Toimintakate;subtotal
VEROTULOT;Verotulot;revenue
VALTIONOSUUDET;Valtionosuudet;revenue
RAHOITUS;Rahoitustuotot ja -kulut;mixed
VUOSIKATE;Vuosikate;subtotal
POISTOT;Poistot ja arvonalentumiset;cost
SATUNNAISET;Satunnaiset erät;mixed
TULOS;Tilikauden tulos;subtotal"""
LINES = [  # code, name, order, kind
    (code, name, order, kind)
    for order, (code, name, kind) in enumerate(
        (line.split(";") for line in REPORT_LINES.splitlines()), start=1
    )
]
# (TP, TOT prior, TA, TOT, forecast) per unit and line; a line not listed is all zeros.
FIGURES = {
    "310": {
        "MYYNTI": (236279, 50000, 727500, 149574.4, 727500),
        "TUET": (-132480, 0, 572000, 108267, 572000),
        "TOIMINTATUOTOT": (103799, 50000, 1299500, 257841.4, 1299500),
        "VALMISTUS": (0.28, 0, 0, -0.55, None),  # cents: not a line for the board
        "HENKILOSTO": (-3844890.4, -900000, -3935100, -920562, -3935100),
        "PALVELUT": (-1061646, -250000, -1324100, -444491, -1324100),
        "TOIMINTAKULUT": (-4906536.4, -1150000, -5259200, -1365053, -4959200),
        "TOIMINTAKATE": (-4802737.12, -1100000, -3959700, -1107211.6, -3659700),
        "VUOSIKATE": (-4802737.12, -1100000, -3959700, -1107211.6, -3659700),
        "POISTOT": (-137125, -30000, -62500, -15000, -62500),
        "TULOS": (-4939862.12, -1130000, -4022200, -1122211.6, -3722200),
    },
    "311": {
        "TOIMINTATUOTOT": (-0.83, 0, 0, 0.55, None),
        "HENKILOSTO": (-671975.56, -201811, -742400, -199953, None),
        "TOIMINTAKULUT": (-671975.56, -201811, -742400, -199953, -737400),
        "TOIMINTAKATE": (-671976.39, -201811, -742400, -199952.45, -737400),
    },
    "300": {
        "MYYNTI": (1000, 100, 2000, 400, None),
        "TOIMINTATUOTOT": (1000, 100, 2000, 400, None),
        "HENKILOSTO": (-5000, -1000, -6000, -1400, None),
        "TOIMINTAKULUT": (-5000, -1000, -6000, -1400, None),
        "TOIMINTAKATE": (-4000, -900, -4000, -1000, None),
        "VUOSIKATE": (-4000, -900, -4000, -1000, None),
        "TULOS": (-4000, -900, -4000, -1000, None),
    },
}
EXPLANATION = "Työllisyyspalvelujen neljännes (testi): toiminta eteni suunnitellusti."
UNIT = "municipality_code varchar, reporting_date date, org_unit_code varchar, org_unit_name varchar, org_level varchar, is_valid_on_reporting_date boolean"  # noqa: E501
FIGURE_COLUMNS = "tp_prior_year decimal(18,2), actual_prior_ytd decimal(18,2), budget_amended decimal(18,2), actual_ytd decimal(18,2), remaining decimal(18,2), realization_pct decimal(9,2)"  # noqa: E501
RELEASE = "release_status varchar, approved_by varchar, approved_at timestamp"
GOAL = "municipality_code varchar, org_unit_code varchar, reporting_date date"
SOURCE = "source_file varchar, source_row integer"
TABLES = {
    "review.income_statement": f"{UNIT}, line_code varchar, line_name varchar, line_order integer, line_kind varchar, {FIGURE_COLUMNS}, forecast decimal(18,2), {RELEASE}",  # noqa: E501
    "review.binding_budget": f"{UNIT}, item_code varchar, item_order integer, {FIGURE_COLUMNS}, {RELEASE}",  # noqa: E501
    "review.investments": f"{UNIT}, item_code varchar, item_order integer, {FIGURE_COLUMNS}, {RELEASE}",  # noqa: E501
    "review.explanations": f"municipality_code varchar, reporting_date date, org_unit_code varchar, org_unit_name varchar, section_seq integer, heading varchar, line_code varchar, line_name varchar, explanation_text varchar, source_file varchar, {RELEASE}",  # noqa: E501
    "review.releases": "municipality_code varchar, reporting_date date, org_unit_code varchar, org_unit_name varchar, org_level varchar, status_seq integer, release_status varchar, approved_by varchar, approved_at timestamp, is_current_status boolean, has_changed_figures boolean",  # noqa: E501
    "review.goals": f"{GOAL}, goal_kind varchar, theme varchar, goal_text varchar, measure_text varchar, responsible varchar, assessment_text varchar, status varchar, {SOURCE}, {RELEASE}",  # noqa: E501
    "review.indicators": f"municipality_code varchar, org_unit_code varchar, indicator_name varchar, year integer, kind varchar, value_seq integer, value_text varchar, reporting_date date, {SOURCE}, {RELEASE}",  # noqa: E501
    "review.risks": f"{GOAL}, risk_class varchar, risk_text varchar, probability integer, significance integer, risk_score integer, control_measure varchar, control_status_text varchar, {SOURCE}, {RELEASE}",  # noqa: E501
    "review.projects": f"{GOAL}, theme varchar, project_name varchar, period_text varchar, total_funding decimal(18,2), funders varchar, city_share_pct decimal(9,2), city_share_text varchar, expense_realization_pct decimal(9,2), status_text varchar, {SOURCE}, {RELEASE}",  # noqa: E501
    "meta.publication": "published_at timestamp, run_id varchar",
    "audit.check_failures": "run_id varchar, check_name varchar, severity varchar, status varchar, municipality_code varchar, org_unit_code varchar, line_code varchar, period varchar, expected decimal(18,2), actual decimal(18,2), difference decimal(18,2), source_file varchar, source_row integer, explanation varchar, details varchar, waiver varchar, row_severity varchar",  # noqa: E501
    "marts.dim_org_unit": "municipality_code varchar, org_unit_code varchar, org_unit_name varchar, org_level varchar, parent_code varchar, valid_from_date date, valid_to_date date",  # noqa: E501
}
GOAL_FILE = "111_310_2026-03-31.xlsx"


def build_warehouse(path: Path, approved: frozenset[str] = frozenset({"311"})) -> Path:
    """GIVEN a published warehouse of 31.3.2026 in which the units in `approved` are
    signed off and the others preliminary."""
    with duckdb.connect(str(path)) as connection:
        for schema in ("review", "meta", "audit", "marts"):
            connection.execute(f"create schema {schema}")
        for table, columns in TABLES.items():
            connection.execute(f"create table {table} ({columns})")
        rows = _rows(approved)
        for table, table_rows in rows.items():
            _insert(connection, table, table_rows)
    return path


def _rows(approved: frozenset[str]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    for code, (name, level, parent) in UNITS.items():
        unit = _unit(code, name, level, approved)
        rows["review.income_statement"] += _statement(unit, FIGURES[code])
        rows["review.investments"] += _investments(unit, code)
        rows["review.releases"].append({**unit, "status_seq": 0, "is_current_status": True})
        rows["marts.dim_org_unit"].append(
            {"municipality_code": "111", "org_unit_code": code, "org_unit_name": name,
             "org_level": level, "parent_code": parent,
             "valid_from_date": dt.date(2025, 1, 1), "valid_to_date": dt.date(9999, 12, 31)}
        )  # fmt: skip
    sector = _unit("300", *UNITS["300"][:2], approved)
    rows["review.binding_budget"] = [
        {**sector, "item_code": item, "item_order": order, **_figures((a, 0, b, c, None))}
        for item, order, a, b, c in (
            ("TULOT", 1, 1000, 2000, 400),
            ("MENOT", 2, -5000, -6000, -1400),
            ("NETTO", 3, -4000, -4000, -1000),
        )  # noqa: E501
    ]
    rows["marts.dim_org_unit"].append(
        {"municipality_code": "111", "org_unit_code": "1", "org_unit_name": "Heinolan kaupunki",
         "org_level": "KUNTA", "parent_code": None, "valid_from_date": dt.date(2000, 1, 1),
         "valid_to_date": dt.date(9999, 12, 31)}
    )  # fmt: skip
    service_area = _unit("310", *UNITS["310"][:2], approved)
    rows["review.explanations"] = _explanations(service_area)
    rows.update(_goal_rows(service_area))
    rows["meta.publication"] = [{"published_at": PUBLISHED_AT, "run_id": RUN_ID}]
    rows["audit.check_failures"] = _failures()
    return rows


def _unit(code: str, name: str, level: str, approved: frozenset[str]) -> dict:
    approver = ("approved", "Controller (testi)", APPROVED_AT)
    status, by, at = approver if code in approved else ("preliminary", None, None)
    release = {"release_status": status, "approved_by": by, "approved_at": at}  # fmt: skip
    return {"municipality_code": "111", "reporting_date": MARCH, "org_unit_code": code,
            "org_unit_name": name, "org_level": level, "is_valid_on_reporting_date": True,
            **release}  # fmt: skip


def _figures(values: tuple) -> dict:
    tp, prior, budget, actual, _forecast = (
        Decimal(str(v)) if v is not None else None for v in values
    )
    pct = (actual / budget * 100).quantize(Decimal("0.01")) if budget else Decimal(0)
    return {"tp_prior_year": tp, "actual_prior_ytd": prior, "budget_amended": budget,
            "actual_ytd": actual, "remaining": budget - actual, "realization_pct": pct}  # fmt: skip


def _statement(unit: dict, figures: dict) -> list[dict]:
    rows = []
    for code, name, order, kind in LINES:
        values = figures.get(code, (0, 0, 0, 0, None))
        forecast = Decimal(str(values[4])) if values[4] is not None else None
        rows.append({**unit, "line_code": code, "line_name": name, "line_order": order,
                     "line_kind": kind, **_figures(values), "forecast": forecast})  # fmt: skip
    return rows


def _investments(unit: dict, code: str) -> list[dict]:
    menot = (
        (-38279, -9569.75, -210000, -726, None) if code in ("300", "310") else (0, 0, 0, 0, None)
    )
    return [
        {**unit, "item_code": item, "item_order": order, **_figures(values)}
        for item, order, values in (
            ("TULOT", 1, (0, 0, 0, 0, None)),
            ("MENOT", 2, menot),
            ("NETTO", 3, menot),
        )  # noqa: E501
    ]


def _explanations(unit: dict) -> list[dict]:
    base = {
        key: unit[key]
        for key in ("municipality_code", "reporting_date", "org_unit_code", "org_unit_name")
    }  # noqa: E501
    release = {key: unit[key] for key in ("release_status", "approved_by", "approved_at")}
    source = {"source_file": "explanations/111/310/2026-03-31.md", **release}
    return [
        {**base, "section_seq": 0, "heading": None, "line_code": None, "line_name": None,
         "explanation_text": EXPLANATION, **source},
        {**base, "section_seq": 1, "heading": "Henkilöstökulut (HENKILOSTO)",
         "line_code": "HENKILOSTO", "line_name": "Henkilöstökulut",
         "explanation_text": "Avoimia tehtäviä täytettiin vaiheittain.", **source},
    ]  # fmt: skip


def _goal_rows(unit: dict) -> dict[str, list[dict]]:
    base = {"municipality_code": "111", "org_unit_code": "310", "reporting_date": MARCH,
            "source_file": GOAL_FILE, "release_status": unit["release_status"],
            "approved_by": None, "approved_at": None}  # fmt: skip
    theme = "Uudistuva työ ja asuminen"
    goals = [
        {**base, "goal_kind": "binding", "theme": theme, "goal_text": "Työllisyysaste nousee.",
         "assessment_text": "Kehitys on myönteistä.", "status": "Toteutuu", "source_row": 2},
        {**base, "goal_kind": "binding", "theme": theme, "goal_text": "Nuorten työpajat jatkuvat.",
         "assessment_text": "Pajat toimivat.", "status": "Toteutuu osittain", "source_row": 3},
        {**base, "goal_kind": "operational", "theme": theme, "goal_text": "Yrityskumppanuudet.",
         "measure_text": "20 kumppania", "responsible": "Työllisyyspäällikkö",
         "assessment_text": None, "status": "Ei tietoa", "source_row": 2},
    ]  # fmt: skip
    risks = [
        {**base, "risk_class": "Toiminnallinen", "risk_text": "Työkuorma jakautuu epätasaisesti.",
         "probability": 2, "significance": 3, "risk_score": 6, "control_measure": "Tasataan.",
         "control_status_text": None, "source_row": 2},
    ]  # fmt: skip
    projects = [
        {**base, "theme": theme, "project_name": "Pajahanke", "period_text": "2025–2026",
         "total_funding": Decimal("176987"), "funders": "ELY-keskus",
         "city_share_pct": Decimal(25), "city_share_text": None,
         "expense_realization_pct": Decimal(66), "status_text": "Käynnissä.", "source_row": 2},
    ]  # fmt: skip
    indicators = [
        {**base, "indicator_name": "Yrityskumppaneiden määrä", "year": 2025, "kind": "actual",
         "value_seq": 1, "value_text": "24", "source_row": 3},
        {**base, "indicator_name": "Yrityskumppaneiden määrä", "year": 2026, "kind": "target",
         "value_seq": 1, "value_text": "20", "source_row": 3},
    ]  # fmt: skip
    return {"review.goals": goals, "review.risks": risks, "review.projects": projects,
            "review.indicators": indicators}  # fmt: skip


def _failures() -> list[dict]:
    base = {"run_id": RUN_ID, "severity": "warn", "status": "failed", "municipality_code": "111",
            "row_severity": "warn", "waiver": None, "details": None, "source_file": None,
            "source_row": None, "expected": None, "difference": None}  # fmt: skip
    return [
        {**base, "check_name": "forecast_grains_agree", "org_unit_code": "310",
         "line_code": "TOIMINTAKULUT", "period": "2026-03", "expected": Decimal(-4959200),
         "actual": Decimal(-5259200), "explanation": "Ennusteet eivät täsmää (testi)."},
        {**base, "check_name": "deviations_explained", "org_unit_code": "310",
         "line_code": "PALVELUT", "period": "2026-03-31", "actual": Decimal(-444491),
         "explanation": "Palvelujen ostot poikkeavat (testi)."},
        {**base, "check_name": "deviations_explained", "org_unit_code": "311",
         "line_code": "HENKILOSTO", "period": "2026-03-31", "actual": Decimal(-199953),
         "explanation": "Henkilöstökulut poikkeavat (testi)."},
        {**base, "check_name": "no_negative_revenue_or_positive_cost_lines",
         "org_unit_code": "310", "line_code": "VALMISTUS", "period": "2026-03-31",
         "actual": Decimal("-0.55"), "row_severity": "info", "explanation": "Alle rajan."},
        {**base, "check_name": "deviations_explained", "org_unit_code": "310",
         "line_code": "MYYNTI", "period": "2026-03-31", "actual": Decimal("149574.40"),
         "waiver": "waivers.yaml #1", "explanation": "Hyväksytty poikkeama."},
        {**base, "check_name": "goal_assessment_for_each_reporting_date",
         "org_unit_code": "310", "line_code": "Yrityskumppanuudet.", "period": "2026-03-31",
         "source_file": GOAL_FILE, "source_row": 2, "actual": None,
         "explanation": "Tavoitteelta puuttuu arvio (testi)."},
    ]  # fmt: skip


def _insert(connection: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    schema, name = table.split(".")
    listed = connection.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    columns = [row[0] for row in listed]
    marks = ", ".join("?" for _ in columns)
    connection.executemany(
        f"insert into {table} values ({marks})",
        [[row.get(column) for column in columns] for row in rows],
    )
