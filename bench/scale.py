"""The partitioned build at the UN's size (issue 19): `make build` on synthetic corpora of real text
(bench/synth.py) at 100, 1,000 and 10,000 meetings; at 1,000, the same site as one `mkdocs build`
process, and the cost of adding one meeting and of editing one paragraph; at 10,000, search and first
views in Chromium.

    python bench/scale.py                        # 100 1000 10000 (about 2 hours here)
    SCALE_SIZES="100 1000" python bench/scale.py
    # the builds again after a change, written as a section of their own ("re-measured"):
    SCALE_SIZES="1000 10000" SCALE_SINGLE_UP_TO=0 SCALE_INCREMENTAL_AT=0 SCALE_SEARCH_AT=""
        SCALE_RESULTS=scale-remeasure.json python bench/scale.py      (one command)
    python bench/scale.py --report-remeasure scale-remeasure.json [scale-pytest.json]

Results: .bench/scale.json; bench/report.py writes them into BENCHMARKS.md ("Partitioned builds").
Every figure of a build is the OS's (wait4): CPU time (user + system) summed over the jobs, the
largest peak memory of any one process, and wall time with the jobs run two at a time (this machine
has two cores).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import readers  # noqa: E402
import report  # noqa: E402
import search_compare  # noqa: E402
import synth  # noqa: E402
from serve import serving  # noqa: E402

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
JOBS = 2
COMMON_WORDS = 3  # the commonest words of the index, searched on their own as well as the timed queries
ADDED = "bench-added-meeting"


def partitioned(project: Path) -> dict[str, Any]:
    """`make build` (tools/build_site.py) in `project`; what its jobs cost."""
    started = time.perf_counter()
    done = subprocess.run([PYTHON, str(ROOT / "tools" / "build_site.py"), "--jobs", str(JOBS), "--config-file",
                           str(project / "mkdocs.yml")], capture_output=True, text=True, env=ENV, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"partitioned build of {project} failed:\n{done.stderr[-4000:]}{done.stdout[-4000:]}")
    runs = json.loads((project / ".build" / "state.json").read_text())["runs"]
    made = [run for run in runs if not run["reused"]]
    steps: dict[str, dict[str, float]] = {}
    for run in made:
        step = steps.setdefault(run["job"].split()[0], {"jobs": 0, "cpu_s": 0.0, "peak_mib": 0.0})
        step["jobs"] += 1
        step["cpu_s"] += run["cpu_s"]
        step["peak_mib"] = max(step["peak_mib"], run["peak_mib"])
    return {"wall_s": round(wall, 1), "cpu_s": round(sum(run["cpu_s"] for run in made), 1),
            "peak_mib": round(max(run["peak_mib"] for run in made), 0), "jobs_run": len(made),
            "jobs_reused": len(runs) - len(made), "steps": steps,
            "ran": sorted(run["job"] for run in made if run["job"] != "merge")}


def single(project: Path, site: Path) -> dict[str, Any]:
    """One `mkdocs build --strict` process of the same project."""
    started = time.perf_counter()
    child = subprocess.Popen([PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                              str(project / "mkdocs.yml"), "--site-dir", str(site)], env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"single build of {project} failed:\n{errors[-4000:].decode(errors='replace')}")
    return {"wall_s": round(time.perf_counter() - started, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_mib": round(usage.ru_maxrss / 1024, 0)}


def differing_files(one: Path, other: Path) -> int:
    """How many files differ between two sites (or are in one only)."""
    done = subprocess.run(["diff", "-rq", str(one), str(other)], capture_output=True, text=True, check=False)
    return len(done.stdout.splitlines())


def add_meeting(project: Path) -> str:
    """A meeting added as an editor adds the latest one: a copy of the newest, a day later, same year."""
    meetings = project / "data" / "meetings"
    newest = max((folder for folder in meetings.iterdir() if folder.is_dir()),
                 key=lambda folder: (_field(folder, "date"), folder.name))
    date = dt.date.fromisoformat(_field(newest, "date"))
    new_date = date + dt.timedelta(days=1) if (date + dt.timedelta(days=1)).year == date.year else date
    added = meetings / ADDED
    shutil.copytree(newest, added)
    text = (added / "meeting.yml").read_text(encoding="utf-8")
    for name, value in (("id", ADDED), ("path", f"records/{ADDED}"), ("date", new_date)):
        text = "\n".join(f"{name}: {value}" if line.startswith(f"{name}:") else line for line in text.splitlines())
    (added / "meeting.yml").write_text(text + "\n", encoding="utf-8")
    return ADDED


def _field(folder: Path, name: str) -> str:
    for line in (folder / "meeting.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    raise SystemExit(f"{folder}/meeting.yml has no {name}")


def edit_paragraph(project: Path) -> str:
    """One paragraph's annotation edited (a theme added), in a meeting of a year in the middle."""
    part = project / "data" / "meetings" / "a-65-pv-71" / "advancement-women-advancement-women.md"
    old = "{: id: p58, speakers: [deiss], themes: [peace]"
    text = part.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{part}: the paragraph to edit is not as expected")
    # The synthetic copies are hard links to data/ (synth.py): writing through the link would edit every
    # copy, and the real meeting. A file of its own, as an editor's save makes.
    part.unlink()
    part.write_text(text.replace(old, "{: id: p58, speakers: [deiss], themes: [peace, sdgs]"), encoding="utf-8")
    return "a-65-pv-71 p58"


