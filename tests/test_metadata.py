"""Every page says what it is: description, canonical link, Open Graph, Twitter, lang and schema.org JSON-LD.

Expected values are read from data/, the record's front matter and mkdocs.yml
directly, not through the hooks, so the tests check the build rather than restate it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig

from conftest import PARTS, RECORD, RECORD_DIR, RECORD_ID, ROOT, Project, Site, build_site

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def data(name: str) -> Any:
    folder = ROOT / "data" / "meetings" / "2024-04-02-human-security" if name in ("meeting.yml", "corrections.yml") \
        else ROOT / "data"
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def front_matter(part: str) -> dict[str, Any]:
    text = (ROOT / "data/meetings/2024-04-02-human-security" / f"{part}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def content_pages(site: Site) -> list[str]:
    """Every page a reader can reach (404.html is served for missing URLs and has no address of its own)."""
    return [url for url in site.html_pages() if url != "404.html"]


def head_values(page: lxml.html.HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in page.xpath("//head/meta[@name or @property]"):
        found.setdefault(meta.get("name") or meta.get("property"), []).append(meta.get("content"))
    found["canonical"] = page.xpath('//head/link[@rel="canonical"]/@href')
    return found


def json_ld(page: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    return [json.loads(script.text) for script in page.xpath('//script[@type="application/ld+json"]')]


# -- every page ---------------------------------------------------------------


def test_every_page_has_description_canonical_open_graph_and_twitter_tags(site: Site, site_url: str) -> None:
    pages = content_pages(site)
    assert len(pages) > 20
    for url in pages:
        head = head_values(site.page(url))
        for key in ("description", "og:title", "og:description", "og:type", "og:url", "og:site_name",
                    "twitter:card", "twitter:title", "twitter:description"):
            assert len(head.get(key, [])) == 1 and head[key][0].strip(), f"{url}: {key} is {head.get(key)}"
        assert head["canonical"] == [site_url + url], url
        assert head["og:url"] == head["canonical"], url
        assert head["og:description"] == head["description"] == head["twitter:description"], url


def test_every_page_declares_the_configured_language(site: Site, mkdocs_config: MkDocsConfig) -> None:
    language = mkdocs_config.theme["language"]
    for url in content_pages(site):
        assert site.page(url).get("lang") == language, url


def test_descriptions_say_what_each_page_is(site: Site, mkdocs_config: MkDocsConfig) -> None:
    meeting = data("meeting.yml")
    description = lambda url: head_values(site.page(url))["description"][0]  # noqa: E731
    assert description(RECORD) == " ".join(meeting["description"].split())
    assert "meetings of the United Nations General Assembly" in description("")
    for part in PARTS:
        assert description(f"{RECORD}{part}/") == " ".join(front_matter(part)["summary"].split())
    for theme in data("themes.yml")["themes"]:
        assert description(f"themes/{theme['id']}/") == theme["description"]
    for speaker in data("speakers.yml")["speakers"]:
        text = description(f"speakers/{speaker['id']}/")
        assert text.startswith(speaker["name"]) and all(title in text for title in speaker.get("titles", [])[:1])
    # The generated index pages each have their own description, not the site's.
    generic = " ".join((mkdocs_config.site_description or "").split())
    for url in ("speakers/", "themes/", "documents/", f"{RECORD}notes/", f"{RECORD}downloads/"):
        assert description(url) != generic, url


def test_open_graph_titles_and_types(site: Site) -> None:
    home = head_values(site.page(""))
    assert home["og:title"] == ["United Nations meeting records"] and home["og:type"] == ["website"]
    assert head_values(site.page(RECORD))["og:title"] == [" ".join(data("meeting.yml")["title"].split())]
    assert head_values(site.page(f"{RECORD}overview/"))["og:type"] == ["article"]
    assert head_values(site.page("speakers/guterres/"))["og:type"] == ["profile"]
    assert head_values(site.page("speakers/guterres/"))["og:title"] == ["António Guterres"]


# -- JSON-LD ------------------------------------------------------------------


def test_json_ld_parses_on_every_page_that_has_it(site: Site) -> None:
    with_json_ld = 0
    for url in content_pages(site):
        for item in json_ld(site.page(url)):  # json.loads raises on invalid JSON
            assert item["@context"] == "https://schema.org", url
            with_json_ld += 1
    assert with_json_ld >= 1 + len(PARTS) + len(data("speakers.yml")["speakers"])


def test_meeting_page_describes_the_meeting_as_an_event(site: Site, site_url: str) -> None:
    meeting, speakers = data("meeting.yml"), data("speakers.yml")["speakers"]
    [event] = json_ld(site.page(RECORD))
    assert event["@type"] == "Event"
    assert event["startDate"] == meeting["date"].isoformat()
    assert event["location"]["name"] == meeting["venue"] and event["location"]["address"] == meeting["place"]
    convener = next(s for s in speakers if s["id"] == meeting["convener"])
    assert event["organizer"]["name"] == convener["name"] and event["organizer"]["@type"] == "Person"
    names = {s["id"]: s["name"] for s in speakers}
    assert sorted(p["name"] for p in event["performer"]) == sorted(names[s] for s in meeting["participants"])
    assert event["url"] == site_url + RECORD


def test_each_speaker_page_describes_a_person(site: Site, site_url: str) -> None:
    for speaker in data("speakers.yml")["speakers"]:
        [item] = json_ld(site.page(f"speakers/{speaker['id']}/"))
        # The floor ("Member States and Observers") is many delegations: an Organization.
        assert item["@type"] == ("Organization" if speaker.get("collective") else "Person")
        assert item["name"] == speaker["name"]
        assert item["url"] == site_url + f"speakers/{speaker['id']}/"
        if not speaker.get("collective"):
            assert item["jobTitle"] == speaker.get("titles", [])
            assert item.get("honorificPrefix") == speaker.get("honorific")


def test_each_part_is_an_article_of_the_record(site: Site) -> None:
    [event] = json_ld(site.page(RECORD))
    for part in PARTS:
        [article] = json_ld(site.page(f"{RECORD}{part}/"))
        matter = front_matter(part)
        assert article["@type"] == "Article"
        assert article["headline"] == f"{matter['number']}. {matter['title']}"
        assert article["isPartOf"]["@id"] == event["subjectOf"]["@id"]
        assert article["isPartOf"]["name"] == " ".join(data("meeting.yml")["citation_title"].split())


# -- wherever it is hosted ------------------------------------------------------


# The mirror is a build of the whole site (the feeds' test compares it with the session's build): its
# two tests run on one worker, which builds it once.
ON_THE_MIRRORS_WORKER = pytest.mark.xdist_group("mirror")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    site_url = "https://mirror.example.net/un-records/"
    target = tmp_path_factory.mktemp("mirror")
    result = build_site(target, env={"SITE_URL": site_url})
    assert result.returncode == 0, result.stderr
    return site_url, target


@ON_THE_MIRRORS_WORKER
def test_canonical_links_sitemap_and_exports_follow_site_url(mirror: tuple[str, Path]) -> None:
    site_url, root = mirror
    site = Site(root)
    for url in (f"{RECORD}overview/", "speakers/takasu/", ""):
        head = head_values(site.page(url))
        assert head["canonical"] == [site_url + url] and head["og:url"] == [site_url + url]
    sitemap = lxml.etree.parse(str(root / "sitemap.xml"))
    locations = sitemap.xpath("//sm:loc/text()", namespaces=SITEMAP_NS)
    assert locations and all(loc.startswith(site_url) for loc in locations)
    assert site_url + f"{RECORD}overview/" in locations
    exported = json.loads((root / RECORD / "meeting.json").read_text(encoding="utf-8"))
    assert all(p["url"].startswith(site_url + RECORD) for p in exported["paragraphs"])
    cite = site.page(f"{RECORD}overview/").xpath('//button[text()="Cite"]/@data-copy')[0]
    assert cite.endswith(f". {site_url}{RECORD}overview/#p-overview-meeting")


@ON_THE_MIRRORS_WORKER
def test_feeds_follow_site_url_and_keep_their_ids(mirror: tuple[str, Path], site_dir: Path, site_url: str) -> None:
    """The feeds of a build hosted elsewhere (another process, another site_url) link that host, and
    every feed and entry keeps its id: an entry's id depends neither on the build nor on the host."""
    mirror_url, root = mirror
    assert mirror_url != site_url

    def feeds(folder: Path, host: str) -> dict[str, list[tuple[str, str]]]:
        """Feed path -> [(its id or an entry's, the link without the host)], in order."""
        found = {}
        for file in sorted((folder / "feeds").rglob("*.xml")):
            tree = lxml.etree.parse(str(file)).getroot()
            items = [tree, *tree.findall("a:entry", ATOM_NS)]
            links = [item.find("a:link[@rel='self']", ATOM_NS) if item is tree else item.find("a:link", ATOM_NS)
                     for item in items]
            assert all(link is not None and link.get("href").startswith(host) for link in links), file
            found[file.relative_to(folder).as_posix()] = [
                (item.findtext("a:id", namespaces=ATOM_NS), link.get("href")[len(host):])
                for item, link in zip(items, links, strict=True)]
        return found

    here, there = feeds(site_dir, site_url), feeds(root, mirror_url)
    assert len(here) > 400 and sum(map(len, here.values())) > 1500
    assert there == here


# -- escaping -----------------------------------------------------------------


def test_descriptions_from_front_matter_are_escaped(tmp_path: Path, small_copy: Callable[..., Project]) -> None:
    """A summary with quotes and markup stays text in every head tag (a copy with only its record)."""
    project = small_copy(tmp_path / "project", [RECORD_ID])
    part = f"{RECORD_DIR}/overview.md"
    hostile = 'A "quoted" <b>summary</b> & </script><script>alert(1)</script>'
    summary = re.search(r"^summary: >-\n(?:  .*\n)+", project.read(part), re.M)
    assert summary is not None
    project.edit(part, summary.group(0), f"summary: {json.dumps(hostile)}\n")
    result = project.build(tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / RECORD / "overview" / "index.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    head = head_values(page)
    assert head["description"] == head["og:description"] == head["twitter:description"] == [hostile]
    assert page.xpath("//head//b") == [] and "alert(1)</script>" not in html.split("</head>")[0]
    [article] = json_ld(page)
    assert article["description"] == hostile
