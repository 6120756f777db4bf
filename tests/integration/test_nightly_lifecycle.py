"""Night after night on one warehouse: a re-export, a bad posting, a waiver, a bad file
that names a person, and its correction.

One chained test, because each step is a real run of the whole job and each starts from
the state the previous one left. It starts from a copy of the shared demo run's
warehouse, so every landing file is already loaded and only what a step changes is
read again.
"""

import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal

import dagster as dg
import duckdb

from orchestration.assets.gate import CHECK_KEYS
from tests.integration.conftest import TOTEUMA, run_toteuma
from tests.smtp_sink import SmtpSink

HETU = "240889-112H"  # a valid identity code (right check character)
PRIVATE_NAME = "Virtanen"


def test_reexport_bad_posting_waiver_unreadable_file_and_its_correction(
    demo_run, landing_copy, tmp_path
):
    warehouse = tmp_path / "warehouse" / "toteuma.duckdb"
    shutil.copytree(demo_run.warehouse.parent, warehouse.parent)
    home, waivers = tmp_path / "dagster", tmp_path / "waivers.yaml"
    june = landing_copy / "finance" / "gl_111_2025_06.csv"
    before = _actual_ytd(warehouse, "1", "TOIMINTAKATE", "2025-06-30")
    published = _digest(warehouse)

    # GIVEN June 2025 re-exported without its first row, and with the next row's account
    # changed to one missing from the chart (same report line, so only the dropped row
    # changes the totals)
    rows = june.read_text(encoding="utf-8-sig").splitlines()
    dropped, centre = rows[1].split(";"), rows[2].split(";")[5]
    _rewrite_ledger(june, lambda rows: [_with_field(rows[1], 6, "4999"), *rows[2:]])
    # WHEN the next night runs, with the e-mail digest going to a local SMTP server
    with SmtpSink() as sink:
        second = run_toteuma(landing_copy, warehouse, home, waivers, extra_env=sink.env())
    # THEN publication is withheld, the published file is untouched, the file is quarantined
    assert second.returncode == 3, second.output[-3000:]
    assert _digest(warehouse) == published
    assert (landing_copy / "quarantine" / june.name).exists()
    # ... the run says which failures blocked, with file and line, and so does its
    # Dagster run record (failed) and the one e-mail the controllers get
    blocking = f"{june.name}, rivi 2 – yksikkö {centre}, tili 4999, kausi 6/2025"
    assert "Estävät virheet" in second.output and blocking in second.output
    status, message = _dagster_run(home)
    assert status == "FAILURE" and blocking in message
    (mail,) = sink.messages
    assert "julkaisu pidätetty" in mail["Subject"] and blocking in mail.get_content()
    # ... and nobody can sign off the month's quarter while it blocks
    refused = _signoff(warehouse, home, "30.6.2025")
    assert refused.returncode == 1 and "estävä virhe, tarkistus gl_postings." in refused.stderr
    assert blocking in refused.stderr
    failures = _failures(warehouse, home)
    row = next(f for f in failures["failures"] if f["source_file"] == june.name)
    assert (row["source_row"], row["line_code"], row["severity"]) == (2, "4999", "error")
    assert row["org_unit_code"] == centre and row["period"] == "2025-06"
    assert "description" not in (row["details"] or ""), "free text may name private persons"
    # ... and in the Dagster UI: the run is tagged withheld, the landing check of the
    # ledger failed as an error that blocks, and every failed check shows as evidence
    # exactly the rows the morning review shows
    night = _dagster_checks(home)
    assert night.tags["toteuma/outcome"] == "withheld"
    ledger = night.judged[LEDGER_CHECK]
    assert not ledger.passed and ledger.severity == dg.AssetCheckSeverity.ERROR
    assert _value(ledger, "blocks publication (after waivers)") == "yes"
    _assert_evidence_is_the_morning_review(night, failures)

    # GIVEN a controller waives that posting (every check that flags it)
    flagged = {f["check_name"] for f in failures["failures"] if f["line_code"] == "4999"}
    waivers.write_text(
        "waivers:\n"
        + "".join(
            f"  - check: {check}\n    unit: '{centre}'\n    line: '4999'\n"
            "    reason: Corrected by a journal entry in July\n    name: Test Controller\n"
            "    expires: 2099-12-31\n"
            for check in sorted(flagged)
        ),
        encoding="utf-8",
    )
    third = run_toteuma(landing_copy, warehouse, home, waivers)
    # THEN the file is released and loaded, replacing (not doubling) the month's rows,
    # and the run publishes with the failure shown as waived
    assert third.returncode == 0, third.output[-3000:]
    assert june.exists() and not (landing_copy / "quarantine" / june.name).exists()
    candidate = warehouse.with_name("toteuma.candidate.duckdb")
    loaded = _query(
        candidate, "select count(*) from raw.gl_postings where source_file = ?", [june.name]
    )
    assert loaded[0][0] == len(june.read_text(encoding="utf-8").splitlines()) - 1
    after = _actual_ytd(warehouse, "1", "TOIMINTAKATE", "2025-06-30")
    assert before - after == _amount(dropped[10]) - _amount(dropped[9])
    rows = {
        (f["check_name"], f["status"])
        for f in _failures(warehouse, home)["failures"]
        if f["line_code"] == "4999"
    }
    assert {status for check, status in rows if check in flagged} == {"waived"}, rows
    # ... and, the month loaded, the chart's row rule names the unknown account too (a
    # row_rules check shows the whole failing row, account included): a new finding the
    # withheld night could not show, not waived
    assert {row for row in rows if row[0] not in flagged} == {
        ("accepted_values_int_accounts_mapped_is_in_chart__True", "failed")
    }, rows
    assert warehouse.with_name("toteuma.previous.duckdb").exists()
    # ... and dbt rebuilt the models on the monthly sums scoped to the month that changed
    # (test_scale_landing_publishes compares such a build with a full one)
    assert "(scoped to the municipalities whose ledger changed" in third.log
    assert _query(candidate, "select * from intermediate.int_ledger_scope") == [("111", 2025, 6)]
    # ... and the run list tells it apart from a clean night: published with warnings
    # (the waived failures, the demo's warn checks), counted on the publication
    night = _dagster_checks(home)
    assert night.tags["toteuma/outcome"] == "published-with-warnings"
    assert night.published["waived checks"] >= 1 and night.published["warning checks"] >= 1
    assert _value(night.judged[LEDGER_CHECK], "status after waivers") == "waived"
    assert _value(night.judged[LEDGER_CHECK], "blocks publication (after waivers)") == "no"
    _assert_evidence_is_the_morning_review(night, _failures(warehouse, home))

    # GIVEN a re-export with an unquoted ';' in a refund's Selite naming a person by name
    # and identity code (the file must be refused without quoting that line anywhere)
    published = _digest(warehouse)
    good_june = june.read_text(encoding="utf-8")
    leak = f"Palautus {PRIVATE_NAME} Aino {HETU}; vuokravakuus"
    _rewrite_ledger(june, lambda rows: [_with_field(rows[0], 8, leak), *rows[1:]])
    fourth = run_toteuma(landing_copy, warehouse, home, waivers)
    # THEN nothing of it loads, publication is withheld and the failure names line and
    # field counts in our words, with no library wording and no personal data
    assert fourth.returncode == 3, fourth.output[-3000:]
    assert _digest(warehouse) == published
    note = (landing_copy / "quarantine" / f"{june.name}.failed.txt").read_text()
    told = (
        "rivi 2: odotettiin 11 kenttää kuten otsikkorivillä, löytyi 12 — onko sarakkeen"
        " 'Selite' tekstissä ';', vaikka tekstiä ei ole lainausmerkeissä?"
    )
    assert told in note
    listed = json.dumps(_failures(warehouse, home), ensure_ascii=False)
    assert told in listed
    for text in (note, listed, fourth.output):
        assert HETU not in text and PRIVATE_NAME not in text and "strict_mode" not in text

    # GIVEN the corrected file is delivered
    june.write_text(good_june, encoding="utf-8")
    fifth = run_toteuma(landing_copy, warehouse, home, waivers)
    # THEN it publishes, the quarantined copy is gone, and the published audit copy holds
    # no trace of the refused line
    assert fifth.returncode == 0, fifth.output[-3000:]
    assert not (landing_copy / "quarantine" / june.name).exists()
    assert not (landing_copy / "quarantine" / f"{june.name}.failed.txt").exists()
    audit_text = json.dumps(
        _query(warehouse, "select * from audit.check_failures"), default=str, ensure_ascii=False
    )
    assert told in audit_text  # yesterday's finding is kept, in our words
    assert HETU not in audit_text and PRIVATE_NAME not in audit_text

    # GIVEN a night with nothing new (and the publication snapshot unchanged)
    review = _query(warehouse, "select * from review.income_statement order by all")
    sixth = run_toteuma(landing_copy, warehouse, home, waivers)
    # THEN dbt is not run at all, and the same figures are published
    assert sixth.returncode == 0, sixth.output[-3000:]
    assert "dbt: ei ajettu, mikään sen lukema ei muuttunut" in sixth.output
    assert "dbt not run: nothing it reads changed since run" in sixth.log
    assert "Running dbt command" not in sixth.log
    assert _query(warehouse, "select * from review.income_statement order by all") == review
    # ... and in the Dagster UI no check turns "Skipped": the night evaluated none (no
    # file validated, no test run), so each keeps its last real evaluation; the checks of
    # the review tables it reports (for the gate) say which run ran their test
    night = _dagster_checks(home)
    assert night.by_step.get("toteuma_dbt", 0) == 0 and LEDGER_CHECK not in night.judged
    assert set(night.by_step) == {"quality_gate"}
    for key, evaluation in night.judged.items():
        assert key.asset_key.path[0] == "review", key
        assert _value(evaluation, "evaluated in run") != night.run_id
        assert evaluation.description.startswith("Kept from run ")
    assert night.latest_statuses <= {"SUCCEEDED", "FAILED"}
    assert night.latest_runs - {night.run_id} and night.tags["toteuma/outcome"] in (
        "published", "published-with-warnings"
    )  # fmt: skip

    # GIVEN another night with nothing new after that quiet one (no waiver imported again:
    # an import is a decision of its own, audited, and means a run)
    published, files = _digest(warehouse), _files_of(warehouse)
    seventh = run_toteuma(landing_copy, warehouse, home)
    # THEN the run says so before starting Dagster or dbt: no Dagster run, no log, no
    # file of the warehouse touched; the look is recorded for the web review's header
    assert seventh.returncode == 0, seventh.output[-3000:]
    assert seventh.output.startswith("Ei mitään uutta:"), seventh.output[-3000:]
    assert night.run_id in seventh.output and "toteuma run --force" in seventh.output
    assert _dagster_checks(home).run_id == night.run_id
    assert _digest(warehouse) == published and _files_of(warehouse) == files
    state = json.loads(warehouse.with_name("toteuma.nothing_new.json").read_text())
    assert state["quiet_run"]["run_id"] == night.run_id
    assert [look["matched_run"] for look in state["looks"]] == [night.run_id]


