"""`make bench-pages`: the review pages' server time on the 10 M-row bench warehouse, and
20 controllers saving at once.

    python -m bench.pages [--work DIR] [--rows 10000000] [--municipalities 30]
                          [--requests 50] [--users 20] [--seconds 60] [--build-only]

1. The bench warehouse: `toteuma demo --municipalities 30 --years 1 --rows 10000000
   --seed 1` and `toteuma run --create` into DIR (default var/bench_pages/, git-ignored),
   reused while its build.json names the same size (the build takes minutes of CPU).
2. Users in its store: an approver and an auditor of the biggest municipality, a
   preparer of one of its units, and one preparer per writer (a unit each, across the
   municipalities); passwords set anew each time.
3. `toteuma web` on it (the production server, waitress, 8 threads), as a subprocess.
4. Each page GET `--requests` times after two warm-up requests, one after another, by
   a logged-in client (bench/http_client.py, one kept-alive connection): the time from
   sending the request to the last byte of the answer on the loopback interface (the
   server's time plus well under 1 ms of client), median and 95th percentile (nearest rank).
5. `--users` threads, each its own logged-in session on its own unit, for `--seconds`:
   open the unit page, save the explanation (the editor's form as the page gives it, the
   narrative changed), and every third round open a failure and save a waiver. Then the
   store is read: every save answered "saved" must be there (explanation versions and
   revisions, waivers, audit entries, the audit chain intact) and nothing else.

Prints a table and writes bench/pages.json; figures are printed, never asserted (the
issue's target, p95 <= 300 ms, is shown beside them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORK = PROJECT / "var" / "bench_pages"
RESULTS = PROJECT / "bench" / "pages.json"
TARGET_P95_MS = 300
PASSWORD = "Penkki-salasana-2026"
WAIVED_CHECK = "deviations_explained"
TAG = "penkki"  # marks the bench's own decisions in the store


# --- 1. the bench warehouse ----------------------------------------------------------------


def build(work: Path, rows: int, municipalities: int) -> dict:
    """The warehouse of `rows` ledger rows over `municipalities` (seed 1) in work/,
    built unless build.json says it is there already; returns build.json's content."""
    marker = work / "build.json"
    wanted = {"rows": rows, "municipalities": municipalities, "years": 1, "seed": 1}
    warehouse = work / "warehouse" / "toteuma.duckdb"
    if marker.exists() and warehouse.exists():
        built = json.loads(marker.read_text(encoding="utf-8"))
        if {k: built.get(k) for k in wanted} == wanted:
            print(f"reusing the bench warehouse {warehouse} (built {built['built_at']})")
            return built
    from demo.benchmark.process_tree import measure

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = _environment(work)
    toteuma = str(BIN / "toteuma")
    landing = work / "landing"
    steps = {}
    for name, command in (
        ("generate", [toteuma, "demo", "--municipalities", str(municipalities), "--years", "1",
                      "--rows", str(rows), "--seed", "1", "--out", str(landing)]),
        ("run", [toteuma, "run", "--landing", str(landing), "--warehouse", str(warehouse),
                 "--create"]),
    ):  # fmt: skip
        print(f"{name}: {' '.join(command[1:])}", flush=True)
        measured = measure(command, env, work / f"{name}.log")
        if measured.returncode not in (0, 5):
            sys.exit(f"{name} failed ({measured.returncode}):\n{measured.output[-3000:]}")
        steps[name] = {
            "wall_seconds": round(measured.wall_seconds, 1),
            "peak_tree_mib": round(measured.peak_tree_mib),
            "exit_code": measured.returncode,
        }
        print(f"  {measured.wall_seconds:.0f} s, {measured.peak_tree_mib:.0f} MiB", flush=True)
    built = {
        **wanted,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "steps": steps,
        "warehouse_mb": round(warehouse.stat().st_size / 1e6, 1),
    }
    marker.write_text(json.dumps(built, indent=1) + "\n", encoding="utf-8")
    return built


