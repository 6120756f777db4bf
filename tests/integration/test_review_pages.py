"""The review's web pages on a copy of the shared demo run's warehouse, through Django's
test client: every page for the demo's preparer of unit 600, rights refused (403) and
audited, the auditor unable to change anything, filters that name nothing refused with
the choices, forms re-rendered with Finnish errors tied to their fields, the
explanation's lost-update guard, CSRF, the content-security policy, no link off the
site, no identity code, a run in progress, a warehouse another program holds, English.

The copy (its published file, audit history, candidate and store) is this module's
own: decisions made here never reach the shared demo run. Django is configured once per
process (review.store.connection.setup); each test points it at the copy's store
(use_store) and warehouse (settings.TOTEUMA).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

DAY = "2026-03-31"
UNIT_URL = f"/kunta/111/{DAY}/600/"
SUB_UNIT = "606"  # under 600: the release workflow's tests approve it, not 600
FAILURE_URL = (
    "/tarkistus/forecast_grains_agree/?municipality=111&unit=600&line=TOIMINTAKULUT&period=2026-03"
)
KEY = {"key-municipality": "111", "key-unit": "600", "key-line": "TOIMINTAKULUT",
       "key-period": "2026-03"}  # fmt: skip
HOSTS = ["testserver", "localhost"]
EXTERNAL_LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def site(demo_run, tmp_path_factory):
    """The warehouse settings of this module's copy of the demo run's folder."""
    folder = tmp_path_factory.mktemp("review_pages") / "warehouse"
    shutil.copytree(demo_run.warehouse.parent, folder)
    from review.store.connection import setup

    setup()
    from warehouse.settings import load_settings

    return load_settings(folder / demo_run.warehouse.name)


@pytest.fixture(autouse=True)
def on_copy(site):
    from django.test.utils import override_settings

    from review.store.connection import use_store

    with use_store(site.store), override_settings(TOTEUMA=site, ALLOWED_HOSTS=HOSTS):
        yield


def client(username: str | None = None, **options):
    from django.contrib.auth import get_user_model
    from django.test import Client

    browser = Client(**options)
    if username:
        browser.force_login(get_user_model().objects.get(username=username))
    return browser


def text(response) -> str:
    """The page as its reader sees the characters (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode("utf-8"))


def refusals(actor: str, action: str | None = None) -> int:
    from review.store.models import AuditEntry

    entries = AuditEntry.objects.filter(actor=actor, outcome="refused")
    return entries.filter(action=action).count() if action else entries.count()


# --- every page renders for the preparer of unit 600 ---------------------------------------


def test_the_morning_queue_shows_the_preparers_open_failures_only():
    page = client("valmistelija").get("/")
    body = text(page)
    assert page.status_code == 200
    assert "<h1>Aamukatsaus</h1>" in body
    assert "forecast_grains_agree" in body and "600 Yhteiset palvelut" in body
    assert "uusi" in body and "varoitus" in body  # novelty and severity, in words
    # units outside the grant (700 and its cost centres, 5xx) never appear
    assert "Kaupunkiympäristöpalvelut" not in body
    assert not re.search(r"kunta 111 · 5\d\d ", body)
    assert "Viimeisin yöajo" in body and "julkaistu" in body  # run status in the header


def test_the_header_tells_when_a_later_night_found_nothing_new(site):
    import duckdb

    from warehouse import quiet_nights

    with duckdb.connect(str(site.audit_path), read_only=True) as con:
        (latest,) = con.execute("select run_id from audit.runs order by run_at desc").fetchone()
    looked = quiet_nights.Inputs("l", "s", "d", "p", "e")
    at = dt.datetime(2026, 4, 16, 0, 5, tzinfo=dt.UTC)  # 3.05 in Helsinki (summer time)
    try:
        for run_id, shown in (("another run", False), (latest, True)):
            quiet_nights.record_run(site, run_id, looked, quiet=True)
            quiet = quiet_nights.quiet_run(site)
            quiet_nights.record_look(site, quiet, at)
            body = text(client("valmistelija").get("/"))
            told = "Tarkistettu viimeksi 16.4.2026 klo 3.05: ei mitään uutta, luvut ennallaan."
            assert (told in body) is shown, body[:3000]
    finally:
        quiet_nights.state_path(site).unlink(missing_ok=True)


def test_the_morning_queue_narrows_by_unit_check_date_and_new():
    browser = client("valmistelija")
    page = browser.get("/", {"unit": "606", "date": "31.3.2026", "new": "1"})
    assert page.status_code == 200
    body = text(page)
    assert "606 Digi- ja tietohallintopalvelut" in body
    assert "600 Yhteiset palvelut</td>" not in body  # 600's own rows are not under 606
    only = browser.get("/", {"check": "forecast_grains_agree"})
    assert "goal_assessment_for_each_reporting_date</h2>" not in text(only)


def test_rows_under_the_materiality_threshold_are_hidden_counted_and_shown_on_request():
    browser = client("talousjohtaja")
    default = text(browser.get("/"))
    hidden = re.search(r"Piilossa (\d+) olennaisuusrajan alittava", default)
    assert hidden and int(hidden.group(1)) > 0
    below = text(browser.get("/", {"severity": "info"}))
    assert f"{hidden.group(1)} poikkeava" in below and "alle olennaisuusrajan" in below
    # every row shown is one under the threshold
    assert below.count('<span class="badge badge-info">alle olennaisuusrajan</span>') == int(
        hidden.group(1)
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"unit": "9999"}, "tietovarastossa ei ole yksikköä '9999'"),
        ({"date": "30.3.2026"}, "30.3.2026 ei ole raportointipäivä (viimeisimmät: 31.3.2026"),
        ({"check": "deviation_explained"}, "lähimmät: deviations_explained"),
        ({"date": "huomenna"}, "'huomenna' ei ole päivämäärä"),
        ({"municipality": "999"}, "tietovarastossa ei ole kuntaa '999' (on: 111)"),
    ],
)
def test_a_filter_naming_nothing_there_is_refused_with_the_choices(filters, expected):
    page = client("valmistelija").get("/", filters)
    body = text(page)
    assert page.status_code == 400
    assert expected in body
    assert "Rajausta ei voitu käyttää" in body
    assert "Ei avoimia poikkeamia" not in body  # never an empty all-clear


