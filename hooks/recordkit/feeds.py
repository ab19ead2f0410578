"""Atom feeds (RFC 4287) to follow the records: the site's meetings, each body's, and each speaker's,
delegation's, theme's and document's paragraphs, written into the built site after the build.

One feed per page that can be followed (`for_page`), at a permanent URL under `feeds/`
(`urls.feed_file`). A feed holds its `MAX_ENTRIES` newest entries, newest first, so it does not
grow with the archive: one entry per meeting in the site's and the bodies' feeds, one per statement
(the first paragraph of a run, `Corpus.statements`) in a speaker's or a delegation's, one per
paragraph carrying it in a theme's or a document's. An entry links its paragraph's permanent anchor
(or the meeting's overview) and says who spoke, in which meeting, when, and the opening words.

Nothing here reads a clock: an entry's dates are its meeting's date, and its id (`urn:uuid:`, a
UUID version 5 of the paragraph's meeting and first id) depends on neither the build, nor the
order of anything, nor where the site is hosted, so a feed reader never sees an entry twice.
The XML is written by feedgen (through lxml, which escapes it); the entries' HTML content comes
from templates/feed_*.html, escaped by Jinja2. The pages name their feed in their heads
(metadata.py) and Material's script is kept from taking those links for translations
(`leave_feed_links_to_feed_readers`). Plain Python, no MkDocs.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from feedgen.feed import FeedGenerator
from jinja2 import Environment

from . import urls as paths
from .css import theme_original
from .model import Body, Corpus, Delegation, Document, Meeting, Paragraph, Speaker, Theme
from .pages import date_text, excerpt, split_intro
from .render import environment
from .urls import SiteUrls, relative_url

MAX_ENTRIES = 50
ATOM_TYPE = "application/atom+xml"
# The namespace of every id the feeds mint (uuid5). Chosen once: changing it changes every id
# ever published, and feed readers would show every entry again.
ID_NAMESPACE = uuid.UUID("becdffd9-bc75-48c4-8cf7-359e5a84eaab")
# Material's script (9.x) takes every <link rel="alternate"> of a page for a translation of the site and
# fetches the sitemap.xml beside it on every page load: beside a feed under feeds/, a 404 each time (the
# same code in Material's successor: zensical/zensical issue 908). Its own translations' links carry
# hreflang: the selector is narrowed to those, at the same length, so the bundle's source map still
# lines up.
MATERIAL_BUNDLE = "assets/javascripts/bundle.*.min.js"
ANY_ALTERNATE = '"link[rel=alternate]"'
TRANSLATIONS = '"link[hreflang][rel]"'
# A record gives a date, not a time: entries are dated at noon UTC, so the date a reader sees is the
# meeting's in every time zone from UTC-11 to UTC+11 (midnight UTC shows the day before in New York).
NOON_UTC = dt.time(12, tzinfo=dt.UTC)


class FeedError(Exception):
    """A feed that cannot be written (text XML cannot hold): the message names the feed."""


@dataclass(frozen=True)
class Feed:
    """One feed: where it lives, what it follows and what it is called."""

    path: str  # from the site root: feeds/speakers/takasu.xml (urls.feed_file)
    kind: str  # "site", "body", "speaker", "delegation", "theme" or "document"
    subject: str  # the body's, speaker's... id; "" for the site's
    title: str  # "Statements by Yukio Takasu"
    subtitle: str  # what it holds, in a sentence
    page: str  # the URL of the page it follows, from the site root

    @property
    def id(self) -> str:
        return mint_id("feed", self.path)


class Agent(NamedTuple):
    name: str
    uri: str


class Category(NamedTuple):
    term: str
    scheme: str
    label: str


@dataclass(frozen=True)
class Entry:
    """An entry as the feed writes it: plain values (summary is text, content HTML already escaped)."""

    id: str
    title: str
    link: str
    updated: dt.datetime
    summary: str
    content: str
    authors: tuple[Agent, ...]
    categories: tuple[Category, ...] = ()


def mint_id(*name: str) -> str:
    """A permanent id: the same name gives the same id in every build, wherever the site is hosted."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, '/'.join(name))}"


def paragraph_id(paragraph: Paragraph) -> str:
    """The id of a paragraph's entry in every feed that lists it. A renamed paragraph keeps its former ids
    in `aliases`, oldest first: the entry keeps the id of the first it was published under."""
    first = paragraph.aliases[0] if paragraph.aliases else paragraph.id
    return mint_id("paragraph", paragraph.meeting_id, first)


def meeting_id(meeting: Meeting) -> str:
    return mint_id("meeting", meeting.id)


def dated(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, NOON_UTC)


