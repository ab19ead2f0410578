"""One real build of the site per test session, and helpers to read its HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build_site(site_dir: Path, *, config: Path = ROOT / "mkdocs.yml", strict: bool = True,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in a child process, so no hook state leaks into the tests."""
    command = [*MKDOCS, "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=config.parent)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = build_site(target)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return target


@pytest.fixture(scope="session")
def corpus():
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
