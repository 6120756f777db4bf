"""The controllers' review in a real browser (issue 18, "Tested in a real browser").

Debian's Chromium, driven by Playwright, against `toteuma web` (the production server, a
subprocess) on a copy of the shared demo run's warehouse: a preparer of unit 600 logs in,
sees the morning queue, opens a failure, waives it with an expiry, writes an explanation
and submits; a forged POST for unit 700 is refused (403); an approver approves; an
auditor sees every step in the audit log; the next run publishes the unit as approved;
five wrong passwords lock an account. Every page is photographed (tests/web/harness.py:
into the test's folder, and into docs/images/ under `make screenshots`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest

from tests.integration.conftest import run_toteuma
from tests.web.harness import (
    Screenshots,
    chromium,
    copy_warehouse,
    log_in,
    person,
    serve_review,
    set_passwords,
)

MUNICIPALITY, UNIT, OTHER_UNIT = "111", "600", "700"
DAY = dt.date(2026, 3, 31)  # the demo's latest reporting date, open (not approved)
UNIT_PATH = f"kunta/{MUNICIPALITY}/{DAY.isoformat()}/{UNIT}/"
OTHER_UNIT_PATH = f"kunta/{MUNICIPALITY}/{DAY.isoformat()}/{OTHER_UNIT}/"
WAIVED_CHECK = "forecast_grains_agree"  # the demo's one failure of unit 600's own rows
PASSWORDS = {
    "valmistelija": "Valmistelijan-salasana-1",
    "talousjohtaja": "Talousjohtajan-salasana-2",
    "tarkastaja": "Tarkastajan-salasana-3",
    "lukittava": "Oikea-salasana-4",  # no grant: only to be locked out
}
NARRATIVE_ADDITION = "Selaintestin lisäys: ennuste tarkistetaan huhtikuussa."
PAGES = (
    "kirjautuminen", "aamukatsaus", "poikkeama", "poikkeuslupa", "yksikko", "kertyma",
    "selitys",
    "hyvaksytty", "julkaisut", "loki", "lataukset", "lukittu",
)  # fmt: skip
WAIVER_REASON = "Ennusteen välisumma korjataan seuraavaan ennusteeseen (selaintesti)."


@pytest.fixture(scope="module")
def review(demo_run, tmp_path_factory):
    """The review served on a copy of the demo warehouse; the demo users' passwords known."""
    base = tmp_path_factory.mktemp("review_browser")
    warehouse = copy_warehouse(demo_run.warehouse, base / "warehouse")
    set_passwords(warehouse, PASSWORDS)
    with serve_review(warehouse) as site:
        yield site, warehouse, base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def shots(review) -> Screenshots:
    return Screenshots(review[2] / "screenshots")


def _expect_ok(response, what: str) -> None:
    assert response is not None and response.ok, f"{what}: {response and response.status}"


def _csrf_token(page) -> str:
    return page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")


