"""Search, side by side: the site's own index (this tree) against Pagefind (as on main at f78854e, the
same dialog) and Material's search (as tuned on main at 6dd9181), each built from its commit.

    python bench/search_compare.py            # real site + synthetic 10, 100, 1000 meetings
    SEARCH_SCALES="10" SEARCH_ENGINES="index" python bench/search_compare.py

For each engine on the real site: bytes of every page kind's first view (cold cache, gzip,
bench/readers.py); the query table's precision (tests/browser/test_search.py, unfiltered rows); for
each timed query, the time in Chromium from the last keystroke to the first results on screen, and
the bytes the search downloaded. For the site's index on synthetic corpora (bench/synth.py, N
meetings: the real ones, copies of them and meetings of real General Debate statements): the index
built from the synthetic corpus into a copy of the real site (the search downloads only the index;
the pages' own growth with the corpus is measured by bench/run.py), its build time, and the same
timings and bytes. Pagefind's and Material's figures at those sizes are in BENCHMARKS.md (measured
at their commits). Results: .bench/search.json; a summary is printed.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))  # the query table: tests/browser/test_search.py

import readers  # noqa: E402
from serve import serving  # noqa: E402

MATERIAL_COMMIT = "6dd9181"  # the last commit with Material's search, as tuned
PAGEFIND_COMMIT = "f78854e"  # the last commit with Pagefind (`make bench` installs it: the "bench" extra)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TIMED_QUERIES = ["Agenda 2063", "Pact for the Future", "human-centred multilateral", "Antonio", "peacebuilding",
                 "Cyprus", "occupied territories of Ukraine"]


def build_site(project: Path, site: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(site)], check=True, env=ENV, cwd=project)
    return time.perf_counter() - started


def project_at(commit: str, name: str) -> Path:
    out = WORK / f"{name}-src"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], check=True, capture_output=True, cwd=ROOT).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tree:
        tree.extractall(out, filter="data")
    return out


# -- in the browser -----------------------------------------------------------

_WATCH = """([engine, q]) => new Promise(resolve => {
  const list = document.querySelector(engine !== 'material' ? '[data-rk-results]' : '.md-search-result__list');
  const dialog = document.getElementById('rk-search');
  let changed = false;
  const observer = new MutationObserver(() => { changed = true; });
  observer.observe(list, {childList: true, subtree: true});
  const input = document.querySelector(engine !== 'material' ? '#rk-search-q' : 'input.md-search__input');
  let t0 = null;
  input.addEventListener('keydown', () => { t0 = performance.now(); }, {once: true});
  window.__searchDone = new Promise(done => {
    const check = () => {
      const ready = engine !== 'material'
        ? dialog.dataset.rkShown === q
        : changed && list.querySelector('.md-search-result__item') && input.value === q;
      if (t0 !== null && ready) { observer.disconnect(); done(performance.now() - t0); }
      else requestAnimationFrame(check);
    };
    check();
  });
  resolve(true);
})"""


def _results(page: Any, engine: str) -> list[list[str]]:
    if engine != "material":
        return page.eval_on_selector_all(
            ".rk-search__result a", "as => as.map(a => { const u = new URL(a.href); return [u.pathname + u.hash]; })")
    return page.eval_on_selector_all(
        ".md-search-result__item", """items => items.map(item => [...item.querySelectorAll('a.md-search-result__link')]
            .filter(link => !link.closest('details'))
            .map(link => { const u = new URL(link.href); return u.pathname + u.hash; }))""")


def query_once(browser: Any, server: Any, engine: str, query: str, *, phone: bool = False) -> dict[str, Any]:
    """A cold page: open search, type `query`; ms from the last keystroke to results, bytes the search fetched.

    `bytes`: what the search had downloaded when its first results were on screen. In our dialog, also
    `settled_bytes` and `done_ms`: once the dialog is done (on a desktop the filter panel is open, and its
    counts load after the results)."""
    viewport = {"width": 375, "height": 812} if phone else {"width": 1280, "height": 800}
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(server.url + "records/2024-04-02-human-security/overview/", wait_until="networkidle")
    before = sum(size for _, size in server.sent)
    server.sent.clear()
    page.keyboard.press("/")
    if engine != "material":
        page.wait_for_function("document.activeElement.id === 'rk-search-q'")
    else:
        page.wait_for_function("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type(query[:-1], delay=30)
    page.evaluate(_WATCH, [engine, query])
    page.keyboard.type(query[-1])
    # A query an engine shows nothing for (Material's, "Cyprus") never settles: 20 s, then "no results".
    ms = page.evaluate("Promise.race([window.__searchDone, new Promise(r => setTimeout(() => r(null), 20000))])")
    if ms is None:
        context.close()
        server.sent.clear()
        return {"ms": None, "bytes": None, "settled_bytes": None, "done_ms": None, "page_bytes": before, "results": []}
    fetched = sum(size for _, size in server.sent)
    done_ms, settled = None, fetched
    if engine == "material":  # Material re-renders as its worker answers: judge once the list is stable
        page.wait_for_timeout(600)
    else:
        started = page.evaluate("performance.now()")
        page.wait_for_function("q => document.getElementById('rk-search').dataset.rkDone === q "
                               "&& !document.getElementById('rk-search').hasAttribute('aria-busy')", arg=query,
                               timeout=120_000)
        done_ms = ms + page.evaluate("performance.now()") - started
        page.wait_for_timeout(300)
        settled = sum(size for _, size in server.sent)
    results = _results(page, engine)
    context.close()
    server.sent.clear()
    return {"ms": round(ms, 1), "bytes": fetched, "settled_bytes": settled,
            "done_ms": None if done_ms is None else round(done_ms, 1), "page_bytes": before, "results": results}


def table_precision(browser: Any, server: Any, engine: str) -> dict[str, Any]:
    from browser.test_search import QUERIES

    rows, met = [], 0
    for query in QUERIES:
        if query.filters or not query.text:
            continue  # Material has no filters
        got = query_once(browser, server, engine, query.text)
        firsts = [link for item in got["results"][: query.within] for link in item]
        ok = query.url in firsts
        met += ok
        rows.append({"query": query.text, "within": query.within, "ok": ok, "ms": got["ms"], "bytes": got["bytes"]})
    return {"met": met, "total": len(rows), "rows": rows}


def timings(browser: Any, server: Any, engine: str, *, phone: bool = False) -> dict[str, Any]:
    every = [query_once(browser, server, engine, query, phone=phone) for query in TIMED_QUERIES]
    runs = [r for r in every if r["ms"] is not None]  # queries that showed something
    return {"queries": {q: {key: r[key] for key in ("ms", "bytes", "settled_bytes", "done_ms")}
                        for q, r in zip(TIMED_QUERIES, every, strict=True)},
            "nothing_shown": [q for q, r in zip(TIMED_QUERIES, every, strict=True) if r["ms"] is None],
            "median_ms": statistics.median(r["ms"] for r in runs), "max_ms": max(r["ms"] for r in runs),
            "max_bytes": max(r["bytes"] for r in runs),
            "max_settled_bytes": max(r["settled_bytes"] for r in runs),
            "max_done_ms": max((r["done_ms"] or 0) for r in runs)}


def weights(server: Any) -> dict[str, int]:
    measured = readers.first_view_weights(server, readers.PAGE_KINDS, settle_ms=800)
    return {kind: weight.bytes for kind, weight in measured.items()}


# -- the site's index at scale ----------------------------------------------------

def index_at(meetings: int, site: Path) -> dict[str, Any]:
    """The site's index of a synthetic corpus of `meetings` meetings (bench/synth.py), written into `site`."""
    import synth

    from recordkit.loader import load_corpus
    from recordkit.search_index import OUTPUT_DIR, write_index
    from recordkit.search_records import paragraph_views, search_records
    from recordkit.urls import SiteUrls

    folder = WORK / f"synth-search-{meetings}"
    made = synth.generate(meetings, folder)
    started = time.perf_counter()
    loaded = load_corpus(root=folder, data_dir=folder / "data")
    loaded_s = time.perf_counter() - started
    records = search_records(paragraph_views(loaded.corpus, SiteUrls(loaded.corpus)))
    del loaded
    started = time.perf_counter()
    written = write_index(records, site / OUTPUT_DIR)
    seconds = time.perf_counter() - started
    shutil.rmtree(folder)
    files = [f for f in (site / OUTPUT_DIR).rglob("*") if f.is_file()]
    by_kind: dict[str, int] = {}
    for file in files:
        kind = file.relative_to(site / OUTPUT_DIR).parts[0] if file.parent != site / OUTPUT_DIR else file.name
        by_kind[kind] = by_kind.get(kind, 0) + file.stat().st_size
    return {"meetings": meetings, "records": written.records, "paragraphs": made.paragraphs, "terms": written.terms,
            "shards": written.shards, "load_s": round(loaded_s, 2), "index_s": round(seconds, 2),
            "index_bytes": sum(f.stat().st_size for f in files), "index_files": len(files), "by_kind": by_kind}


