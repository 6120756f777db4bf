"""The e-mail digest: sent to a local SMTP server, only when there is news."""

import datetime as dt
from decimal import Decimal

from tests.smtp_sink import SmtpSink
from warehouse.gate.blocking import blocking_lines
from warehouse.gate.history import append_run
from warehouse.gate.records import CheckResult, Evidence
from warehouse.publish.digest import Digest, compose, send

WAREHOUSE = "warehouse/toteuma.duckdb"


def _blocking():
    row = Evidence(
        municipality_code="111", org_unit_code="2502", line_code="4999", period="2026-03",
        source_file="gl_111_2026_03.csv", source_row=6, novelty="new",
        explanation="Sarakkeen 'Tili' arvon on oltava tilikartan tili (1 rivi; tiedosto"
        " siirretty karanteeniin)",
    )  # fmt: skip
    return CheckResult("gl_postings.account_known", "incoming", "error", "w", "raw/gl", [row], 1)


def _warning(novelty):
    row = Evidence(
        municipality_code="111", org_unit_code="600", line_code="TOIMINTAKULUT",
        line_name="Toimintakulut", period="2026-03", expected=Decimal("-9720700"),
        actual=Decimal("-10233700"), difference=Decimal("-513000"), novelty=novelty,
    )  # fmt: skip
    return CheckResult("forecast_grains_agree", "judgement", "warn", "w", "x", [row], 1)


def test_a_withheld_run_mails_its_blocking_failures_with_file_and_line(tmp_path):
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, "run-1", dt.datetime(2026, 4, 15, 2), [_blocking()], "withheld")
    # WHEN the digest goes to a local SMTP server
    with SmtpSink() as sink:
        settings = Digest(to=("controllers@example.invalid",), host="127.0.0.1", port=sink.port)
        send(settings, compose(audit, "run-1", WAREHOUSE))
    # THEN one message arrives, naming the check, the file and the line
    (message,) = sink.messages
    assert message["Subject"] == "toteuma: julkaisu pidätetty 15.4.2026 klo 5.00 (Suomen aikaa)"
    body = message.get_content()
    assert "gl_postings.account_known" in body
    assert "gl_111_2026_03.csv, rivi 6 – yksikkö 2502, tili 4999, kausi 3/2026" in body


def test_a_published_run_with_nothing_new_sends_nothing_and_new_failures_are_listed(tmp_path):
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, "old", dt.datetime(2026, 4, 14, 2), [_warning("still")], "publish")
    append_run(audit, "new", dt.datetime(2026, 4, 15, 2), [_warning("new")], "publish")
    assert compose(audit, "old", WAREHOUSE) is None
    mail = compose(audit, "new", WAREHOUSE)
    assert mail.subject.startswith("toteuma: 1 uutta poikkeamaa")
    assert "forecast_grains_agree: [UUSI] 3/2026 · Toimintakulut (TOIMINTAKULUT)" in mail.body


def test_blocking_lines_name_check_file_line_and_what_is_wrong(tmp_path):
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, "run-1", dt.datetime(2026, 4, 15, 2), [_blocking()], "withheld")
    assert blocking_lines(audit, "run-1") == [
        "gl_postings.account_known (saapuva tiedosto, 1 poikkeava rivi)",
        "  gl_111_2026_03.csv, rivi 6 – yksikkö 2502, tili 4999, kausi 3/2026 – Sarakkeen 'Tili' "
        "arvon on oltava tilikartan tili (1 rivi; tiedosto siirretty karanteeniin)",
    ]


def test_each_new_failure_links_to_its_page_in_the_review_and_the_mail_to_the_morning_queue(
    tmp_path,
):
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, "new", dt.datetime(2026, 4, 15, 2), [_warning("new")], "publish")
    mail = compose(audit, "new", WAREHOUSE, web="https://toteuma.heinola.example")
    assert (
        "    https://toteuma.heinola.example/tarkistus/forecast_grains_agree/"
        "?municipality=111&unit=600&line=TOIMINTAKULUT&period=2026-03\n"
    ) in mail.body
    assert "Aamukatsaus: https://toteuma.heinola.example/   Uudet:" in mail.body
    assert "https://" not in compose(audit, "new", WAREHOUSE).body  # no address: no links


def test_the_blocking_heading_counts_the_rows_it_lists_as_the_summary_does(tmp_path):
    # GIVEN a landing check failing on one file (its count: 1) with two problem lines
    rows = [
        Evidence(municipality_code="111", source_file="gl_111_2026_02.csv", source_row=row,
                 explanation=f"ongelma {row}")
        for row in (1, 2)
    ]  # fmt: skip
    readable = CheckResult("gl_postings.file_is_readable", "incoming", "error", "w", "r", rows, 1)
    audit = tmp_path / "toteuma.audit.duckdb"
    append_run(audit, "run-1", dt.datetime(2026, 4, 15, 2), [readable], "withheld")
    # THEN the heading says two rows, as the two lines under it and the summary's count do
    lines = blocking_lines(audit, "run-1")
    assert lines[0] == "gl_postings.file_is_readable (saapuva tiedosto, 2 poikkeavaa riviä)"
    assert len(lines) == 3
