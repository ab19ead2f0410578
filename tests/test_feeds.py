"""The Atom feeds (hooks/recordkit/feeds.py): every feed of the built site read by a real feed parser
(feedparser) and checked against RFC 4287, its entries against the records, its links against the
built pages; the pages that announce a feed; and the feed module on a corpus made here.

The expectations come from data/ (the corpus) and the built HTML, not from the feed module.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
import material
import pytest

from conftest import Site
from recordkit import feeds, navigation
from recordkit.model import Body, Corpus, Delegation, Document, Meeting, Paragraph, Part, Role, Speaker, Theme
from recordkit.urls import SiteUrls, page_url

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM}
LIMIT = 50  # a feed's entries at most (the brief of issue 18): not read from the module under test
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# Published ids never change: these are the ids the first feeds published (see README, "URLs").
PUBLISHED_IDS = {
    ("feeds/speakers/takasu.xml", "records/2024-04-02-human-security/concluding-remarks/#p-closing-takasu"):
        "urn:uuid:14723a9e-54e7-51e1-9952-24dd6ae1dfeb",
}


class ParsedFeed:
    """One feed file: as feedparser reads it, and as XML."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.parsed = feedparser.parse(data)
        self.xml = lxml.etree.fromstring(data)

    @property
    def entries(self) -> list[Any]:
        return list(self.parsed.entries)


@pytest.fixture(scope="module")
def published(site_dir: Path) -> dict[str, ParsedFeed]:
    """Every feed of the built site, by its path from the site root."""
    found = {}
    for file in sorted((site_dir / "feeds").rglob("*")):
        if file.is_file():
            path = file.relative_to(site_dir).as_posix()
            found[path] = ParsedFeed(path, file.read_bytes())
    return found


def expected_feeds(corpus: Corpus) -> dict[str, str]:
    """Each feed's path -> the URL of the page it follows, as README's "URLs" publishes them."""
    expected = {"feeds/meetings.xml": ""}
    expected.update({f"feeds/bodies/{b}.xml": f"{b}/" for b in corpus.meetings_by_body})
    for folder, registry in (("speakers", corpus.speakers), ("delegations", corpus.delegations),
                             ("themes", corpus.themes), ("documents", corpus.documents)):
        expected.update({f"feeds/{folder}/{key}.xml": f"{folder}/{key}/" for key in registry})
    return expected


def site_path(url: str, site_url: str) -> str:
    """An absolute link into the site, as a path from its root (with its fragment)."""
    assert url.startswith(site_url), url
    return url[len(site_url):]