def test_the_failure_page_shows_the_sentence_evidence_history_and_forms():
    page = client("valmistelija").get(FAILURE_URL)
    body = text(page)
    assert page.status_code == 200
    assert "Saman ennusteen kaksi tasoa eivät täsmää" in body  # the check's sentence
    assert "-10\u00a0233\u00a0700 €" in body  # evidence: what the forecast lines sum to
    assert "Historia tässä yksikössä" in body
    assert 'action="/tarkistus/forecast_grains_agree/poikkeuslupa/"' in body
    assert 'action="/tarkistus/forecast_grains_agree/kommentti/"' in body


def test_the_unit_page_shows_statement_deviations_chart_explanation_and_release():
    page = client("valmistelija").get(UNIT_URL)
    body = text(page)
    assert page.status_code == 200
    assert "600 Yhteiset palvelut" in body
    assert "TA 2026 +muutos" in body and "Ennuste 2026" in body  # the report's columns
    assert "Toimintakate" in body and "-9\u00a0186\u00a0700 €" in body
    assert body.count('class="line deviating"') >= 3  # deviations beyond tolerance marked
    # the chart: drawn on the server, accessible, with its table alternative
    assert "<svg" in body and "<title id=" in body and "<desc id=" in body
    assert "Kuvaajan luvut taulukkona" in body
    assert 'name="based_on_version"' in body and 'name="section_HENKILOSTO"' in body
    assert "Lähetä hyväksyttäväksi" in body  # the preparer's action
    assert "Hyväksy luvut" not in body  # the approver's, not offered to a preparer


def test_releases_downloads_and_the_files_of_the_scope():
    browser = client("valmistelija")
    releases = browser.get("/julkaisut/")
    assert releases.status_code == 200
    assert "Hyväksynnät" in text(releases) and "Talousjohtaja (demo)" in text(releases)
    downloads = browser.get("/lataukset/")
    assert downloads.status_code == 200
    assert '<option value="600">600 Yhteiset palvelut</option>' in text(downloads)
    assert "koko kunta</option>" not in text(downloads)  # not in a preparer's scope
    for kind, content_type in (
        ("review-pack", "spreadsheetml"),
        ("interim-report", "wordprocessingml"),
        ("failures", "spreadsheetml"),
    ):
        got = browser.get(f"/lataukset/{kind}/", {"municipality": "111", "unit": "600",
                                                  "date": DAY})  # fmt: skip
        assert got.status_code == 200, text(got)[:2000]
        assert content_type in got["Content-Type"]
        assert got.content[:2] == b"PK"  # a zip: xlsx and docx both are
        assert "attachment" in got["Content-Disposition"]


def test_a_download_outside_the_scope_is_refused_and_audited():
    before = refusals("valmistelija", "view")
    got = client("valmistelija").get(
        "/lataukset/review-pack/", {"municipality": "111", "unit": "700", "date": DAY}
    )
    assert got.status_code == 403
    assert refusals("valmistelija", "view") == before + 1


# --- rights ------------------------------------------------------------------------------------


def test_unit_700_is_refused_to_the_preparer_of_600_and_audited():
    from review.store.models import AuditEntry

    before = refusals("valmistelija", "view")
    page = client("valmistelija").get(f"/kunta/111/{DAY}/700/")
    assert page.status_code == 403
    assert "ei saa katsella yksikössä 700" in text(page)
    assert refusals("valmistelija", "view") == before + 1
    entry = AuditEntry.objects.filter(actor="valmistelija", outcome="refused").last()
    assert "700" in entry.object_key


def test_a_forged_post_for_unit_700_is_refused_and_audited():
    from review.store.models import Explanation

    before = refusals("valmistelija", "explain")
    page = client("valmistelija").post(
        f"/kunta/111/{DAY}/700/selitys/", {"narrative": "väärennetty", "based_on_version": ""}
    )
    assert page.status_code == 403
    assert refusals("valmistelija", "explain") == before + 1
    assert not Explanation.objects.filter(unit="700", narrative="väärennetty").exists()


def test_the_auditor_reads_everything_and_changes_nothing():
    from review.store.models import AuditEntry, Comment, Waiver

    auditor = client("tarkastaja")
    assert auditor.get(UNIT_URL).status_code == 200
    assert auditor.get(f"/kunta/111/{DAY}/700/").status_code == 200
    assert "Lähetä hyväksyttäväksi" not in text(auditor.get(UNIT_URL))
    entries, waivers, comments = (
        AuditEntry.objects.count(), Waiver.objects.count(), Comment.objects.count()
    )  # fmt: skip
    posts = {
        "/tarkistus/forecast_grains_agree/poikkeuslupa/": {
            **KEY, "unit": "600", "reason": "tarkastaja", "expires": "2030-01-01"
        },
        "/tarkistus/forecast_grains_agree/kommentti/": {**KEY, "body": "tarkastaja"},
        UNIT_URL + "selitys/": {"narrative": "tarkastaja", "based_on_version": ""},
        UNIT_URL + "laheta/": {"submit-note": ""},
        UNIT_URL + "hyvaksy/": {"approve-note": ""},
        UNIT_URL + "palauta/": {"send_back-note": "tarkastaja"},
        UNIT_URL + "avaa/": {"reopen-note": "tarkastaja"},
    }  # fmt: skip
    for url, data in posts.items():
        assert auditor.post(url, data).status_code == 403, url
    assert Waiver.objects.count() == waivers and Comment.objects.count() == comments
    assert AuditEntry.objects.count() == entries + len(posts)
    assert refusals("tarkastaja") >= len(posts)


def test_the_audit_log_is_for_auditors_only():
    client("valmistelija").get(f"/kunta/111/{DAY}/700/")  # a refusal to find in the log
    log = client("tarkastaja").get("/loki/", {"actor": "valmistelija", "outcome": "refused"})
    body = text(log)
    assert log.status_code == 200
    assert "estetty" in body and "valmistelija" in body and "ei saa katsella" in body
    before = refusals("valmistelija", "audit")
    assert client("valmistelija").get("/loki/").status_code == 403
    assert refusals("valmistelija", "audit") == before + 1