def _environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DAGSTER_HOME": str(work / "dagster"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "TOTEUMA_SETTLE_SECONDS": "0",
        "TOTEUMA_DIGEST_TO": "",
    }


# --- 2. the places and the users ---------------------------------------------------------


@dataclass(frozen=True)
class Place:
    municipality: str
    unit: str
    day: dt.date

    @property
    def unit_path(self) -> str:
        return f"kunta/{self.municipality}/{self.day.isoformat()}/{self.unit or 'kunta'}/"


@dataclass(frozen=True)
class Places:
    biggest: str  # the municipality with the most units
    day: dt.date  # its latest reporting date
    unit: str  # a unit of it with sub-units (the preparer's)
    writers: list[Place]  # one unit per writer


LEVELS = ("KUNTA", "TOIMIALA", "PALVELUALUE", "VASTUUALUE", "KUSTANNUSPAIKKA")


def places(warehouse: Path, writers: int) -> Places:
    """Read once from the published warehouse (read-only, closed at once): the biggest
    municipality, a unit one level below the municipality there (the preparer's), and
    for the writers the first unit of the deepest level in each municipality."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as published:
        units = published.execute(
            "select municipality_code, reporting_date, org_unit_code, org_level"
            " from review.income_statement as r where reporting_date = (select"
            " max(reporting_date) from review.income_statement where municipality_code"
            " = r.municipality_code) group by all order by 1, 3"
        ).fetchall()
    by_municipality: dict[str, list[tuple[dt.date, str, int]]] = {}
    for municipality, day, unit, level in units:
        rank = LEVELS.index(level) if level in LEVELS else len(LEVELS)
        by_municipality.setdefault(municipality, []).append((day, unit, rank))
    biggest = max(sorted(by_municipality), key=lambda m: len(by_municipality[m]))
    day = by_municipality[biggest][0][0]
    below = min(rank for _, _, rank in by_municipality[biggest] if rank > 0)
    parent = min(unit for _, unit, rank in by_municipality[biggest] if rank == below)
    chosen = []
    for municipality, found in sorted(by_municipality.items()):
        deepest = max(rank for _, _, rank in found)
        when, unit = min((d, u) for d, u, rank in found if rank == deepest)
        chosen.append(Place(municipality, unit, when))
    if len(chosen) < writers:
        sys.exit(f"{len(chosen)} municipalities, one writer each: lower --users to {len(chosen)}")
    return Places(biggest, day, parent, chosen[:writers])


@dataclass(frozen=True)
class Person:
    username: str
    role: str
    municipality: str
    unit: str = ""


def people(where: Places) -> tuple[dict[str, Person], list[Person]]:
    readers = {
        "approver": Person(f"{TAG}-hyvaksyja", "approver", where.biggest),
        "auditor": Person(f"{TAG}-tarkastaja", "auditor", where.biggest),
        "preparer": Person(f"{TAG}-valmistelija", "preparer", where.biggest, where.unit),
    }
    writers = [
        Person(f"{TAG}-kirjoittaja-{i:02d}", "preparer", place.municipality, place.unit)
        for i, place in enumerate(where.writers, start=1)
    ]
    return readers, writers


def create_users(store_url: str, everyone: list[Person]) -> None:
    """Each person with PASSWORD and exactly the one grant named (made again each time)."""
    from review.store.schema import open_store

    with open_store(store_url):
        from django.contrib.auth import get_user_model

        from review.store.models import Grant

        for person in everyone:
            user, _ = get_user_model().objects.get_or_create(username=person.username)
            user.first_name = person.username
            user.set_password(PASSWORD)
            user.save()
            Grant.objects.filter(user=user).delete()
            Grant.objects.create(
                user=user, role=person.role, municipality=person.municipality, unit=person.unit
            )


# --- 3./4. pages, timed ------------------------------------------------------------------


def session(base_url: str, username: str | None):
    """A client logged in through the login form, as a browser would (None: anonymous)."""
    from bench.http_client import Client

    client = Client(base_url)
    if username is None:
        return client
    page = client.get("login/")
    token = _csrf(page.text)
    done = client.post(
        "login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/"},
        referer=base_url + "login/",
    )
    if done.status != 302:
        sys.exit(f"{username} could not log in ({done.status}): {_reason(done.text)}")
    return client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        raise LookupError("no CSRF token on the page")
    return found.group(1)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.95: the value 95 % of the requests stayed within)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def time_page(client, path: str, requests_: int) -> dict:
    for _ in range(2):  # warm-up: the first request of a path imports and compiles
        client.get(path)
    answers = [client.get(path) for _ in range(requests_)]
    times = [answer.ms for answer in answers]
    return {
        "url": "/" + path,
        "requests": requests_,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "statuses": sorted({answer.status for answer in answers}),
        "kb": round(max(len(answer.text.encode()) for answer in answers) / 1024, 1),
    }


def first_link(html: str, prefix: str) -> str | None:
    found = re.search(rf'href="({re.escape(prefix)}[^"#]*)', html)
    return found.group(1).replace("&amp;", "&") if found else None


def measure_pages(base: str, readers: dict[str, Person], where: Places, n: int) -> dict:
    approver = session(base, readers["approver"].username)
    preparer = session(base, readers["preparer"].username)
    auditor = session(base, readers["auditor"].username)
    morning = approver.get("").text
    failure = first_link(morning, "/tarkistus/")
    municipality = Place(where.biggest, "", where.day)
    unit = Place(where.biggest, where.unit, where.day)
    pages = [
        ("kirjautuminen", session(base, None), "login/"),
        ("aamukatsaus (kunta)", approver, ""),
        ("aamukatsaus (yksikkö)", preparer, ""),
        ("poikkeama", approver, (failure or "/tarkistus/-/").lstrip("/")),
        ("yksikkö", preparer, unit.unit_path),
        ("kunta", approver, municipality.unit_path),
        ("julkaisut", approver, "julkaisut/"),
        ("lataukset", approver, "lataukset/"),
        ("loki", auditor, "loki/"),
    ]
    result = {}
    for name, client, path in pages:
        result[name] = time_page(client, path, n)
        shown = result[name]
        print(
            f"  {name:24} median {shown['median_ms']:7.1f} ms  p95 {shown['p95_ms']:7.1f} ms"
            f"  {shown['statuses']} {shown['kb']} KiB",
            flush=True,
        )
    return result


# --- 5. writers --------------------------------------------------------------------------


class StartLine:
    """The writers log in, wait here, and write until the same deadline."""

    def __init__(self, writers: int, seconds: float) -> None:
        self._barrier = threading.Barrier(writers + 1)
        self._seconds = seconds
        self._deadline: float | None = None
        self._set = threading.Event()

    def wait(self) -> float:
        """A writer at the start line; returns the deadline (time.monotonic())."""
        self._barrier.wait()
        self._set.wait()
        return self._deadline

    def go(self) -> None:
        self._barrier.wait()
        self._deadline = time.monotonic() + self._seconds
        self._set.set()


@dataclass
class Writer:
    person: Person
    place: Place
    saved_texts: list[str] = field(default_factory=list)
    waivers: int = 0
    errors: list[str] = field(default_factory=list)
    times_ms: dict[str, list[float]] = field(default_factory=dict)

    def timed(self, kind: str, call):
        answer = call()
        self.times_ms.setdefault(kind, []).append(answer.ms)
        return answer


def write_for(base: str, writer: Writer, start: StartLine) -> None:
    """One controller: unit page, explanation saved; every third round a waiver too."""
    from bench.page_forms import form_ending

    client = session(base, writer.person.username)
    place = writer.place
    failure_path = f"tarkistus/{WAIVED_CHECK}/?municipality={place.municipality}&unit={place.unit}"
    until = start.wait()
    round_ = 0
    while time.monotonic() < until:
        round_ += 1
        try:
            page = writer.timed("GET yksikkö", lambda: client.get(place.unit_path))
            if page.status != 200:
                writer.errors.append(f"unit page {page.status}")
                continue
            action, fields = form_ending(page.text, "/selitys/")
            text = f"{TAG} {writer.person.username} tallennus {round_}"
            fields["narrative"] = text
            saved = writer.timed(
                "POST selitys",
                lambda a=action, f=fields: client.post(a, f, referer=base + place.unit_path),
            )
            if saved.status in (302, 303):
                writer.saved_texts.append(text)
            else:
                writer.errors.append(f"explanation {saved.status}: {_reason(saved.text)}")
            if round_ % 3:
                continue
            page = writer.timed("GET poikkeama", lambda: client.get(failure_path))
            action, fields = form_ending(page.text, "/poikkeuslupa/")
            fields.update(
                unit=place.unit,
                reason=f"{TAG} {writer.person.username} lupa {round_}",
                expires=(dt.date.today() + dt.timedelta(days=30)).isoformat(),
            )
            waived = writer.timed(
                "POST poikkeuslupa",
                lambda a=action, f=fields: client.post(a, f, referer=base + failure_path),
            )
            if waived.status in (302, 303):
                writer.waivers += 1
            else:
                writer.errors.append(f"waiver {waived.status}: {_reason(waived.text)}")
        except Exception as problem:  # a broken connection is an error to report, not a stop
            writer.errors.append(f"{type(problem).__name__}: {problem}")


def _reason(html: str) -> str:
    """The refusal's words from an error page (its list items), for the report."""
    items = re.findall(r"<li[^>]*>(.*?)</li>", html, re.DOTALL)
    text = " | ".join(re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in items[:3])
    return text[:300] or re.sub(r"<[^>]+>|\s+", " ", html)[:300]


