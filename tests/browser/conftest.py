"""The built site served from 127.0.0.1 and driven in Debian's Chromium.

Every page a test opens is watched: a console error, an uncaught exception
or a request to any origin but the site's own fails the test that caused it.

Also what the browser tests check again and again (pages, screens, waits on
the page's own state: never a fixed sleep).
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import RECORD

PART = RECORD
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--process-per-site",
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

    def end_headers(self) -> None:
        # As GitHub Pages serves every file: cached for ten minutes. Without it Chromium asks
        # again for every script and stylesheet of every page (a 304 each, from this process).
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """`site_dir` served from 127.0.0.1 on a free port, as a static host serves it: its base URL."""
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
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


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
        except Exception as error:  # any launch failure fails the suite, loudly
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

    def clear(self) -> None:
        self.console_errors.clear()
        self.foreign_requests.clear()
        self.missing_pages.clear()

    def attach(self, context: Any) -> None:
        # Requests are observed, not routed: routing sends every request through this process and
        # slowed each page several-fold; a foreign request fails the test all the same.
        context.on("request", self._note_request)
        context.on("page", self._watch_page)

    def _note_request(self, request: Any) -> None:
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))):
            self.foreign_requests.append(url)

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


@dataclass(eq=False)
class _Shared:
    context: Any
    watch: Watch
    page: Any = None  # the page handed to one test after another


class ContextPool:
    """One browser context, and one page in it, per (site, options), for the tests of a worker.

    A new page costs Chromium a renderer process and a context a cold HTTP and code cache:
    together about four times a page load here. So a test gets the worker's page for its
    options, reset to about:blank (a new document: no script, focus, dialog or scroll of
    the previous test's is left). Tests that change what a reset does not undo (permissions,
    the stored palette, emulated print media, listeners) or judge a cold cache ask for a
    fresh page or a context of their own.
    """

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self._shared: dict[tuple[str, str], _Shared] = {}

    def shared(self, base_url: str, options: dict[str, Any]) -> _Shared:
        key = (base_url, repr(sorted(options.items())))
        if key not in self._shared:
            self._shared[key] = _Shared(*_open_context(self.browser, base_url, **options))
        return self._shared[key]

    def close(self) -> None:
        for shared in self._shared.values():
            shared.context.close()


@pytest.fixture(scope="session")
def context_pool(browser: Any) -> Iterator[ContextPool]:
    pool = ContextPool(browser)
    yield pool
    pool.close()


@pytest.fixture
def new_page(context_pool: ContextPool, base_url: str) -> Iterator[Any]:
    """`new_page(**context options)` -> a page showing about:blank, watched until the test ends.

    By default the worker's reused page for those options; `keep=True` leaves it where the
    previous test left it (the test checks what it relies on), `fresh=True` opens a new page
    in the shared context (closed after the test), `own_context=True` a new context as well.
    """
    closing: list[Any] = []  # pages and contexts of this test alone
    used: list[_Shared] = []
    watches: list[Watch] = []

    def make(*, own_context: bool = False, fresh: bool = False, keep: bool = False, **options: Any) -> Any:
        if own_context:
            context, watch = _open_context(context_pool.browser, base_url, **options)
            closing.append(context)
            watches.append(watch)
            return context.new_page()
        shared = context_pool.shared(base_url, options)
        if shared not in used:
            shared.watch.clear()  # what earlier tests' pages did is theirs
            used.append(shared)
            watches.append(shared.watch)
            if shared.page is not None and not fresh:
                if not keep:
                    shared.page.goto("about:blank")
                return shared.page
        page = shared.context.new_page()
        if shared.page is None and not fresh:
            shared.page = page
        else:
            closing.append(page)
        return page

    yield make
    for shared in used:  # pages the test's own pages opened (a link with a target, say)
        closing.extend(page for page in shared.context.pages if page is not shared.page and page not in closing)
    for item in closing:
        item.close()
    for watch in watches:
        _check(watch)


@pytest.fixture
def page(new_page: Any) -> Any:
    return new_page()


# -- waits on the page's own state ---------------------------------------------

# Nothing on the page is moving: no CSS transition or finite animation is running
# (Material fades its overlays and tooltips, and eases colours when the palette
# changes), no tooltip is on its way in or out (Material inserts a tooltip, then
# marks it active a frame later, and removes it 250 ms after it fades out), and
# Material has sized its sticky sidebars to the page as it now is: each has its
# height, the same as one frame earlier (it sizes them in frames after the load
# event, again when the content's size changes; a sidebar caught smaller than
# its nav was judged by axe a scrollable region without keyboard access).
_SETTLED = """() => {
  const sticky = [...document.querySelectorAll('.md-sidebar')].filter(s =>
    s.getClientRects().length && getComputedStyle(s).position === 'sticky');
  const layout = sticky.map(s => s.querySelector('.md-sidebar__scrollwrap').style.height).join()
    + '|' + document.documentElement.scrollHeight;
  const still = window.__testsLastLayout === layout;
  window.__testsLastLayout = layout;
  return still && sticky.every(s => s.querySelector('.md-sidebar__scrollwrap').style.height !== '')
    && document.getAnimations().every(a =>
      a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)
    && [...document.querySelectorAll('.md-tooltip')].every(t => t.classList.contains('md-tooltip--active'));
}"""


def wait_until_settled(page: Any) -> None:
    """Judge the page only once its transitions have ended (colours, opacity, position are final)."""
    page.wait_for_function(_SETTLED, polling="raf", timeout=5000)


# The paragraph is a link's target, wholly or at least its top in the viewport,
# and looks it: its background is the highlight, not the page's.
_SHOWN = """id => {
  const para = document.getElementById(id);
  if (!para) return {found: false};
  const box = para.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const style = getComputedStyle(para);
  const page = getComputedStyle(document.body);
  return {
    found: true,
    target: para.matches(':target'),
    topInView: box.top >= header - 1 && box.top < window.innerHeight,
    background: style.backgroundColor,
    pageBackground: page.backgroundColor,
    edge: style.borderLeftColor,
  };
}"""

# The page has loaded, `id` is its target, and the scroll has come to rest: the
# paragraph's position is the same as one frame earlier and no transition that could
# move it or cover it runs. These do neither and are not waited for: the header's shadow,
# its title sliding from the site's name to the page's (400 ms) inside a header whose box
# does not change, the tabs' links fading once the page scrolls (the tabs bar is not
# sticky: it scrolls away above the header), and the target's own tools fading in.
_AT_REST = """id => {
  const para = document.getElementById(id);
  if (document.readyState !== 'complete' || !para || !para.matches(':target')) return false;
  const now = `${window.scrollX},${window.scrollY},${para.getBoundingClientRect().top}`;
  const still = window.__testsLastPosition === now;
  window.__testsLastPosition = now;
  const harmless = a => a.transitionProperty === 'box-shadow'
    || !!(a.effect.target && a.effect.target.closest('.md-header__topic, .md-tabs, .para__tools'));
  return still && document.getAnimations().every(a =>
    a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity || harmless(a));
}"""


def paragraph_state(page: Any, paragraph_id: str) -> dict[str, Any]:
    return page.evaluate(_SHOWN, paragraph_id)


def wait_for_target_at_rest(page: Any, target_id: str) -> None:
    """`target_id` is the loaded page's target, and Material has finished scrolling to it."""
    page.wait_for_function(_AT_REST, arg=target_id, polling="raf", timeout=5000)