def full_title(feed: Feed, site_name: str) -> str:
    """The title a feed reader lists the feed under: "Statements by Yukio Takasu – UN meeting records"."""
    return f"{feed.title} – {site_name}" if site_name else feed.title


# -- which feeds ---------------------------------------------------------------------------------


def site_feed(urls: SiteUrls) -> Feed:
    return Feed(paths.SITE_FEED, "site", "", "All meetings",
                "Each meeting record published on the site, newest first.", urls.page(paths.HOME))


def body_feed(body: Body, urls: SiteUrls) -> Feed:
    return Feed(paths.body_feed(body.id), "body", body.id, f"Meetings of the {body.name}",
                f"Each record of a meeting of the United Nations {body.name}, newest first. {body.description}",
                urls.body(body.id))


def speaker_feed(speaker: Speaker, urls: SiteUrls) -> Feed:
    return Feed(paths.speaker_feed(speaker.id), "speaker", speaker.id, f"Statements by {speaker.name}",
                f"Each statement by {speaker.name} in the records, newest first: its meeting, its date and its "
                "opening words.", urls.speaker(speaker.id))


def delegation_feed(delegation: Delegation, urls: SiteUrls) -> Feed:
    return Feed(paths.delegation_feed(delegation.id), "delegation", delegation.id,
                f"Statements by or on behalf of {delegation.name}",
                f"Each statement made by or on behalf of {delegation.name} in the records, newest first: its "
                "speaker, its meeting, its date and its opening words.", urls.delegation(delegation.id))


def theme_feed(theme: Theme, urls: SiteUrls) -> Feed:
    return Feed(paths.theme_feed(theme.id), "theme", theme.id, f"Paragraphs on {theme.label}",
                f"Each paragraph of the records on this theme, newest first. {theme.description}",
                urls.theme(theme.id))


def document_feed(document: Document, urls: SiteUrls) -> Feed:
    return Feed(paths.document_feed(document.id), "document", document.id, f"Citations of {document.label}",
                f"Each paragraph of the records that cites {document.label} ({document.title}), newest first.",
                urls.document(document.id))


def every_feed(corpus: Corpus, urls: SiteUrls) -> list[Feed]:
    """Every feed of the site: one for each page that can be followed (the year pages of a listing
    share its feed). A speaker, delegation, theme or document has one before it has any entry, so a
    reader can follow a delegation before it first speaks."""
    return [
        site_feed(urls),
        *(body_feed(body, urls) for body in corpus.bodies_with_meetings),
        *(speaker_feed(speaker, urls) for speaker in corpus.speakers.values()),
        *(delegation_feed(delegation, urls) for delegation in corpus.delegations.values()),
        *(theme_feed(theme, urls) for theme in corpus.themes.values()),
        *(document_feed(document, urls) for document in corpus.documents.values()),
    ]


_PAGE_FEEDS: dict[str, Callable[[Any, SiteUrls], Feed]] = {
    "home": lambda _, urls: site_feed(urls),
    "meetings_year": lambda _, urls: site_feed(urls),
    "body": body_feed,
    "speaker": speaker_feed,
    "delegation": delegation_feed,
    "theme": theme_feed,
    "document": document_feed,
    # A long listing's year pages (listings.py): the subject is (what is listed, year).
    "body_year": lambda subject, urls: body_feed(subject[0], urls),
    "speaker_year": lambda subject, urls: speaker_feed(subject[0], urls),
    "delegation_year": lambda subject, urls: delegation_feed(subject[0], urls),
    "theme_year": lambda subject, urls: theme_feed(subject[0], urls),
    "document_year": lambda subject, urls: document_feed(subject[0], urls),
}


def for_page(kind: str, subject: Any, urls: SiteUrls) -> Feed | None:
    """The feed a page of this kind (navigation.generated_pages; "home" for the home page) follows."""
    make = _PAGE_FEEDS.get(kind)
    return make(subject, urls) if make is not None else None


# -- what each feed lists ------------------------------------------------------------------------


class _Order:
    """Newest first: meetings in the corpus' order (newest first), a meeting's paragraphs last first."""

    def __init__(self, corpus: Corpus) -> None:
        self.rank = {meeting.id: index for index, meeting in enumerate(corpus.meetings)}

    def paragraphs(self, paragraphs: Iterable[Paragraph]) -> list[Paragraph]:
        return sorted(paragraphs, key=lambda p: (self.rank[p.meeting_id], -p.number))


def listed_meetings(corpus: Corpus, feed: Feed) -> list[Meeting]:
    """The site's or a body's feed: its newest meetings, newest first."""
    every = corpus.meetings if feed.kind == "site" else corpus.meetings_by_body.get(feed.subject, [])
    return list(every[:MAX_ENTRIES])


