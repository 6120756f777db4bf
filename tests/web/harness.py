"""The review pages as a controller meets them: the production server (`toteuma web`, a
subprocess) on a copy of a real warehouse, and Debian's Chromium driven by Playwright.

    with serve_review(warehouse) as site, chromium() as browser:
        page = log_in(person(browser), site, "valmistelija", password)

What the tests need beside that: a free loopback port, known passwords for the store's
users (the demo run prints random ones), the published warehouse read briefly, and
screenshots written to a test's own folder and, when TOTEUMA_SCREENSHOTS_DIR is set
(`make screenshots`), to that folder too (docs/images/ for the README).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TOTEUMA = str(Path(sys.executable).parent / "toteuma")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
STARTUP_SECONDS = 60


def free_port() -> int:
    """A loopback port nobody listens on now (the server binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_warehouse(warehouse: Path, target_dir: Path) -> Path:
    """A copy of the warehouse's whole folder (published file, candidate, audit, store,
    snapshots), so a test may write decisions and run again without touching the shared
    run; returns the copy's published file."""
    shutil.copytree(warehouse.parent, target_dir, symlinks=True)
    return target_dir / warehouse.name


@dataclass
class Site:
    """A running `toteuma web`: `url` ends in "/"; `log` holds what the server printed."""

    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def serve_review(warehouse: Path, extra_env: dict[str, str] | None = None) -> Iterator[Site]:
    """`toteuma web --warehouse W --port P` until the block ends (SIGTERM, then kill).

    Ready when the login page answers; a server that exits or does not answer within
    STARTUP_SECONDS fails the test with what it printed."""
    port = free_port()
    log = warehouse.parent / f"web-{port}.log"
    env = {**os.environ, **(extra_env or {})}
    for name in ("TOTEUMA_WEB_HOST", "TOTEUMA_WEB_PORT", "TOTEUMA_STORE_URL"):
        env.pop(name, None)
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [TOTEUMA, "web", "--warehouse", str(warehouse), "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    site = Site(f"http://127.0.0.1:{port}/", process, log)
    try:
        _wait_until_ready(site)
        yield site
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(site: Site) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if site.process.poll() is not None:
            raise AssertionError(
                f"toteuma web ended with {site.process.returncode}:\n{site.output()}"
            )
        try:
            with urllib.request.urlopen(site.url + "login/", timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers; what it answers is the test's to judge
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"toteuma web did not answer in {STARTUP_SECONDS} s:\n{site.output()}")


@contextlib.contextmanager
def chromium():
    """Debian's Chromium through Playwright (headless, no sandbox: CI runs as root), with
    a fresh profile folder of its own (Playwright passes a new --user-data-dir)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def person(browser):
    """A new browser context: one person's cookies, 1280×800, Finnish, Helsinki time."""
    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI", timezone_id="Europe/Helsinki")
    context.set_default_timeout(20_000)
    return context


def log_in(context, site: Site, username: str, password: str):
    """Django's login form filled and sent; returns the page where it led."""
    page = context.new_page()
    page.goto(site.url + "login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    return page


def set_passwords(warehouse: Path, passwords: dict[str, str]) -> None:
    """Known passwords for the store's users (the demo printed random ones once); a user
    the store lacks is created, with no grant. Call it before Playwright starts: Django's
    ORM refuses to run in a thread with an event loop."""
    from review.store.schema import open_store
    from warehouse.settings import load_settings

    with open_store(load_settings(warehouse).store):
        from django.contrib.auth import get_user_model

        for username, password in passwords.items():
            user, _ = get_user_model().objects.get_or_create(username=username)
            user.set_password(password)
            user.save()


PREFIX = "web_"  # docs/images/web_<page>.png


class Screenshots:
    """Each page's picture: into `folder` always, and into TOTEUMA_SCREENSHOTS_DIR
    (docs/images/ by `make screenshots`) when it is set. PNG of the viewport, named
    web_<name>.png."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        published = os.environ.get("TOTEUMA_SCREENSHOTS_DIR")
        self.published = Path(published) if published else None
        self.taken: list[Path] = []

    def take(self, page, name: str, at: str | None = None) -> Path:
        """The viewport as `name`.png; `at`: a CSS selector scrolled to the top first."""
        if at is not None:
            page.locator(at).first.evaluate("node => node.scrollIntoView({block: 'start'})")
        path = self.folder / f"{PREFIX}{name}.png"
        page.screenshot(path=str(path), full_page=False)
        self.taken.append(path)
        if self.published is not None:
            self.published.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, self.published / path.name)
        return path