def store_counts(store_url: str, writers: list[Writer]) -> dict[str, dict]:
    """Per writer: explanation version, revisions, narrative, waivers and audit entries."""
    from review.store.schema import open_store

    with open_store(store_url):
        from review.store.models import AuditEntry, Explanation, ExplanationRevision, Waiver

        counts = {}
        for writer in writers:
            place, name = writer.place, writer.person.username
            explanation = Explanation.objects.filter(
                municipality=place.municipality, unit=place.unit, reporting_date=place.day
            ).first()
            counts[name] = {
                "version": explanation.version if explanation else 0,
                "narrative": explanation.narrative if explanation else "",
                "revisions": ExplanationRevision.objects.filter(explanation=explanation).count()
                if explanation
                else 0,
                "waivers": Waiver.objects.filter(created_by__username=name).count(),
                "audit_explain": AuditEntry.objects.filter(
                    actor=name, action="explain", outcome="done"
                ).count(),
                "audit_waive": AuditEntry.objects.filter(
                    actor=name, action="waive", outcome="done"
                ).count(),
            }
        return counts


def chain_intact(store_url: str) -> bool:
    from review.store.schema import open_store

    with open_store(store_url):
        from review.store.audit import verify_chain

        return not verify_chain()


def measure_writers(
    base: str, store_url: str, writers_: list[Person], where: Places, seconds: float
) -> dict:
    writers = [Writer(person, place) for person, place in zip(writers_, where.writers, strict=True)]
    before = store_counts(store_url, writers)
    start = StartLine(len(writers), seconds)
    threads = [
        threading.Thread(target=write_for, args=(base, w, start), daemon=True) for w in writers
    ]
    for thread in threads:
        thread.start()
    start.go()  # once every writer has logged in
    for thread in threads:
        thread.join(seconds + 120)
    after = store_counts(store_url, writers)
    lost, unexpected = [], []
    for writer in writers:
        name = writer.person.username
        was, now, saves = before[name], after[name], len(writer.saved_texts)
        grown = {"version": saves, "revisions": saves, "audit_explain": saves,
                 "waivers": writer.waivers, "audit_waive": writer.waivers}  # fmt: skip
        for key, grew in grown.items():
            difference = now[key] - was[key]
            if difference < grew:
                lost.append(f"{name}: {key} grew {difference}, {grew} saves were answered")
            elif difference > grew:
                unexpected.append(f"{name}: {key} grew {difference}, {grew} saves were answered")
        if writer.saved_texts and now["narrative"] != writer.saved_texts[-1]:
            lost.append(f"{name}: the narrative is not the last one saved")
    times: dict[str, list[float]] = {}
    for writer in writers:
        for kind, values in writer.times_ms.items():
            times.setdefault(kind, []).extend(values)
    errors = [f"{w.person.username}: {e}" for w in writers for e in w.errors]
    return {
        "users": len(writers),
        "seconds": seconds,
        "explanations_saved": sum(len(w.saved_texts) for w in writers),
        "waivers_saved": sum(w.waivers for w in writers),
        "errors": len(errors),
        "error_examples": errors[:10],
        "lost_writes": lost,
        "unexpected_writes": unexpected,
        "audit_chain_intact": chain_intact(store_url),
        "latency_ms": {
            kind: {
                "n": len(values),
                "median": round(statistics.median(values), 1),
                "p95": round(percentile(values, 0.95), 1),
                "max": round(max(values), 1),
            }
            for kind, values in sorted(times.items())
        },
    }