def test_every_page_needs_a_login():
    anonymous = client()
    for url in ("/", UNIT_URL, FAILURE_URL, "/julkaisut/", "/lataukset/", "/loki/"):
        got = anonymous.get(url)
        assert got.status_code == 302 and got["Location"].startswith("/login/"), url
    login = anonymous.get("/login/")
    assert login.status_code == 200
    assert "Kirjaudu katselmointiin" in text(login) and 'for="id_username"' in text(login)


# --- forms and decisions ------------------------------------------------------------------------


def test_a_waiver_without_reason_and_expiry_is_re_rendered_with_finnish_errors():
    from review.store.models import Waiver

    before = Waiver.objects.count()
    page = client("valmistelija").post(
        "/tarkistus/forecast_grains_agree/poikkeuslupa/",
        {**KEY, "unit": "600", "line": "TOIMINTAKULUT", "reason": "", "expires": ""},
    )
    body = text(page)
    assert page.status_code == 400
    assert "Kirjoita perustelu: miksi poikkeama hyväksytään." in body
    assert "Anna päättymispäivä: poikkeuslupa on aina määräaikainen." in body
    # each error tied to its field for a screen reader, what was typed kept
    assert 'id="id_reason-errors"' in body and 'id="id_expires-errors"' in body
    assert re.search(r'aria-describedby="[^"]*id_expires-errors"', body)
    assert 'value="TOIMINTAKULUT"' in body
    assert Waiver.objects.count() == before


def test_a_waiver_is_saved_audited_and_shown():
    from review.store.models import AuditEntry, Waiver

    browser = client("valmistelija")
    past = browser.post(
        "/tarkistus/forecast_grains_agree/poikkeuslupa/",
        {**KEY, "unit": "600", "reason": "tiedossa", "expires": "1.1.2020"},
    )
    assert past.status_code == 400 and "päättymispäivä 1.1.2020 on jo mennyt" in text(past)
    expires = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    saved = browser.post(
        "/tarkistus/forecast_grains_agree/poikkeuslupa/",
        {**KEY, "unit": "600", "line": "TOIMINTAKULUT", "period_from": "3/2026",
         "period_to": "3/2026", "reason": "Ennusteen tasot korjataan huhtikuussa.",
         "expires": expires},
    )  # fmt: skip
    assert saved.status_code == 302
    waiver = Waiver.objects.get(reason="Ennusteen tasot korjataan huhtikuussa.")
    assert (waiver.unit, waiver.line, waiver.period_from) == ("600", "TOIMINTAKULUT", "2026-03")
    assert AuditEntry.objects.filter(action="waive", object_key=str(waiver.id)).exists()
    assert "Ennusteen tasot korjataan huhtikuussa." in text(browser.get(saved["Location"]))

    withdraw = f"/tarkistus/forecast_grains_agree/poikkeuslupa/{waiver.id}/peru/"
    field = f"withdraw-{waiver.id}-note"
    assert client("tarkastaja").post(withdraw, {**KEY, field: "x"}).status_code == 403
    no_reason = browser.post(withdraw, {**KEY, field: ""})
    assert no_reason.status_code == 400 and f'id="id_{field}-errors"' in text(no_reason)
    assert browser.post(withdraw, {**KEY, field: "Korjattu lähteessä."}).status_code == 302
    waiver.refresh_from_db()
    assert waiver.withdrawn_at is not None
    assert AuditEntry.objects.filter(action="withdraw_waiver", object_key=str(waiver.id)).exists()
    assert "peruttu" in text(browser.get(FAILURE_URL))


def test_a_comment_joins_the_thread():
    browser = client("valmistelija")
    empty = browser.post("/tarkistus/forecast_grains_agree/kommentti/", {**KEY, "body": ""})
    assert empty.status_code == 400 and "Kommentti on tyhjä." in text(empty)
    saved = browser.post(
        "/tarkistus/forecast_grains_agree/kommentti/", {**KEY, "body": "Katson tämän."}
    )
    assert saved.status_code == 302
    assert "Katson tämän." in text(browser.get(FAILURE_URL))


def test_an_explanation_saved_on_an_old_version_shows_the_conflict_and_keeps_the_text():
    from review.store.models import Explanation

    browser = client("valmistelija")
    opened = re.search(r'name="based_on_version" value="(\d+)"', text(browser.get(UNIT_URL)))
    version = opened.group(1)
    current = Explanation.objects.get(municipality="111", unit="600", reporting_date=DAY)
    kept = {f"section_{s.line_code}": s.body for s in current.sections.all()}  # as opened
    first = browser.post(
        UNIT_URL + "selitys/",
        {**kept, "based_on_version": version, "narrative": "Ensimmäinen tallennus."},
    )
    assert first.status_code == 302
    saved = Explanation.objects.get(municipality="111", unit="600", reporting_date=DAY)
    assert saved.version == int(version) + 1
    second = browser.post(
        UNIT_URL + "selitys/",
        {**kept, "based_on_version": version, "narrative": "Toinen, vanhaan versioon perustuva."},
    )
    body = text(second)
    assert second.status_code == 409
    assert "Selitystä on muutettu sen jälkeen, kun avasit sen" in body
    assert body.lower().count("on muutettu sen jälkeen, kun avasit sen") == 1  # said once
    assert "Ensimmäinen tallennus." in body  # the other version, shown
    assert "Toinen, vanhaan versioon perustuva." in body  # the writer's text, kept
    assert f'name="based_on_version" value="{saved.version}"' in body  # ready to merge
    assert Explanation.objects.get(pk=saved.pk).narrative == "Ensimmäinen tallennus."
    assert {f"section_{s.line_code}": s.body for s in saved.sections.all()} == kept


