"""`make bench`: build cost and growth, and what readers download; writes BENCHMARKS.md.

1. The real site against plain Material building the same Markdown (bench/baseline.py),
   several runs each, alternating; then one build under cProfile for the hooks' share.
2. Synthetic corpora of 10, 100 and 1000 meetings (bench/synth.py: the real meetings, copies of
   them and meetings made of real General Debate statements from the UN General Debate Corpus):
   build time, peak memory, search index, hooks' share, and how each grows.
3. Readers: first-view weight of every page kind and Lighthouse's four scores,
   served gzip-compressed from 127.0.0.1 (bench/serve.py, bench/readers.py).

Settings (environment): BENCH_SCALES="10 100 1000" (meetings), BENCH_RUNS=5 (real vs baseline),
BENCH_LIGHTHOUSE=1 (0 skips Lighthouse), BENCH_OUT=BENCHMARKS.md,
BENCH_STEPS="build readers growth" (a subset runs only those steps; with growth alone, only the
"Growth" section of BENCHMARKS.md is rewritten, the rest stays as it was measured).
`python bench/run.py --report-only` rewrites BENCHMARKS.md from the last .bench/results.json.
Everything it builds goes under .bench/ (gitignored); nothing is written into docs/.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
PYTHON = sys.executable
sys.path.insert(0, str(Path(__file__).resolve().parent))

import readers  # noqa: E402
import report  # noqa: E402
import synth  # noqa: E402
from serve import serving  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # the child's user + system time, as the OS counts it
    peak_mib: float
    hooks_cpu_s: float
    handlers_cpu_s: dict[str, float]
    profiled: dict[str, Any] = field(default_factory=dict)


def build(config: Path, site_dir: Path, *, profile_stats: Path | None = None) -> Run:
    """One build in a child process; peak memory and CPU time from the OS (wait4)."""
    command = [PYTHON, str(ROOT / "bench" / "build_once.py"), str(config), str(site_dir)]
    if profile_stats:
        command += ["--profile", "--stats", str(profile_stats)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, env=ENV, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"build of {config} failed:\n{err.read()[-4000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    return Run(
        wall_s=result["wall_s"],
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        hooks_cpu_s=result["hooks_cpu_s"],
        handlers_cpu_s=result["handlers_cpu_s"],
        profiled={key: value for key, value in result.items() if key.startswith("profiled")},
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def summary(runs: list[Run]) -> dict[str, Any]:
    handlers = {name: median([r.handlers_cpu_s.get(name, 0.0) for r in runs]) for name in runs[0].handlers_cpu_s}
    return {
        "runs": len(runs),
        "wall_s": median([r.wall_s for r in runs]),
        "cpu_s": median([r.cpu_s for r in runs]),
        "peak_mib": max(r.peak_mib for r in runs),
        "hooks_cpu_s": median([r.hooks_cpu_s for r in runs]),
        "hooks_share": median([r.hooks_cpu_s / r.cpu_s for r in runs]),
        "handlers_cpu_s": handlers,
        "all_wall_s": [round(r.wall_s, 2) for r in runs],
        "all_cpu_s": [round(r.cpu_s, 2) for r in runs],
    }


def search_index(site_dir: Path) -> dict[str, Any]:
    """The site's search index: Material's search_index.json (the plain baseline), or the site's own folder.

    The site's index is many small files, compressed by the writer and fetched per query
    (bench/search_compare.py measures what a query downloads); here their total size on disk, by
    top-level folder or file ("entries" are its files).
    """
    material = site_dir / "search" / "search_index.json"
    if not material.is_file():
        root = site_dir / "search-index"
        files = [f for f in root.rglob("*") if f.is_file()]
        folders: dict[str, int] = {}
        for file in files:
            folder = file.relative_to(root).parts[0]
            folders[folder] = folders.get(folder, 0) + file.stat().st_size
        total = sum(folders.values())
        return {"bytes": total, "gzip_bytes": total, "entries": len(files), "by_area": folders}
    data = material.read_bytes()
    entries = json.loads(data)["docs"]
    by_area: dict[str, int] = {}  # which pages the index's bytes come from
    for entry in entries:
        area = entry["location"].split("/", 1)[0] or "home"
        size = len(json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        by_area[area] = by_area.get(area, 0) + size
    return {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=6)), "entries": len(entries),
            "by_area": by_area}


def hooks_hot_spots(stats_file: Path, limit: int = 12) -> list[dict[str, Any]]:
    """The functions of hooks/ with the most cumulative time in a profile."""
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.items():
        path = Path(filename).as_posix()
        if "/hooks/" in path:
            rows.append({"where": f"{path.split('/hooks/', 1)[1]}:{line} {function}", "calls": calls,
                         "own_s": own, "cumulative_s": cumulative})
    return sorted(rows, key=lambda row: -row["cumulative_s"])[:limit]


# -- the steps -----------------------------------------------------------------


def real_vs_baseline(runs: int) -> dict[str, Any]:
    print(f"[bench] real site vs plain Material, {runs} runs each", flush=True)
    subprocess.run([PYTHON, str(ROOT / "bench" / "baseline.py"), str(WORK / "baseline")], check=True, env=ENV,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    real_runs, plain_runs = [], []
    for _ in range(runs):  # alternating, so that a busy moment of the machine hits both
        real_runs.append(build(ROOT / "mkdocs.yml", WORK / "site-real"))
        plain_runs.append(build(WORK / "baseline" / "mkdocs.yml", WORK / "site-baseline"))
    stats_file = WORK / "real.pstats"
    profiled = build(ROOT / "mkdocs.yml", WORK / "site-real", profile_stats=stats_file)
    real, plain = summary(real_runs), summary(plain_runs)
    return {
        "real": real,
        "baseline": plain,
        "ratio_wall": real["wall_s"] / plain["wall_s"],
        "ratio_cpu": real["cpu_s"] / plain["cpu_s"],
        "profiled": profiled.profiled,
        "hot_spots": hooks_hot_spots(stats_file),
        "search_index": search_index(WORK / "site-real"),
        "baseline_search_index": search_index(WORK / "site-baseline"),
        "text_bytes": synth.source_bytes(ROOT),
    }


def runs_at(meetings: int) -> int:
    return 3 if meetings <= 10 else 1  # 100 and 1000 meetings take minutes: the machine is shared


def growth(scales: list[int]) -> list[dict[str, Any]]:
    rows = []
    for meetings in scales:
        print(f"[bench] synthetic corpus, {meetings} meetings", flush=True)
        started = time.perf_counter()
        made = synth.generate(meetings, WORK / f"synth-{meetings}")
        generated_s = time.perf_counter() - started
        print(f"[bench]   {made.line()} (generated in {generated_s:.1f} s)", flush=True)
        site = WORK / f"site-synth-{meetings}"
        runs = [build(made.folder / "mkdocs.yml", site) for _ in range(runs_at(meetings))]
        pages = sum(1 for _ in site.rglob("*.html"))
        html_bytes = sum(f.stat().st_size for f in site.rglob("*.html"))
        with serving(site) as server:  # does a page's first view grow with the corpus? (the nav is in every page)
            first_view = {kind: weight.bytes for kind, weight in
                          readers.first_view_weights(server, readers.PAGE_KINDS, settle_ms=300).items()}
        rows.append({
            "scale": meetings, "meetings": meetings, "paragraphs": made.paragraphs, "parts": made.parts,
            "speakers": made.speakers, "themes": made.themes, "text_bytes": made.source_bytes, "pages": pages,
            "words": made.words, "ungdc_meetings": made.ungdc_meetings, "statements": made.statements,
            "html_bytes": html_bytes, "first_view": first_view, "generated_s": generated_s,
            "search_index": search_index(site),
            **summary(runs),
        })
        row = rows[-1]
        print(f"[bench]   {row['cpu_s']:.1f} s CPU, {row['wall_s']:.1f} s wall, peak {row['peak_mib']:.0f} MiB, "
              f"hooks {100 * row['hooks_share']:.1f}%, {pages} pages, {html_bytes / 1e6:.0f} MB of HTML, "
              f"first view up to {max(first_view.values()) / 1024:.1f} KiB", flush=True)
        (WORK / f"growth-{meetings}.json").write_text(json.dumps(row, indent=1), encoding="utf-8")
        shutil.rmtree(site)  # 1000 meetings are gigabytes of HTML
        shutil.rmtree(made.folder)
    return rows


def reader_side(lighthouse: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, site in (("real", WORK / "site-real"), ("baseline", WORK / "site-baseline")):
        print(f"[bench] readers: {name} site (weights{', Lighthouse' if lighthouse else ''})", flush=True)
        with serving(site) as server:
            weights = readers.first_view_weights(server, readers.PAGE_KINDS)
            scores = {kind: readers.lighthouse(server.url + path) for kind, path in readers.PAGE_KINDS.items()} \
                if lighthouse else {}
        result[name] = {"weights": {kind: asdict(weight) for kind, weight in weights.items()}, "lighthouse": scores}
    return result


def machine() -> dict[str, str]:
    def command_output(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    from importlib.metadata import version

    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": command_output("git", "-C", str(ROOT), "describe", "--always", "--dirty"),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{memory_kib / 1024 / 1024:.1f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "markdown": version("Markdown"),
        "pyyaml": version("PyYAML"),
        "chromium": command_output(readers.CHROMIUM, "--version"),
        "lighthouse": command_output(str(readers.LIGHTHOUSE), "--version"),
        "load": " ".join(f"{value:.1f}" for value in os.getloadavg()),
    }


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def last_real_weights() -> dict[str, Any] | None:
    """The real site's first views from the last full run (.bench/results.json), if any."""
    last = WORK / "results.json"
    if not last.is_file():
        return None
    weights: dict[str, Any] | None = json.loads(last.read_text(encoding="utf-8")).get("readers", {}).get(
        "real", {}).get("weights")
    return weights