def assert_paragraph_shown(page: Any, paragraph_id: str) -> None:
    """`paragraph_id` is the page's target, its top below the sticky header, and highlighted."""
    wait_for_target_at_rest(page, paragraph_id)
    state = paragraph_state(page, paragraph_id)
    assert state["found"], f"#{paragraph_id} is not on {page.url}"
    assert state["target"], f"#{paragraph_id} is not the target of {page.url}"
    assert state["topInView"], f"#{paragraph_id} is not in view at {page.url}: {state}"
    assert state["background"] not in ("rgba(0, 0, 0, 0)", "transparent", state["pageBackground"]), (
        f"#{paragraph_id} is not highlighted: {state}")


@dataclass
class SummaryRecord:
    """The summary meeting as the deep-link tests walk it: its parts and paragraphs by id."""

    meeting: Any
    sections: tuple[Any, ...]
    paragraphs: list[Any]
    section_of: dict[str, Any]
    paragraph_by_id: dict[str, Any]


@pytest.fixture(scope="session")
def record(corpus: Any) -> SummaryRecord:
    meeting = corpus.meeting_by_id["2024-04-02-human-security"]
    return SummaryRecord(
        meeting=meeting,
        sections=meeting.sections,
        paragraphs=meeting.paragraphs,
        section_of={p.id: part for part in meeting.sections for p in part.paragraphs},
        paragraph_by_id={p.id: p for p in meeting.paragraphs},
    )