def test_the_release_workflow_submit_send_back_approve_reopen():
    from review.store.models import AuditEntry

    unit_url = f"/kunta/111/{DAY}/{SUB_UNIT}/"
    preparer, approver = client("valmistelija"), client("talousjohtaja")
    submitted = preparer.post(unit_url + "laheta/", {"submit-note": "valmis"})
    assert submitted.status_code == 302, re.findall(r"<li>(.*?)</li>", text(submitted))[-5:]
    assert "lähetetty hyväksyttäväksi" in text(approver.get(unit_url))
    no_reason = approver.post(unit_url + "palauta/", {"send_back-note": ""})
    assert no_reason.status_code == 400
    assert 'id="id_send_back-note-errors"' in text(no_reason)
    sent_back = approver.post(unit_url + "palauta/", {"send_back-note": "Täydennä."})
    assert sent_back.status_code == 302
    assert "palautettu" in text(preparer.get(unit_url)) and "Täydennä." in text(
        preparer.get(unit_url)
    )
    assert preparer.post(unit_url + "laheta/", {"submit-note": ""}).status_code == 302
    assert approver.post(unit_url + "hyvaksy/", {"approve-note": "ok"}).status_code == 302
    approved = text(approver.get(unit_url))
    assert "Avaa hyväksyntä uudelleen" in approved and "hyväksynyt Talousjohtaja" in approved
    assert 'name="narrative"' not in text(preparer.get(unit_url))  # frozen
    assert approver.post(unit_url + "avaa/", {"reopen-note": "Korjaus."}).status_code == 302
    assert "valmisteilla" in text(approver.get(unit_url))
    key = f"111/{SUB_UNIT}/{DAY}"
    done = set(AuditEntry.objects.filter(object_key=key, outcome="done")
               .values_list("action", flat=True))  # fmt: skip
    assert {"submit", "send_back", "approve", "reopen"} <= done


# --- security and personal data ------------------------------------------------------------


def test_csrf_is_enforced():
    from review.store.models import Comment

    before = Comment.objects.count()
    browser = client("valmistelija", enforce_csrf_checks=True)
    got = browser.post("/tarkistus/forecast_grains_agree/kommentti/", {**KEY, "body": "x"})
    assert got.status_code == 403
    assert "Lomaketta ei hyväksytty" in text(got)
    assert Comment.objects.count() == before


def _pages(username: str = "valmistelija") -> dict[str, object]:
    browser = client(username)
    return {
        url: browser.get(url)
        for url in ("/", UNIT_URL, FAILURE_URL, "/julkaisut/", "/lataukset/", "/login/")
    }


def test_every_page_has_a_strict_content_security_policy_and_no_inline_code():
    for url, page in _pages().items():
        policy = page["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy
        body = text(page)
        assert "<style" not in body and " style=" not in body, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", body), url
        assert '<html lang="fi">' in body and 'class="skip-link"' in body, url


class _Structure(HTMLParser):
    """What an accessibility review checks first: every field has a label, headings
    do not skip a level, every table header cell has a scope."""

    def __init__(self):
        super().__init__()
        self.fields, self.labels, self.headings, self.unscoped = [], set(), [], 0

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in ("input", "select", "textarea") and found.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.fields.append(found.get("id"))
        elif tag == "label" and found.get("for"):
            self.labels.add(found["for"])
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "th" and "scope" not in found:
            self.unscoped += 1


def test_every_field_is_labelled_and_headings_go_in_order():
    pages = {**_pages(), "/loki/": client("tarkastaja").get("/loki/"),
             "approver's unit": client("talousjohtaja").get(UNIT_URL)}  # fmt: skip
    for url, page in pages.items():
        found = _Structure()
        found.feed(text(page))
        assert found.fields and None not in found.fields, url
        assert set(found.fields) <= found.labels, (url, set(found.fields) - found.labels)
        assert found.headings[0] == 1 and found.headings.count(1) == 1, url
        steps = zip(found.headings, found.headings[1:], strict=False)
        assert all(after <= before + 1 for before, after in steps), (url, found.headings)
        assert found.unscoped == 0, url


def test_no_page_links_to_another_host():
    pages = {**_pages(), "/loki/": client("tarkastaja").get("/loki/")}
    for url, page in pages.items():
        found = EXTERNAL_LINK.findall(text(page))
        assert not found, (url, found)


def test_no_page_with_evidence_shows_an_identity_code():
    from warehouse.hetu import mask_hetu

    pages = _pages("talousjohtaja")  # the whole municipality's evidence
    pages["/?all"] = client("talousjohtaja").get("/", {"date": DAY})
    for check in ("deviations_explained", "no_negative_revenue_or_positive_cost_lines"):
        pages[check] = client("talousjohtaja").get(f"/tarkistus/{check}/", {"municipality": "111"})
    for url, page in pages.items():
        body = text(page)
        assert page.status_code == 200, url
        assert mask_hetu(body) == body, url


# --- the run, the warehouse file, the language ---------------------------------------------------


def _holder(code: str, path) -> subprocess.Popen:
    """Another process that runs `code` on `path` (sys.argv[1]), says 'ready' and waits
    until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", f"{code}; print('ready', flush=True); sys.stdin.read()",
         str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready"
    return process


def _release(process: subprocess.Popen) -> None:
    process.stdin.close()
    process.wait(timeout=30)


def test_a_run_in_progress_is_shown_and_comments_still_save(site):
    run = _holder(
        "import sys, pathlib; from warehouse.run_lock import acquire;"
        " lock = acquire(pathlib.Path(sys.argv[1]))",
        site.lock_path,
    )
    try:
        browser = client("valmistelija")
        assert "Yöajo on käynnissä" in text(browser.get("/"))
        saved = browser.post(
            "/tarkistus/forecast_grains_agree/kommentti/", {**KEY, "body": "Ajon aikana."}
        )
        assert saved.status_code == 302
        submit = browser.post(f"/kunta/111/{DAY}/{SUB_UNIT}/laheta/", {"submit-note": ""})
        assert submit.status_code == 400 and "yöajo on käynnissä" in text(submit)
    finally:
        _release(run)
    assert "Yöajo on käynnissä" not in text(client("valmistelija").get("/"))


def test_a_warehouse_held_read_write_by_another_program_is_a_plain_503(site, caplog):
    holder = _holder("import duckdb, sys; c = duckdb.connect(sys.argv[1])", site.warehouse_path)
    try:
        with caplog.at_level("WARNING", logger="review.pages"):
            page = client("valmistelija").get(UNIT_URL)
        body = text(page)
        assert page.status_code == 503
        assert (
            "Toinen ohjelma pitää tietovaraston auki kirjoitustilassa; yritä hetken kuluttua."
            in body
        )
        # no program, process or path on the page: they are the server's, in its log
        main = body[body.index('<main id="main"') :]
        assert str(holder.pid) not in main and sys.executable not in main
        assert str(site.warehouse_path.parent) not in body and "Traceback" not in body
        assert f"PID {holder.pid}" in caplog.text and site.warehouse_path.name in caplog.text
    finally:
        _release(holder)
    assert client("valmistelija").get(UNIT_URL).status_code == 200


def test_a_missing_warehouse_is_a_plain_503(tmp_path):
    from django.test.utils import override_settings

    from warehouse.settings import load_settings

    with override_settings(TOTEUMA=load_settings(tmp_path / "none" / "toteuma.duckdb")):
        page = client("valmistelija").get("/")
    assert page.status_code == 503
    assert "Julkaistua tietovarastoa ei vielä ole" in text(page)


def test_finnish_by_default_english_on_request():
    browser = client("valmistelija", headers={"accept-language": "en-US,en;q=0.9"})
    assert "<h1>Aamukatsaus</h1>" in text(browser.get("/"))  # the browser does not decide
    assert browser.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    english = text(browser.get("/"))
    assert '<html lang="en">' in english and "<h1>Morning review</h1>" in english
    assert "Income statement" in text(browser.get(UNIT_URL))


def test_the_lockout_page_is_finnish():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("fi"):
        page = render_to_string("pages/locked.html")
    assert "Tunnus on lukittu" in page and "tunnin kuluttua" in page and "ylläpitäjää" in page


# --- the admin -------------------------------------------------------------------------------


def test_the_admin_is_for_staff_and_the_audit_trail_is_read_only_there():
    from django.contrib.auth import get_user_model

    from review.store.models import AuditEntry, Grant

    users = get_user_model().objects
    if not users.filter(username="ylläpitäjä").exists():
        users.create_superuser("ylläpitäjä", "admin@example.invalid", "x" * 20)
    assert client("valmistelija").get("/admin/").status_code == 302  # to the admin's login
    admin = client("ylläpitäjä")
    assert admin.get("/admin/").status_code == 200
    assert admin.get("/admin/store/auditentry/").status_code == 200
    assert admin.get("/admin/store/auditentry/add/").status_code == 403
    entry = AuditEntry.objects.first()
    assert admin.post(f"/admin/store/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code \
        == 403  # fmt: skip
    assert admin.get(f"/admin/auth/user/{users.get(username='valmistelija').pk}/change/") \
        .status_code == 200  # fmt: skip
    tarkastaja = users.get(username="tarkastaja")
    added = admin.post(
        "/admin/store/grant/add/",
        {"user": tarkastaja.pk, "role": "auditor", "municipality": "111", "unit": "700"},
    )
    assert added.status_code == 302
    grant = Grant.objects.get(user=tarkastaja, unit="700")
    assert AuditEntry.objects.filter(
        actor="ylläpitäjä", action="admin", object_type="grant", object_key=str(grant.pk)
    ).exists()


# --- what a tester found (each test failed before its fix) -------------------------------------


class _Text(HTMLParser):
    """A page's text as tools that read it chunk by chunk give it (a screen reader's
    browse mode, a text extractor): each element's text a piece of its own, pieces joined
    by a space. A comma written right after an element's end then reads ' ,'."""

    def __init__(self):
        super().__init__()
        self.pieces: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in ("script", "style", "title")

    def handle_endtag(self, tag):
        self.skipping -= tag in ("script", "style", "title")

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.pieces.append(data.strip())