def main() -> None:
    WORK.mkdir(exist_ok=True)
    out = ROOT / os.environ.get("BENCH_OUT", "BENCHMARKS.md")
    if sys.argv[1:] == ["--report-only"]:  # rewrite BENCHMARKS.md from the last results
        last = json.loads((WORK / "results.json").read_text(encoding="utf-8"))
        out.write_text(report.with_hand_written(report.markdown(last), _text(out)), encoding="utf-8")
        return
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "10 100 1000").split()]
    steps = set(os.environ.get("BENCH_STEPS", "build readers growth").split())
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    lighthouse = os.environ.get("BENCH_LIGHTHOUSE", "1") != "0"
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "settings": {"scales": scales, "runs": runs}}
    if steps == {"growth"}:  # only the growth section, spliced into the BENCHMARKS.md that is there
        results["growth"] = growth(scales)
        results["machine"]["load_after"] = " ".join(f"{value:.1f}" for value in os.getloadavg())
        results["bench_s"] = time.perf_counter() - started
        (WORK / "results-growth.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        out.write_text(report.splice_growth(out.read_text(encoding="utf-8"), results, last_real_weights()),
                       encoding="utf-8")
        print(f"[bench] rewrote the Growth section of {out.name} in {results['bench_s'] / 60:.1f} min")
        return
    results["build"] = real_vs_baseline(runs) if "build" in steps else {}
    results["readers"] = reader_side(lighthouse) if "readers" in steps else {}
    results["growth"] = growth(scales) if "growth" in steps else []
    results["machine"]["load_after"] = " ".join(f"{value:.1f}" for value in os.getloadavg())
    results["bench_s"] = time.perf_counter() - started
    (WORK / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    out.write_text(report.with_hand_written(report.markdown(results), _text(out)), encoding="utf-8")
    print(f"[bench] wrote {out.relative_to(ROOT)} and .bench/results.json in {results['bench_s'] / 60:.1f} min")


if __name__ == "__main__":
    main()
