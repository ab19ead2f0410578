"""What readers get: first-view weight per page kind (Chromium) and Lighthouse scores.

First-view weight is every response the page loads on its own with a cold
cache, fetched by the page or by its workers (Material's search worker,
the search index), in bytes on the wire: compressed bodies as our gzip server
sent them, plus response headers as Chromium reports them. The server counts
the bodies because Chromium reports no body size for a worker's script.
Chromium (through Playwright) lists the requests, so a request to another
origin, which our server would never see, is caught too.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from serve import Server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIGHTHOUSE = ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# One page of each kind; the 404 page is read at its file (Lighthouse will not audit a 404 response).
PAGE_KINDS = {
    "home": "",
    "record part": "records/2024-04-02-human-security/opening-statements/",
    "speakers index": "speakers/",
    "speaker page": "speakers/francis/",
    "themes index": "themes/",
    "theme page": "themes/prevention/",
    "documents": "documents/",
    "404": "404.html",
    "meeting overview": "records/a-76-pv-102/",
    "delegation page": "delegations/china/",
    "document page": "documents/un-charter/",  # the most cited document
    # The record part with the most paragraphs (157): its weight is the record's own text.
    "longest record part": "records/a-76-pv-102/strengthening-united-nations-system/",
}


@dataclass
class Weight:
    bytes: int = 0
    requests: int = 0
    by_file: dict[str, int] = field(default_factory=dict)
    other_origins: list[str] = field(default_factory=list)


def first_view_weights(server: Server, paths: dict[str, str], settle_ms: int = 1500) -> dict[str, Weight]:
    """The first view of each page, from a fresh browser context (cold cache) per page."""
    weights: dict[str, Weight] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        for kind, path in paths.items():
            context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
            weights[kind] = _weigh(context, server, server.url + path, settle_ms)
            context.close()
        browser.close()
    return weights


def _weigh(context: Any, server: Server, url: str, settle_ms: int) -> Weight:
    weight = Weight()
    origin = urlsplit(server.url)[:2]
    headers: dict[str, int] = {}

    def finished(request: Any) -> None:
        if urlsplit(request.url)[:2] == origin:
            with contextlib.suppress(Exception):  # the context closed meanwhile (a late request): no headers
                headers[urlsplit(request.url).path] = request.sizes()["responseHeadersSize"]

    def started(request: Any) -> None:
        if urlsplit(request.url)[:2] != origin and not request.url.startswith("data:"):
            weight.other_origins.append(request.url)

    context.on("request", started)
    context.on("requestfinished", finished)
    server.sent.clear()
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(settle_ms)  # the search worker starts after load
    for path, body in list(server.sent):
        size = body + headers.get(path, 0)
        name = path.rsplit("/", 1)[-1] or "index.html"
        weight.by_file[name] = weight.by_file.get(name, 0) + size
        weight.bytes += size
        weight.requests += 1
    return weight


def lighthouse(url: str) -> dict[str, Any]:
    """Lighthouse's mobile run (its default: emulated mid-range phone, simulated slow 4G) of one URL."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--disable-full-page-screenshot",  # not scored; saves time
        ]
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=240)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failing: dict[str, list[str]] = {}
    for name in CATEGORIES:
        for ref in data["categories"][name]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.setdefault(name, []).append(f"{ref['id']}: {audit.get('title', '')}")
    byte_weight = data["audits"].get("total-byte-weight", {}).get("numericValue")
    return {"scores": scores, "failing": failing, "lighthouse_total_bytes": byte_weight,
            "runtime_error": data.get("runtimeError", {}).get("code")}