# --- the whole bench -------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=WORK, help=f"default {WORK}")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--municipalities", type=int, default=30)
    parser.add_argument("--requests", type=int, default=50, help="per page (default 50)")
    parser.add_argument("--users", type=int, default=20, help="simultaneous writers")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--build-only", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    built = build(args.work, args.rows, args.municipalities)
    if args.build_only:
        return
    warehouse = args.work / "warehouse" / "toteuma.duckdb"
    os.environ["TOTEUMA_WAREHOUSE_PATH"] = str(warehouse)  # before Django is set up
    from demo.benchmark import machine
    from warehouse.settings import load_settings

    store_url = load_settings(warehouse).store
    where = places(warehouse, args.users)
    readers, writers = people(where)
    create_users(store_url, [*readers.values(), *writers])
    from tests.web.harness import serve_review

    report = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine.describe(),
        "warehouse": built,
        "biggest_municipality": where.biggest,
        "reporting_date": where.day.isoformat(),
        "target_p95_ms": TARGET_P95_MS,
    }
    with serve_review(warehouse, extra_env=_environment(args.work)) as site:
        print(f"pages ({args.requests} requests each, one at a time) on {site.url}")
        report["pages"] = measure_pages(site.url, readers, where, args.requests)
        print(f"{args.users} writers for {args.seconds:.0f} s", flush=True)
        report["writers"] = measure_writers(site.url, store_url, writers, where, args.seconds)
    report["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(render(report))
    print(f"\nWritten to {args.out}")


def render(report: dict) -> str:
    lines = [f"{'page':24} {'median':>9} {'p95':>9} {'max':>9}  (target p95 <= "
             f"{report['target_p95_ms']} ms)"]  # fmt: skip
    for name, page in report["pages"].items():
        lines.append(
            f"{name:24} {page['median_ms']:7.1f}ms {page['p95_ms']:7.1f}ms {page['max_ms']:7.1f}ms"
        )
    w = report["writers"]
    lines += [
        "",
        f"{w['users']} writers, {w['seconds']:.0f} s: {w['explanations_saved']} explanations"
        f" and {w['waivers_saved']} waivers saved, {w['errors']} errors,"
        f" {len(w['lost_writes'])} lost writes, {len(w['unexpected_writes'])} unexpected,"
        f" audit chain {'intact' if w['audit_chain_intact'] else 'BROKEN'}",
    ]
    for kind, t in w["latency_ms"].items():
        lines.append(
            f"  {kind:22} n {t['n']:5}  median {t['median']:7.1f} ms  p95 {t['p95']:7.1f} ms"
            f"  max {t['max']:7.1f} ms"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
