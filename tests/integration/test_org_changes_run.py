"""A real nightly run on a municipality whose organisation changes on 1.7.: it publishes.

A cost centre and its responsibility area close on 30.6., a service area opens on 1.7.
with a new cost centre, another cost centre moves into it, and an old sector closed on
31.12.2024. Four months of ledger (June-September 2025), so the run stays short. Before
the placement rule the review dropped the closed units' money after 30.6. and the opening
unit's budget before 1.7., review_total_equals_ledger failed and publication was withheld.

A whole run costs about as much as the demo run (its dbt tests dominate: 85-100 s on the
shared 2-core machine), so it runs only with TOTEUMA_SLOW_TESTS=1; the same placement is
tested on every suite run by test_dbt_checks.py (municipality 098).
"""

import os
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.integration.conftest import run_toteuma

ORG = """Kunta;Koodi;Nimi;Taso;Ylempi;Voimassa alkaen;Voimassa asti
098;K098;Hollolan kunta;KUNTA;;1.1.2000;
098;S90;Vanha toimiala;TOIMIALA;K098;1.1.2000;31.12.2024
098;P10;Sivistyspalvelut;PALVELUALUE;K098;1.1.2000;
098;P20;Vapaa-aikapalvelut;PALVELUALUE;K098;1.7.2025;
098;V11;Kirjastotoimi;VASTUUALUE;P10;1.1.2000;30.6.2025
098;C111;Kirjasto;KUSTANNUSPAIKKA;V11;1.1.2000;30.6.2025
098;C101;Kerhot;KUSTANNUSPAIKKA;P10;1.1.2000;30.6.2025
098;C102;Liikunta;KUSTANNUSPAIKKA;P10;1.1.2000;30.6.2025
098;C102;Liikunta;KUSTANNUSPAIKKA;P20;1.7.2025;
098;C201;Uimahalli;KUSTANNUSPAIKKA;P20;1.7.2025;
098;C901;Yhteiset;KUSTANNUSPAIKKA;S90;1.1.2000;31.12.2024
098;C901;Yhteiset;KUSTANNUSPAIKKA;P10;1.1.2025;
"""

ACCOUNTS = """Tili;Nimi;Rivi
3000;Myyntituotot;
4000;Palkat;
4300;Palvelujen ostot;
4500;Aineet ja tarvikkeet;
"""

BUDGET = """Kunta;Tilikausi;Kustannuspaikka;Tili;Laji;Pvm;Summa
098;2025;C111;4000;TA;10.12.2024;-13 000
098;2025;C111;3000;TA;10.12.2024;1 200
098;2025;C101;4300;TA;10.12.2024;-6 000
098;2025;C102;4500;TA;10.12.2024;-2 400
098;2025;C201;4300;TA;10.12.2024;-3 600
098;2025;C201;4300;MUUTOS;15.6.2025;-900
098;2025;C901;4300;TA;10.12.2024;-120
"""

# cost centre, account, debit, credit, months posted
TEMPLATE = [
    ("C111", "4000", "1000,00", "", range(6, 7)),
    ("C111", "3000", "", "100,00", range(6, 7)),
    ("C101", "4300", "500,00", "", range(6, 7)),
    ("C102", "4500", "200,00", "", range(6, 10)),
    ("C201", "4300", "300,00", "", range(7, 10)),
    ("C901", "4300", "10,00", "", range(6, 10)),
]
GL_HEADER = (
    "Kunta;Tilikausi;Kausi;Tositepvm;Tositenro;Kustannuspaikka;Tili;Projekti;Selite;Debet;Kredit"
)


def _write_landing(landing: Path) -> None:
    finance = landing / "finance"
    finance.mkdir(parents=True)
    (finance / "org_098.csv").write_text(ORG, encoding="utf-8")
    (finance / "accounts_098.csv").write_text(ACCOUNTS, encoding="utf-8")
    (finance / "budget_098_2025.csv").write_text(BUDGET, encoding="utf-8")
    for month in range(6, 10):
        rows = [
            f"098;2025;{month};15.{month}.2025;{month}01;{centre};{account};;Lasku;{debit};{credit}"
            for centre, account, debit, credit, months in TEMPLATE
            if month in months
        ]
        (finance / f"gl_098_2025_{month:02d}.csv").write_text(
            "\n".join([GL_HEADER, *rows]) + "\n", encoding="utf-8"
        )


@pytest.mark.skipif(
    not os.environ.get("TOTEUMA_SLOW_TESTS"),
    reason="a whole nightly run of its own (~90 s): set TOTEUMA_SLOW_TESTS=1 to run it",
)
def test_midyear_organisation_change_publishes(tmp_path):
    # GIVEN a landing folder whose organisation changes on 1.7.2025
    landing = tmp_path / "landing"
    _write_landing(landing)
    warehouse = tmp_path / "warehouse" / "toteuma.duckdb"
    # WHEN the nightly job runs
    run = run_toteuma(landing, warehouse, tmp_path / "dagster")
    # THEN it publishes (no error-severity check failed)
    assert run.returncode == 0, run.output[-5000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        checks = dict(con.execute("select check_name, status from audit.check_results").fetchall())
        shown = con.execute(
            "select org_unit_code, is_valid_on_reporting_date, actual_ytd, budget_amended "
            "from review.income_statement where reporting_date = date '2025-09-30' "
            "and line_code = 'TULOS' order by org_unit_code"
        ).fetchall()
        june = con.execute(
            "select org_unit_code, is_valid_on_reporting_date, actual_ytd, budget_amended "
            "from review.income_statement where reporting_date = date '2025-06-30' "
            "and line_code = 'TULOS' and org_unit_code = 'P20'"
        ).fetchall()
        ledger = con.execute("select sum(amount) from marts.fct_actuals_monthly").fetchone()[0]
    assert checks["review_total_equals_ledger"] == "passed"
    assert checks["parent_equals_sum_of_children"] == "passed"
    # V11 (closed 30.6.) keeps June's money: 100 - 1 000; P10 has it and C101's -500 and
    # C901's 4 x -10; P20 has C102's 4 x -200 (moved in on 1.7.) and C201's 3 x -300.
    # The sector S90, closed 31.12.2024, has nothing in 2025 and is not shown.
    assert shown == [
        ("K098", True, Decimal("-3140.00"), Decimal("-24820.00")),
        ("P10", True, Decimal("-1440.00"), Decimal("-17920.00")),
        ("P20", True, Decimal("-1700.00"), Decimal("-6900.00")),
        ("V11", False, Decimal("-900.00"), Decimal("-11800.00")),
    ]
    assert shown[0][2] == ledger
    # On 30.6. P20 is not open yet but already shows C201's budget (TA and June's MUUTOS)
    assert june == [("P20", False, Decimal("0.00"), Decimal("-4500.00"))]