def commonest_words(site: Path, count: int) -> list[str]:
    """The words of the index found in most paragraphs (stop words are not indexed)."""
    frequencies: dict[str, int] = {}
    for shard in (site / "search-index" / "t").glob("*.jz"):
        for term, entry in json.loads(gzip.decompress(shard.read_bytes())).items():
            if " " not in term and term.isalpha() and isinstance(entry, list):
                frequencies[term] = entry[0]
    return sorted(frequencies, key=lambda term: -frequencies[term])[:count]


def search_at(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    words = commonest_words(site, COMMON_WORDS)
    queries = [*search_compare.TIMED_QUERIES, *words]
    with serving(site) as server:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=readers.CHROMIUM, args=readers.CHROME_FLAGS)
            runs = {query: search_compare.query_once(browser, server, "index", query) for query in queries}
            browser.close()
        first_view = {kind: weight.bytes for kind, weight in  # opens a Playwright of its own
                      readers.first_view_weights(server, readers.PAGE_KINDS, settle_ms=800).items()}
    shown = {query: run for query, run in runs.items() if run["ms"] is not None}
    return {"common_words": words,
            "queries": {query: {"ms": run["ms"], "bytes": run["bytes"], "settled_bytes": run["settled_bytes"],
                                "results": len(run["results"])} for query, run in runs.items()},
            "max_ms": max(run["ms"] for run in shown.values()),
            "max_bytes": max(run["bytes"] for run in shown.values()),
            "nothing_shown": sorted(set(runs) - set(shown)), "first_view": first_view}


def pytest_time() -> dict[str, Any]:
    """`make test`'s pytest (after its build, as the Makefile runs it), wall time on this machine."""
    site = WORK / "pytest-site"
    single(ROOT, site)
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q", "-p", "no:cacheprovider",
                           "--durations=0"],
                          cwd=ROOT, env={**ENV, "TEST_SITE_DIR": str(site)}, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - started
    shutil.rmtree(site)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-400:]
    passed = summary.split(" passed")[0].split()[-1] if " passed" in summary else "0"
    meetings = sum(1 for folder in (ROOT / "data" / "meetings").iterdir() if folder.is_dir())
    return {"wall_s": round(wall, 1), "tests": int(passed), "meetings": meetings, "summary": summary,
            "passed": done.returncode == 0, "worker_s": worker_seconds(done.stdout)}


def worker_seconds(durations: str) -> dict[str, float]:
    """The seconds pytest's workers spent (setup, call and teardown: `--durations=0`), by test folder."""
    spent: dict[str, float] = {}
    for line in durations.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].endswith("s") and parts[1] in ("setup", "call", "teardown"):
            folder = parts[2].split("::")[0].rsplit("/", 1)[0]
            spent[folder] = round(spent.get(folder, 0.0) + float(parts[0][:-1]), 1)
    return spent


def site_facts(site: Path) -> dict[str, Any]:
    html = sum(1 for _ in site.rglob("*.html"))
    index = site / "search-index"
    return {"html_pages": html, "search_index_mib": round(sum(f.stat().st_size for f in index.rglob("*")
                                                              if f.is_file()) / 2**20, 1)}


