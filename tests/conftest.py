"""One real build of the site per test run, and what the tests share: the
project's layout, a throwaway copy of the project, and the built site's HTML.

Under pytest-xdist the workers share that one build, and each small copy of the
project the tests copy again (small_copy): the first worker to need it makes it,
under a file lock, in the run's common temporary folder.
"""

from __future__ import annotations

import fcntl
import functools
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from recordkit.importers.pdf_text import PdfText
    from recordkit.loader import Loaded
    from recordkit.model import Corpus
    from recordkit.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The summary record most tests read or edit: its id, its folder in data/, and its pages' URL in the site.
RECORD_ID = "2024-04-02-human-security"
RECORD_DIR = f"data/meetings/{RECORD_ID}"
RECORD = f"records/{RECORD_ID}/"
PARTS = ["overview", "opening-statements", "panel-discussion", "member-states", "concluding-remarks"]
# Everything a build reads; not the venv, the tests, outputs or caches.
SKIPPED = {".git", ".venv", "site", ".build", "tests", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".bench",
           "node_modules"}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Under `--dist loadgroup`, fail a test whose xdist_group mark did not reach its node id (the suffix
    by which pytest-xdist sends a group to one worker): nothing else would fail, and every worker would
    make the group's module fixtures again (pytest-dev/pytest-xdist#1386, with pytest 9.2)."""
    if getattr(item.config.option, "loadgroup", False) and item.get_closest_marker("xdist_group") \
            and "@" not in item.nodeid:
        pytest.fail("xdist_group ignored: this pytest and pytest-xdist do not keep a group on one worker")