def main() -> None:
    from playwright.sync_api import sync_playwright

    scales = [int(s) for s in os.environ.get("SEARCH_SCALES", "10 100 1000").split()]
    engines = os.environ.get("SEARCH_ENGINES", "index pagefind material").split()
    WORK.mkdir(exist_ok=True)
    results: dict[str, Any] = {"material_commit": MATERIAL_COMMIT, "pagefind_commit": PAGEFIND_COMMIT}
    print(f"[search] building {engines}", flush=True)
    projects = {"index": ROOT, "pagefind": project_at(PAGEFIND_COMMIT, "pagefind") if "pagefind" in engines else None,
                "material": project_at(MATERIAL_COMMIT, "material") if "material" in engines else None}
    sites = {engine: WORK / f"search-site-{engine}" for engine in engines}
    results["build_s"] = {engine: build_site(projects[engine] or ROOT, site) for engine, site in sites.items()}
    for engine, site in sites.items():
        print(f"[search] {engine}: first views", flush=True)
        with serving(site) as server:
            results[engine] = {"first_view": weights(server)}
    scaled_sites = {}
    for scale in scales:
        print(f"[search] the site's index at {scale} meetings", flush=True)
        scaled = WORK / f"search-site-{scale}x"
        if scaled.exists():
            shutil.rmtree(scaled)
        shutil.copytree(sites["index"], scaled)
        results[f"index_{scale}x"] = index_at(scale, scaled)
        print(f"[search]   {results[f'index_{scale}x']}", flush=True)
        with serving(scaled) as server:
            results[f"index_{scale}x"]["first_view"] = weights(server)
        scaled_sites[scale] = scaled
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=readers.CHROMIUM, args=readers.CHROME_FLAGS)
        for engine, site in sites.items():
            print(f"[search] {engine}: precision, timings", flush=True)
            with serving(site) as server:
                results[engine]["table"] = table_precision(browser, server, engine)
                results[engine]["timings"] = timings(browser, server, engine)
                if engine != "material":
                    results[engine]["phone_timings"] = timings(browser, server, engine, phone=True)
        for scale, scaled in scaled_sites.items():
            print(f"[search] the site's index at {scale} meetings: timings", flush=True)
            with serving(scaled) as server:
                results[f"index_{scale}x"]["timings"] = timings(browser, server, "index")
                results[f"index_{scale}x"]["phone_timings"] = timings(browser, server, "index", phone=True)
            print(f"[search]   {summary({'build_s': {}, 'x': results[f'index_{scale}x']})['x']}", flush=True)
        browser.close()
    (WORK / "search.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(summary(results), indent=1))


def summary(results: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"build_s": results["build_s"]}
    for key, value in results.items():
        if isinstance(value, dict) and "timings" in value:
            out[key] = {
                "first_view_max_bytes": max(value["first_view"].values()),
                "median_ms": value["timings"]["median_ms"], "max_ms": value["timings"]["max_ms"],
                "max_query_bytes": value["timings"]["max_bytes"],
                "max_settled_bytes": value["timings"].get("max_settled_bytes"),
                "max_done_ms": value["timings"].get("max_done_ms"),
                **({"phone_max_ms": value["phone_timings"]["max_ms"],
                    "phone_max_bytes": value["phone_timings"]["max_bytes"],
                    "phone_max_settled_bytes": value["phone_timings"]["max_settled_bytes"]}
                   if "phone_timings" in value else {}),
                **({"table": f"{value['table']['met']}/{value['table']['total']}"} if "table" in value else {}),
                **({k: value[k] for k in ("records", "terms", "index_s", "index_bytes", "index_files", "by_kind")}
                   if "records" in value else {}),
            }
    return out


if __name__ == "__main__":
    main()
