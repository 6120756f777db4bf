"""A generated scale landing folder (two municipalities, a reorganisation on 1 January,
every quirk of the contract) passes the product's own checks and a real run publishes it;
then a fault in one municipality's file, and in another's goal workbook, holds back only
what it concerns, and the corrected files publish it the next night.
"""

import shutil

import duckdb

from demo.scale.generate import write_scale_landing
from demo.scale.municipalities import municipalities
from demo.scale.options import LAST_YEAR
from tests.integration.conftest import run_toteuma
from tests.integration.scoped_build import dbt, differences_from_a_full_build

ROWS = 4000
EXIT_PARTIAL = 5


def _with_unknown_account(data: bytes) -> bytes:
    """The file with one posting's account changed to 9999, which no chart holds."""
    lines = data.split(b"\n")
    header = [field.strip(b'\xef\xbb\xbf" \r') for field in lines[0].split(b";")]
    column = header.index(b"Tili")
    for number, line in enumerate(lines[1:], start=1):
        fields = line.split(b";")
        if len(fields) == len(header) and b'"' not in line:
            fields[column] = b"9999"
            lines[number] = b";".join(fields)
            return b"\n".join(lines)
    raise AssertionError("no plain posting line to change")


def _query(warehouse, sql):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(con.execute(sql).fetchall())