LEDGER_CHECK = dg.AssetCheckKey(
    dg.AssetKey(["raw", "gl_postings"]), "landing_files_meet_expectations"
)


@dataclass
class Night:
    """What the Dagster UI shows of the latest run of an instance."""

    run_id: str
    tags: dict[str, str]
    judged: dict  # check key -> the evaluation the quality gate told (the one shown)
    by_step: dict[str, int]  # step -> check evaluations it logged
    published: dict[str, object]  # published_warehouse's metadata
    latest_statuses: set[str]  # status of every check's latest execution
    latest_runs: set[str]  # the runs those executions belong to


def _dagster_checks(home) -> Night:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        run = instance.get_runs(limit=1)[0]
        records = instance.get_records_for_run(
            run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=10_000
        ).records
        judged, by_step = {}, {}
        for record in records:
            entry = record.event_log_entry
            by_step[entry.step_key] = by_step.get(entry.step_key, 0) + 1
            if entry.step_key == "quality_gate":
                evaluation = entry.dagster_event.asset_check_evaluation_data
                judged[evaluation.asset_check_key] = evaluation
        materialized = instance.get_records_for_run(
            run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION, limit=10_000
        ).records
        published = {}
        for record in materialized:
            event = record.event_log_entry.dagster_event
            if event.asset_key == dg.AssetKey("published_warehouse"):
                metadata = event.event_specific_data.materialization.metadata
                published = {name: value.value for name, value in metadata.items()}
        latest = instance.event_log_storage.get_latest_asset_check_execution_by_key(
            list(CHECK_KEYS)
        )
        return Night(
            run.run_id, dict(run.tags), judged, by_step, published,
            {record.status.value for record in latest.values()},
            {record.run_id for record in latest.values()},
        )  # fmt: skip


