"""What each page says about itself to search engines, link previews and catalogues.

A description for `<meta name="description">` and Open Graph, the Open Graph
type, the page's Atom feed (its `<link rel="alternate">`, feeds.py), and
schema.org JSON-LD: each meeting as an `Event` on its page, each speaker
a `Person`, each part of a record an `Article` that `isPartOf` the record.
overrides/main.html writes them into the page's head.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from . import feeds, navigation
from . import urls as paths
from .listings import MAX_LISTED_MEETINGS
from .model import DECISION_METHODS, DECISION_RESULTS, Body, Corpus, Decision, Meeting, Paragraph, Part, Speaker, Theme
from .urls import SiteUrls

SCHEMA_ORG = "https://schema.org"


def of_bodies(bodies: Iterable[Body]) -> str:
    """"the United Nations General Assembly", "the United Nations General Assembly and Security Council":
    whose records a page lists, for its description."""
    names = [body.name for body in bodies]
    if not names:
        return "the United Nations"
    return "the United Nations " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


@dataclass(frozen=True)
class PageMetadata:
    description: str
    og_type: str = "website"
    json_ld: dict[str, Any] | None = None
    feed: FeedLink | None = None

    def as_page_meta(self) -> dict[str, Any]:
        """The values overrides/main.html reads from `page.meta` (it serialises json_ld with `tojson`,
        which escapes <, > and & so nothing can end the <script> element, and escapes the feed's title)."""
        meta: dict[str, Any] = {"description": self.description, "og_type": self.og_type}
        if self.json_ld is not None:
            meta["json_ld"] = self.json_ld
        if self.feed is not None:
            meta["feed"] = {"url": self.feed.url, "title": self.feed.title}
        return meta


@dataclass(frozen=True)
class FeedLink:
    """A page's Atom feed, for its head: its URL from the site root and its title (plain text)."""

    url: str
    title: str


class Describer:
    """Metadata and plain-text titles of every page of the corpus, by source path."""

    def __init__(self, corpus: Corpus, urls: SiteUrls, *, language: str,
                 pages: Mapping[str, tuple[str, Any, bool]] | None = None, site_name: str = "") -> None:
        self.corpus = corpus
        self.urls = urls
        self.language = language
        self.site_name = site_name  # ends the feeds' titles (feeds.full_title)
        self.home = urls.absolute(urls.page(paths.HOME))
        # By source path: a scan of every speaker and theme per page would be quadratic in the pages.
        # `pages`: the build's own (pages.Site.generated), else made here.
        self.pages = pages if pages is not None else navigation.generated_pages(corpus)

    def title(self, src_uri: str) -> str:
        """The page's title as plain text (MkDocs would take it from the escaped h1)."""
        kind, subject, _ = self.pages.get(src_uri, ("", None, False))
        if kind == "part":
            return subject.display_title
        if kind == "meeting":
            return subject.title
        if kind == "vote":
            return f"Vote: {subject.label}"
        return {"speaker": lambda: subject.name, "delegation": lambda: subject.name, "body": lambda: subject.name,
                "theme": lambda: subject.label, "document": lambda: subject.label,
                # Year pages of long listings (listings.py): the subject is (what is listed, year) or the year.
                "speaker_year": lambda: f"{subject[0].name}, {subject[1]}",
                "delegation_year": lambda: f"{subject[0].name}, {subject[1]}",
                "theme_year": lambda: f"{subject[0].label}, {subject[1]}",
                "document_year": lambda: f"{subject[0].label}, {subject[1]}",
                "body_year": lambda: f"{subject[0].name}, {subject[1]}",
                "meetings_year": lambda: f"Meetings of {subject}"}.get(kind, lambda: "")()

    def record_of(self, src_uri: str) -> str:
        """The meeting's short title for a page of its record (the browser tab says which record), else ""."""
        kind, subject, _ = self.pages.get(src_uri, ("", None, False))
        if kind == "part":
            return self.corpus.meeting_by_id[subject.meeting_id].short_title
        if kind == "vote":
            return self.corpus.meeting_by_id[subject.meeting_id].short_title
        return subject.short_title if kind in ("meeting", "notes", "downloads") else ""

    def page(self, src_uri: str) -> PageMetadata | None:
        """The page's metadata, with the feed it follows if it has one."""
        described = self._page(src_uri)
        kind, subject, _ = self.pages.get(src_uri, ("home" if src_uri == paths.HOME else "", None, False))
        feed = feeds.for_page(kind, subject, self.urls)
        if described is None or feed is None:
            return described
        return replace(described, feed=FeedLink(feed.path, feeds.full_title(feed, self.site_name)))

    def _page(self, src_uri: str) -> PageMetadata | None:
        corpus = self.corpus
        if src_uri == paths.HOME:
            return PageMetadata(self.corpus_description(), "website")
        kind, subject, _ = self.pages.get(src_uri, ("", None, False))
        if kind == "meeting":
            return PageMetadata(subject.description, "website", self.event(subject))
        if kind == "part":
            return PageMetadata(subject.summary or self.part_description(subject), "article", self.article(subject))
        if kind == "speaker":
            return PageMetadata(self.speaker_description(subject), "profile", self.person(subject))
        if kind == "delegation":
            said = corpus.by_delegation.get(subject.id, [])
            count = len(corpus.statements(said))
            return PageMetadata(f"{subject.name}: {count} statement{'s' if count != 1 else ''} in the records of "
                                f"{self.bodies_of(said)}.", "profile")
        if kind == "body":
            return PageMetadata(self.body_description(subject))
        if kind == "vote":
            return PageMetadata(self.vote_description(subject), "article")
        if kind == "theme":
            return PageMetadata(subject.description, "article")
        if kind == "document":
            citing = corpus.by_document.get(subject.id, [])
            count = len(citing)
            return PageMetadata(f"{subject.label}, {subject.title}: the {count} paragraph{'s' if count != 1 else ''} "
                                f"of the records of {self.bodies_of(citing)} that cite it."
                                if subject.symbol else f"{subject.title}: the {count} paragraph"
                                f"{'s' if count != 1 else ''} of the records that cite it.")
        if kind.endswith("_year"):
            return PageMetadata(self.year_description(kind, subject))
        return self._listing(kind, subject)

    def bodies_of(self, paragraphs: Iterable[Paragraph] | None = None) -> str:
        """Whose records `paragraphs` are in ("the United Nations General Assembly"); every meeting's
        bodies when there are none (or no paragraphs are given)."""
        corpus = self.corpus
        held = {corpus.meeting_by_id[p.meeting_id].body for p in paragraphs or ()} or \
            {m.body for m in corpus.meetings}
        return of_bodies(body for body in corpus.bodies.values() if body.id in held)  # in the registry's order

    def vote_description(self, vote: Decision) -> str:
        meeting = self.corpus.meeting_by_id[vote.meeting_id]
        counts = f" ({vote.tally.text})" if vote.tally else ""
        return (f"{vote.label}: {DECISION_RESULTS[vote.result].lower()}{counts} {DECISION_METHODS[vote.method]} "
                f"in {meeting.title_in_sentence}, {meeting.date.day} {meeting.date:%B %Y}; how each delegation voted.")

    def body_description(self, body: Body) -> str:
        count = len(self.corpus.meetings_by_body.get(body.id, []))
        return (f"The {count} meeting record{'s' if count != 1 else ''} of the United Nations {body.name}, "
                f"newest first: {body.description}")

    def year_description(self, kind: str, subject: Any) -> str:
        """A year page of a long listing (listings.py)."""
        corpus = self.corpus
        if kind == "meetings_year":
            held = {m.body for m in corpus.meetings if m.date.year == subject}
            return f"The records of the meetings of {of_bodies(b for b in corpus.bodies.values() if b.id in held)} " \
                f"held in {subject}."
        listed, year = subject
        if kind == "body_year":
            return f"The records of the meetings of the United Nations {listed.name} held in {year}."
        if kind == "document_year":
            return f"{listed.label}: the paragraphs of the records of {year} that cite it."
        if kind == "theme_year":
            return f"{listed.label}: the paragraphs of the records of {year} on this theme."
        by = corpus.by_speaker if kind == "speaker_year" else corpus.by_delegation
        said = [p for p in by.get(listed.id, []) if corpus.meeting_of(p).date.year == year]
        return f"Statements by {listed.name} in the records of {year} of {self.bodies_of(said)}."

    def _listing(self, kind: str, subject: Any) -> PageMetadata | None:
        corpus = self.corpus
        meetings = f"{len(corpus.meetings)} meeting record{'s' if len(corpus.meetings) != 1 else ''}"
        if kind in ("notes", "downloads"):
            phrase = subject.title_in_sentence
            return PageMetadata(
                f"The {len(subject.corrections)} editorial corrections to the source text of the record of {phrase}, "
                "each with its reason." if kind == "notes" else
                f"The record of {phrase} as open data: JSON with its JSON Schema, and Akoma Ntoso 3.0 XML.")
        descriptions = {
            "speakers_index": f"Who spoke in {meetings}: {len(corpus.speakers)} speakers by their part in the "
                              "meetings, each with every statement.",
            "delegations_index": f"The {len(corpus.delegations)} delegations that spoke in {meetings}, each with "
                                 "every statement made by or on behalf of it.",
            "themes_index": f"The {len(corpus.themes)} themes of {meetings}, most discussed first, each with its "
                            "paragraphs.",
            "documents": f"The {len(corpus.documents)} documents cited in {meetings}, each with the paragraphs "
                         "that cite it.",
            "data": f"The {meetings} as open data, rebuilt with the site: every paragraph and every vote as CSV "
                    "and JSON Lines with a Frictionless Data Package, the speakers and delegations as Popolo JSON.",
        }
        description = descriptions.get(kind)
        return None if description is None else PageMetadata(description)

    def corpus_description(self) -> str:
        newest = self.corpus.meetings[0]
        return (f"Records of {len(self.corpus.meetings)} meetings of {self.bodies_of()}, newest "
                f"{newest.short_title}: every statement with its own link, by speaker, delegation and theme.")

    def part_description(self, part: Part) -> str:
        meeting = self.corpus.meeting_by_id[part.meeting_id]
        return f"{part.display_title}: {part.paragraph_range} of the record of {meeting.title_in_sentence}."

    def speaker_description(self, speaker: Speaker) -> str:
        said = self.corpus.by_speaker.get(speaker.id, [])
        count = len(self.corpus.statements(said))
        statements = f"{count} statement{'s' if count != 1 else ''}"
        titles = f", {'; '.join(speaker.titles)}" if speaker.titles else ""
        return f"{speaker.name}{titles}: {statements} in the records of {self.bodies_of(said)}."

    # -- schema.org ----------------------------------------------------------

    def record_ref(self, meeting: Meeting) -> dict[str, Any]:
        """The record as a whole: the report the parts belong to."""
        url = self.urls.absolute(self.urls.meeting(meeting))
        return {"@type": "Report", "@id": f"{url}#record", "name": meeting.citation_title, "url": url}

    def agent(self, speaker: Speaker) -> dict[str, Any]:
        url = self.urls.absolute(self.urls.speaker(speaker.id))
        if speaker.collective:
            # "Member States and Observers" is a body of delegations, not a
            # person: schema.org's nearest type is Organization.
            return {"@type": "Organization", "@id": f"{url}#agent", "name": speaker.name,
                    "description": "; ".join(speaker.titles), "url": url}
        agent: dict[str, Any] = {"@type": "Person", "@id": f"{url}#agent", "name": speaker.name,
                                 "jobTitle": list(speaker.titles), "url": url}
        if speaker.honorific:
            agent["honorificPrefix"] = speaker.honorific
        return agent

    def event(self, meeting: Meeting) -> dict[str, Any]:
        url = self.urls.absolute(self.urls.meeting(meeting))
        speakers = self.corpus.speakers_of(meeting.statements)
        event: dict[str, Any] = {
            "@context": SCHEMA_ORG,
            "@type": "Event",
            "@id": f"{url}#meeting",
            "name": meeting.title,
            "description": meeting.description,
            "startDate": meeting.date.isoformat(),
            "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
            "eventStatus": f"{SCHEMA_ORG}/EventScheduled",
            "location": {"@type": "Place", "name": meeting.venue or meeting.place, "address": meeting.place},
            "performer": [self.agent(s) for s in speakers],
            "inLanguage": self.language,
            "url": url,
            "subjectOf": self.record_ref(meeting),
        }
        if meeting.presiding:
            event["organizer"] = self.agent(self.corpus.speakers[meeting.presiding])
        return event

    def person(self, speaker: Speaker) -> dict[str, Any]:
        url = self.urls.absolute(self.urls.speaker(speaker.id))
        spoke_in = {p.meeting_id for p in self.corpus.by_speaker.get(speaker.id, [])}
        # The latest records they spoke in, as many as the page lists (listings.py): every one of them
        # would make the page grow with the corpus.
        meetings = [self.record_ref(m) for m in self.corpus.meetings if m.id in spoke_in][:MAX_LISTED_MEETINGS]
        return {"@context": SCHEMA_ORG, **self.agent(speaker), "subjectOf": meetings, "mainEntityOfPage": url}

    def _theme_ref(self, theme: Theme) -> dict[str, Any]:
        return {"@type": "DefinedTerm", "name": theme.label, "url": self.urls.absolute(self.urls.theme(theme.id))}

    def article(self, part: Part) -> dict[str, Any]:
        url = self.urls.absolute(self.urls.page(part.src_uri))
        meeting = self.corpus.meeting_by_id[part.meeting_id]
        return {
            "@context": SCHEMA_ORG,
            "@type": "Article",
            "@id": url,
            "headline": part.display_title,
            "name": part.display_title,
            "description": part.summary or self.part_description(part),
            "url": url,
            "inLanguage": self.language,
            "position": part.number or str(meeting.parts.index(part.id) + 1),
            "isPartOf": self.record_ref(meeting),
            "about": [self._theme_ref(t) for t in self.corpus.themes_in(part.paragraphs)],
        }