def chunks(response) -> str:
    found = _Text()
    found.feed(response.content.decode("utf-8"))
    return " ".join(found.pieces)


def _waiver(unit: str, reason: str, **scope):
    """A waiver of forecast_grains_agree in municipality 111 straight into the store (the
    page lists what the store holds; decisions' own rules are tested elsewhere)."""
    from django.contrib.auth import get_user_model

    from review.store.models import Waiver

    return Waiver.objects.create(
        check_name=scope.pop("check_name", "forecast_grains_agree"), municipality="111",
        unit=unit, reason=reason, name=scope.pop("name", "Talousjohtaja (demo)"),
        expires=dt.date.today() + dt.timedelta(days=30),
        created_by=get_user_model().objects.get(username="talousjohtaja"), **scope,
    )  # fmt: skip


def test_the_failure_page_lists_only_the_waivers_that_apply_to_the_failure():
    """Tester's #2: a waiver on 700 'with sub-units' showed on the 600 failure page."""
    made = [
        _waiver("700", "W700 alayksiköineen", descendants=True),
        _waiver("606", "W606 alayksiköineen", descendants=True),  # under 600, not above
        _waiver("1", "Wkunta alayksiköineen", descendants=True),  # the city, above 600
        _waiver("", "Wkoko kunta"),
        _waiver("600", "W600 toinen rivi", line="AINEET"),
        _waiver("600", "W600 vuosi 2025", period_from="2025-01", period_to="2025-12"),
        _waiver("600", "W600 1-3/2026", period_from="2026-01", period_to="2026-03"),
        _waiver("600", "W600 toinen tarkistus", check_name="deviations_explained"),
    ]
    try:
        body = text(client("valmistelija").get(FAILURE_URL))
        shown = {w.reason for w in made if w.reason in body}
        assert shown == {"Wkunta alayksiköineen", "Wkoko kunta", "W600 1-3/2026"}
        # the page of the check at any unit of the municipality lists every one of it
        whole = text(client("talousjohtaja").get(
            "/tarkistus/forecast_grains_agree/", {"municipality": "111"}))  # fmt: skip
        assert {w.reason for w in made if w.reason in whole} == {
            w.reason for w in made if w.check_name == "forecast_grains_agree"
        }
    finally:
        for waiver in made:
            waiver.delete()


def test_a_waiver_is_withdrawn_only_through_its_own_check():
    """Tester's #6: /tarkistus/deviations_explained/poikkeuslupa/2/peru/ withdrew waiver 2
    of forecast_grains_agree."""
    from review.store.models import AuditEntry

    waiver = _waiver("600", "Peruttava vain omalta sivultaan")
    try:
        browser = client("valmistelija")
        field = f"withdraw-{waiver.id}-note"
        wrong = browser.post(
            f"/tarkistus/deviations_explained/poikkeuslupa/{waiver.id}/peru/",
            {**KEY, field: "väärä tarkistus"},
        )
        assert wrong.status_code == 404
        assert "Tarkistuksen deviations_explained poikkeuslupaa" in text(wrong)
        assert "ei ole tai se ei kuulu yksiköihisi" in text(wrong)
        waiver.refresh_from_db()
        assert waiver.withdrawn_at is None
        assert not AuditEntry.objects.filter(action="withdraw_waiver",
                                             object_key=str(waiver.id)).exists()  # fmt: skip
        right = browser.post(
            f"/tarkistus/forecast_grains_agree/poikkeuslupa/{waiver.id}/peru/",
            {**KEY, field: "oikea tarkistus"},
        )
        assert right.status_code == 302
        waiver.refresh_from_db()
        assert waiver.withdrawn_at is not None
    finally:
        waiver.delete()


