"""The built site served from 127.0.0.1 and driven in Debian's Chromium.

Every page a test opens is watched: a console error, an uncaught exception
or a request to any origin but the site's own fails the test that caused it.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .helpers import DESKTOP

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files, and the site's 404.html for a missing path, as static hosts do."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep the test output clean
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() and not IN_CI:
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); CI fails instead")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # a missing test dependency is never a reason to skip
        pytest.fail(f"Playwright is not installed: {error}")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001 - any launch failure fails the suite, loudly
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}")
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What the pages of one test did that they must not."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    # Pages that answered 404 on purpose (the site's 404 page for a missing path).
    missing_pages: set[str] = field(default_factory=set)

    def attach(self, context: Any) -> None:
        context.route("**/*", self._route)
        context.on("page", self._watch_page)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()

    def _watch_page(self, page: Any) -> None:
        page.on("response", self._note_missing_page)
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))

    def _note_missing_page(self, response: Any) -> None:
        if response.status == 404 and response.request.is_navigation_request():
            self.missing_pages.add(response.url)

    def _console(self, page: Any, message: Any) -> None:
        if message.type != "error":
            return
        # Chromium reports the 404 status of the page itself; its assets must still load.
        if message.text.startswith("Failed to load resource") and message.location.get("url") in self.missing_pages:
            return
        self.console_errors.append(f"{page.url}: {message.text} ({message.location.get('url')})")


def _open_context(browser: Any, base_url: str, **options: Any) -> tuple[Any, Watch]:
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(base_url=base_url, **options)
    watch = Watch(origin=base_url.rstrip("/"))
    watch.attach(context)
    return context, watch


def _check(watch: Watch) -> None:
    assert not watch.foreign_requests, f"requests to other origins: {watch.foreign_requests}"
    assert not watch.console_errors, f"console errors: {watch.console_errors}"


@pytest.fixture
def new_page(browser: Any, base_url: str) -> Iterator[Any]:
    """`new_page(**context options)` -> a fresh page in its own context, watched until the test ends."""
    opened: list[tuple[Any, Watch]] = []

    def make(**options: Any) -> Any:
        context, watch = _open_context(browser, base_url, **options)
        opened.append((context, watch))
        return context.new_page()

    yield make
    for context, _ in opened:
        context.close()
    for _, watch in opened:
        _check(watch)


@pytest.fixture
def page(new_page: Any) -> Any:
    return new_page()