def listed_paragraphs(corpus: Corpus, feed: Feed, order: _Order | None = None) -> list[Paragraph]:
    """A speaker's or a delegation's statements (each the first paragraph of its run), a theme's or a
    document's paragraphs: the newest `MAX_ENTRIES`, newest first."""
    indexes = {"speaker": corpus.by_speaker, "delegation": corpus.by_delegation,
               "theme": corpus.by_theme, "document": corpus.by_document}
    every = indexes[feed.kind].get(feed.subject, [])
    if feed.kind in ("speaker", "delegation"):
        every = corpus.statements(every)
    return (order or _Order(corpus)).paragraphs(every)[:MAX_ENTRIES]


# -- the entries -----------------------------------------------------------------------------------


class Feeds:
    """The site's feeds: what each lists, its entries and its Atom document."""

    def __init__(self, corpus: Corpus, urls: SiteUrls, *, site_name: str, language: str, rights: str = "",
                 env: Environment | None = None) -> None:
        self.corpus = corpus
        self.urls = urls
        self.site_name = site_name
        self.language = language
        self.rights = rights
        env = env or environment()
        self.paragraph_template = env.get_template("feed_paragraph.html")
        self.meeting_template = env.get_template("feed_meeting.html")
        self.order = _Order(corpus)
        # A paragraph or meeting is an entry of several feeds, the same in each: made once per folder
        # of feeds (links are relative to the feed only when the site has no site_url).
        self._made: dict[tuple[str, str, str], Entry] = {}

    def every(self) -> list[Feed]:
        return every_feed(self.corpus, self.urls)

    def full_title(self, feed: Feed) -> str:
        return full_title(feed, self.site_name)

    def href(self, feed: Feed, url: str) -> str:
        """A link in a feed: absolute with site_url (as the canonical links), else relative to the feed."""
        return self.urls.absolute(url) if self.urls.site_url else relative_url(feed.path, url)

    def entries(self, feed: Feed) -> list[Entry]:
        """The feed's entries, newest first."""
        folder = posixpath.dirname(feed.path)
        entries = []
        if feed.kind in ("site", "body"):
            for meeting in listed_meetings(self.corpus, feed):
                key = ("meeting", meeting.id, folder)
                if key not in self._made:
                    self._made[key] = self.meeting_entry(feed, meeting)
                entries.append(self._made[key])
            return entries
        for paragraph in listed_paragraphs(self.corpus, feed, self.order):
            key = ("paragraph", paragraph.key, folder)
            if key not in self._made:
                self._made[key] = self.paragraph_entry(feed, paragraph)
            entries.append(self._made[key])
        return entries

    def paragraph_entry(self, feed: Feed, paragraph: Paragraph) -> Entry:
        """A statement or a paragraph: who, in which meeting and part, when, and its opening words."""
        corpus, urls = self.corpus, self.urls
        meeting = corpus.meeting_of(paragraph)
        body = corpus.body_of(meeting)
        part = corpus.part_of[paragraph.key]
        _, words = split_intro(meeting, paragraph)
        opening = excerpt(words)
        speakers = [corpus.speakers[s] for s in paragraph.speakers]
        delegation = corpus.delegations.get(paragraph.delegation)
        link = self.href(feed, urls.paragraph(paragraph))
        who = " and ".join(s.name for s in speakers) + (f" ({delegation.name})" if delegation and speakers else "")
        title = f"{who}, {meeting.short_title}, para. {paragraph.number}" if who else \
            f"{meeting.short_title}, para. {paragraph.number}"
        content = self.paragraph_template.render(
            speakers=[{"name": s.name, "url": self.href(feed, urls.speaker(s.id))} for s in speakers],
            delegation={"name": delegation.name, "url": self.href(feed, urls.delegation(delegation.id))}
            if delegation else None,
            meeting={"title": meeting.title, "url": self.href(feed, urls.meeting(meeting)),
                     "date": date_text(meeting)},
            part={"title": part.display_title, "url": self.href(feed, urls.page(part.src_uri))},
            number=paragraph.number, link=link, words=opening)
        authors = tuple(Agent(s.name, self.href(feed, urls.speaker(s.id))) for s in speakers) or \
            (self._body_agent(feed, body),)  # a paragraph no one speaks is the record's, the body's
        return Entry(id=paragraph_id(paragraph), title=title, link=link, updated=dated(meeting.date),
                     summary=opening, content=content, authors=authors,
                     categories=tuple(Category(t, self.href(feed, urls.page(paths.THEMES_INDEX)),
                                               corpus.themes[t].label) for t in paragraph.themes))

    def meeting_entry(self, feed: Feed, meeting: Meeting) -> Entry:
        """A meeting: its record's overview, its date, its body, its parts and who spoke."""
        corpus, urls = self.corpus, self.urls
        body = corpus.body_of(meeting)
        link = self.href(feed, urls.meeting(meeting))
        speakers = corpus.speakers_of(meeting.statements)
        content = self.meeting_template.render(
            meeting={"title": meeting.title, "url": link, "date": date_text(meeting), "symbol": meeting.symbol,
                     "session_label": meeting.session_label, "place": meeting.place,
                     "description": meeting.description, "statements": len(meeting.statements)},
            body={"name": body.name, "url": self.href(feed, urls.body(body.id))},
            parts=[{"title": p.display_title, "url": self.href(feed, urls.page(p.src_uri))}
                   for p in meeting.sections],
            speakers=[{"name": s.name, "url": self.href(feed, urls.speaker(s.id))} for s in speakers])
        title = f"{meeting.symbol}: {meeting.title}" if meeting.symbol else meeting.title
        return Entry(id=meeting_id(meeting), title=title, link=link, updated=dated(meeting.date),
                     summary=meeting.description, content=content, authors=(self._body_agent(feed, body),),
                     categories=(Category(body.id, "", body.name),))

    def _body_agent(self, feed: Feed, body: Body) -> Agent:
        return Agent(f"United Nations {body.name}", self.href(feed, self.urls.body(body.id)))

    # -- the Atom document ------------------------------------------------------------------------

    def updated(self, entries: list[Entry]) -> dt.datetime:
        """The newest entry's date; a feed without entries yet is as of the newest meeting on the site."""
        if entries:
            return max(entry.updated for entry in entries)
        return dated(self.corpus.meetings[0].date) if self.corpus.meetings else dated(dt.date(1970, 1, 1))

    def atom(self, feed: Feed) -> bytes:
        """The feed as an Atom document (UTF-8)."""
        entries = self.entries(feed)
        generator = FeedGenerator()
        generator.id(feed.id)
        generator.title(self.full_title(feed))
        generator.subtitle(feed.subtitle)
        generator.updated(self.updated(entries))
        generator.link(href=self.href(feed, feed.page), rel="alternate", type="text/html")
        generator.link(href=self.href(feed, feed.path), rel="self", type=ATOM_TYPE)
        generator.author(name=self.site_name or "United Nations meeting records",
                         uri=self.href(feed, self.urls.page(paths.HOME)))
        generator.language(self.language)
        if self.rights:
            generator.rights(" ".join(self.rights.split()))
        for entry in entries:
            item = generator.add_entry(order="append")  # feedgen prepends by default
            item.id(entry.id)
            item.title(entry.title)
            item.updated(entry.updated)
            item.published(entry.updated)
            item.link(href=entry.link, rel="alternate", type="text/html")
            item.summary(entry.summary, type="text")
            item.content(entry.content, type="html")
            item.author([{"name": a.name, "uri": a.uri} for a in entry.authors])
            for category in entry.categories:
                item.category({"term": category.term, "label": category.label,
                               **({"scheme": category.scheme} if category.scheme else {})})
        try:
            document: bytes = generator.atom_str(pretty=True)
        except ValueError as error:  # lxml: a control character in text from data
            raise FeedError(f"{feed.path} ({feed.title}): {error}") from None
        return document

    def write(self, site_dir: Path) -> list[Path]:
        """Write every feed into the built site."""
        written = []
        for feed in self.every():
            target = site_dir / feed.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self.atom(feed))
            written.append(target)
        return written


def write_feeds(corpus: Corpus, urls: SiteUrls, site_dir: Path, *, site_name: str, language: str,
                rights: str = "") -> list[Path]:
    """Every feed of the site, written under `site_dir` (after the build, like the exports)."""
    return Feeds(corpus, urls, site_name=site_name, language=language, rights=rights).write(site_dir)


def leave_feed_links_to_feed_readers(site_dir: Path, theme_dirs: Sequence[Path]) -> list[Path]:
    """Material's script in `site_dir`, from the theme's own copy (a dirty build does not copy it again),
    with its alternate-language handler narrowed to translations' links (MATERIAL_BUNDLE above): the
    feeds' links in the pages' heads stay for feed readers. The files changed."""
    changed = []
    for path in sorted(site_dir.glob(MATERIAL_BUNDLE)):
        script = theme_original(path, site_dir, theme_dirs).read_text(encoding="utf-8")
        if ANY_ALTERNATE in script:
            path.write_text(script.replace(ANY_ALTERNATE, TRANSLATIONS), encoding="utf-8")
            changed.append(path)
    return changed