def test_a_quarter_is_reviewed_approved_and_published_in_the_browser(
    review, browser, shots, demo_run
):
    site, warehouse, base = review
    expires = dt.date.today() + dt.timedelta(days=90)

    # --- the preparer of unit 600: morning queue, a failure, a waiver ---------------------
    preparer = person(browser)
    page = log_in(preparer, site, "valmistelija", PASSWORDS["valmistelija"])
    assert page.url == site.url, page.url  # LOGIN_REDIRECT_URL: the morning queue
    assert page.get_by_role("heading", name="Aamukatsaus", level=1).is_visible()
    assert page.get_by_role("heading", name=re.compile(WAIVED_CHECK)).count() >= 1
    shots.take(page, "aamukatsaus")

    failure = page.locator(f"a[href^='/tarkistus/{WAIVED_CHECK}/']").first
    with page.expect_navigation():
        failure.click()
    assert f"/tarkistus/{WAIVED_CHECK}/" in page.url
    assert page.get_by_text("Saman ennusteen kaksi tasoa eivät täsmää").first.is_visible()
    shots.take(page, "poikkeama")

    waiver_form = page.locator(f"form[action$='/tarkistus/{WAIVED_CHECK}/poikkeuslupa/']")
    waiver_form.get_by_label("Yksikkö", exact=True).fill(UNIT)
    waiver_form.get_by_label("Perustelu").fill(WAIVER_REASON)
    waiver_form.get_by_label("Voimassa asti").fill(expires.isoformat())
    shots.take(page, "poikkeuslupa", at="#waivers-heading")
    with page.expect_navigation() as waived:
        waiver_form.locator("button[type=submit]").click()
    _expect_ok(waived.value, "waiver")
    assert page.get_by_text("Poikkeuslupa tallennettu").is_visible()
    assert page.get_by_text(WAIVER_REASON).first.is_visible()

    # --- the explanation and the submission ----------------------------------------------
    _expect_ok(page.goto(site.url + UNIT_PATH), "unit page")
    shots.take(page, "yksikko")
    assert page.locator("#kertyma-otsikko ~ * svg, #kertyma-otsikko ~ * img").count() >= 1
    shots.take(page, "kertyma", at="#kertyma-otsikko")
    narrative = page.get_by_label("Toiminnan ja talouden toteutuminen")
    narrative.fill(f"{narrative.input_value()}\n\n{NARRATIVE_ADDITION}".strip())
    explanation_form = page.locator("form[action$='/selitys/']")
    with page.expect_navigation() as saved:
        explanation_form.locator("button[type=submit]").click()
    _expect_ok(saved.value, "explanation")
    assert (
        NARRATIVE_ADDITION in page.get_by_label("Toiminnan ja talouden toteutuminen").input_value()
    )
    shots.take(page, "selitys", at="#selitys")

    with page.expect_navigation() as submitted:
        page.locator("form[action$='/laheta/'] button[type=submit]").click()
    _expect_ok(submitted.value, "submit")
    assert page.get_by_text("Lähetetty hyväksyttäväksi").first.is_visible()

    # --- a forged request for unit 700, with the page's own CSRF token -----------------------
    forged = page.request.post(
        site.url + OTHER_UNIT_PATH + "selitys/",
        form={
            "csrfmiddlewaretoken": _csrf_token(page),
            "narrative": "Väärennetty selitys toiselle yksikölle",
            "based_on_version": "",
        },
        headers={"Referer": site.url + UNIT_PATH},
        max_redirects=0,
    )
    assert forged.status == 403, forged.status
    assert "valmistelija ei saa" in forged.text()  # refused for rights, not for the CSRF token
    preparer.close()

    # --- the approver approves: the unit and its sub-units ---------------------------------
    approver = person(browser)
    page = log_in(approver, site, "talousjohtaja", PASSWORDS["talousjohtaja"])
    _expect_ok(page.goto(site.url + UNIT_PATH), "unit page (approver)")
    assert page.get_by_text("Lähetetty hyväksyttäväksi").first.is_visible()
    with page.expect_navigation() as approved:
        page.locator("form[action$='/hyvaksy/'] button[type=submit]").click()
    _expect_ok(approved.value, "approve")
    assert page.get_by_text("Hyväksytty").first.is_visible()
    shots.take(page, "hyvaksytty", at="#julkaisu")
    _expect_ok(page.goto(site.url + "julkaisut/"), "releases")
    assert page.get_by_text("Talousjohtaja (demo)").first.is_visible()
    shots.take(page, "julkaisut")
    approver.close()

    # --- the auditor sees every step --------------------------------------------------------
    auditor = person(browser)
    page = log_in(auditor, site, "tarkastaja", PASSWORDS["tarkastaja"])
    _expect_ok(page.goto(site.url + "loki/"), "audit log")
    rows = page.locator("table.audit tbody tr").evaluate_all(
        "rows => rows.map(row => Array.from(row.cells, cell => cell.innerText.trim()))"
    )
    steps = {(actor, action, outcome, what) for _, actor, action, outcome, what, *_ in rows}
    key = f"{MUNICIPALITY}/{UNIT}/{DAY.isoformat()}"
    for step in (
        ("valmistelija", "poikkeuslupa", "tehty"),
        ("valmistelija", "selitys", "tehty", f"explanation {key}"),
        ("valmistelija", "lähetys hyväksyttäväksi", "tehty", f"release {key}"),
        ("valmistelija", "selitys", "estetty", f"explanation {MUNICIPALITY}/{OTHER_UNIT}/{DAY}"),
        ("talousjohtaja", "hyväksyntä", "tehty", f"signoff {key}"),
    ):
        assert any(found[: len(step)] == step for found in steps), (step, sorted(steps))
    assert any(WAIVER_REASON in cells[-1] for cells in rows), "the waiver's reason"
    shots.take(page, "loki")
    _expect_ok(page.goto(site.url + "lataukset/"), "downloads")
    shots.take(page, "lataukset")
    auditor.close()

    # --- the next run publishes the unit as approved -------------------------------------
    again = run_toteuma(demo_run.landing, warehouse, base / "dagster")
    assert again.returncode == 0, again.output[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as published:
        statuses = published.execute(
            "select distinct org_unit_code, release_status from review.income_statement"
            " where municipality_code = ? and reporting_date = ? and org_unit_code in (?, ?)"
            " order by 1",
            [MUNICIPALITY, DAY, UNIT, OTHER_UNIT],
        ).fetchall()
    assert statuses == [(UNIT, "approved"), (OTHER_UNIT, "preliminary")]


def test_five_wrong_passwords_lock_the_account(review, browser, shots):
    site, _, _ = review
    context = person(browser)
    for attempt in range(1, 6):
        page = log_in(context, site, "lukittava", f"väärä-salasana-{attempt}")
        assert site.url + "login/" in page.url or "Tunnus on lukittu" in page.content()
        page.close()
    page = log_in(context, site, "lukittava", PASSWORDS["lukittava"])
    assert page.get_by_role("heading", name="Tunnus on lukittu").is_visible()
    assert not any(c["name"] == "sessionid" for c in context.cookies()), "logged in anyway"
    shots.take(page, "lukittu")
    _expect_ok(page.goto(site.url + "login/"), "login page")
    shots.take(page, "kirjautuminen")
    context.close()


def test_every_page_was_photographed(shots):
    """The README shows these (docs/images/ under `make screenshots`)."""
    names = {path.stem.removeprefix("web_") for path in shots.taken}
    assert names == set(PAGES), sorted(set(PAGES) - names)
    for path in shots.taken:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5_000
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert set(re.findall(r"docs/images/web_(\w+)\.png", readme)) == set(PAGES)