def build_site(site_dir: Path, *, config: Path = ROOT / "mkdocs.yml", strict: bool = True,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in a child process, so no hook state leaks into the tests."""
    command = [*MKDOCS, "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=config.parent, check=False)


class Project:
    """A throwaway copy of the project, to build or load with one input changed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def copy_of_repo(cls, target: Path, meetings: set[str] | None = None) -> Project:
        """The project copied to `target`; with `meetings`, only those folders of data/meetings/."""
        target.mkdir(parents=True, exist_ok=True)
        meetings_dir = ROOT / "data" / "meetings"

        def ignored(folder: str, names: list[str]) -> set[str]:
            unwanted = {"__pycache__"}
            if meetings is not None and Path(folder) == meetings_dir:
                unwanted |= set(names) - meetings
            return unwanted & set(names)

        for source in ROOT.iterdir():
            name = source.name
            if name in SKIPPED or name.endswith(".egg-info"):
                continue
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=ignored)
            elif source.exists():
                shutil.copy2(source, target / name)
        return cls(target)

    @classmethod
    def small_copy(cls, target: Path, meetings: Iterable[str] | None = None) -> Project:
        """A copy of the project whose corpus is a few meetings (SMALL_CORPUS): for the tests that build
        the site to see what one change does, at a cost that does not grow with the meetings in data/.

        The registries keep the speakers and themes those meetings reference (an unreferenced one
        fails a strict build), and anchors.lock is what these meetings' site publishes (as `make
        anchors` writes it for an empty lock): a build of the copy as it is passes --strict.
        """
        keep = set(SMALL_CORPUS if meetings is None else meetings)
        project = cls.copy_of_repo(target, meetings=keep)
        from recordkit.loader import load_corpus

        for problem in load_corpus(root=project.root, data_dir=project.root / "data").warnings:
            match = UNREFERENCED.fullmatch(problem.message)
            if match:
                _drop_entry(project.root / "data" / f"{match[1]}s.yml", match[2])
        lock = project.path("anchors.lock")
        lock.write_text("".join(line for line in lock.read_text(encoding="utf-8").splitlines(keepends=True)
                                if line.startswith("#")), encoding="utf-8")
        made = subprocess.run([sys.executable, str(project.path("tools/update_anchors.py"))], capture_output=True,
                              text=True, cwd=project.root, check=False,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert made.returncode == 0, made.stderr
        return project

    def copy_to(self, target: Path) -> Project:
        """This copy copied again, as it is, to `target`."""
        shutil.copytree(self.root, target, symlinks=True)
        return Project(target)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str, *, count: int = 1) -> None:
        """Replace `old` (which must be there) by `new` in one file."""
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.path(relative).write_text(text.replace(old, new, count), encoding="utf-8")

    def line_of(self, relative: str, fragment: str) -> int:
        """The 1-based line of the first line containing `fragment`."""
        for number, line in enumerate(self.read(relative).splitlines(), start=1):
            if fragment in line:
                return number
        raise AssertionError(f"{fragment!r} not in {relative}")

    def load(self) -> Loaded:
        from recordkit.loader import load_corpus

        return load_corpus(root=self.root, data_dir=self.root / "data")

    def problems(self) -> list[Problem]:
        """The problems load_corpus reports; fails if it loads cleanly."""
        from recordkit.problems import InputError

        try:
            self.load()
        except InputError as error:
            return error.problems
        raise AssertionError("the record loaded without any problem")

    def build(self, site_dir: Path, *, strict: bool = True,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return build_site(site_dir, config=self.root / "mkdocs.yml", strict=strict, env=env)


# The meetings of Project.small_copy: the summary record most tests edit, and a verbatim record of
# each body (the Security Council's with a vote): every kind of record and page, and a fixed size.
SMALL_CORPUS = (RECORD_ID, "a-64-pv-121", "s-pv-3756")
UNREFERENCED = re.compile(r"(speaker|theme) '([^']+)' is not referenced by any paragraph")


def _drop_entry(registry: Path, entry_id: str) -> None:
    """Remove the list item `- id: <entry_id>` (and its indented lines) from a registry's YAML."""
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {entry_id}")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    registry.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


@pytest.fixture(scope="session")
def small_copy(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Project]:
    """Project.small_copy(target, meetings), made once per run for each set of meetings (shared by the
    xdist workers) and copied to each test's `target`: trimming the registries and writing
    anchors.lock costs a second a copy."""
    shared = shared_folder(tmp_path_factory)

    def copy(target: Path, meetings: Iterable[str] = SMALL_CORPUS) -> Project:
        kept = sorted(meetings)
        template = shared / ("small-copy-" + "+".join(kept))
        made_once(template, lambda: Project.small_copy(template, kept))
        return Project(template).copy_to(target)

    return copy


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder`."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder, common to its xdist workers."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(target: Path, make: Callable[[], object]) -> None:
    """Run `make` (which writes `target`) unless a worker of this run already has: the first worker to
    need it makes it, under a file lock, and the others wait for it."""
    done = target.with_name(target.name + ".made")
    with target.with_name(target.name + ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            make()
            done.touch()
        fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The site, built once per run (shared by the xdist workers), with the environment's SITE_URL if set.

    `make test` has just built it with `mkdocs build --strict` and says where (TEST_SITE_DIR):
    the tests read that build instead of making the same one again.
    """
    prebuilt = os.environ.get("TEST_SITE_DIR")
    if prebuilt:
        site = (ROOT / prebuilt).resolve()
        assert (site / "index.html").is_file(), f"TEST_SITE_DIR={prebuilt}: no built site there"
        yield site
        return
    target = shared_folder(tmp_path_factory) / "site"

    def build() -> None:
        result = build_site(target)
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"

    made_once(target, build)
    yield target


# -- the verbatim records' PDFs, read once per worker ------------------------------------
# The importer's tests read the same PDFs (seconds each) in several tests and modules; those modules
# share one xdist_group ("verbatim-pdfs"), so that one worker reads each PDF once.


@functools.cache
def pdf_text(path: Path) -> PdfText:
    """The importer's reading of a PDF (read_pdf), shared: copy its lists before changing them."""
    from recordkit.importers.pdf_text import read_pdf

    return read_pdf(path)


@functools.cache
def pdfminer_text(path: Path) -> str:
    """pdfminer's own text of a PDF: the reference the importer's text is held to."""
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


@pytest.fixture(scope="session")
def mkdocs_config() -> MkDocsConfig:
    """mkdocs.yml as MkDocs reads it for the session's build (`!ENV` values from this environment)."""
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def site_url(mkdocs_config: MkDocsConfig) -> str:
    """The site_url the session's build used: SITE_URL if set, else mkdocs.yml's default; ends with '/'."""
    url = mkdocs_config.site_url
    assert url, "mkdocs.yml sets no site_url"
    return url.rstrip("/") + "/"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    from recordkit.loader import load_corpus

    return load_corpus(root=ROOT, data_dir=ROOT / "data").corpus


class Site:
    """The built site: pages by URL, parsed once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, lxml.html.HtmlElement] = {}

    def file_for(self, url: str) -> Path:
        path = url.split("#")[0]
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.root / path

    def page(self, url: str) -> lxml.html.HtmlElement:
        if url not in self._cache:
            self._cache[url] = lxml.html.fromstring(self.file_for(url).read_text(encoding="utf-8"))
        return self._cache[url]

    def html_pages(self) -> list[str]:
        """URLs of every HTML page, relative to the site root."""
        urls = []
        for file in sorted(self.root.rglob("*.html")):
            relative = file.relative_to(self.root).as_posix()
            urls.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        return urls


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Site:
    return Site(site_dir)


def search_docs(site_root: Path) -> dict[str, dict]:
    """What each search result shows (search-index/d/), by the paragraph's URL, with its record number."""
    found = {}
    for path in (site_root / "search-index" / "d").glob("*/*.jz"):
        doc = json.loads(gzip.decompress(path.read_bytes()))
        found[doc["url"]] = {**doc, "number_in_index": int(path.stem)}
    return found


# -- a bounded sample of the site's pages ------------------------------------------

# The pages of a record that every record has, by name; any other page of a record is one of its parts.
RECORD_PAGES = {"notes", "downloads", "votes"}
PER_KIND_SEEDED = 2  # seeded picks per kind, besides the first, the last and the largest


def page_kind(url: str) -> str:
    """The kind of a page by its URL: 'records/*/part/', 'speakers/*/', 'data/' ... (ids become '*')."""
    path = url.split("#")[0]
    if path.endswith(".html"):
        return path  # 404.html, index.html
    segments = [segment for segment in path.split("/") if segment]
    if not segments:
        return "/"
    if segments[0] == "records" and len(segments) >= 3:
        third = segments[2] if segments[2] in RECORD_PAGES else "part"
        return "/".join(["records", "*", third, *("*" * (len(segments) - 3))]) + "/"
    return "/".join([segments[0], *("*" * (len(segments) - 1))]) + "/"


def representative(urls: Iterable[str], *, size: Callable[[str], int] | None = None, seed: str = "rk",
                   per_kind: int = PER_KIND_SEEDED) -> list[str]:
    """A fixed sample of `urls` that does not grow with the corpus: for each kind of page, the first,
    the last and (given `size`) the largest, plus `per_kind` picked by a seeded generator (the same
    pages every run for the same site). In the order of `urls`.

    For the checks too costly to make on every page (a browser visit, a quadratic comparison):
    what differs between pages of a kind is their data, which the cheap whole-site checks read
    on every page; what a kind's template and scripts do is the same on each of its pages.
    """
    ordered = list(dict.fromkeys(urls))
    by_kind: dict[str, list[str]] = {}
    for url in ordered:
        by_kind.setdefault(page_kind(url), []).append(url)
    chosen: set[str] = set()
    for kind, members in sorted(by_kind.items()):
        picks = {members[0], members[-1]}
        if size is not None:
            picks.add(max(members, key=lambda url: (size(url), url)))
        rest = sorted(set(members) - picks)
        picks.update(random.Random(f"{seed}:{kind}").sample(rest, min(per_kind, len(rest))))
        chosen |= picks
    return [url for url in ordered if url in chosen]
