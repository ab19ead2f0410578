"""`make build`: the site built in partitions, in parallel, rebuilding only what changed.

Each year's meetings are a partition (recordkit/partitions.py). The jobs, each a process of its own:

1. `summarize <year>`: loads and checks that year's meetings and the registries; writes what the
   other jobs need of them into <work>/parts/<year>/;
2. `pages <year>`: `mkdocs build` of that year's meeting pages, into <work>/pages/<year>/;
3. `shared`: `mkdocs build` of every page across meetings from the partitions' summaries, into
   <work>/shared/; beside it, each a process of its own, `search` (the search index, from the
   partitions' search records, into <work>/search/) and `data` (the corpus as data and the feeds,
   into <work>/data/);
4. `merge`: those with each partition's meeting folders, then the stylesheet cuts that need every
   page (recordkit/finish.py), into site/: the site `mkdocs build` makes, byte for byte
   (tests/test_partitions.py).

`build` (the default) runs them all on this machine, `--jobs` at a time, and reuses a job's output
when the hash of its inputs is the one it was made from (<work>/state.json): its meetings' files,
the registries, the code, templates and docs/, the versions of the installed packages, SITE_URL and
SOURCE_DATE_EPOCH, and for a pages job what its pages show of the other partitions (the years, the
bodies, the newest meeting of each year and its neighbours in the nav). The same commands run as
jobs of a CI matrix across machines (README, "Building in parallel").

Usage: python tools/build_site.py [build] [--jobs N] [--site-dir site] [--work .build]
       python tools/build_site.py plan | summarize YEAR | pages YEAR | shared | search | data | merge
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import partial
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from mkdocs.config import load_config  # noqa: E402 - after the path to recordkit

from recordkit import corpus_data, feeds, partitions, search_index  # noqa: E402
from recordkit.finish import finish_site  # noqa: E402
from recordkit.loader import load_corpus, load_registry_corpus  # noqa: E402
from recordkit.model import Meeting  # noqa: E402
from recordkit.problems import InputError  # noqa: E402
from recordkit.urls import SiteUrls  # noqa: E402

MEETINGS_DIR = Path("data") / "meetings"
CODE = ("hooks", "overrides", "docs", "tools/build_site.py", "mkdocs.yml", "pyproject.toml")
ENVIRONMENT = ("SITE_URL", "SOURCE_DATE_EPOCH")
STATE = "state.json"
ACROSS_PARTITIONS = (partitions.SHARED, "search", "data")  # the jobs that read every partition's summary


class BuildError(Exception):
    pass


@dataclass
class JobRun:
    """How a job ran (bench/run.py reads these from state.json)."""

    job: str
    reused: bool
    cpu_s: float = 0.0
    wall_s: float = 0.0
    peak_mib: float = 0.0


@dataclass
class Project:
    config_file: Path
    work: Path

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def parts(self) -> Path:
        return self.work / "parts"

    def pages(self, key: str) -> Path:
        return self.work / "pages" / key

    @property
    def shared(self) -> Path:
        return self.work / partitions.SHARED

    def out(self, step: str) -> Path:
        """Where a job across partitions writes (shared, search, data): a tree of the site's files."""
        return self.work / step


# -- planning and hashing ---------------------------------------------------------------------------


def plan(project: Project) -> dict[str, list[Path]]:
    """Partition key -> its meetings' folders, newest partition first."""
    folders: dict[str, list[Path]] = {}
    meetings = project.root / MEETINGS_DIR
    for folder in sorted(path for path in meetings.iterdir() if path.is_dir()) if meetings.is_dir() else []:
        meeting_file = folder / "meeting.yml"
        if meeting_file.is_file():
            folders.setdefault(partitions.planned_partition(meeting_file), []).append(folder)
    if not folders:
        raise BuildError(f"{meetings}: no meeting to build")
    return {key: folders[key] for key in partitions.order(folders)}


