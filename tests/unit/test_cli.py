"""The `toteuma` command line: plain Finnish refusals, no stack trace for an expected
outcome, times on Helsinki's clock (typer's CliRunner, and a real process where a pipe or
another process's lock is the point)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from orchestration.cli import app, main
from orchestration.run_display import log_path_for, summary_text
from orchestration.runner import CheckCounts, KindFiles, RunOutcome
from warehouse.gate.history import append_run
from warehouse.gate.records import CheckResult, Evidence
from warehouse.settings import load_settings

TOTEUMA = str(Path(sys.executable).parent / "toteuma")
HELSINKI_TIME = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d \(Suomen aikaa\)")


@pytest.fixture
def cli(monkeypatch, tmp_path) -> CliRunner:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    for name in ("TOTEUMA_WAREHOUSE_PATH", "TOTEUMA_LANDING_DIR"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def test_version_is_the_installed_packages(cli):
    done = cli.invoke(app, ["--version"])
    assert done.exit_code == 0
    assert done.stdout.strip() == f"toteuma {version('toteuma')}"
    assert main(["--version"]) == 0


def test_a_usage_error_exits_2_and_a_bad_date_is_refused_in_finnish(cli, tmp_path):
    assert cli.invoke(app, ["run", "--no-such-option"]).exit_code == 2
    done = cli.invoke(app, ["export", "--date", "31.2.2026", "--out", str(tmp_path / "a.xlsx")])
    assert done.exit_code == 2
    assert "'31.2.2026' ei ole päivämäärä" in done.output and "--date" in done.output


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (
            ["export", "--date", "31.3.2026", "--out", "pack.csv"],
            "--out pack.csv pyytää muotoa .csv",
        ),
        (["report", "--date", "31.3.2026", "--out", "r.pdf"], "--out r.pdf pyytää muotoa .pdf"),
        (["failures", "--out", "poikkeamat.txt"], "--out poikkeamat.txt pyytää muotoa .txt"),
        (["export", "--format", "parquet", "--out", "t.csv"], "kirjoittaa kansioon"),
    ],
)
def test_an_out_name_asking_for_another_format_is_refused_and_nothing_is_written(
    cli, tmp_path, monkeypatch, args, told
):
    # GIVEN a published warehouse (a file is enough: nothing may open it)
    monkeypatch.chdir(tmp_path)
    warehouse = tmp_path / "toteuma.duckdb"
    warehouse.touch()
    warehouse.with_name("toteuma.audit.duckdb").touch()
    done = cli.invoke(app, [*args, "--warehouse", str(warehouse)])
    assert done.exit_code == 1
    assert told in done.stderr and "Traceback" not in done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "toteuma.audit.duckdb",
        "toteuma.duckdb",
    ]


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        (["export", "--date", "31.3.2026", "--out", "x.xlsx"], "tietovarastoa"),
        (["report", "--date", "31.3.2026", "--out", "x.docx"], "tietovarastoa"),
        (["failures"], "tarkistushistoriaa"),
    ],
)
def test_a_read_command_without_a_warehouse_says_so_plainly(cli, tmp_path, args, missing):
    warehouse = tmp_path / "typo" / "toteuma.duckdb"
    done = cli.invoke(app, [*args, "--warehouse", str(warehouse)])
    assert done.exit_code == 1
    assert f"{missing} {warehouse.parent}" in done.stderr
    assert "ei ole olemassa" in done.stderr and "toteuma run" in done.stderr


def test_run_refuses_a_warehouse_folder_that_does_not_exist_unless_asked_to_create_it(
    cli, tmp_path
):
    warehouse = tmp_path / "warehuose" / "toteuma.duckdb"  # a typo
    landing = tmp_path / "landing"
    done = cli.invoke(app, ["run", "--warehouse", str(warehouse), "--landing", str(landing)])
    # THEN nothing starts and nothing is created
    assert done.exit_code == 1
    assert f"tietovaraston kansiota {warehouse.parent} ei ole" in done.stderr
    assert "--create" in done.stderr
    assert not warehouse.parent.exists() and not (tmp_path / "dagster").exists()
    # WHEN --create is given THEN the folder is made, and the run goes on to the landing
    # folder, which is missing too: a plain refusal before Dagster starts
    args = ["run", "--warehouse", str(warehouse), "--landing", str(landing), "--create"]
    done = cli.invoke(app, args)
    assert done.exit_code == 1
    assert warehouse.parent.is_dir()
    assert f"saapuvien tiedostojen kansiota {landing} ei ole" in done.stderr
    assert "mitään ei ladattu eikä julkaistu" in done.stderr
    assert "Traceback" not in done.output and not (tmp_path / "dagster").exists()


def test_run_refuses_an_empty_landing_folder_in_finnish(cli, tmp_path):
    landing = tmp_path / "landing"
    (landing / "finance").mkdir(parents=True)
    (landing / "finance" / "notes.txt").write_text("not a finance file")
    done = cli.invoke(
        app, ["run", "--warehouse", str(tmp_path / "toteuma.duckdb"), "--landing", str(landing)]
    )
    assert done.exit_code == 1
    assert f"saapuvien tiedostojen kansiossa {landing} ei ole taloustiedostoja" in done.stderr


def test_a_run_while_another_holds_the_lock_exits_4_naming_it_on_helsinkis_clock(
    cli, tmp_path, other_process
):
    warehouse = tmp_path / "toteuma.duckdb"
    holder = other_process(load_settings(warehouse).lock_path)
    done = cli.invoke(app, ["run", "--warehouse", str(warehouse), "--landing", str(tmp_path)])
    assert done.exit_code == 4
    (line,) = done.stderr.splitlines()
    assert line.startswith("toteuma run: toinen toteuma-ajo on käynnissä ")
    assert HELSINKI_TIME.search(line) and f"(prosessi {holder.pid})" in line
    assert line.endswith("; tämä ajo ei tehnyt mitään")


@pytest.fixture
def held_open(tmp_path) -> Iterator[tuple[Path, subprocess.Popen]]:
    """A published file another process holds open read-write (an analyst's DBeaver)."""
    warehouse = tmp_path / "toteuma.duckdb"
    duckdb.connect(str(warehouse)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); sys.stdin.read()", str(warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    yield warehouse, holder
    holder.kill()
    holder.wait()


def test_export_of_a_warehouse_another_process_holds_says_who_and_what_to_do(cli, held_open):
    warehouse, holder = held_open
    out = warehouse.parent / "pack.xlsx"
    done = cli.invoke(
        app, ["export", "--date", "31.3.2026", "--out", str(out), "--warehouse", str(warehouse)]
    )
    assert done.exit_code == 1
    told = done.stderr
    assert told.startswith(f"toteuma export: tiedosto {warehouse} on toisen ohjelman käytössä")
    assert f"(prosessi {holder.pid}" in told and "read_only=True" in told
    assert "Traceback" not in done.output and "IOException" not in told
    assert not out.exists()


def test_an_unexpected_error_is_one_line_and_a_log_file_with_the_traceback(
    cli, tmp_path, monkeypatch
):
    import reports.review_pack

    def broken(*args):
        raise KeyError("sheet")

    monkeypatch.setattr(reports.review_pack, "write_review_pack", broken)
    warehouse = tmp_path / "toteuma.duckdb"
    warehouse.touch()
    args = ["export", "--date", "31.3.2026", "--out", str(tmp_path / "p.xlsx")]
    done = cli.invoke(app, [*args, "--warehouse", str(warehouse)])
    assert done.exit_code == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("toteuma export: odottamaton virhe (KeyError: 'sheet'). Koko kuvaus: ")
    log = Path(line.rsplit(": ", 1)[1])
    assert log.parent == tmp_path / "logs"
    assert "Traceback" in log.read_text() and "raise KeyError" in log.read_text()


def test_failures_into_a_pipe_closed_early_ends_quietly(tmp_path):
    # GIVEN a run with far more failing rows than a pipe holds
    warehouse = tmp_path / "toteuma.duckdb"
    rows = [
        Evidence(
            municipality_code="111",
            org_unit_code="2502",
            line_code="4999",
            period="2026-03",
            source_file="gl_111_2026_03.csv",
            source_row=line,
            novelty="new",
            explanation="Sarakkeen 'Tili' arvon on oltava tilikartan tili.",
        )  # fmt: skip
        for line in range(2, 3000)
    ]
    check = CheckResult("gl_postings.account_known", "incoming", "error", "w", "raw/gl", rows, 1)
    append_run(warehouse.with_name("toteuma.audit.duckdb"), "run-1", dt.datetime(2026, 4, 15, 2),
               [check], "withheld")  # fmt: skip
    # WHEN it is piped into a reader that reads one line and goes (`| head -1`)
    reader = subprocess.Popen(
        [TOTEUMA, "failures", "--all", "--warehouse", str(warehouse)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert reader.stdout.readline().startswith(b"Ajo run-1 ")
    reader.stdout.close()
    code = reader.wait(timeout=120)
    # THEN it ends without a word on stderr (no traceback, no "Exception ignored")
    assert reader.stderr.read() == b""
    assert code == 1


def test_the_run_summary_is_finnish_with_helsinki_time_and_says_where_to_look(tmp_path):
    settings = load_settings(tmp_path / "toteuma.duckdb")
    log = log_path_for(
        settings.warehouse_path, "abc", dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)
    )
    outcome = RunOutcome(
        "withheld", "abc", settings, failed_checks=["gl_postings.account_known"],
        blocking=["gl_postings.account_known (saapuva tiedosto, 1 poikkeava rivi)"],
        started=dt.datetime(2026, 12, 7, 2, 13, tzinfo=dt.UTC), seconds=75, log_path=log,
        files={"gl_postings": KindFiles(50, 0, ["gl_111_2026_03.csv"], read=True),
               "forecasts": KindFiles(waiting=["forecast_111_2026_03.csv"])},
        dbt_rebuilt=12,
        checks=CheckCounts(checks={"error": 1}, rows={"error": 1},
                           novelty={"error": {"new": 1}}, open_rows=1),
        landing=tmp_path / "landing",
    )  # fmt: skip
    # a warehouse never published yet is not "unchanged"
    assert "mitään ei ole vielä julkaistu" in summary_text(outcome)
    settings.warehouse_path.write_bytes(b"")
    text = summary_text(outcome)
    # the day of the log file is Helsinki's (01.30 on 7 December there)
    assert log == tmp_path / "logs" / "2026-12-07-abc.log"
    assert "Ajo abc 7.12.2026 klo 4.13 (Suomen aikaa), kesto 1 min 15 s." in text
    assert re.search(r"Kirjanpito\s+50\s+0\s+1\s+0", text)
    assert re.search(r"Ennusteet\s+0\s+0\s+0\s+1", text)
    assert f"Karanteenissa ({tmp_path / 'landing' / 'quarantine'}/" in text
    assert "gl_111_2026_03.csv" in text
    assert "virhe      1 tarkistusta, 1 riviä: 1 uutta" in text
    assert (
        f"JULKAISU PIDÄTETTY: 1 estävää tarkistusta; {settings.warehouse_path} on ennallaan" in text
    )
    assert "/runs/abc" in text and str(log) in text
    # the next commands name this warehouse: it is not the default one
    assert f"toteuma failures --warehouse {settings.warehouse_path} " in text
    assert f"toteuma web --warehouse {settings.warehouse_path} " in text
    assert "UTC" not in text


def test_a_typo_in_the_warehouse_file_name_starts_no_load(cli, tmp_path):
    # GIVEN a folder holding a warehouse
    (tmp_path / "toteuma.duckdb").write_bytes(b"")
    landing = tmp_path / "landing"
    # WHEN its name is mistyped: a wrong ending, or another name beside it
    wrong_ending = cli.invoke(
        app, ["run", "--warehouse", str(tmp_path / "toteuma.duckbd"), "--landing", str(landing)]
    )
    other_name = cli.invoke(
        app, ["run", "--warehouse", str(tmp_path / "totuema.duckdb"), "--landing", str(landing)]
    )
    # THEN each is refused in Finnish, naming what is there, before anything is touched
    assert wrong_ending.exit_code == 1
    assert "pitää päättyä .duckdb, löytyi toteuma.duckbd" in wrong_ending.output
    assert other_name.exit_code == 1
    assert "kansiossa" in other_name.output and "toteuma.duckdb" in other_name.output
    assert "--create" in other_name.output
    written = {path.name for path in tmp_path.iterdir()} - {"dagster"}
    assert written == {"toteuma.duckdb"}  # no lock, candidate or log of the typo