def test_a_refused_release_action_says_why_at_the_top_whatever_the_state():
    """Tester's #8: a refusal in a state that offers no action form showed no reason."""
    preparer = client("valmistelija")
    unit_url = f"/kunta/111/{DAY}/601/"
    assert preparer.post(unit_url + "laheta/", {"submit-note": ""}).status_code == 302
    again = preparer.post(unit_url + "laheta/", {"submit-note": ""})
    body = text(again)
    assert again.status_code == 400
    assert "Sinulla ei ole tässä tilassa tehtäviä toimia." in body  # nothing offered now …
    reason = f"päivän {dt.date.fromisoformat(DAY):%-d.%-m.%Y} luvut on jo lähetetty"
    assert reason in body  # … and still the reason, said once, at the top
    assert body.count(reason) == 1 and body.index(reason) < body.index('id="luvut"')
    assert "Toimintoa ”Lähetä hyväksyttäväksi” ei tehty:" in body
    # an approver's send-back without its note, in a state that offers no send-back
    approver = client("talousjohtaja")
    assert approver.post(unit_url + "palauta/", {"send_back-note": "Täydennä."}).status_code \
        == 302  # fmt: skip
    no_note = text(approver.post(unit_url + "palauta/", {"send_back-note": ""}))
    assert "Kirjoita syy: se jää tapahtumalokiin." in no_note


def test_an_unknown_municipality_is_said_once():
    """Tester's #10."""
    body = text(client("valmistelija").get("/", {"municipality": "999"}))
    assert body.count("tietovarastossa ei ole kuntaa '999'") == 1


def test_an_unknown_unit_names_the_users_units_and_its_page_is_not_found_not_forbidden():
    """Tester's #11: /?unit=9999 named no choices; the unit page said 403 and audited it."""
    body = text(client("valmistelija").get("/", {"unit": "9999"}))
    error = re.search(r"tietovarastossa ei ole yksikköä '9999'; valittavissa: ([^<]*)", body)
    assert error, body[-3000:]
    named = error.group(1)
    assert "600 Yhteiset palvelut" in named and "606 Digi- ja tietohallintopalvelut" in named
    assert "700 " not in named and "Kaupunkiympäristöpalvelut" not in named  # not theirs
    many = text(client("talousjohtaja").get("/", {"unit": "9999"}))
    assert re.search(r"valittavissa: [^<]*… ja \d+ muuta", many)  # the first 20, then a count

    before = refusals("valmistelija")
    page = client("valmistelija").get(f"/kunta/111/{DAY}/9999/")
    assert page.status_code == 404
    assert "yksikköä 9999 ei ole päivän 31.3.2026 organisaatiossa" in text(page).lower()
    assert refusals("valmistelija") == before  # a mistyped unit is no refusal of rights
    posted = client("valmistelija").post(f"/kunta/111/{DAY}/9999/laheta/", {"submit-note": ""})
    assert posted.status_code == 404 and refusals("valmistelija") == before


def test_the_breadcrumb_links_only_the_units_the_user_may_open():
    """Tester's #13: the preparer of 600 was linked to the city's page (a 403)."""
    city = f'href="/kunta/111/{DAY}/kunta/"'
    preparer = text(client("valmistelija").get(UNIT_URL))
    crumbs = re.search(r'<p class="breadcrumb">(.*?)</p>', preparer).group(1)
    assert "Heinolan kaupunki (111)" in crumbs and city not in crumbs
    assert client("valmistelija").get(f"/kunta/111/{DAY}/kunta/").status_code == 403
    assert city in text(client("talousjohtaja").get(UNIT_URL))
    sub_unit = text(client("valmistelija").get(f"/kunta/111/{DAY}/{SUB_UNIT}/"))
    assert f'href="{UNIT_URL}">600 Yhteiset palvelut</a>' in sub_unit


def test_the_english_unit_page_translates_its_own_headings_and_times():
    """Tester's #15: times read 'klo 15.53', the statement's title and the chart's were
    Finnish in English."""
    browser = client("valmistelija")
    finnish = text(browser.get(UNIT_URL))
    assert "<caption>Tuloslaskelma</caption>" in finnish and "TA 2026 +muutos" in finnish
    assert re.search(r"\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d", finnish)
    assert browser.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    english = text(browser.get(UNIT_URL))
    assert "<caption>Income statement</caption>" in english
    assert ">Budget 2026 +amend.</th>" in english and ">Forecast 2026</th>" in english
    assert "Operating margin (Toimintakate) 2026: cumulative by month" in english
    assert " klo " not in english and "Tuloslaskelma" not in english
    assert re.search(r"\d{1,2}\.\d{1,2}\.\d{4} at \d{1,2}:\d\d", english)  # the run, the save
    assert "Myyntituotot" in english  # the ledger's own line names stay as they are


def test_the_income_statement_fits_1280_pixels_and_scrolls_in_a_focusable_region():
    """Tester's #18: at 1280 px the statement (1358 px) scrolled sideways, hiding the
    'Yli sallitun' column. Measured in Chromium with the site's stylesheet."""
    from pathlib import Path

    from tests.web.harness import chromium

    css = Path("review/pages/static/pages/site.css").read_text(encoding="utf-8")
    pages = {
        "fi 600": text(client("valmistelija").get(UNIT_URL)),
        "fi city": text(client("talousjohtaja").get(f"/kunta/111/{DAY}/kunta/")),
    }
    english = client("valmistelija")
    english.post("/i18n/setlang/", {"language": "en", "next": "/"})
    pages["en 600"] = text(english.get(UNIT_URL))
    measure = """() => [...document.querySelectorAll('table.figures')].map(table => {
        const wrap = table.parentElement, last = table.querySelector('thead th:last-child');
        return {table: table.scrollWidth, wrap: wrap.clientWidth, tabindex: wrap.tabIndex,
                role: wrap.getAttribute('role'), label: wrap.getAttribute('aria-label'),
                lastRight: last.getBoundingClientRect().right, window: window.innerWidth};
    })"""
    with chromium() as browser:
        for name, body in pages.items():
            for width, fits in ((1280, True), (800, False)):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.set_content(body.replace('href="/static/pages/site.css"', ""))
                page.add_style_tag(content=css)
                found = page.evaluate(measure)
                page.close()
                assert found, name
                statement = found[0]
                assert statement["label"] and statement["role"] == "region", (name, statement)
                assert statement["tabindex"] == 0, (name, statement)
                if fits:
                    assert statement["table"] <= statement["wrap"], (name, width, statement)
                    assert statement["lastRight"] <= statement["window"], (name, statement)
                else:  # too narrow: the table scrolls inside its region, not the page
                    assert statement["table"] > statement["wrap"], (name, width, statement)


