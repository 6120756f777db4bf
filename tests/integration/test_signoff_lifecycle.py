"""A quarter signed off, its ledger re-exported, and signed off again: on a copy of the
shared demo run's warehouse and its store (the demo's decisions), through the command
line as a named user of the store.

One module-scoped chain (two real runs; sign-offs need none): refusals (a wrong
password, a user without the right, an unexplained deviation), the sign-off of
31.3.2026 for unit 600, a
re-export of March 2026 with one posting changed under 600, the night that keeps the
approved figures and lists the changed cells, a new sign-off, the night that publishes
the new figure. Each test below asserts one behaviour of that chain.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.integration.conftest import TOTEUMA, Run, run_toteuma
from tests.smtp_sink import SmtpSink
from warehouse.settings import DEMO_CONTROLS_DIR

SIGNER, PREPARER = "testcontroller", "testpreparer"
PASSWORD = "Testi-salasana-2026"
UNIT, CHILD, CENTRE = "600", "606", "1004"  # 1004 is a cost centre of 606 in 2026
MARCH = "2026-03-31"
DELTA = Decimal("-1000.00")  # one more thousand euros of costs on one posting


@dataclass
class Chain:
    base: Path
    warehouse: Path
    store: Path
    line: str = ""
    refused_stranger: subprocess.CompletedProcess | None = None
    refused_preparer: subprocess.CompletedProcess | None = None
    refused_unexplained: subprocess.CompletedProcess | None = None
    recorded_after_refusals: int = -1
    first: subprocess.CompletedProcess | None = None
    before: dict = field(default_factory=dict)  # (unit, line) -> published actual_ytd
    changed_night: Run | None = None
    after_change: dict = field(default_factory=dict)
    changed_cells: list = field(default_factory=list)
    morning_view: dict = field(default_factory=dict)
    mails: list = field(default_factory=list)
    second: subprocess.CompletedProcess | None = None
    resigned_night: Run | None = None
    after_resign: dict = field(default_factory=dict)


def _toteuma(chain: Chain, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TOTEUMA_PASSWORD": PASSWORD}
    return subprocess.run(
        [TOTEUMA, *args, "--warehouse", str(chain.warehouse)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def _signoff(chain: Chain, user: str, *args: str) -> subprocess.CompletedProcess:
    return _toteuma(chain, "signoff", "--user", user, "--date", "31.3.2026", "--unit", UNIT, *args)


def _explain(chain: Chain, text: str) -> None:
    path = chain.base / "selitys.md"
    path.write_text(text, encoding="cp1252")  # as Notepad saves it
    done = _toteuma(
        chain, "explain", "--user", SIGNER, "--date", "31.3.2026", "--unit", UNIT, str(path)
    )
    assert done.returncode == 0, done.stderr


def _records(chain: Chain) -> list[dict]:
    """The store's sign-offs in force, read as an analyst would (read-only, briefly)."""
    with sqlite3.connect(f"file:{chain.store}?mode=ro", uri=True) as con:
        con.row_factory = sqlite3.Row
        rows = con.execute(
            "select * from store_signoff where reopened_at is null order by signed_at, id"
        ).fetchall()
    return [dict(row) for row in rows]