def at_size(meetings: int) -> dict[str, Any]:
    project = WORK / f"scale-{meetings}"
    shutil.rmtree(project, ignore_errors=True)
    print(f"[scale] {meetings} meetings: generating", flush=True)
    made = synth.generate(meetings, project)
    result: dict[str, Any] = {"meetings": meetings, "paragraphs": made.paragraphs, "corpus": made.line()}
    print(f"[scale] {meetings}: partitioned build", flush=True)
    result["build"] = partitioned(project)
    result.update(site_facts(project / "site"))
    print(f"[scale]   {result['build']}", flush=True)
    if meetings <= int(os.environ.get("SCALE_SINGLE_UP_TO", "1000")):
        print(f"[scale] {meetings}: one mkdocs build, compared", flush=True)
        result["single"] = single(project, WORK / f"scale-{meetings}-single")
        result["differing_files"] = differing_files(project / "site", WORK / f"scale-{meetings}-single")
        shutil.rmtree(WORK / f"scale-{meetings}-single")
        print(f"[scale]   {result['single']}, {result['differing_files']} file(s) differ", flush=True)
    if meetings == int(os.environ.get("SCALE_INCREMENTAL_AT", "1000")):
        print(f"[scale] {meetings}: adding one meeting, editing one paragraph", flush=True)
        result["added"] = {"meeting": add_meeting(project), **partitioned(project)}
        result["edited"] = {"paragraph": edit_paragraph(project), **partitioned(project)}
        print(f"[scale]   added {result['added']}\n[scale]   edited {result['edited']}", flush=True)
    if str(meetings) in os.environ.get("SCALE_SEARCH_AT", str(max(sizes()))).split():
        print(f"[scale] {meetings}: search and first views in Chromium", flush=True)
        result["search"] = search_at(project / "site")
        print(f"[scale]   {result['search']}", flush=True)
    if os.environ.get("SCALE_KEEP") != "1":
        shutil.rmtree(project)
    return result


def sizes() -> list[int]:
    return [int(size) for size in os.environ.get("SCALE_SIZES", "100 1000 10000").split()]


def report_only(files: list[str]) -> None:
    """Rewrite the section from saved results; a later file's figures for a size (a rerun of one
    step, say the incremental builds at 1,000) replace the first's, and say where they come from."""
    results = json.loads((WORK / files[0]).read_text(encoding="utf-8"))
    for name in files[1:]:
        later = json.loads((WORK / name).read_text(encoding="utf-8"))
        if any("added" in size or "edited" in size for size in later["sizes"]):  # the later run's supersede
            for size in results["sizes"]:
                for key in ("added", "edited"):
                    if key in size:
                        results.setdefault("superseded", []).append(f"{key} at {size['meetings']:,} meetings")
                        del size[key]
        for size in later["sizes"]:
            into = next(s for s in results["sizes"] if s["meetings"] == size["meetings"])
            for key in ("added", "edited", "search"):
                if key in size:
                    machine = later["machine"]
                    into[key] = {**size[key], "measured": machine["date"], "commit": machine["commit"],
                                 "baseline": size["build"]}  # the full build it followed
    out = ROOT / "BENCHMARKS.md"
    out.write_text(report.splice_scale(out.read_text(encoding="utf-8"), results), encoding="utf-8")


def main() -> None:
    if sys.argv[1:2] == ["--report-only"]:  # python bench/scale.py --report-only scale.json [scale-rerun.json]
        report_only(sys.argv[2:] or ["scale.json"])
        return
    if sys.argv[1:2] == ["--report-remeasure"]:  # python bench/scale.py --report-remeasure scale-remeasure.json
        out = ROOT / "BENCHMARKS.md"
        remeasured = json.loads((WORK / sys.argv[2]).read_text(encoding="utf-8"))
        for later in sys.argv[3:]:  # a later run of make test's pytest alone (SCALE_SIZES="")
            run = json.loads((WORK / later).read_text(encoding="utf-8"))
            machine = run["machine"]
            remeasured["pytest"] = {**run["pytest"], "measured": f"{machine['date']} at `{machine['commit']}`"}
        out.write_text(report.splice_remeasure(out.read_text(encoding="utf-8"), remeasured), encoding="utf-8")
        return
    WORK.mkdir(exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": _machine(), "jobs": JOBS}
    results["sizes"] = [at_size(size) for size in sizes()]
    if os.environ.get("SCALE_PYTEST", "1") != "0":
        print("[scale] make test's pytest, timed", flush=True)
        results["pytest"] = pytest_time()
        print(f"[scale]   {results['pytest']}", flush=True)
    results["bench_s"] = round(time.perf_counter() - started)
    (WORK / os.environ.get("SCALE_RESULTS", "scale.json")).write_text(json.dumps(results, indent=1), encoding="utf-8")
    if os.environ.get("SCALE_RESULTS"):
        return  # a partial rerun: `--report-only scale.json <its file>` merges it
    out = ROOT / "BENCHMARKS.md"
    out.write_text(report.splice_scale(out.read_text(encoding="utf-8"), results), encoding="utf-8")
    print(f"[scale] wrote the Partitioned builds section of {out.name} in {results['bench_s'] / 60:.0f} min")


def _machine() -> dict[str, Any]:
    import run

    return run.machine()


if __name__ == "__main__":
    main()