def test_waiver_and_comment_headers_read_name_comma_time():
    """Tester's #19: 'Pia Preparer , 7.12.2026'."""
    from django.contrib.auth import get_user_model

    from review.store.models import Comment

    waiver = _waiver("600", "Otsikon välimerkit", name="Pia Preparer")
    comment = Comment.objects.create(
        check_name="forecast_grains_agree", municipality="111", unit="600",
        line="TOIMINTAKULUT", period="2026-03", body="Otsikon välimerkit",
        author=get_user_model().objects.get(username="valmistelija"),
    )  # fmt: skip
    try:
        read = chunks(client("valmistelija").get(FAILURE_URL))
        assert re.search(r"Pia Preparer, \d{1,2}\.\d{1,2}\.\d{4} klo", read)
        assert re.search(r"Valmistelija \(demo\), \d{1,2}\.\d{1,2}\.\d{4} klo", read)
        assert " ," not in read
    finally:
        waiver.delete()
        comment.delete()


def test_the_expiry_field_says_how_to_type_a_date_and_reads_it_so():
    """Tester's #20: an English browser's date picker shows mm/dd/yyyy; typed without a
    picker the date is read as Finns write it, and the field says so."""
    from review.store.models import Waiver

    browser = client("valmistelija")
    body = text(browser.get(FAILURE_URL))
    assert 'id="id_expires-help"' in body and "pp.kk.vvvv" in body
    assert re.search(r'id="id_expires"[^>]*aria-describedby="id_expires-help"|'
                     r'aria-describedby="id_expires-help"[^>]*id="id_expires"', body)  # fmt: skip
    soon = dt.date.today() + dt.timedelta(days=40)
    saved = browser.post(
        "/tarkistus/forecast_grains_agree/poikkeuslupa/",
        {**KEY, "unit": "600", "reason": "Kirjoitettu päivä", "expires": f"{soon:%-d.%-m.%Y}",
         "max_difference": "1\u00a0234,56"},
    )  # fmt: skip
    assert saved.status_code == 302, re.findall(r"<li>(.*?)</li>", text(saved))[-5:]
    waiver = Waiver.objects.get(reason="Kirjoitettu päivä")
    assert waiver.expires == soon and str(waiver.max_difference) == "1234.56"
    waiver.delete()


def test_the_admin_shows_decisions_read_only_and_audits_users_and_grants():
    """Tester's #17: the admin let an administrator edit waivers, explanations, releases
    and sign-offs directly, past the decisions' rules."""
    from django.contrib import admin as django_admin
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from review.store.models import AuditEntry, Comment, Explanation

    users = get_user_model().objects
    if not users.filter(username="ylläpitäjä").exists():
        users.create_superuser("ylläpitäjä", "admin@example.invalid", "x" * 20)
    admin = client("ylläpitäjä")
    waiver = _waiver("600", "Ylläpidon katseltava")
    comment = Comment.objects.create(check_name="forecast_grains_agree", municipality="111",
                                     unit="600", body="Ylläpidon katseltava",
                                     author=users.get(username="valmistelija"))  # fmt: skip
    explanation = Explanation.objects.filter(municipality="111").first()
    try:
        for model in ("waiver", "explanation", "release", "signoff", "comment", "auditentry"):
            assert admin.get(f"/admin/store/{model}/").status_code == 200, model
            assert admin.get(f"/admin/store/{model}/add/").status_code == 403, model
        for model, obj in (("waiver", waiver), ("comment", comment),
                           ("explanation", explanation)):  # fmt: skip
            page = admin.get(f"/admin/store/{model}/{obj.pk}/change/")
            assert page.status_code == 200, model  # to look at
            assert 'name="_save"' not in text(page), model  # nothing to save
            assert admin.post(f"/admin/store/{model}/{obj.pk}/change/",
                              {"reason": "muutettu", "body": "muutettu", "narrative": "muutettu"}
                              ).status_code == 403, model  # fmt: skip
            assert admin.post(f"/admin/store/{model}/{obj.pk}/delete/", {"post": "yes"}
                              ).status_code == 403, model  # fmt: skip
        waiver.refresh_from_db()
        assert waiver.reason == "Ylläpidon katseltava"
        assert Explanation.objects.get(pk=explanation.pk).narrative == explanation.narrative
        # users and grants stay the admin's, audited
        assert admin.get("/admin/store/grant/add/").status_code == 200
        user_admin = django_admin.site._registry[get_user_model()]
        request = RequestFactory().post("/admin/")
        request.user = users.get(username="ylläpitäjä")
        person = users.get(username="tarkastaja")
        person.first_name = "Tarkastaja (muutettu)"
        user_admin.save_model(request, person, form=None, change=True)
        entry = AuditEntry.objects.filter(action="admin", object_type="user").last()
        assert entry.object_key == str(person.pk) and entry.actor == "ylläpitäjä"
        assert (
            entry.after["first_name"] == "Tarkastaja (muutettu)" and "password" not in entry.after
        )
    finally:
        waiver.delete()
        comment.delete()


# --- the second round of findings --------------------------------------------------------