def _query(path: Path, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _published(chain: Chain) -> dict:
    rows = _query(
        chain.warehouse,
        "select org_unit_code, line_code, actual_ytd, release_status, approved_by "
        "from review.income_statement where reporting_date = ? and line_code in (?, ?) "
        "and org_unit_code in ('1', ?, ?)",
        [MARCH, chain.line, "TOIMINTAKATE", UNIT, CHILD],
    )
    return {(unit, line): (amount, status, by) for unit, line, amount, status, by in rows}


def _reexport_march(landing: Path) -> str:
    """One posting of cost centre 1004 gets 1 000 € more Debet; returns its account."""
    path = landing / "finance" / "gl_111_2026_03.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for index, line in enumerate(lines[1:], start=1):
        fields = line.split(";")
        if fields[5] == CENTRE and fields[9]:
            debit = Decimal(fields[9].replace("\u00a0", "").replace(" ", "").replace(",", "."))
            fields[9] = f"{debit - DELTA:.2f}".replace(".", ",")
            lines[index] = ";".join(fields)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return fields[6]
    raise AssertionError("no posting with a debit on cost centre 1004")


@pytest.fixture(scope="module")
def chain(demo_run, demo_landing, tmp_path_factory) -> Chain:
    base = tmp_path_factory.mktemp("signoff")
    shutil.copytree(demo_run.warehouse.parent, base / "warehouse")
    shutil.copytree(demo_landing, base / "landing")
    warehouse = base / "warehouse" / "toteuma.duckdb"
    chain = Chain(base, warehouse, warehouse.with_name("toteuma.controls.sqlite3"))
    for user, name, role in ((SIGNER, "Testi Controller", "approver"),
                             (PREPARER, "Testi Valmistelija", "preparer")):  # fmt: skip
        for command in (("users", "add", user, "--name", name),
                        ("users", "grant", user, "--role", role, "--municipality", "111",
                         "--unit", UNIT)):  # fmt: skip
            done = _toteuma(chain, *command)
            assert done.returncode == 0, done.stderr

    # refused: a wrong password; a preparer (no right to approve); a deviation nobody
    # explained
    chain.refused_stranger = _signoff(chain, "stranger")
    chain.refused_preparer = _signoff(chain, PREPARER)
    kept = (DEMO_CONTROLS_DIR / "explanations" / "111" / UNIT / f"{MARCH}.md").read_text(
        encoding="utf-8"
    )
    _explain(chain, kept.split("## Palvelujen ostot")[0])
    chain.refused_unexplained = _signoff(chain, SIGNER)
    _explain(chain, kept)
    chain.recorded_after_refusals = len(_records(chain))

    # signed off, then March re-exported with one posting changed under 606
    chain.first = _signoff(chain, SIGNER, "--comment", "Q1 käsitelty")
    account = _reexport_march(base / "landing")
    chain.line = _query(
        chain.warehouse,
        "select line_code from marts.dim_account where account_code = ?",
        [account],
    )[0][0]
    chain.before = _published(chain)
    with SmtpSink() as sink:
        chain.changed_night = run_toteuma(
            base / "landing", chain.warehouse, base / "dagster", extra_env=sink.env()
        )
    chain.mails = list(sink.messages)
    chain.after_change = _published(chain)
    chain.changed_cells = _query(
        chain.warehouse.with_name("toteuma.audit.duckdb"),
        "select org_unit_code, line_code, details, expected, actual, difference, explanation "
        "from audit.check_failures where check_name = 'approved_figures_unchanged' "
        "and run_id = (select run_id from audit.runs order by run_at desc limit 1)",
    )
    view = subprocess.run(
        [TOTEUMA, "failures", "--warehouse", str(chain.warehouse), "--format", "json"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    chain.morning_view = json.loads(view.stdout)

    # signed off again: the next night publishes the new figures
    chain.second = _signoff(chain, SIGNER)
    chain.resigned_night = run_toteuma(base / "landing", chain.warehouse, base / "dagster")
    chain.after_resign = _published(chain)
    return chain


def test_a_wrong_password_and_a_user_without_the_right_are_refused_and_audited(chain):
    assert chain.refused_stranger.returncode == 1
    assert "käyttäjätunnus stranger tai salasana on väärin" in chain.refused_stranger.stderr
    assert chain.refused_preparer.returncode == 1
    assert f"käyttäjä {PREPARER} ei saa hyväksyä lukuja yksikössä 600" in (
        chain.refused_preparer.stderr
    )
    with sqlite3.connect(f"file:{chain.store}?mode=ro", uri=True) as con:
        refused = con.execute(
            "select actor, action from store_auditentry where outcome = 'refused' order by id"
        ).fetchall()
    assert refused == [("stranger", "login"), (PREPARER, "approve")]


def test_an_unexplained_deviation_refuses_the_signoff_naming_unit_and_line(chain):
    refused = chain.refused_unexplained
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "selittämätön poikkeama: 600 Yhteiset palvelut, Palvelujen ostot (PALVELUT)" in (
        refused.stderr
    )
    assert "toteuma explain" in refused.stderr
    demo_signoffs = list((DEMO_CONTROLS_DIR / "approved").rglob("*.csv"))
    assert chain.recorded_after_refusals == len(demo_signoffs)  # nothing recorded


def test_a_signoff_records_who_when_and_the_fingerprint_of_the_figures(chain):
    assert chain.first.returncode == 0, chain.first.stderr
    record = [r for r in _records(chain) if r["unit"] == UNIT][0]
    assert (record["reporting_date"], record["signer_name"], record["username"]) == (
        MARCH, "Testi Controller", SIGNER,
    )  # fmt: skip
    assert record["comment"] == "Q1 käsitelty"
    figures = record["figures"].encode("utf-8")
    assert record["fingerprint"] == "sha256:" + hashlib.sha256(figures).hexdigest()
    units = {line.split(b",")[1] for line in figures.splitlines()[1:]}
    assert {b"600", b"606", b"607"} <= units and b"500" not in units


def test_the_night_after_a_reexport_keeps_the_approved_figures_of_the_signed_off_unit(chain):
    assert chain.changed_night.returncode == 0, chain.changed_night.output[-3000:]
    for unit in (UNIT, CHILD):
        amount, status, by = chain.after_change[(unit, chain.line)]
        assert amount == chain.before[(unit, chain.line)][0]
        assert (status, by) == ("approved", "Testi Controller")
    # the municipality above the approved unit is preliminary and follows the ledger
    amount, status, _ = chain.after_change[("1", chain.line)]
    assert status == "preliminary"
    assert amount == chain.before[("1", chain.line)][0] + DELTA


def test_approved_figures_changed_lists_every_changed_cell_with_both_values(chain):
    cells = {
        (unit, line, json.loads(details)["figure"]): (expected, actual, difference)
        for unit, line, details, expected, actual, difference, _ in chain.changed_cells
    }
    for unit in (UNIT, CHILD):
        for line in (chain.line, "TOIMINTAKATE", "TULOS"):
            expected, actual, difference = cells[(unit, line, "actual_ytd")]
            assert actual - expected == difference == DELTA
        assert (unit, chain.line, "remaining") in cells
    assert cells[(CHILD, chain.line, "actual_ytd")][0] == chain.before[(CHILD, chain.line)][0]
    assert all(unit in (UNIT, CHILD) for unit, _, _ in cells)  # nothing outside the change
    sentence = next(text for unit, line, *_, text in chain.changed_cells if unit == CHILD)
    assert sentence.startswith("Yksikkö 606 Digi- ja tietohallintopalvelut, 31.3.2026")
    assert "hyväksytty" in sentence and "kirjanpidon mukaan nyt" in sentence


def test_changed_approved_figures_reopen_the_date_in_the_morning_review_and_are_mailed(chain):
    shown = {row["check_name"] for row in chain.morning_view["failures"]}
    assert "approved_figures_unchanged" in shown
    (mail,) = chain.mails
    assert "approved_figures_unchanged" in mail.get_content()


def test_a_new_signoff_publishes_the_new_figures(chain):
    assert chain.second.returncode == 0, chain.second.stderr
    assert chain.resigned_night.returncode == 0, chain.resigned_night.output[-3000:]
    for unit in (UNIT, CHILD):
        amount, status, _ = chain.after_resign[(unit, chain.line)]
        assert amount == chain.before[(unit, chain.line)][0] + DELTA
        assert status == "approved"
    history = _query(
        chain.warehouse,
        "select status_seq, release_status, is_current_status from review.releases "
        "where reporting_date = ? and org_unit_code = ? order by status_seq",
        [MARCH, CHILD],
    )
    assert history == [(0, "preliminary", False), (1, "approved", False), (2, "approved", True)]
    checks = dict(
        _query(
            chain.warehouse.with_name("toteuma.audit.duckdb"),
            "select check_name, status from audit.check_results where run_id = "
            "(select run_id from audit.runs order by run_at desc limit 1)",
        )
    )
    assert checks["approved_figures_unchanged"] == "passed"
