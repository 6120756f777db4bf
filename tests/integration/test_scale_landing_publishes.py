"""A generated scale landing folder (two municipalities, a reorganisation on 1 January,
every quirk of the contract) passes the product's own checks and a real run publishes it.
"""

import duckdb

from demo.scale.generate import write_scale_landing
from tests.integration.conftest import run_toteuma

ROWS = 4000


def test_small_scale_folder_is_loaded_and_published(tmp_path):
    landing = tmp_path / "landing"
    write_scale_landing(landing, municipalities_count=2, years_count=1, rows=ROWS, seed=3)
    warehouse = tmp_path / "warehouse" / "toteuma.duckdb"

    run = run_toteuma(landing, warehouse, tmp_path / "dagster")

    assert run.returncode == 0, run.output[-5000:]
    assert not (landing / "quarantine").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows, municipalities = con.execute(
            "select sum(row_count), count(distinct municipality_code)"
            " from marts.fct_actuals_monthly"
        ).fetchone()
        blocking = con.execute(
            "select count(*) from audit.check_results where severity = 'error'"
            " and status not in ('passed', 'waived')"
        ).fetchone()[0]
    assert (rows, municipalities, blocking) == (ROWS, 2, 0)