def _files(path: Path) -> Iterable[Path]:
    if path.is_file():
        yield path
        return
    for folder, subfolders, names in os.walk(path, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            yield Path(folder) / name


def tree_hash(paths: Iterable[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        for file in _files(path):
            digest.update(str(file.relative_to(base)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def text_hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def code_hash(project: Project) -> str:
    """The code, templates, docs/ and settings every job runs, the packages' versions and the environment."""
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    environment = [f"{name}={os.environ.get(name, '')}" for name in ENVIRONMENT]
    return text_hash(tree_hash([project.root / name for name in CODE], project.root), *packages, *environment)


def registries_hash(project: Project) -> str:
    data = project.root / "data"
    return tree_hash(sorted(path for path in data.iterdir() if path.is_file()), project.root)


def nav_context(outlines: dict[str, list[Meeting]], key: str) -> str:
    """What a partition's pages show of the others: the years (a pruned year links to its year's page),
    the bodies, and the last page of the partition before it in the nav (its oldest meeting's), the
    footer's "previous" of its first page. Adding a meeting changes no other partition's pages unless
    it opens a year or is the oldest of its year."""
    keys = list(outlines)
    at = keys.index(key)
    shown = [key, repr(sorted({m.body for meetings in outlines.values() for m in meetings}))]
    if at > 0:
        shown.append(repr(outlines[keys[at - 1]][-1]))
    return text_hash(*keys, *shown)


# -- the jobs ---------------------------------------------------------------------------------------


def run_process(name: str, command: list[str], env: dict[str, str] | None = None) -> JobRun:
    """Run a job's process; its CPU time and peak memory from the OS (wait4)."""
    start = time.monotonic()
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BuildError(f"job {name} failed:\n{output.decode(errors='replace')}")
    return JobRun(name, reused=False, cpu_s=usage.ru_utime + usage.ru_stime, wall_s=time.monotonic() - start,
                  peak_mib=usage.ru_maxrss / 1024)


def summarize(project: Project, key: str, folders: list[Path], out: Path) -> None:
    """Load and check one partition's meetings; leave their summary in `out` (partitions.write_summary)."""
    config = load_config(str(project.config_file))
    try:
        loaded = load_corpus(root=project.root, data_dir=project.root / "data", folders=folders)
    except InputError as error:
        raise BuildError(str(error)) from None
    if loaded.warnings:
        raise BuildError(str(InputError(loaded.warnings)) + "\n(warnings are fatal: the build is strict)")
    urls = SiteUrls(loaded.corpus, directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    partitions.write_summary(loaded.corpus, urls, out, key)


def write_search(project: Project, out: Path) -> None:
    """The search index of every partition's records (recordkit/search_index.py), into `out`."""
    try:
        search_index.write_index(partitions.MergedRecords(project.parts), out / search_index.OUTPUT_DIR)
    except search_index.SearchIndexError as error:
        raise BuildError(str(error)) from None


def write_data(project: Project, out: Path) -> None:
    """The corpus as data (the partitions' rows, in order) and the feeds (from their summaries), into `out`."""
    config = load_config(str(project.config_file))
    try:
        loaded = load_registry_corpus(root=project.root, data_dir=project.root / "data",
                                      meetings=partitions.shared_job_meetings(project.parts), whole=False)
    except InputError as error:
        raise BuildError(str(error)) from None
    urls = SiteUrls(loaded.corpus, directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    try:
        corpus_data.write_corpus_data(loaded.corpus, urls, out, title=config.site_name,
                                      tables=partitions.merged_tables(project.parts))
        feeds.write_feeds(loaded.corpus, urls, out, site_name=config.site_name, language=config.theme["language"],
                          rights=config.copyright or "")
    except (corpus_data.CorpusDataError, feeds.FeedError) as error:
        raise BuildError(str(error)) from None


def mkdocs_job(project: Project, job: str, out: Path) -> JobRun:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "--quiet",
               "--config-file", str(project.config_file), "--site-dir", str(out)]
    env = {partitions.ENV_JOB: job, partitions.ENV_PARTS: str(project.parts.resolve()),
           "NO_MKDOCS_2_WARNING": "1"}
    return run_process(job if job == partitions.SHARED else f"pages {job}", command, env)


def merge(project: Project, site_dir: Path) -> None:
    """The shared job's site and every partition's meeting folders, hard-linked into `site_dir` (the
    stylesheets, which the cuts rewrite, copied), then the cuts made from every job's page classes."""
    merging = site_dir.with_name(site_dir.name + ".merging")
    shutil.rmtree(merging, ignore_errors=True)
    try:
        for step in ACROSS_PARTITIONS:
            _link_tree(project.out(step), merging)
        classes = partitions.read_page_classes(project.shared)
        for key in partitions.partition_keys(project.parts):
            pages = project.pages(key)
            classes |= partitions.read_page_classes(pages)
            for meeting in partitions.outline_of(project.parts, key):
                _link_tree(pages / meeting.path, merging / meeting.path)
    except shutil.Error as error:  # a file two jobs made fails its link (FileExistsError)
        raise BuildError(f"the jobs' outputs do not merge: {error}") from None
    config = load_config(str(project.config_file))
    finish_site(merging, [Path(folder) for folder in config.theme.dirs], config.theme.get("palette") or [], classes)
    shutil.rmtree(site_dir, ignore_errors=True)
    merging.rename(site_dir)


def _link_tree(source: Path, target: Path) -> None:
    def place(path: str, destination: str) -> None:
        relative = Path(path).relative_to(source)
        if relative.parts[0] == "assets":  # the cuts rewrite these: a copy, never the job's file
            shutil.copy2(path, destination)
        else:
            os.link(path, destination)
    shutil.copytree(source, target, copy_function=place, dirs_exist_ok=True, ignore=lambda folder, names:
                    [partitions.JOB_NOTES] if Path(folder) == source else [])


# -- the whole build, reusing what has not changed -------------------------------------------------------


class _Jobs:
    """The jobs of one build: which to run (their inputs' hash is not the one their output was made
    from), run `--jobs` at a time. The state file names a job's hash only while its output is whole:
    a job that fails or is interrupted is run again next time."""

    def __init__(self, project: Project, jobs: int) -> None:
        self.project, self.jobs = project, jobs
        self.file = project.work / STATE
        self.made: dict[str, str] = json.loads(self.file.read_text())["made"] if self.file.is_file() else {}
        self.runs: list[JobRun] = []
        self.lock = threading.Lock()

    def plan(self, name: str, key: str, out: Path, command: Callable[[], JobRun]) -> Callable[[], JobRun] | None:
        """The job to run, or None when its output is there, made from the same inputs."""
        if self.made.get(name) == key and out.is_dir():
            self.runs.append(JobRun(name, reused=True))
            return None

        def run() -> JobRun:
            self._save(forget=name)
            shutil.rmtree(out, ignore_errors=True)
            done = command()
            self._save(record=(name, key))
            return done
        return run

    def run(self, tasks: list[Callable[[], JobRun] | None]) -> None:
        with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
            self.runs += pool.map(lambda task: task(), [task for task in tasks if task is not None])

    def _save(self, *, forget: str = "", record: tuple[str, str] | None = None) -> None:
        with self.lock:
            self.made.pop(forget, None)
            if record is not None:
                self.made[record[0]] = record[1]
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self.file.write_text(json.dumps({"made": self.made, "runs": [asdict(run) for run in self.runs]},
                                            indent=1))

    def finish(self, planned: set[str]) -> None:
        """Forget jobs no longer planned; record how every job ran (bench/scale.py reads it)."""
        self.made = {name: key for name, key in self.made.items() if name in planned}
        self._save()


def build(project: Project, site_dir: Path, jobs: int) -> list[JobRun]:
    planned = plan(project)
    code, registries = code_hash(project), registries_hash(project)
    me = [sys.executable, str(Path(__file__).resolve()), "--config-file", str(project.config_file),
          "--work", str(project.work)]
    runner = _Jobs(project, jobs)
    for folder in (project.parts, project.work / "pages"):
        _forget_others(folder, planned)

    summary_keys = {key: text_hash(code, registries, tree_hash(folders, project.root))
                    for key, folders in planned.items()}
    runner.run([runner.plan(f"summarize {key}", summary_keys[key], project.parts / key,
                            partial(run_process, f"summarize {key}", [*me, "summarize", key]))
                for key in planned])

    outlines = {key: partitions.outline_of(project.parts, key) for key in planned}
    across = text_hash(code, registries, *summary_keys.values())
    tasks = [runner.plan(partitions.SHARED, across, project.shared,
                         partial(mkdocs_job, project, partitions.SHARED, project.shared))]
    tasks += [runner.plan(step, across, project.out(step), partial(run_process, step, [*me, step]))
              for step in ACROSS_PARTITIONS[1:]]
    tasks += [runner.plan(f"pages {key}", text_hash(summary_keys[key], nav_context(outlines, key)), project.pages(key),
                          partial(mkdocs_job, project, key, project.pages(key)))
              for key in planned]
    runner.run(tasks)

    start, cpu = time.monotonic(), time.process_time()
    merge(project, site_dir)
    runner.runs.append(JobRun("merge", reused=False, cpu_s=time.process_time() - cpu,
                              wall_s=time.monotonic() - start))
    runner.finish({f"{step} {key}" for key in planned for step in ("summarize", "pages")} | set(ACROSS_PARTITIONS))
    return runner.runs


def _forget_others(folder: Path, planned: dict[str, list[Path]]) -> None:
    """A partition no longer planned (its meetings gone) leaves nothing behind."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_dir() and path.name not in planned:
                shutil.rmtree(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("step", nargs="?", default="build",
                        choices=("build", "plan", "summarize", "pages", "shared", "search", "data", "merge"))
    parser.add_argument("partition", nargs="?", help="the partition (a year) of summarize and pages")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--work", type=Path, help="the jobs' outputs and their hashes (default: .build beside "
                        "mkdocs.yml)")
    parser.add_argument("--site-dir", type=Path, help="where the merged site goes (default: site beside mkdocs.yml)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    config_file = args.config_file.absolute()
    project = Project(config_file, (args.work or config_file.parent / ".build").absolute())
    site_dir = (args.site_dir or config_file.parent / "site").absolute()
    try:
        if args.step in ("summarize", "pages") and args.partition not in plan(project):
            raise BuildError(f"{args.step} needs a partition: one of {', '.join(plan(project))}")
        if args.step == "plan":
            print(json.dumps(list(plan(project))))
        elif args.step == "summarize":
            summarize(project, args.partition, plan(project).get(args.partition, []), project.parts / args.partition)
        elif args.step == "pages":
            shutil.rmtree(project.pages(args.partition), ignore_errors=True)
            mkdocs_job(project, args.partition, project.pages(args.partition))
        elif args.step == "shared":
            shutil.rmtree(project.shared, ignore_errors=True)
            mkdocs_job(project, partitions.SHARED, project.shared)
        elif args.step == "search":
            shutil.rmtree(project.out("search"), ignore_errors=True)
            write_search(project, project.out("search"))
        elif args.step == "data":
            shutil.rmtree(project.out("data"), ignore_errors=True)
            write_data(project, project.out("data"))
        elif args.step == "merge":
            merge(project, site_dir)
        else:
            runs = build(project, site_dir, args.jobs)
            made = [run for run in runs if not run.reused]
            print(f"built {site_dir}: {len(made)} job(s) run, {len(runs) - len(made)} reused, "
                  f"{sum(run.cpu_s for run in made):.1f} s of CPU")
    except (BuildError, partitions.PartitionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
