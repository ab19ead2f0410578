"""Published links never break: anchors.lock is complete, checked in every build, and kept by aliases and redirects."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from conftest import RECORD_DIR, RECORD_ID, ROOT, Project, Site, snapshot
from recordkit import anchors

CLOSING = f"{RECORD_DIR}/concluding-remarks.md"
CLOSING_URL = "/records/2024-04-02-human-security/concluding-remarks/"


def locked() -> list[str]:
    return anchors.parse_lock((ROOT / anchors.LOCK_FILE).read_text(encoding="utf-8"))


def test_the_lock_is_sorted_text_without_duplicates() -> None:
    entries = locked()
    assert entries == sorted(set(entries))
    assert all(entry.startswith("/") for entry in entries)


def test_every_locked_link_resolves_in_the_built_site(site: Site) -> None:
    for entry in locked():
        url, _, anchor = entry.partition("#")
        page = site.file_for(url.lstrip("/"))
        assert page.is_file(), entry
        if anchor:
            assert site.page(url.lstrip("/")).xpath(f'//*[@id="{anchor}"]'), entry


def test_the_lock_lists_every_page_and_every_anchor_people_cite(site: Site) -> None:
    """If this fails after adding a page or paragraph on purpose, run `make anchors`."""
    entries = set(locked())
    for url in site.html_pages():
        if url in ("404.html",) or url.startswith("search/"):
            continue
        assert f"/{url}" in entries, f"/{url} is published but not in anchors.lock: run `make anchors`"
    parts = [url for url in site.html_pages() if site.page(url).xpath('//div[@class="para"]')]
    assert len([u for u in parts if u.startswith('records/2024-04-02-human-security/')]) == 5
    assert len(parts) > 5  # the verbatim records' parts too
    for url in parts:
        page = site.page(url)
        cited = page.xpath('//div[@class="para"]/@id') + page.xpath("//h1/@id")
        assert cited
        for anchor in cited:
            assert f"/{url}#{anchor}" in entries, f"/{url}#{anchor}: run `make anchors`"


# -- the check, as a pure function ---------------------------------------------------


def test_unresolved_follows_redirects_and_their_anchors() -> None:
    published = {"/new/": {"a", "b"}, "/other/": set()}
    redirects = {"/old/": "/new/", "/gone/": "https://www.un.org/en/"}
    lock = ["/new/", "/new/#a", "/old/", "/old/#b", "/old/#c", "/gone/#x", "/missing/", "/other/#a"]
    assert anchors.unresolved(lock, published, redirects) == ["/old/#c", "/missing/", "/other/#a"]


def test_ids_in_html_reads_raw_html_and_headings() -> None:
    html = '<h2 id="x">X</h2><div class="para" id="p-1"><span class="para__alias" id="p-old"></span></div>'
    assert anchors.ids_in_html(html) == {"x", "p-1", "p-old"}


def test_an_update_keeps_what_was_locked_and_adds_what_is_new() -> None:
    assert anchors.updated_lock(["/a/", "/a/#x"], ["/a/", "/b/"]) == ["/a/", "/a/#x", "/b/"]


# -- through real builds -------------------------------------------------------------


@pytest.fixture
def project(small_copy: Callable[..., Project], tmp_path: Path) -> Project:
    """A copy whose one meeting is the summary record: each change here is to that record, mkdocs.yml or
    docs/, and what the lock and the build make of it does not depend on other meetings."""
    return small_copy(tmp_path / "project", [RECORD_ID])


def test_removing_a_paragraph_id_fails_the_build_naming_the_anchor(tmp_path: Path, project: Project) -> None:
    site = tmp_path / "site"
    assert project.build(site).returncode == 0
    before = snapshot(site)
    project.edit(CLOSING, "{: id: p-closing-takasu,", "{: id: p-closing-remarks,")
    result = project.build(site)
    assert result.returncode != 0
    assert f"{CLOSING_URL}#p-closing-takasu" in result.stderr
    assert "aliases: [old-id]" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before, "a broken link must not replace the published site"


def test_an_alias_keeps_the_old_link_landing_on_the_paragraph(tmp_path: Path, project: Project) -> None:
    project.edit(CLOSING, "{: id: p-closing-takasu,", "{: id: p-closing-remarks, aliases: [p-closing-takasu],")
    result = project.build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = lxml.html.fromstring((tmp_path / "site" / CLOSING_URL.lstrip("/") / "index.html").read_bytes())
    [alias] = page.xpath('//*[@id="p-closing-takasu"]')
    assert alias.get("class") == "para__alias"
    paragraph = alias.getparent()
    assert paragraph.get("id") == "p-closing-remarks" and paragraph.get("class") == "para"
    css = (ROOT / "docs/stylesheets/record.css").read_text(encoding="utf-8")
    assert ".para:has(> .para__alias:target)" in css


def test_moving_a_page_needs_a_redirect(tmp_path: Path, project: Project) -> None:
    old, new = CLOSING, f"{RECORD_DIR}/closing.md"
    project.path(new).write_text(project.read(old), encoding="utf-8")
    project.path(old).unlink()
    project.edit(f"{RECORD_DIR}/meeting.yml", "member-states, concluding-remarks]", "member-states, closing]")

    unredirected = project.build(tmp_path / "a")
    assert unredirected.returncode != 0
    assert f"  - {CLOSING_URL}\n" in unredirected.stderr
    assert f"{CLOSING_URL}#p-closing-takasu" in unredirected.stderr

    project.edit("mkdocs.yml", "redirect_maps: {}",
                 "redirect_maps:\n        records/2024-04-02-human-security/concluding-remarks.md: "
                 "records/2024-04-02-human-security/closing.md")
    redirected = project.build(tmp_path / "b")
    assert redirected.returncode == 0, redirected.stderr
    stub = (tmp_path / "b" / CLOSING_URL.lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert 'href="../closing/"' in stub
    assert "location.hash" in stub, "the redirect keeps the #anchor of the old link"


def update_anchors(project: Project) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "tools/update_anchors.py"], cwd=project.root, capture_output=True, text=True)


def test_make_anchors_adds_new_links_and_keeps_old_ones(tmp_path: Path, project: Project) -> None:
    assert update_anchors(project).returncode == 0  # in step with the working tree, whatever it holds now
    before = anchors.parse_lock(project.read("anchors.lock"))
    project.path("docs/about.md").write_text("# About\n\n## Contact us\n\nText.\n", encoding="utf-8")
    build = project.build(tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert "3 published link(s) not yet in anchors.lock: run `make anchors`" in build.stderr

    update = update_anchors(project)
    assert update.returncode == 0, update.stderr
    after = anchors.parse_lock(project.read("anchors.lock"))
    assert set(after) == set(before) | {"/about/", "/about/#about", "/about/#contact-us"}
    assert project.read("anchors.lock").startswith(anchors.HEADER)


def test_make_anchors_refuses_to_forget_a_broken_link(tmp_path: Path, project: Project) -> None:
    lock_before = project.read("anchors.lock")
    project.edit(CLOSING, "{: id: p-closing-takasu,", "{: id: p-closing-remarks,")
    update = update_anchors(project)
    assert update.returncode != 0
    assert f"{CLOSING_URL}#p-closing-takasu" in update.stderr
    assert project.read("anchors.lock") == lock_before