def test_small_scale_folder_is_published_and_a_fault_holds_back_only_its_scope(tmp_path):
    landing = tmp_path / "landing"
    write_scale_landing(landing, municipalities_count=2, years_count=1, rows=ROWS, seed=3)
    first, second = (place.code for place in municipalities(2))
    december = {
        code: landing / "finance" / f"gl_{code}_{LAST_YEAR}_12.csv" for code in (first, second)
    }
    workbook = landing / "goals" / f"{first}_100_{LAST_YEAR}-12-31.xlsx"
    aside = tmp_path / "aside"
    aside.mkdir()
    for path in (*december.values(), workbook):
        shutil.copy2(path, aside / path.name)
    for path in december.values():  # December arrives on the second night
        path.unlink()
    warehouse = tmp_path / "warehouse" / "toteuma.duckdb"

    # GIVEN a first night that publishes both municipalities through November
    run = run_toteuma(landing, warehouse, tmp_path / "dagster")
    assert run.returncode == 0, run.output[-5000:]
    assert not (landing / "quarantine").exists()
    rows, places, blocking = _query(
        warehouse,
        "select (select sum(row_count) from marts.fct_actuals_monthly),"
        " (select count(distinct municipality_code) from marts.fct_actuals_monthly),"
        " (select count(*) from audit.check_results where severity = 'error'"
        "  and status not in ('passed', 'waived'))",
    )[0]
    assert places == 2 and blocking == 0 and 0 < rows < ROWS
    # ... with no decision made for another warehouse: the demo's sign-offs (Heinola 111)
    # live in demo/controls/ and reach only the demo's warehouse
    assert _query(
        warehouse,
        "select count(*) from review.income_statement"
        " where release_status = 'approved' or municipality_code = '111'",
    ) == [(0,)]
    goals_before = _query(
        warehouse, f"select goal_text from review.goals where municipality_code = '{first}'"
    )

    # WHEN both Decembers arrive, the second municipality's with an account its chart
    # lacks, and the first municipality's goal workbook arrives damaged
    shutil.copy2(aside / december[first].name, december[first])
    december[second].write_bytes(
        _with_unknown_account((aside / december[second].name).read_bytes())
    )
    workbook.write_bytes(b"PK\x03\x04 not a workbook")
    run = run_toteuma(landing, warehouse, tmp_path / "dagster")

    # THEN the night publishes partially: the first municipality's December is published,
    # the second keeps its November state, every row of it marked withheld ...
    assert run.returncode == EXIT_PARTIAL, run.output[-5000:]
    months = "select municipality_code, max(period_month) from marts.fct_actuals_monthly group by 1"
    assert dict(_query(warehouse, months)) == {first: 12, second: 11}
    status = (
        "select municipality_code, publication_status, count(*) > 0"
        " from review.income_statement group by all"
    )
    assert set(_query(warehouse, status)) == {(first, "current", True), (second, "withheld", True)}
    # ... the first municipality's goals of unit 100 are as published before, and withheld
    assert (
        _query(warehouse, f"select goal_text from review.goals where municipality_code = '{first}'")
        == goals_before
    )
    unit_status = (
        "select distinct publication_status from review.goals"
        f" where municipality_code = '{first}' and org_unit_code = '100'"
    )
    assert _query(warehouse, unit_status) == [("withheld",)]
    # ... and meta names both scopes with the checks that hold them
    assert set(_query(warehouse, "select scope, check_name from meta.withheld_scopes")) == {
        (f"kunnan {first} yksikön 100 tavoitteet", "goal_workbooks.file_is_readable"),
        (f"kunnan {second} kirjanpito 12/{LAST_YEAR}", "gl_postings.account_known"),
    }
    assert _query(warehouse, "select publication from meta.publication") == [("partial",)]
    assert "kunnan " + second in run.output

    # WHEN the corrected files arrive the next night
    shutil.copy2(aside / december[second].name, december[second])
    shutil.copy2(aside / workbook.name, workbook)
    run = run_toteuma(landing, warehouse, tmp_path / "dagster")

    # THEN everything publishes: the second municipality's December too
    assert run.returncode == 0, run.output[-5000:]
    assert dict(_query(warehouse, months)) == {first: 12, second: 12}
    assert _query(warehouse, "select count(*) from meta.withheld_scopes") == [(0,)]
    assert _query(
        warehouse,
        "select count(*) from review.income_statement where publication_status <> 'current'",
    ) == [(0,)]
    assert _query(warehouse, "select sum(row_count) from marts.fct_actuals_monthly") == [(ROWS,)]

    # WHEN the second municipality's November is re-exported with other amounts, and dbt
    # builds what reads the ledger, scoped as the dbt step scopes a ledger-only change
    # (one of the first municipality's year-to-date cells marked beforehand: a build
    # that rebuilt it would compute it again)
    candidate = warehouse.with_name("toteuma.candidate.duckdb")
    ytd = "intermediate.int_actuals_ytd"
    cell = (
        f"municipality_code = '{first}' and (cost_centre_code, line_code, period_month) ="
        f" (select (cost_centre_code, line_code, period_month) from {ytd}"
        f"  where municipality_code = '{first}' order by all limit 1)"
    )
    with duckdb.connect(str(candidate)) as con:
        con.execute(f"update {ytd} set ytd_amount = ytd_amount + 0.01 where {cell}")
        marked = con.execute(f"select ytd_amount from {ytd} where {cell}").fetchall()
        con.execute(
            "update raw.gl_postings set amount = amount + 100, debit = debit + 100"
            f" where municipality_code = '{second}' and period_month = 11 and debit > 0"
        )
        con.execute(
            "update raw.ingested_files set source_hash = 're-exported'"
            f" where source_kind = 'gl_postings' and municipality_code = '{second}'"
            " and period_month = 11"
        )
    dbt(
        candidate,
        ["run", "--select", "source:raw.gl_postings+", "--vars", "{ledger_scope: true}"],
    )
    # THEN only that month is in scope, the first municipality's rows stand as they were
    # (its marked cell too), and, the mark taken away, every scoped model equals a full
    # build (the second municipality's figures as a full build computes them)
    assert _query(candidate, "select * from intermediate.int_ledger_scope") == [
        (second, LAST_YEAR, 11)
    ]
    with duckdb.connect(str(candidate)) as con:
        assert con.execute(f"select ytd_amount from {ytd} where {cell}").fetchall() == marked
        con.execute(f"update {ytd} set ytd_amount = ytd_amount - 0.01 where {cell}")
    assert differences_from_a_full_build(candidate) == {}
