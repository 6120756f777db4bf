"""Every dbt check of the quality gate, on a small hand-checkable raw dataset.

Two real dbt runs (`dbt seed`, `dbt run`, `dbt test`, as the gate runs them), each in its
own DuckDB file: a clean dataset on which every test passes, and the same dataset with
one planted fault per check. The faults that only broken model code could cause (a
printed subtotal, remaining or TOT-% that contradicts its own columns, a parent that is not
the sum of its children) are planted by editing the built review tables between `dbt run`
and `dbt test`. For each check the test reads the stored failures (schema audit_dbt,
table = the test's name) and compares them with the exact evidence rows.

The dataset (municipality 111 with a reorganisation on 1.1.2025, 398 with one cost centre):
every month of 2023-2024 and 2025 months 1-3 repeat one template month, so a year-to-date
figure is months x the template amount and can be checked by hand. Municipality 098 (2024
and 2025 months 1-9) has cost centres that close on 30.6. or open on 1.7.: its tests read
the built review tables of the clean run.
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from ingest.goals.load import ensure_goal_tables
from warehouse.controls.load import ensure_controls_tables

DBT = str(Path(sys.executable).parent / "dbt")
PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"

CHECKS = [
    "assert_accounts_map_to_a_line",
    "assert_parent_equals_sum_of_children",
    "assert_subtotals_match_components",
    # generic tests applied in the review tables' YAML (macros/test_figure_identity.sql),
    # one per table: the binding budget's carry the planted faults
    "remaining_identity__binding_budget",
    "realization_pct_identity__binding_budget",
    "assert_review_total_equals_ledger",
    "assert_cost_centres_placed_on_posting_date",
    "assert_forecast_grains_agree",
    "assert_no_negative_revenue_or_positive_cost_lines",
    "assert_realization_within_full_year_budget",
    "assert_no_missing_month",
    "assert_no_reexport_after_publication",
    "assert_goal_workbook_unit_in_organisation",
]

EVIDENCE_COLUMNS = [
    "municipality_code",
    "org_unit_code",
    "line_code",
    "period",
    "expected",
    "actual",
    "difference",
    "source_file",
    "source_row",
    "explanation",
]

# --- the raw datasets: SQL files shared with scripts/make_dev_raw.py -----------------

FIXTURES = PROJECT_DIR / "fixtures" / "raw"


def _fixture(name: str) -> str:
    """One SQL file of dbt_project/fixtures/raw (its header says what it holds)."""
    return (FIXTURES / f"{name}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class DbtRun:
    """One seed + run + test of the project on one raw dataset, and what the tests stored."""

    test_returncode: int
    test_output: str
    statuses: dict[str, str]  # test name -> pass / warn / fail / error
    manifest: dict
    evidence: dict[str, list[dict]]  # test name -> its rows in audit_dbt
    # assert_no_reexport_after_publication run again without a snapshot: (status, rows)
    without_snapshot: tuple[str, list[dict]]
    warehouse: Path  # the DuckDB file dbt built (read the review tables from it)
    # dbt's unit tests of the models (`unit_tests:` in the models' YAML): name -> status
    unit_tests: dict[str, str]
    run_results: dict = None  # dbt's run_results.json of the data tests


def _make_raw(path: Path, faulty: bool) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(_fixture("base"))
        con.execute(_fixture("midyear_098"))
        ensure_goal_tables(con)  # the goal models read them; empty here
        ensure_controls_tables(con)  # no sign-offs or explanations: everything preliminary
        if faulty:
            con.execute(_fixture("faults"))
        con.execute(_fixture("ingested_files"))
        con.execute(_fixture("publication_snapshot"))
        if faulty:
            con.execute(_fixture("reexport"))


def _dbt(command: str, base: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "TOTEUMA_CANDIDATE_PATH": str(base / "candidate.duckdb"),
        "DBT_TARGET_PATH": str(base / "target"),
        "DBT_LOG_PATH": str(base / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [
            DBT,
            command,
            "--project-dir",
            str(PROJECT_DIR),
            "--profiles-dir",
            str(PROJECT_DIR),
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _stored(warehouse: Path, test_name: str) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        relation = con.sql(f"select * from audit_dbt.{test_name}")
        return [dict(zip(relation.columns, values, strict=True)) for values in relation.fetchall()]


def _statuses(base: Path) -> tuple[dict[str, str], dict]:
    results = json.loads((base / "target" / "run_results.json").read_text())["results"]
    manifest = json.loads((base / "target" / "manifest.json").read_text())
    statuses = {
        manifest["nodes"][result["unique_id"]]["name"]: result["status"] for result in results
    }
    return statuses, manifest


def _run(base: Path, faulty: bool) -> DbtRun:
    base.mkdir(parents=True, exist_ok=True)
    warehouse = base / "candidate.duckdb"
    _make_raw(warehouse, faulty)
    for command in ("seed", "run"):
        done = _dbt(command, base)
        assert done.returncode == 0, f"dbt {command} failed:\n{done.stdout[-5000:]}"
    if faulty:
        with duckdb.connect(str(warehouse)) as con:
            con.execute(_fixture("tamper_review"))
    # the checks under test: the singular tests and the generic tests that stand for them
    # (evidence_where: a check's rows of one model; figure_identity; row_rules, each table's
    # row rules). The other generic tests (unique, relationships, ...) would double the time
    tested = _dbt(
        "test",
        base,
        "--select",
        "test_type:singular",
        "test_name:figure_identity",
        "test_name:row_rules",
        "test_name:evidence_where",
    )
    statuses, manifest = _statuses(base)
    run_results = json.loads((base / "target" / "run_results.json").read_text())
    evidence = {name: _stored(warehouse, name) for name in CHECKS}
    # first publication: the snapshot table is empty (faulty) or not created yet (clean)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "delete from audit.published_month_totals"
            if faulty
            else "drop table audit.published_month_totals"
        )
    _dbt("test", base, "--select", "assert_no_reexport_after_publication")
    rerun_statuses, _ = _statuses(base)
    without_snapshot = (
        rerun_statuses["assert_no_reexport_after_publication"],
        _stored(warehouse, "assert_no_reexport_after_publication"),
    )
    # the models' unit tests need the built relations' columns: run them on this build
    _dbt("test", base, "--select", "test_type:unit")
    results = json.loads((base / "target" / "run_results.json").read_text())["results"]
    unit_tests = {r["unique_id"].split(".")[-1]: r["status"] for r in results}
    return DbtRun(
        tested.returncode,
        tested.stdout,
        statuses,
        manifest,
        evidence,
        without_snapshot,
        warehouse,
        unit_tests,
        run_results,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, DbtRun]:
    """The clean and the faulty run, side by side (two dbt runs in all)."""
    base = tmp_path_factory.mktemp("dbt_checks")
    with ThreadPoolExecutor(max_workers=2) as pool:
        clean = pool.submit(_run, base / "clean", False)
        faulty = pool.submit(_run, base / "faulty", True)
        return {"clean": clean.result(), "faulty": faulty.result()}


@pytest.fixture(scope="module")
def clean(runs) -> DbtRun:
    return runs["clean"]


@pytest.fixture(scope="module")
def faulty(runs) -> DbtRun:
    return runs["faulty"]


def row(**values) -> dict:
    """An evidence row: columns not named are null; money is compared as Decimal."""
    out = dict.fromkeys(EVIDENCE_COLUMNS)
    for name, value in values.items():
        assert name in EVIDENCE_COLUMNS, name
        out[name] = Decimal(value) if name in ("expected", "actual", "difference") else value
    return out


def _key(evidence_row: dict) -> tuple:
    return tuple(str(evidence_row[column]) for column in EVIDENCE_COLUMNS)


def assert_evidence(run: DbtRun, test_name: str, expected_rows: list[dict]) -> None:
    """The stored failures are exactly these rows (any order), in the standard shape."""
    stored = run.evidence[test_name]
    for stored_row in stored:
        assert list(stored_row) == EVIDENCE_COLUMNS
    assert sorted(stored, key=_key) == sorted(expected_rows, key=_key)


# --- every check passes on the clean data ---------------------------------------------


def test_clean_data_passes_every_check(clean):
    assert clean.test_returncode == 0, clean.test_output[-5000:]
    for name in CHECKS:
        assert clean.statuses[name] == "pass", name
        assert clean.evidence[name] == [], name


def test_faulty_data_fails_every_check_and_never_stops_dbt(faulty):
    """Every planted fault is found. dbt reports a failed test as WARN whatever its
    declared severity (the project's `error_if: "<0"`), so the nightly `dbt build` never
    skips the models below a failed test; the gate blocks on the declared severity."""
    assert faulty.test_returncode == 0, faulty.test_output[-5000:]
    declared = set()
    for name in CHECKS:
        (node,) = (n for n in faulty.manifest["nodes"].values() if n["name"] == name)
        declared.add(node["config"]["severity"].lower())
        assert faulty.statuses[name] == "warn", name
        assert faulty.evidence[name], name
    assert declared == {"error", "warn"}  # error-severity checks are among them


def test_the_identities_hold_on_every_review_table_of_the_clean_data(clean):
    """The figure identities apply to the income statement and the investments too; on
    the clean data all six pass (the faulty run's faults are in the binding budget)."""
    identities = {
        name: status
        for name, status in clean.statuses.items()
        if name.startswith(("remaining_identity__", "realization_pct_identity__"))
    }
    assert identities == {
        f"{check}__{table}": "pass"
        for check in ("remaining_identity", "realization_pct_identity")
        for table in ("income_statement", "binding_budget", "investments")
    }


def test_a_tables_row_rules_run_as_one_test_and_reach_the_gate_as_checks_of_their_own(
    clean, faulty
):
    """row_rules (macros/test_row_rules.sql): one scan and one dbt node per table for its
    required columns, accepted values, ranges and expressions. A failing row names every
    rule it breaks; the gate reads each rule as the check it always was (its name, its
    severity, its own rows and Finnish sentence: warehouse/gate/dbt_results.py)."""
    from warehouse.gate.dbt_results import dbt_check_results, record_dbt_tests

    tests = {
        name: status for name, status in faulty.statuses.items() if name.startswith("row_rules__")
    }
    assert len(tests) >= 40
    assert {clean.statuses[name] for name in tests} == {"pass"}
    # besides the investments' planted row: account 2500 of 398, outside every range (the
    # fault of assert_accounts_map_to_a_line), has no line in the accounts' tables
    assert {name for name, status in tests.items() if status != "pass"} == {
        "row_rules__rpt_investments",
        "row_rules__dim_account",
        "row_rules__int_accounts_mapped",
    }
    assert [
        (row["municipality_code"], row["account_code"], row["broken_rules"])
        for row in _stored(faulty.warehouse, "row_rules__dim_account")
    ] == [("398", "2500", ["not_null_dim_account_line_code"])]
    assert tests["row_rules__rpt_investments"] == "warn"  # error_if "<0": dbt warns
    (stored,) = _stored(faulty.warehouse, "row_rules__rpt_investments")
    release = "accepted_values_rpt_investments_release_status__preliminary__approved"
    assert (stored["org_unit_code"], stored["item_code"]) == ("K111", "MENOT")
    assert stored["broken_rules"] == ["not_null_columns__rpt_investments", release]
    assert stored["rule_explanations"] == [
        "Pakollinen tieto puuttuu sarakkeesta: tp_prior_year.",
        "Sarakkeen release_status arvo hyvaksytty ei ole sallittu (sallitut: preliminary,"
        " approved).",
    ]
    # the gate's view: the rules of the table as checks of their own
    record_dbt_tests(faulty.warehouse, "r1", faulty.run_results, faulty.manifest)
    results = {result.check_name: result for result in dbt_check_results(faulty.warehouse, "r1")}
    (node,) = (
        n for n in faulty.manifest["nodes"].values() if n["name"] == "row_rules__rpt_investments"
    )
    rules = node["test_metadata"]["kwargs"]["rules"]
    assert {rule["check"] for rule in rules} <= set(results)
    failing = {rule["check"] for rule in rules if results[rule["check"]].failures}
    assert failing == {"not_null_columns__rpt_investments", release}
    for name, sentence in (
        (
            "not_null_columns__rpt_investments",
            "Pakollinen tieto puuttuu sarakkeesta: tp_prior_year.",
        ),
        (release, "Sarakkeen release_status arvo hyvaksytty ei ole sallittu"),
    ):
        (row,) = results[name].evidence
        assert (row.municipality_code, row.org_unit_code, row.line_code) == ("111", "K111", "MENOT")
        assert sentence in row.explanation, row
        assert results[name].severity == "error"
    assert "tp_prior_year" in results["not_null_columns__rpt_investments"].explanation


def test_the_unit_tests_of_the_tricky_models_pass(clean):
    """dbt `unit_tests:` (status spellings, the investment split by sign, organisation
    paths, forecast resolution): fixed input rows, exact expected rows."""
    declared = {node["name"] for node in clean.manifest.get("unit_tests", {}).values()}
    assert len(declared) >= 4
    assert clean.unit_tests == dict.fromkeys(declared, "pass")


def test_every_check_declares_severity_and_meta(clean):
    checks = {
        node["name"]: node
        for node in clean.manifest["nodes"].values()
        if node["resource_type"] == "test" and node["name"] in CHECKS
    }
    assert set(checks) == set(CHECKS)
    for name, node in checks.items():
        meta = node["config"]["meta"]
        assert meta["check"] == name.removeprefix("assert_").split("__")[0], name
        assert meta["layer"] in ("incoming", "built", "judgement"), name
        assert meta["explanation"], name
        assert meta["selite"], name  # the Finnish description controllers read
        assert node["config"]["severity"].lower() in ("error", "warn"), name
        assert node["config"]["store_failures"] is True, name
        assert node["config"]["schema"] == "audit_dbt", name


# --- the money identities (error) -----------------------------------------------------


def test_accounts_map_to_a_line(faulty):
    assert_evidence(
        faulty,
        "assert_accounts_map_to_a_line",
        [
            row(
                municipality_code="398",
                period="2025-01",
                actual="75.00",
                source_file="accounts_398.csv",
                source_row=4,
                explanation="Tili 2500 (Siirtosaamiset) ei kuulu mihinkään tiliväliin eikä "
                "sillä ole omaa riviä: sen vuoden 2025 kirjanpidon summa 75 € jää "
                "tuloslaskelman ulkopuolelle",
            )
        ],
    )


def test_parent_equals_sum_of_children(faulty):
    # K111's RAHOITUS TOT 2023 1-3 printed 35; its only piece, KP300, has 3 x 10 = 30
    assert_evidence(
        faulty,
        "assert_parent_equals_sum_of_children",
        [
            row(
                municipality_code="111",
                org_unit_code="K111",
                line_code="RAHOITUS",
                period="2024-03-31",
                expected="30.00",
                actual="35.00",
                difference="5.00",
                explanation="Yksikkö K111 31.3.2024, RAHOITUS TOT 2023 1-3 kk "
                "(actual_prior_ytd): julkaistu 35 €, mutta sen alayksiköt ja kustannuspaikat "
                "ovat yhteensä 30 € (erotus 5 €)",
            )
        ],
    )


def test_subtotals_match_components(faulty):
    # TA2 = KP400 in 2023: PALVELUT 12 x -3 000 + VALMISTUS 12 x 400 = -31 200
    assert_evidence(
        faulty,
        "assert_subtotals_match_components",
        [
            row(
                municipality_code="111",
                org_unit_code="TA2",
                line_code="TULOS",
                period="2024-06-30",
                expected="-31200.00",
                actual="-31199.00",
                difference="1.00",
                explanation="Yksikkö TA2 30.6.2024, TULOS TP 2023 (tp_prior_year): tulostettu "
                "-31 199 €, mutta sen osat ovat yhteensä -31 200 € (erotus 1 €)",
            )
        ],
    )


def test_remaining_identity(faulty):
    # VA1 = KP100 in 2025: TA + muutos -60 000 - 5 000 - 3 600; TOT 3 x (-5 000 - 300)
    assert_evidence(
        faulty,
        "remaining_identity__binding_budget",
        [
            row(
                municipality_code="111",
                org_unit_code="VA1",
                line_code="MENOT",
                period="2025-03-31",
                expected="-52700.00",
                actual="-52690.00",
                difference="10.00",
                explanation="review.binding_budget, yksikkö VA1 31.3.2025, MENOT: Jäljellä "
                "tulostettu -52 690 €, mutta TA + muutos -68 600 € miinus TOT -15 900 € on "
                "-52 700 €",
            )
        ],
    )


def test_realization_pct_identity(faulty):
    # PA1: TOT -15 900 (KP100) - 6 000 - 20 000 (KP200) over TA -68 600 - 24 000
    assert_evidence(
        faulty,
        "realization_pct_identity__binding_budget",
        [
            row(
                municipality_code="111",
                org_unit_code="PA1",
                line_code="MENOT",
                period="2025-03-31",
                expected="45.25",
                actual="99.99",
                difference="54.74",
                explanation="review.binding_budget, yksikkö PA1 31.3.2025, MENOT: TOT-% "
                "tulostettu 99,99 %, mutta TOT -41 900 € / TA + muutos -92 600 € on 45,25 %",
            )
        ],
    )


def test_review_total_equals_ledger(faulty):
    # 111's TOT Y agrees: the -700 posted on KP500 after it closed stays in TA2 (its parent
    # on its last valid day), as 098's invoice on C201 before it opened shows under P20.
    # But K111's TOT 2023 1-3 was printed 5 euros over the ledger (the planted fault of
    # parent_equals_sum_of_children): the template month nets 139 860,15.
    # 398: -10 a month; +75 on the unmapped account 2500 (dropped); February missing.
    def total_row(municipality, period, months, ledger, review):
        return row(
            municipality_code=municipality,
            line_code="TULOS",
            period=period,
            expected=ledger,
            actual=review,
            difference=str(Decimal(review) - Decimal(ledger)),
            explanation=f"Kunta {municipality} {_day(period)}: Tilikauden tulos TOT 2025 "
            f"1-{months} kk (actual_ytd) on katsauksessa {_eur(review)} €, mutta kirjanpidossa "
            f"{_eur(ledger)} € (erotus {_eur(str(Decimal(review) - Decimal(ledger)))} €)",
        )

    assert_evidence(
        faulty,
        "assert_review_total_equals_ledger",
        [
            row(
                municipality_code="111",
                line_code="TULOS",
                period="2024-03-31",
                expected="419580.45",
                actual="419585.45",
                difference="5.00",
                explanation="Kunta 111 31.3.2024: Tilikauden tulos TOT 2023 1-3 kk "
                "(actual_prior_ytd) on katsauksessa 419 585,45 €, mutta kirjanpidossa "
                "419 580,45 € (erotus 5 €)",
            ),
            total_row("398", "2025-01-31", 1, "65.00", "-10.00"),
            total_row("398", "2025-03-31", 3, "55.00", "-20.00"),
        ],
    )


def _day(iso: str) -> str:
    """The explanation's date: '31.3.2025'."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day}.{month}.{year}"


def _eur(amount: str) -> str:
    """The explanation's euro format: '-279 350,30', '700'."""
    value = Decimal(amount)
    whole = f"{abs(value):,.2f}".replace(",", " ").replace(".", ",").removesuffix(",00")
    return ("-" if value < 0 else "") + whole


def test_cost_centres_placed_on_posting_date(faulty):
    assert_evidence(
        faulty,
        "assert_cost_centres_placed_on_posting_date",
        [
            row(
                municipality_code="111",
                org_unit_code="KP500",
                line_code="PALVELUT",
                period="2025-02-15",
                actual="-700.00",
                source_file="gl_111_2025_02.csv",
                source_row=40,
                explanation="Kirjaus -700 € tilille 4300 päivältä 15.2.2025 kohdistuu "
                "kustannuspaikalle KP500, joka on voimassa vain 2000-01-01..2024-12-31",
            ),
            row(
                municipality_code="098",
                org_unit_code="C201",
                line_code="PALVELUT",
                period="2025-05-15",
                actual="-250.00",
                source_file="gl_098_2025_05.csv",
                source_row=40,
                explanation="Kirjaus -250 € tilille 4300 päivältä 15.5.2025 kohdistuu "
                "kustannuspaikalle C201, joka on voimassa vain 2025-07-01..",
            ),
        ],
    )


# --- judgement checks (warn) ----------------------------------------------------------


def test_forecast_grains_agree(faulty):
    # the February file disagrees too (-100 000 vs -70 000) but March's supersedes it
    assert_evidence(
        faulty,
        "assert_forecast_grains_agree",
        [
            row(
                municipality_code="111",
                org_unit_code="PA1",
                line_code="TOIMINTAKULUT",
                period="2025-03",
                expected="-85000.00",
                actual="-89000.00",
                difference="-4000.00",
                source_file="forecast_111_2025_03.csv",
                source_row=5,
                explanation="Ennuste 2025 (tiedosto 3/2025), yksikkö PA1 Hyvinvointipalvelut: "
                "Toimintakulut (TOIMINTAKULUT) ennuste -85 000 €, mutta sen rivit (HENKILOSTO + "
                "PALVELUT) ovat yhteensä -89 000 € (erotus -4 000 €)",
            ),
            row(
                municipality_code="111",
                org_unit_code="K111",
                line_code="TOIMINTATUOTOT",
                period="2025-03",
                expected="20000.00",
                actual="15000.00",
                difference="-5000.00",
                source_file="forecast_111_2025_03.csv",
                source_row=8,
                explanation="Ennuste 2025 (tiedosto 3/2025), yksikkö K111 Heinolan kaupunki: "
                "Toimintatuotot (TOIMINTATUOTOT) ennuste 20 000 €, mutta sen alayksiköt, joilla "
                "on ennuste (PA1), ovat yhteensä 15 000 € (erotus -5 000 €)",
            ),
        ],
    )


def test_no_negative_revenue_or_positive_cost_lines(faulty):
    # VA1's TUET 2023 is last shown as TP 2023 in the 2024 year-end report; TA1 and K111
    # above it (and K111 above TA2) are left out: their child shows the same sign.
    assert_evidence(
        faulty,
        "assert_no_negative_revenue_or_positive_cost_lines",
        [
            row(
                municipality_code="111",
                org_unit_code="VA1",
                line_code="TUET",
                period="2024-12-31",
                expected="0.00",
                actual="-1000.00",
                difference="-1000.00",
                explanation="Yksikkö VA1 Kirjasto, katsaus 31.12.2024: tuottorivi Tuet ja "
                "avustukset (TUET) on negatiivinen sarakkeessa TP 2023 (tp_prior_year): "
                "-1 000 € (palautettu tai oikaistu tuotto?)",
            ),
            row(
                municipality_code="111",
                org_unit_code="TA2",
                line_code="AINEET",
                period="2025-03-31",
                expected="0.00",
                actual="300.00",
                difference="300.00",
                explanation="Yksikkö TA2 Tekninen toimiala, katsaus 31.3.2025: kulurivi "
                "Aineet, tarvikkeet ja tavarat (AINEET) on positiivinen sarakkeessa TOT 2025 "
                "1-3 kk (actual_ytd): 300 € (hyvitys tai oikaisu suurempi kuin kulut?)",
            ),
        ],
    )


def test_realization_within_full_year_budget(faulty):
    # PA1 PALVELUT: 3 x -2 000 - 20 000 against -24 000 (the May amendment is not yet
    # approved on 31.3.); K111 overspends the line too but only through PA1
    assert_evidence(
        faulty,
        "assert_realization_within_full_year_budget",
        [
            row(
                municipality_code="111",
                org_unit_code="PA1",
                line_code="PALVELUT",
                period="2025-03-31",
                expected="-24000.00",
                actual="-26000.00",
                difference="-2000.00",
                explanation="Yksikkö PA1 Hyvinvointipalvelut, katsaus 31.3.2025: Palvelujen "
                "ostot (PALVELUT) TOT 2025 1-3 kk -26 000 € ylittää jo koko vuoden "
                "talousarvion -24 000 € määrällä 2 000 € (toteuma 108,33 %)",
            )
        ],
    )


def test_no_missing_month(faulty):
    assert_evidence(
        faulty,
        "assert_no_missing_month",
        [
            row(
                municipality_code="398",
                period="2025-02",
                explanation="Kunta 398: kuukaudelta 2/2025 ei ole kirjanpitotietoja, vaikka "
                "kuukaudet 1/2025–3/2025 on ladattu (puuttuuko kuukauden 2/2025 "
                "kirjanpitotiedosto?)",
            )
        ],
    )


def test_goal_workbook_unit_in_organisation(faulty):
    """A workbook for a unit the organisation file lacks is loaded, and the controller is
    told (a warning: a mistyped code, or a unit the organisation file does not have yet)."""
    assert_evidence(
        faulty,
        "assert_goal_workbook_unit_in_organisation",
        [
            row(
                municipality_code="111",
                org_unit_code="99999",
                period="2025-03-31",
                source_file="111_99999_2025-03-31.xlsx",
                explanation="Työkirjan yksikköä 99999 ei ole kunnan 111 "
                "organisaatiotiedostossa päivänä 31.3.2025.",
            )
        ],
    )


def test_no_reexport_after_publication(faulty):
    # the latest snapshot (through 2024-12-31) counts, not the older one that disagrees in
    # September; February 2025 changed too but its quarter is not published yet
    assert_evidence(
        faulty,
        "assert_no_reexport_after_publication",
        [
            row(
                municipality_code="111",
                org_unit_code="KP100",
                line_code="MYYNTI",
                period="2024-11",
                expected="1000.10",
                actual="1100.10",
                difference="100.00",
                source_file="gl_111_2024_11.csv",
                explanation="Kustannuspaikka KP100, tili 3000, 11/2024: julkaistu 20.1.2025 "
                "(neljännekset 31.12.2024 asti) summana 1 000,10 € tiedostosta "
                "gl_111_2024_11.csv, nyt 1 100,10 € tiedostossa gl_111_2024_11.csv: muuttunut "
                "julkaisun jälkeen 100 €",
            )
        ],
    )


def test_no_reexport_passes_before_the_first_publication(clean, faulty):
    assert faulty.without_snapshot == ("pass", [])  # table empty
    assert clean.without_snapshot == ("pass", [])  # table not created yet


# --- organisation changes during the year (municipality 098, clean run) ---------------

FIGURE_COLUMNS = "tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd"


def _query(run: DbtRun, sql: str, params: list) -> list[tuple]:
    with duckdb.connect(str(run.warehouse), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _figures(run: DbtRun, reporting_date: str, unit: str, line: str) -> tuple[Decimal, ...]:
    """TP Y-1, TOT Y-1, TA + muutos and TOT Y of one unit and line in review.income_statement."""
    rows = _query(
        run,
        f"select {FIGURE_COLUMNS} from review.income_statement where municipality_code = '098' "
        "and reporting_date = ? and org_unit_code = ? and line_code = ?",
        [reporting_date, unit, line],
    )
    assert len(rows) == 1, (reporting_date, unit, line, rows)
    return rows[0]


def _amounts(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(value) for value in values)


def test_midyear_units_shown_are_valid_or_carry_figures(clean):
    # A unit not valid on D is shown (flagged) only where money or budget places it there:
    # V12 (closed 30.6.2024) for its 2024 money, P20 (opens 1.7.2025) for C201's budget,
    # V11 (closed 30.6.2025) for its January-June. The sector S90 closed 31.12.2024 and
    # its cost centre moved on: no 2025 report shows it, and P20 is in no 2024 report.
    expected = {
        "2024-06-30": {"K098": True, "P10": True, "S90": True, "V11": True, "V12": True},
        "2024-12-31": {"K098": True, "P10": True, "S90": True, "V11": True, "V12": False},
        "2025-03-31": {"K098": True, "P10": True, "P20": False, "V11": True, "V12": False},
        "2025-09-30": {"K098": True, "P10": True, "P20": True, "V11": False, "V12": False},
    }
    for table in ("income_statement", "binding_budget", "investments"):
        for reporting_date, units in expected.items():
            shown = _query(
                clean,
                f"select distinct org_unit_code, is_valid_on_reporting_date from review.{table} "
                "where municipality_code = '098' and reporting_date = ?",
                [reporting_date],
            )
            assert dict(shown) == units, (table, reporting_date)


def test_midyear_closed_cost_centre_stays_in_its_former_parent(clean):
    # On 30.9.2025 C111 and V11 (closed 30.6.) keep January-June 2025 and all of 2024 in
    # V11, and so in P10: 6 x -1 000 personnel, 6 x 100 sales; C101 (closed 30.6., under
    # P10) keeps 6 x -500 in P10, beside C901's 9 x -10 (restated from S90 into P10).
    assert _figures(clean, "2025-09-30", "V11", "HENKILOSTO") == _amounts(
        "-12000", "-9000", "-13000", "-6000"
    )
    assert _figures(clean, "2025-09-30", "V11", "MYYNTI") == _amounts("1200", "900", "1200", "600")
    # P10's personnel: V11's plus V12's 2024 (C121, closed 30.6.2024: 6 x -50)
    assert _figures(clean, "2025-09-30", "P10", "HENKILOSTO") == _amounts(
        "-12300", "-9300", "-13000", "-6000"
    )
    assert _figures(clean, "2025-09-30", "P10", "PALVELUT") == _amounts(
        "-6120", "-4590", "-6120", "-3090"
    )


def test_midyear_opening_cost_centre_sits_under_its_first_parent(clean):
    # C201 opens 1.7.2025 under P20 (which opens then too): its budget (TA -3 600, an
    # amendment of -900 on 15.6.) shows under P20 before that. C102 moves from P10 to P20
    # on 1.7.: until then it is in P10; from then on its whole year is restated into P20.
    assert _figures(clean, "2025-03-31", "P20", "PALVELUT") == _amounts("0", "0", "-3600", "0")
    assert _figures(clean, "2025-06-30", "P20", "PALVELUT") == _amounts("0", "0", "-4500", "0")
    assert _figures(clean, "2025-06-30", "P10", "AINEET") == _amounts(
        "-2400", "-1200", "-2400", "-1200"
    )
    assert _figures(clean, "2025-09-30", "P20", "PALVELUT") == _amounts("0", "0", "-4500", "-900")
    assert _figures(clean, "2025-09-30", "P20", "AINEET") == _amounts(
        "-2400", "-1800", "-2400", "-1800"
    )
    assert _figures(clean, "2025-09-30", "P10", "AINEET") == _amounts("0", "0", "0", "0")


def test_midyear_prior_year_of_a_unit_closed_the_year_before(clean):
    # C121 and V12 closed 30.6.2024: V12 carries their 2024 money as TP 2024 / TOT 2024
    # in the 2025 reports, and as TOT 2024 in the reports of 2024 after it closed.
    assert _figures(clean, "2025-03-31", "V12", "HENKILOSTO") == _amounts("-300", "-150", "0", "0")
    assert _figures(clean, "2024-09-30", "V12", "HENKILOSTO") == _amounts("0", "0", "-700", "-300")


def test_midyear_municipality_total_equals_ledger(clean):
    # 30.9.2025, TULOS of K098 by hand: TP 2024 = 12 x (100 - 1 000 - 500 - 200 - 10)
    # - 6 x 50; TOT 2024 1-9 the same for nine months; TA = every 2025 budget row;
    # TOT 2025 = 6 x (100 - 1 000 - 500) - 9 x (200 + 10) - 3 x 300.
    assert _figures(clean, "2025-09-30", "K098", "TULOS") == _amounts(
        "-19620", "-14790", "-24820", "-11190"
    )
    assert clean.evidence["assert_review_total_equals_ledger"] == []
    assert clean.evidence["assert_parent_equals_sum_of_children"] == []


def test_midyear_bridge_says_how_each_cost_centre_is_placed(clean):
    rows = _query(
        clean,
        "select reporting_date::varchar, cost_centre_code, org_unit_code, depth, "
        "cost_centre_placement_rule from marts.bridge_org_unit_cost_centre "
        "where municipality_code = '098' and cost_centre_code in ('C111', 'C201') "
        "and reporting_date in ('2025-03-31', '2025-09-30') order by all",
        [],
    )
    assert rows == [
        ("2025-03-31", "C111", "C111", 0, "valid_on_date"),
        ("2025-03-31", "C111", "K098", 3, "valid_on_date"),
        ("2025-03-31", "C111", "P10", 2, "valid_on_date"),
        ("2025-03-31", "C111", "V11", 1, "valid_on_date"),
        ("2025-03-31", "C201", "C201", 0, "first_valid_version"),
        ("2025-03-31", "C201", "K098", 2, "first_valid_version"),
        ("2025-03-31", "C201", "P20", 1, "first_valid_version"),
        ("2025-09-30", "C111", "C111", 0, "last_valid_version"),
        ("2025-09-30", "C111", "K098", 3, "last_valid_version"),
        ("2025-09-30", "C111", "P10", 2, "last_valid_version"),
        ("2025-09-30", "C111", "V11", 1, "last_valid_version"),
        ("2025-09-30", "C201", "C201", 0, "valid_on_date"),
        ("2025-09-30", "C201", "K098", 2, "valid_on_date"),
        ("2025-09-30", "C201", "P20", 1, "valid_on_date"),
    ]


def test_midyear_posting_before_opening_is_flagged_but_not_dropped(faulty):
    # C201's May invoice (-250, see test_cost_centres_placed_on_posting_date) counts in
    # P20 on 31.5., where C201's budget is too; the totals still equal the ledger.
    assert _figures(faulty, "2025-05-31", "P20", "PALVELUT") == _amounts("0", "0", "-3600", "-250")


# --- what a blocking row holds back (warehouse.gate.scopes) ------------------------------


def test_the_gate_places_each_blocking_row_of_a_real_dbt_run(faulty, tmp_path):
    from warehouse.gate.dbt_results import record_dbt_tests, row_rules
    from warehouse.gate.decide import GateDecision, run_gate
    from warehouse.gate.scopes import MUNICIPALITY, Scope

    # GIVEN the faulty build's test outcomes recorded for the gate, as the dbt step does
    candidate = tmp_path / "candidate.duckdb"
    candidate.write_bytes(faulty.warehouse.read_bytes())
    record_dbt_tests(candidate, "r", faulty.run_results, faulty.manifest)
    with duckdb.connect(str(candidate), read_only=True) as con:
        domains = dict(con.execute("select check_name, domain from audit_run.dbt_tests").fetchall())
    # THEN each test's failures hold back what its models are about: goal models' a unit's
    # goals, seeds' (every municipality reads them) the whole warehouse, the rest a
    # municipality
    seeds_only = {
        name
        for node in faulty.manifest["nodes"].values()
        if node["resource_type"] == "test"
        and {dep.split(".")[0] for dep in node["depends_on"]["nodes"]} == {"seed"}
        # a row_rules test's checks are its rules
        for name in [rule["check"] for rule in row_rules(node)] or [node["name"]]
    } & set(domains)  # of the tests this build ran (the fixture selects some kinds)
    assert seeds_only and all(domains[name] == "shared" for name in seeds_only)
    assert domains["goal_workbook_unit_in_organisation"] == "goals"
    assert domains["accounts_map_to_a_line"] == "finance"
    # WHEN the gate decides on them
    audit = tmp_path / "toteuma.audit.duckdb"  # as a run names it (a catalog "audit" would clash)
    decision = run_gate(candidate, audit, tmp_path / "none.yaml", "r")
    unmapped = next(r for r in decision.blocking if r.check_name == "accounts_map_to_a_line")
    # THEN the 398 account without a line holds 398 back, and only 398
    assert unmapped.scopes == {Scope(MUNICIPALITY, "398")}
    alone = GateDecision("r", [unmapped], frozenset({"111", "098", "398"}))
    assert alone.decision == "partial" and alone.holding.held_municipalities == {"398"}
    # ... and every blocking row of a municipality holds that municipality back
    held = decision.holding.held_municipalities
    placed = {
        row.municipality_code
        for result in decision.blocking
        for row in result.evidence
        if row.status != "waived"
        and row.municipality_code
        and domains[result.check_name] == "finance"
    }
    assert placed and placed <= held