def newest(corpus: Corpus, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Newest meeting first (by date, then id, as the site lists meetings), then the last paragraph first."""
    return sorted(paragraphs, key=lambda p: (corpus.meeting_of(p).date, p.meeting_id, p.number),
                  reverse=True)[:LIMIT]


def paragraph_url(corpus: Corpus, paragraph: Paragraph) -> str:
    return f"{page_url(corpus.part_of[paragraph.key].src_uri)}#{paragraph.id}"


def listed(corpus: Corpus, path: str) -> list[str]:
    """What a feed must list, newest first: the meetings' overviews or the paragraphs' anchors."""
    _, kind, *name = path.split("/")
    key = name[0].removesuffix(".xml") if name else ""
    if path == "feeds/meetings.xml":
        return [page_url(f"{m.path}/index.md") for m in corpus.meetings[:LIMIT]]
    if kind == "bodies":
        return [page_url(f"{m.path}/index.md") for m in corpus.meetings_by_body[key][:LIMIT]]
    if kind in ("speakers", "delegations"):
        by = corpus.by_speaker if kind == "speakers" else corpus.by_delegation
        paragraphs = corpus.statements(by.get(key, []))
    else:
        paragraphs = (corpus.by_theme if kind == "themes" else corpus.by_document).get(key, [])
    return [paragraph_url(corpus, p) for p in newest(corpus, paragraphs)]


# -- every feed of the built site -------------------------------------------------------------


def test_every_page_that_can_be_followed_has_its_feed_and_no_other_is_written(
        published: dict[str, ParsedFeed], corpus: Corpus) -> None:
    assert set(published) == set(expected_feeds(corpus))


def test_every_feed_is_valid_atom(published: dict[str, ParsedFeed], site_url: str) -> None:
    """feedparser reads each without error; RFC 4287's required elements, once each (4.1.1, 4.1.2)."""
    assert len(published) > 400
    for path, feed in published.items():
        assert not feed.parsed.bozo, f"{path}: {feed.parsed.get('bozo_exception')}"
        assert feed.parsed.version == "atom10", path
        root = feed.xml
        assert root.tag == f"{{{ATOM}}}feed", path
        for name in ("id", "title", "updated"):
            assert len(root.findall(f"a:{name}", NS)) == 1, f"{path}: one atom:{name}"
        assert root.findall("a:author/a:name", NS), f"{path}: the feed names its author"
        assert root.findtext("a:updated", namespaces=NS) and RFC3339.match(root.findtext("a:updated", namespaces=NS))
        assert UUID_URN.match(root.findtext("a:id", namespaces=NS)), path
        [self_link] = root.findall("a:link[@rel='self']", NS)
        assert self_link.get("href") == site_url + path
        assert len(root.findall("a:link[@rel='alternate']", NS)) == 1, path
        ids = []
        for entry in root.findall("a:entry", NS):
            for name in ("id", "title", "updated"):
                assert len(entry.findall(f"a:{name}", NS)) == 1, f"{path}: one atom:{name} per entry"
            assert RFC3339.match(entry.findtext("a:updated", namespaces=NS)), path
            # An entry without atom:content must have a rel="alternate" link (4.1.1); ours have both.
            alternates = [link for link in entry.findall("a:link", NS) if link.get("rel", "alternate") == "alternate"]
            assert len(alternates) == 1 and entry.findall("a:content", NS), path
            assert entry.findall("a:author/a:name", NS), path
            ids.append(entry.findtext("a:id", namespaces=NS))
        assert all(UUID_URN.match(entry_id) for entry_id in ids), path
        assert len(ids) == len(set(ids)), f"{path}: an entry id twice"


def test_each_feed_lists_its_newest_entries_newest_first_at_most_fifty(
        published: dict[str, ParsedFeed], corpus: Corpus, site_url: str) -> None:
    capped = 0
    for path, feed in published.items():
        entries = feed.entries
        assert len(entries) <= LIMIT, path
        assert [site_path(e.link, site_url) for e in entries] == listed(corpus, path), path
        dates = [e.updated for e in entries]
        assert dates == sorted(dates, reverse=True), f"{path}: not newest first"
        if entries:
            assert feed.parsed.feed.updated == dates[0], path
        capped += len(entries) == LIMIT
    assert capped, "no feed reaches the limit: the limit is not tested on this site"
    # A feed with no entry yet (a delegation that only voted) is valid and dated by the newest meeting.
    empty = [feed for feed in published.values() if not feed.entries]
    assert empty and all(f.parsed.feed.updated.startswith(corpus.meetings[0].date.isoformat()) for f in empty)


def test_each_entry_says_who_spoke_where_when_and_the_opening_words(
        published: dict[str, ParsedFeed], corpus: Corpus, site: Site, site_url: str) -> None:
    paragraphs = {paragraph_url(corpus, p): p for p in corpus.paragraphs}
    checked = 0
    for path, feed in published.items():
        if path.startswith(("feeds/meetings", "feeds/bodies/")):
            continue
        for entry in feed.entries:
            paragraph = paragraphs[site_path(entry.link, site_url)]
            meeting = corpus.meeting_of(paragraph)
            assert entry.updated.startswith(meeting.date.isoformat()), entry.link
            assert meeting.short_title in entry.title and f"para. {paragraph.number}" in entry.title
            names = [corpus.speakers[s].name for s in paragraph.speakers]
            assert [a.name for a in entry.authors] == (names or [f"United Nations {corpus.body_of(meeting).name}"])
            assert all(name in entry.title for name in names)
            # The opening words, as the paragraph reads on its page (less its speaker line).
            page = site.page(site_path(entry.link, site_url))
            [shown] = page.xpath(f'//div[@id="{paragraph.id}"]/p[@class="para__text"]')
            text = " ".join(shown.text_content().split())
            words = entry.summary.removesuffix(" …")
            assert words and words in text, entry.link
            assert [t.term for t in entry.get("tags", [])] == list(paragraph.themes)
            checked += 1
    assert checked > 1000


def test_meeting_entries_link_the_overview_with_its_body_and_date(
        published: dict[str, ParsedFeed], corpus: Corpus, site_url: str) -> None:
    feeds_meetings = {"feeds/meetings.xml": list(corpus.meetings)}
    feeds_meetings.update({f"feeds/bodies/{b}.xml": list(held) for b, held in corpus.meetings_by_body.items()})
    for path, meetings in feeds_meetings.items():
        for entry, meeting in zip(published[path].entries, meetings[:LIMIT], strict=True):
            assert entry.link == site_url + page_url(f"{meeting.path}/index.md")
            assert urlsplit(entry.link).fragment == ""
            assert entry.updated.startswith(meeting.date.isoformat())
            assert meeting.title in entry.title and (not meeting.symbol or meeting.symbol in entry.title)
            assert entry.author == f"United Nations {corpus.body_of(meeting).name}"
            assert entry.summary == " ".join(meeting.description.split())


def test_every_link_in_a_feed_lands_on_a_page_and_anchor_of_the_site(
        published: dict[str, ParsedFeed], site: Site, site_url: str) -> None:
    """Entries' links, the links in their content, the feeds' own links and the authors' pages."""
    checked: set[str] = set()
    for path, feed in published.items():
        links = [link.get("href") for link in feed.xml.iter(f"{{{ATOM}}}link")]
        links += [uri.text for uri in feed.xml.iter(f"{{{ATOM}}}uri")]
        for content in feed.xml.iter(f"{{{ATOM}}}content"):
            links += lxml.html.fragment_fromstring(content.text, create_parent="div").xpath("//a/@href")
        for link in links:
            if link in checked:
                continue
            checked.add(link)
            target = site_path(link, site_url)
            file, _, fragment = target.partition("#")
            assert site.file_for(file).is_file(), f"{path}: {link}"
            if fragment:
                paragraph = f'//div[contains(concat(" ", @class, " "), " para ") and @id="{fragment}"]'
                assert site.page(file).xpath(paragraph), f"{path}: {link}"
    assert len(checked) > 1000


def test_each_paragraph_has_one_id_in_every_feed_and_published_ids_never_change(
        published: dict[str, ParsedFeed], site_url: str) -> None:
    by_link: dict[str, set[str]] = {}
    for path, feed in published.items():
        for entry in feed.entries:
            by_link.setdefault(site_path(entry.link, site_url), set()).add(entry.id)
            key = (path, site_path(entry.link, site_url))
            if key in PUBLISHED_IDS:
                assert entry.id == PUBLISHED_IDS.pop(key)
    assert PUBLISHED_IDS == {}, "a published entry is gone"
    assert all(len(ids) == 1 for ids in by_link.values()), "a paragraph under two ids"
    every_id = [next(iter(ids)) for ids in by_link.values()]
    assert len(every_id) == len(set(every_id)), "two paragraphs under one id"
    feed_ids = [feed.parsed.feed.id for feed in published.values()]
    assert len(feed_ids) == len(set(feed_ids))


# -- the pages that announce them ----------------------------------------------------------------


def test_every_page_with_a_feed_announces_it_in_its_head_and_shows_a_follow_link(
        site: Site, published: dict[str, ParsedFeed], corpus: Corpus, site_url: str) -> None:
    """The home page, each body's, speaker's, delegation's, theme's and document's page (and their year
    pages): one <link rel="alternate"> to its feed in the head, the same feed as a visible Follow link;
    no other page has either."""
    announced: dict[str, str] = {}
    followed: dict[str, str] = {}
    for url in site.html_pages():
        page = site.page(url)
        heads = page.xpath('//head/link[@rel="alternate" and @type="application/atom+xml"]')
        follows = page.xpath('//article//a[@class="follow__link"]')
        assert len(heads) <= 1 and len(follows) <= 1, url
        here = site_url + url
        for found, links in ((announced, heads), (followed, follows)):
            if links:
                found[url] = site_path(urljoin(here, links[0].get("href")), site_url)
        if heads:
            feed = published[announced[url]]
            assert heads[0].get("title") == feed.parsed.feed.title, url
            assert follows and follows[0].text_content().startswith("Follow "), url
            assert follows[0].get("type") == "application/atom+xml"
    expected = {page: path for path, page in expected_feeds(corpus).items()}
    for src in navigation.year_pages(corpus):  # a listing's year pages announce the listing's feed
        year_page = page_url(src)
        listing = "" if year_page.startswith("meetings/") else year_page.rstrip("/").rsplit("/", 1)[0] + "/"
        expected[year_page] = expected[listing]
    assert navigation.year_pages(corpus)  # every year of meetings has its page (the nav's years)
    assert announced == followed == expected
    # Each feed's own alternate link leads back to the page that announces it.
    for path, feed in published.items():
        page = site_path(feed.parsed.feed.link, site_url)
        assert announced[page] == path


def test_materials_script_no_longer_takes_feed_links_for_translations(site_dir: Path) -> None:
    """Material's bundle fetches sitemap.xml beside every <link rel="alternate"> (a 404 beside a feed, on
    every page load): the built site's copy only looks at translations' links (hreflang). If Material's
    own code changes, this says so: see whether the workaround is still needed."""
    theme = Path(material.__file__).parent / "templates"
    [original] = theme.glob(feeds.MATERIAL_BUNDLE)
    [built] = site_dir.glob(feeds.MATERIAL_BUNDLE)
    script, shipped = built.read_text(encoding="utf-8"), original.read_text(encoding="utf-8")
    assert shipped.count('"link[rel=alternate]"') == 1, "Material's alternate-language handler changed"
    assert '"link[rel=alternate]"' not in script and script.count('"link[hreflang][rel]"') == 1
    assert len(script) == len(shipped)  # the source map still lines up


# -- the module, on a corpus made here -------------------------------------------------------------

BODIES = {"general-assembly": Body("general-assembly", "General Assembly", "GA", "All Member States."),
          "security-council": Body("security-council", "Security Council", "SC", "Fifteen members.")}
HOSTILE = "</title><script>alert(1)</script> & <b>Ms. X</b>"


def meeting(meeting_id: str, body: str, date: dt.date, paragraphs: list[Paragraph]) -> Meeting:
    part = Part(id="agenda", title="The item", meeting_id=meeting_id, src_uri=f"records/{meeting_id}/agenda.md",
                paragraphs=tuple(replace(p, meeting_id=meeting_id, part_id="agenda") for p in paragraphs))
    return Meeting(id=meeting_id, kind="verbatim", path=f"records/{meeting_id}", source="source.txt", front=(),
                   title=f"Meeting {meeting_id}", short_title=f"{meeting_id}, {date:%Y}", body=body, session=1,
                   session_label="first session", meeting_type="1st meeting", date=date, place="New York",
                   citation_title=meeting_id, description=f"The record of {meeting_id}.", parts=("agenda",),
                   symbol=meeting_id.upper(), sections=(part,))


def statements(count: int, *, start: int = 1) -> list[Paragraph]:
    """`count` statements by the same speaker, each of two paragraphs (the second continues it)."""
    made = []
    for n in range(start, start + 2 * count, 2):
        made.append(Paragraph(id=f"p{n}", number=n, speakers=("x",), delegation="kenya", themes=("peace",),
                              documents=("a-res-1",), text=f"Ms. X (Kenya): Statement {n} opens here."))
        made.append(Paragraph(id=f"p{n + 1}", number=n + 1, speakers=("x",), delegation="kenya",
                              opens_statement=False, text=f"And statement {n} goes on."))
    return made


def tiny(meetings: list[Meeting], *, name: str = "Ms. X") -> Corpus:
    ordered = sorted(meetings, key=lambda m: (m.date, m.id), reverse=True)
    return Corpus(meetings=tuple(ordered), roles={"r": Role("r", "Representative", "Representatives", "Spoke.")},
                  speakers={"x": Speaker("x", name), "quiet": Speaker("quiet", "Quiet")},
                  delegations={"kenya": Delegation("kenya", "Kenya", "member-state")},
                  themes={"peace": Theme("peace", "Peace", "On peace.")},
                  documents={"a-res-1": Document("a-res-1", "A resolution", symbol="A/RES/1")}, bodies=BODIES)


@pytest.fixture
def two_meetings() -> Corpus:
    return tiny([meeting("a-1", "general-assembly", dt.date(2020, 1, 2), statements(30)),
                 meeting("s-1", "security-council", dt.date(2021, 3, 4), statements(30, start=101))])


def feeds_of(corpus: Corpus, site_url: str = "https://example.org/un/") -> feeds.Feeds:
    return feeds.Feeds(corpus, SiteUrls(corpus, site_url=site_url), site_name="Records", language="en")


def by_path(made: feeds.Feeds, path: str) -> feeds.Feed:
    return next(feed for feed in made.every() if feed.path == path)


def test_a_feed_holds_the_newest_fifty_statements_newest_first(two_meetings: Corpus) -> None:
    made = feeds_of(two_meetings)
    entries = made.entries(by_path(made, "feeds/speakers/x.xml"))
    # 60 statements (120 paragraphs): the 30 of the newer meeting, last first, then the newer 20 of the older.
    expected = [f"s-1/agenda/#p{n}" for n in range(159, 100, -2)] + [f"a-1/agenda/#p{n}" for n in range(59, 19, -2)]
    assert [e.link.removeprefix("https://example.org/un/records/") for e in entries] == expected
    assert entries[0].updated == dt.datetime(2021, 3, 4, 12, tzinfo=dt.UTC)
    assert entries[0].title == "Ms. X (Kenya), s-1, 2021, para. 159"
    assert entries[0].summary == "Statement 159 opens here."  # the speaker's line is the title's
    # A theme's and a document's feeds list paragraphs: here the statements' first ones.
    assert [e.link for e in made.entries(by_path(made, "feeds/themes/peace.xml"))] == [e.link for e in entries]
    assert [e.link for e in made.entries(by_path(made, "feeds/documents/a-res-1.xml"))] == [e.link for e in entries]
    meetings = made.entries(by_path(made, "feeds/meetings.xml"))
    assert [e.title for e in meetings] == ["S-1: Meeting s-1", "A-1: Meeting a-1"]
    assert [e.title for e in made.entries(by_path(made, "feeds/bodies/security-council.xml"))] == ["S-1: Meeting s-1"]


def test_ids_depend_on_neither_order_host_nor_build(two_meetings: Corpus) -> None:
    def ids(made: feeds.Feeds) -> dict[str, str]:
        return {e.link.rsplit("/records/", 1)[1]: e.id for feed in made.every() for e in made.entries(feed)}

    first = ids(feeds_of(two_meetings))
    assert len(set(first.values())) == len(first) == LIMIT + 2  # the newest 50 statements and 2 meetings
    assert ids(feeds_of(two_meetings, "https://mirror.example.net/")) == first  # hosted elsewhere
    # One more meeting, newer: every entry moves down its feeds and keeps its id.
    grown = tiny([*two_meetings.meetings, meeting("s-2", "security-council", dt.date(2022, 1, 1), statements(1))])
    kept = ids(feeds_of(grown))
    shared = kept.keys() & first.keys()
    assert len(shared) > LIMIT - 2 and {link: kept[link] for link in shared} == {link: first[link] for link in shared}
    # A paragraph renamed with its former id as an alias keeps its entry's id.
    paragraph = two_meetings.meetings[0].paragraphs[0]
    assert feeds.paragraph_id(replace(paragraph, id="p-renamed", aliases=(paragraph.id,))) == \
        feeds.paragraph_id(paragraph)
    assert feeds.paragraph_id(paragraph) != feeds.paragraph_id(replace(paragraph, meeting_id="other"))


def test_text_from_data_is_escaped_and_stays_text(two_meetings: Corpus) -> None:
    corpus = tiny(list(two_meetings.meetings), name=HOSTILE)
    document = feeds_of(corpus).atom(by_path(feeds_of(corpus), "feeds/speakers/x.xml"))
    root = lxml.etree.fromstring(document)
    assert root.findtext("a:title", namespaces=NS) == f"Statements by {HOSTILE} – Records"
    entry = root.find("a:entry", NS)
    assert entry is not None and entry.findtext("a:author/a:name", namespaces=NS) == HOSTILE
    content = lxml.html.fragment_fromstring(entry.findtext("a:content", namespaces=NS), create_parent="div")
    assert not content.xpath("//script | //b") and HOSTILE in content.text_content()
    assert feedparser.parse(document).feed.title == f"Statements by {HOSTILE} – Records"


def test_a_character_xml_cannot_hold_stops_the_feed_naming_it(two_meetings: Corpus) -> None:
    corpus = tiny(list(two_meetings.meetings), name="Ms.\x0cX")
    with pytest.raises(feeds.FeedError, match=r"feeds/speakers/x\.xml"):
        feeds_of(corpus).atom(by_path(feeds_of(corpus), "feeds/speakers/x.xml"))


def test_without_site_url_links_are_relative_to_the_feed(two_meetings: Corpus) -> None:
    made = feeds_of(two_meetings, site_url="")
    for path in ("feeds/meetings.xml", "feeds/speakers/x.xml"):
        parsed = feedparser.parse(made.atom(by_path(made, path)))
        base = "https://anywhere.example/site/" + path
        assert urljoin(base, parsed.feed.links[1].href) == base  # rel="self"
        first = urljoin(base, parsed.entries[0].link)
        assert first in ("https://anywhere.example/site/records/s-1/",
                         "https://anywhere.example/site/records/s-1/agenda/#p159")


def test_a_feed_with_nothing_yet_is_valid_and_dated_by_the_newest_meeting(two_meetings: Corpus) -> None:
    made = feeds_of(two_meetings)
    parsed = feedparser.parse(made.atom(by_path(made, "feeds/speakers/quiet.xml")))
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated == "2021-03-04T12:00:00+00:00"


def test_each_kind_of_page_follows_its_feed() -> None:
    urls = SiteUrls(tiny([]))
    speaker = Speaker("x", "Ms. X")
    assert feeds.for_page("speaker", speaker, urls) == feeds.for_page("speaker_year", (speaker, 2020), urls)
    assert feeds.for_page("home", None, urls) == feeds.for_page("meetings_year", 2020, urls)
    assert feeds.for_page("part", None, urls) is None and feeds.for_page("vote", None, urls) is None
    body = feeds.for_page("body", BODIES["security-council"], urls)
    assert body is not None and posixpath.dirname(body.path) == "feeds/bodies"