def _value(evaluation, name):
    return evaluation.metadata[name].value


def _assert_evidence_is_the_morning_review(night: Night, failures: dict) -> None:
    """Each failed check's evidence rows in the UI are the default view's rows of its
    checks (`toteuma failures`), no more, no fewer."""
    shown: dict[str, int] = {}
    for row in failures["failures"]:
        shown[row["check_name"]] = shown.get(row["check_name"], 0) + 1
    told = 0
    for evaluation in night.judged.values():
        if evaluation.passed:
            continue
        # one name or pattern, or a row_rules test's rules, comma-separated
        pattern = _value(evaluation, "check in the morning review")
        patterns = pattern.split(", ")
        expected = sum(
            n
            for name, n in shown.items()
            if any(fnmatch.fnmatchcase(name, each) for each in patterns)
        )
        assert _value(evaluation, "open rows (morning review)") == expected, pattern
        told += expected
    assert told and told <= len(failures["failures"])


def _dagster_run(home):
    """Status and failure message of the latest run in the instance the CLI used."""
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    script = (
        "import dagster as dg, json\n"
        "with dg.DagsterInstance.get() as instance:\n"
        "    (run,) = instance.get_runs(limit=1)\n"
        "    failures = instance.get_records_for_run(run.run_id, "
        "of_type=dg.DagsterEventType.STEP_FAILURE).records\n"
        "    texts = [r.event_log_entry.dagster_event.step_failure_data.user_failure_data"
        ".description for r in failures]\n"
        "    print(json.dumps([run.status.value, '\\n'.join(t or '' for t in texts)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
        check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def _signoff(warehouse, home, day):
    """An approver of the whole municipality, new in the warehouse's store, tries to sign
    off."""
    env = {**os.environ, "DAGSTER_HOME": str(home), "TOTEUMA_PASSWORD": "Elinkaari-2026-testi"}
    for command in (
        ("users", "add", "lifecycle", "--name", "Elin Kaari"),
        ("users", "grant", "lifecycle", "--role", "approver", "--municipality", "111"),
        ("signoff", "--user", "lifecycle", "--date", day),
    ):
        done = subprocess.run(
            [TOTEUMA, *command, "--warehouse", str(warehouse)],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
    return done


def _failures(warehouse, home):
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    done = subprocess.run(
        [TOTEUMA, "failures", "--warehouse", str(warehouse), "--format", "json"],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files_of(warehouse):
    """The warehouse's DuckDB files (published, previous, candidate, audit history) by
    size and modification time."""
    return {
        path.name: (path.stat().st_size, path.stat().st_mtime_ns)
        for path in warehouse.parent.glob("*.duckdb*")
    }


def _query(path, sql, params=()):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _actual_ytd(warehouse, unit, line, day):
    return _query(
        warehouse,
        "select actual_ytd from review.income_statement where org_unit_code = ? "
        "and line_code = ? and reporting_date = ?",
        [unit, line, day],
    )[0][0]


def _rewrite_ledger(path, transform):
    """Re-export a UTF-8 ledger file with its data rows transformed (the header stays)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([lines[0], *transform(lines[1:])]) + "\n", encoding="utf-8")


def _amount(text):
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", ".") or 0)


def _with_field(row, index, value):
    fields = row.split(";")
    fields[index] = value
    return ";".join(fields)


def test_the_first_run_tells_its_story_in_a_short_finnish_summary_and_logs_the_rest(demo_run):
    # GIVEN the shared first run of the demo data (a fresh warehouse, every file new),
    # its output going to a pipe as the nightly job's does
    output, lines = demo_run.output, demo_run.output.splitlines()
    # THEN the terminal gets a screenful: one line per step and one summary
    assert len(lines) < 60, output
    assert "Traceback" not in output and "UTC" not in output
    assert "Running dbt command" not in output and "OK created sql" not in output
    # ... saying when it ran on Helsinki's clock, what it did with the files of each kind
    assert re.search(r"^Ajo [0-9a-f-]{36} \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d "
                     r"\(Suomen aikaa\), kesto ", output, re.MULTILINE), output  # fmt: skip
    ledgers = len(list((demo_run.landing / "finance").glob("gl_*.csv")))
    assert re.search(rf"^  Kirjanpito +{ledgers} +0 +0 +0$", output, re.MULTILINE), output
    assert re.search(r"^  Organisaatio +1 +0 +0 +0$", output, re.MULTILINE), output
    # ... what dbt built, the checks by severity, the decision and where to look next
    assert re.search(r"^dbt: \d+ taulua rakennettu", output, re.MULTILINE), output
    assert re.search(r"^  varoitus +\d+ tarkistusta, \d+ riviä: \d+ uutta", output, re.MULTILINE)
    assert f"JULKAISTU: {demo_run.warehouse}" in output
    # (the commands name this warehouse: it is not the default one)
    assert re.search(
        rf"toteuma failures --warehouse {re.escape(str(demo_run.warehouse))} +avoimet poikkeamat"
        r" \(\d+ riviä\)",
        output,
    ), output
    assert "http://localhost:3000/runs/" in output
    # and the log file it names beside the warehouse holds what Dagster and dbt said
    log = demo_run.log
    assert log.count("Running dbt command: `") == 1
    assert "OK created sql table model" in log and "Finished dbt command" in log
    assert len(log.splitlines()) > 10 * len(lines)
