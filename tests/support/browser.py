"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

A pytest plugin (registered once in tests/conftest.py), so that every app's browser tests share the same
fixtures: importing a fixture into several modules would define it several times, and a second Playwright
started while the first is alive fails ("Sync API inside the asyncio loop"). One Chromium runs for the
whole session; every test gets a fresh context (cookies, storage) and page.
The live server needs a database that other threads can see, so every browser test runs with
``transactional_db`` semantics (pytest-django turns them on as soon as ``live_server`` is used).

Screenshots go to ``var/screenshots/`` so that people can look at the pages the journeys walked through.
"""

import os
import re
import struct
import zlib
from pathlib import Path

import pytest

from tests.support.accounts import PASSWORD

CHROMIUM = os.environ.get("DANVAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Fail fast: a page of this portal that needs more than this is a bug worth seeing.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: browser tests need Debian's Chromium. "
            "Install it with `scripts/setup --test` (apt-get install chromium chromium-driver), "
            "or point DANVAN_CHROMIUM at a Chromium binary. Never `playwright install`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in this thread from now on; Django refuses
    # ORM calls from a thread with a running loop unless told that it is safe, which it is here: the tests
    # wait for the browser synchronously, so nothing runs concurrently with the ORM in this thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageProblems:
    """Uncaught script errors and Content-Security-Policy violations seen by a page."""

    def __init__(self):
        self.errors = []

    def watch(self, page):
        page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        page.on("console", self._console)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"CSP: {message.text}")


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """A factory of fresh pages (each in its own context) at a viewport: ``new_page(PHONE)``."""
    contexts = []
    problems = PageProblems()

    def make(viewport=DESKTOP):
        context = browser.new_context(
            viewport=viewport,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            base_url=live_server.url,
            is_mobile=viewport["width"] < 600,
            has_touch=viewport["width"] < 600,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems.errors, "The pages reported problems:\n" + "\n".join(problems.errors)


@pytest.fixture
def page(new_page):
    """A fresh desktop-sized page."""
    return new_page(DESKTOP)


@pytest.fixture
def phone_page(new_page):
    """A fresh phone-sized page (390 x 844, the size of a common phone)."""
    return new_page(PHONE)


def login(page, live_server, user, password=PASSWORD):
    """Log in through the real login form (django-axes watches it) and land on the home page."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form button[type=submit]", has_text="Đăng nhập").click()
    assert "/dang-nhap/" not in page.url, f"login of {user.username} failed: {page.locator('main').inner_text()}"
    return page


def screenshot(page, name):
    """Save a full-page screenshot as var/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 when nothing sticks out)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def small_png(width=8, height=8, rgb=(183, 28, 28)):
    """A valid PNG of one colour, made here so the test needs no image library or fixture file."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
