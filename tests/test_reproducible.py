"""Builds are reproducible and stateless.

Two clean builds of the same sources are byte-identical (dates come from
SOURCE_DATE_EPOCH, as the Makefile sets it from the last commit), and a second
build in the same process (as `mkdocs serve` rebuilds) shows an edited section
or data file: no state survives between builds.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from conftest import RECORD_DIR, RECORD_ID, ROOT, Project, snapshot

EPOCH = 1712102400  # 2024-04-03 00:00:00 UTC, the day after the meeting
CLOSING = f"{RECORD_DIR}/concluding-remarks.md"


def test_two_clean_builds_are_byte_identical(tmp_path: Path, small_copy: Callable[..., Project]) -> None:
    """On the small corpus (conftest.SMALL_CORPUS: every kind of record and page): two builds of a
    fixed size, whatever the number of meetings in data/."""
    project = small_copy(tmp_path / "project")
    first, second = tmp_path / "first", tmp_path / "second"
    # Different hash seeds: no output may depend on the order of a set or dict of strings.
    one = project.build(first, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "1"})
    two = project.build(second, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "2"})
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    files, again = snapshot(first), snapshot(second)
    assert len(files) > 50
    differing = sorted(name for name in files.keys() | again.keys() if files.get(name) != again.get(name))
    assert differing == []
    assert sum(name.startswith("search-index/d/") for name in files) > 200  # the search index is among them
    # and the corpus as data, whose datapackage.json gives each file's hash
    assert {"data/datapackage.json", "data/paragraphs.csv", "data/votes.jsonl", "data/popolo.json"} <= files.keys()
    assert sum(name.startswith("feeds/") for name in files) > 300  # and the Atom feeds

    # The dates a build writes come from SOURCE_DATE_EPOCH, not from the clock.
    day = dt.datetime.fromtimestamp(EPOCH, dt.UTC).date().isoformat()
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {day}
    compressed = (first / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", compressed[4:8])  # the gzip header's modification time
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date().isoformat() == day
    assert gzip.decompress(compressed).decode("utf-8") == sitemap


def test_the_makefile_dates_builds_from_the_last_commit() -> None:
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    if commit_time.returncode != 0 or not commit_time.stdout.strip():
        pytest.skip("not a git checkout")
    # What a recipe of the Makefile sees (a clean environment: no SOURCE_DATE_EPOCH of our own).
    printed = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "print-epoch"],
                             input="print-epoch:\n\t@echo $$SOURCE_DATE_EPOCH\n", cwd=ROOT, capture_output=True,
                             text=True, env={"PATH": "/usr/bin:/bin"})
    assert printed.stdout.strip() == commit_time.stdout.strip()


# -- no state between builds ---------------------------------------------------------


def build_in_process(project: Project, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project.path("mkdocs.yml")), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def statements(site: Path, speaker: str) -> list[str]:
    page = lxml.html.fromstring((site / "speakers" / speaker / "index.html").read_bytes())
    statements_list = '//ol[@class="excerpts"][preceding-sibling::h2[1][@id="statements"]]'
    listed = page.xpath(statements_list + '//a[@class="para-ref"]/@href')
    return [href.rsplit("#", 1)[1] for href in listed]


def heading(site: Path, url: str) -> str:
    page = lxml.html.fromstring((site / url / "index.html").read_bytes())
    return page.xpath("//h1")[0].text_content().replace("¶", "").strip()


def test_a_second_build_in_one_process_shows_edited_sections_and_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_copy: Callable[..., Project]) -> None:
    """Two builds of a copy whose one meeting is the summary record, where the edits are: bounded,
    whatever data/ holds."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    project = small_copy(tmp_path / "project", [RECORD_ID])
    site = tmp_path / "site"

    build_in_process(project, site)
    assert "p-closing-takasu" in statements(site, "takasu")
    assert "p-closing-takasu" not in statements(site, "chambas")
    assert heading(site, "themes/prevention") == "Prevention"

    project.edit(CLOSING, "speakers: [takasu]", "speakers: [chambas]")
    project.edit("data/themes.yml", "label: Prevention", "label: Prevention of crises")
    build_in_process(project, site)
    assert "p-closing-takasu" not in statements(site, "takasu")
    assert "p-closing-takasu" in statements(site, "chambas")
    assert heading(site, "themes/prevention") == "Prevention of crises"
    closing = lxml.html.fromstring((site / "records/2024-04-02-human-security/concluding-remarks/index.html")
                                   .read_bytes())
    chips = closing.xpath('//div[@id="p-closing-takasu"]//a[contains(@class, "chip--speaker")]/text()')
    assert chips == ["Mohamed Ibn Chambas"]
