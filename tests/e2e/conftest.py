"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live
server. Without /usr/bin/chromium they are skipped, and the run says so in its header and summary."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told the caller knows what it is doing.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# DEALPILOT_CHROMIUM points elsewhere only to try the skip path.
CHROMIUM = Path(os.environ.get("DEALPILOT_CHROMIUM", "/usr/bin/chromium"))
SKIP_REASON = f"browser tests SKIPPED: {CHROMIUM} not found"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "s3cret-pass-word"


def browser_available() -> bool:
    return CHROMIUM.exists()


def pytest_report_header(config: Any) -> str:
    return f"browser tests: Chromium at {CHROMIUM}" if browser_available() else SKIP_REASON


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not browser_available():
        terminalreporter.write_sep("=", SKIP_REASON, yellow=True)


@pytest.fixture
def browser_settings(settings: Any) -> Any:
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    return settings


class Browser:
    """One fresh Chromium profile; `open(lang)` gives a page that records console errors."""

    def __init__(self, base_url: str) -> None:
        from playwright.sync_api import sync_playwright

        self.base_url = base_url
        self._pw = sync_playwright().start()
        self._dirs: list[tempfile.TemporaryDirectory[str]] = []
        self._contexts: list[Any] = []
        self.errors: list[str] = []

    def open(self, lang: str) -> Any:
        profile = tempfile.TemporaryDirectory(prefix="dealpilot-chromium-")
        self._dirs.append(profile)
        context = self._pw.chromium.launch_persistent_context(
            profile.name, executable_path=str(CHROMIUM), headless=True, args=ARGS,
            locale="en-US" if lang == "en" else "zh-CN", viewport={"width": 1360, "height": 900})
        context.set_default_timeout(20_000)
        # The browser asks for a favicon the app does not ship; that 404 is not the page's error.
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
        self._contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    def login(self, page: Any, username: str) -> None:
        page.goto(self.base_url + "/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form[action*='login'] button")
        page.wait_for_url("**/home/**")

    def close(self) -> None:
        for c in self._contexts:
            c.close()
        self._pw.stop()
        for d in self._dirs:
            d.cleanup()


@pytest.fixture
def browser(live_server: Any, browser_settings: Any) -> Iterator[Browser]:
    if not browser_available():
        pytest.skip(SKIP_REASON)
    b = Browser(live_server.url)
    try:
        yield b
    finally:
        b.close()