def test_a_download_naming_nothing_there_is_a_400_with_the_choices_not_an_audited_403():
    """Round 2 #3: date=1.1.1900 was refused as a lack of rights (403) and audited."""
    browser = client("valmistelija")
    before = refusals("valmistelija")
    for query, expected in (
        ("municipality=111&unit=600&date=1.1.1900", "1.1.1900 ei ole kunnan 111 raportointipäivä"),
        ("municipality=111&unit=600&date=2026-03-30", "päivät uusin ensin: 31.3.2026"),
        ("municipality=111&unit=9999&date=2026-03-31", "Yksikköä 9999 ei ole päivän 31.3.2026"),
        ("municipality=999&unit=600&date=2026-03-31", "tietovarastossa ei ole kuntaa '999'"),
    ):
        for kind in ("failures", "review-pack"):
            page = browser.get(f"/lataukset/{kind}/?{query}")
            assert page.status_code == 400, (kind, query)
            assert expected in text(page), (kind, query)
    assert refusals("valmistelija") == before  # none of these is a question of rights
    # a real lack of rights still is one
    assert browser.get(f"/lataukset/failures/?municipality=111&unit=700&date={DAY}"
                       ).status_code == 403  # fmt: skip
    assert refusals("valmistelija") == before + 1


def test_the_downloads_page_of_an_unknown_municipality_names_those_there_are():
    """Round 2 #5b: /lataukset/?municipality=<anything> offered a download form."""
    page = client("valmistelija").get("/lataukset/", {"municipality": "zzz"})
    assert page.status_code == 400
    assert "tietovarastossa ei ole kuntaa 'zzz' (on: 111)" in text(page)
    assert "Lataa tarkastuspaketti" not in text(page)


def test_the_failure_page_of_an_unknown_unit_is_not_found_not_forbidden():
    before = refusals("valmistelija")
    page = client("valmistelija").get(
        "/tarkistus/forecast_grains_agree/", {"municipality": "111", "unit": "9999"}
    )
    assert page.status_code == 404 and "Yksikköä 9999 ei ole" in text(page)
    assert refusals("valmistelija") == before


def test_another_units_waiver_answers_like_a_missing_one_and_is_audited():
    """Round 2 #5a: a missing waiver id was 404, unit 700's 403: ids could be probed."""
    from review.store.models import AuditEntry

    other = _waiver("700", "Toisen yksikön lupa")
    try:
        browser = client("valmistelija")
        base = "/tarkistus/forecast_grains_agree/poikkeuslupa/{}/peru/"
        missing = browser.post(base.format(other.id + 10_000), {**KEY})
        before = AuditEntry.objects.filter(object_key=str(other.id), outcome="refused").count()
        outside = browser.post(base.format(other.id), {**KEY, f"withdraw-{other.id}-note": "x"})
        assert missing.status_code == outside.status_code == 404
        said = "ei ole tai se ei kuulu yksiköihisi"
        assert said in text(missing) and said in text(outside)
        assert AuditEntry.objects.filter(
            object_key=str(other.id), outcome="refused", actor="valmistelija"
        ).count() == before + 1  # fmt: skip
        other.refresh_from_db()
        assert other.withdrawn_at is None
    finally:
        other.delete()


def test_a_get_on_a_forms_address_is_the_sites_405_page_linking_back():
    """Round 2 #5c: Django's 405 had an empty body."""
    page = client("valmistelija").get(UNIT_URL + "laheta/")
    assert page.status_code == 405 and page["Allow"] == "POST"
    body = text(page)
    assert "Tämä osoite on lomakkeen lähetystä varten: palaa yksikön sivulle" in body
    assert f'href="{UNIT_URL}"' in body
    waiver = client("valmistelija").get("/tarkistus/forecast_grains_agree/poikkeuslupa/")
    assert waiver.status_code == 405
    assert 'href="/tarkistus/forecast_grains_agree/"' in text(waiver)


def test_an_unknown_check_names_the_runs_checks_without_a_command_line_hint():
    """Round 2 #6a."""
    body = text(client("valmistelija").get("/", {"check": "nope"}))
    error = re.search(r"ajossa ei ole tarkistusta 'nope'[^<]*", body).group(0)
    assert "toteuma failures" not in body
    assert "ajon tarkistukset: deviations_explained, forecast_grains_agree" in error
    assert re.search(r"… ja \d+ muuta$", error)


def test_the_english_unit_page_says_its_own_failure_sentences_in_english():
    """Round 2 #6c: the 'Other failures on this date' sentences were Finnish."""
    browser = client("valmistelija")
    browser.post("/i18n/setlang/", {"language": "en", "next": UNIT_URL})
    body = text(browser.get(UNIT_URL))
    section = body[body.index("Other failures on this date") :]
    section = section[: section.index("</section>")]
    assert "Toimintakulut (TOIMINTAKULUT), 3/2026: expected -9\u00a0720\u00a0700 €" in section
    assert "found " in section and "difference " in section and "odotettu" not in section
    assert "The check's explanation (in Finnish):" in section
    assert '<span lang="fi">Ennuste 2026' in section  # the data stays Finnish, marked so


def test_the_audit_log_shows_a_grants_user_by_name():
    """Round 2 #6d: the log showed a grant's user as "user": 5."""
    from django.contrib.auth import get_user_model

    from review.store import audit

    person = get_user_model().objects.get(username="valmistelija")
    audit.record("ylläpitäjä", "grant", object_type="grant", object_key="testi",
                 after={"user": person.pk, "role": "preparer", "municipality": "111"},
                 before={"grants": [{"user": person.pk, "unit": "600"}]})  # fmt: skip
    body = text(client("tarkastaja").get("/loki/", {"action": "grant"}))
    assert '"user": "valmistelija"' in body
    assert f'"user": {person.pk}' not in body


def test_a_forgotten_password_is_reset_through_the_mailed_link_and_the_old_one_stops_working():
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.test.utils import override_settings

    user = get_user_model().objects.create_user(
        "unohtaja", email="unohtaja@heinola.example", password="Vanha-salasana-2026"
    )
    browser = client()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        asked = browser.post("/password_reset/", {"email": "unohtaja@heinola.example"})
        assert asked.status_code == 302
        (message,) = mail.outbox
    # the mail links to the reset page of this site; the link sets a new password
    link = re.search(r"https?://[^/\s]+(/reset/\S+/)", message.body).group(1)
    form = browser.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in text(form)
    new = "Uusi-pitka-salasana-2026"
    done = browser.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new) and not user.check_password("Vanha-salasana-2026")
    # an address nobody has gets the same answer (no account probing) and no mail
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        assert browser.post("/password_reset/", {"email": "x@example.invalid"}).status_code == 302
        assert mail.outbox == []
