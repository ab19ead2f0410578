"""Text from data/ and front matter is shown as written, never run as HTML.

One build of a copy of the project where a speaker, a theme and a part's
summary carry markup; every page and the search index must show it as text.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from conftest import RECORD_DIR, Project, search_docs

NAME = "</title><script>alert(1)</script>"
LABEL = "<b>Prevention</b> & co"
SUMMARY = 'Closing remarks <img src="x" onerror="alert(2)">'
# One hostile build for the module: under xdist its tests run on one worker.
pytestmark = pytest.mark.xdist_group("escaping")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project.small_copy(tmp_path_factory.mktemp("hostile") / "project")
    project.edit("data/speakers.yml", "name: Yukio Takasu", f"name: '{NAME}'")
    project.edit("data/themes.yml", "label: Prevention", f"label: '{LABEL}'")
    project.edit(f"{RECORD_DIR}/concluding-remarks.md",
                 "Closing remarks by the Special Adviser on Human Security, Yukio Takasu.", SUMMARY)
    # Hand-written pages' front matter is not validated: what it sets must still be escaped.
    project.edit("docs/index.md", "title: United Nations meeting records",
                 f"title: United Nations meeting records\ndescription: '{SUMMARY}'\n"
                 "json_ld: '</script><script>alert(3)</script>'")
    site = project.root.parent / "site"
    result = project.build(site)
    assert result.returncode == 0, result.stderr
    return site


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_bytes())


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def test_no_page_runs_or_renders_the_markup(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 30
    for file in pages:
        document = lxml.html.fromstring(file.read_bytes())
        where = file.relative_to(hostile_site)
        for script in document.xpath("//script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in (script.text or ""), where  # JSON inside <script> must not close it
            else:
                assert "alert(" not in (script.text or ""), where
        assert not document.xpath("//img[@onerror]"), where
        assert not document.xpath("//b[contains(., 'Prevention')]"), where
        titles = document.xpath("//head/title")
        assert len(titles) == 1 and "alert" not in (titles[0].tail or ""), where


def test_the_name_shows_as_text_on_the_speaker_page_and_in_its_title(hostile_site: Path) -> None:
    speaker = page(hostile_site, "speakers/takasu")
    assert text(speaker.xpath("//h1")[0]) == NAME
    assert speaker.xpath("//head/title")[0].text.startswith(NAME + " - ")


def test_the_name_and_label_show_as_text_in_chips_indexes_and_theme_pages(hostile_site: Path) -> None:
    closing = page(hostile_site, "records/2024-04-02-human-security/concluding-remarks")
    assert NAME in [text(a) for a in closing.xpath('//a[contains(@class, "chip--speaker")]')]
    assert SUMMARY in [text(p) for p in closing.xpath('//p[@class="part-summary"]')]
    speakers = page(hostile_site, "speakers")
    assert NAME in [text(a) for a in speakers.xpath('//ul[@class="speaker-list"]/li/a')]
    themes = page(hostile_site, "themes")
    assert LABEL in [text(a) for a in themes.xpath("//table//a")]
    theme = page(hostile_site, "themes/prevention")
    assert text(theme.xpath("//h1")[0]) == LABEL
    assert theme.xpath("//head/title")[0].text.startswith(LABEL + " - ")


def test_search_records_hold_the_markup_as_text(hostile_site: Path) -> None:
    """The index holds the name as plain text (the dialog shows it with textContent)."""
    records = search_docs(hostile_site).values()
    speakers = [r["speaker"] for r in records if NAME in r["speaker"]]
    assert speakers and all(NAME in s.split(", ") for s in speakers)  # the name whole, as plain text
    facets = json.loads(gzip.decompress((hostile_site / "search-index" / "facets.jz").read_bytes()))
    assert LABEL in facets["labels"]["theme"]



def test_feeds_hold_the_markup_as_text(hostile_site: Path) -> None:
    """In the XML, in the entries' HTML content and in the head's link to the feed, the name stays text."""
    atom = {"a": "http://www.w3.org/2005/Atom"}
    for path, shown in (("feeds/speakers/takasu.xml", NAME), ("feeds/themes/prevention.xml", LABEL)):
        feed = lxml.etree.parse(str(hostile_site / path)).getroot()
        title = feed.findtext("a:title", namespaces=atom)
        assert title is not None and shown in title
        assert not feed.xpath("//*[local-name()='script' or local-name()='b']")  # no element from the text
        for content in feed.findall("a:entry/a:content", atom):
            html = lxml.html.fragment_fromstring(content.text, create_parent="div")
            assert not html.xpath("//script | //b | //img"), path
        url = "speakers/takasu" if "speakers" in path else "themes/prevention"
        [link] = page(hostile_site, url).xpath('//head/link[@type="application/atom+xml"]')
        assert link.get("title") == title
    entries = lxml.etree.parse(str(hostile_site / "feeds/speakers/takasu.xml")).findall("a:entry", atom)
    assert entries and all(NAME in [name.text for name in entry.findall("a:author/a:name", atom)] for entry in entries)
    follow = page(hostile_site, "speakers/takasu").xpath('//a[@class="follow__link"]')[0]
    assert text(follow) == f"Follow new statements by {NAME}"
