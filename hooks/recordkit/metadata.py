"""What each page says about itself to search engines, link previews and catalogues.

A description for `<meta name="description">` and Open Graph, the Open Graph
type, and schema.org JSON-LD: the meeting as an `Event` on the home page, each
speaker a `Person`, each part of the record an `Article` that `isPartOf` the
record. overrides/main.html writes them into the page's head.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import urls as site_urls
from .export import ExportPaths
from .model import Record, Section, Speaker, Theme
from .urls import Urls

SCHEMA_ORG = "https://schema.org"


@dataclass(frozen=True)
class PageMetadata:
    description: str
    og_type: str = "website"
    json_ld: dict[str, Any] | None = None

    def as_page_meta(self) -> dict[str, Any]:
        """The values overrides/main.html reads from `page.meta` (it serialises json_ld with `tojson`,
        which escapes <, > and & so nothing can end the <script> element)."""
        meta: dict[str, Any] = {"description": self.description, "og_type": self.og_type}
        if self.json_ld is not None:
            meta["json_ld"] = self.json_ld
        return meta


class Describer:
    """Metadata of every page of one record, by source path."""

    def __init__(self, record: Record, urls: Urls, *, language: str) -> None:
        self.record = record
        self.urls = urls
        self.language = language
        self.home = urls.absolute(urls.page(site_urls.HOME))
        self.meeting_phrase = record.meeting.title_in_sentence
        # By source path: a scan of every speaker and theme per page would be quadratic in the pages.
        self.speaker_by_src = {site_urls.speaker_src(s.id): s for s in record.speakers.values()}
        self.theme_by_src = {site_urls.theme_src(t.id): t for t in record.themes.values()}

    def page(self, src_uri: str) -> PageMetadata | None:
        record = self.record
        if src_uri == site_urls.HOME:
            return PageMetadata(record.meeting.description, "website", self.event())
        section = record.section_by_src.get(src_uri)
        if section is not None:
            return PageMetadata(section.summary, "article", self.article(section))
        speaker = self.speaker_by_src.get(src_uri)
        if speaker is not None:
            return PageMetadata(self.speaker_description(speaker), "profile", self.person(speaker))
        theme = self.theme_by_src.get(src_uri)
        if theme is not None:
            return PageMetadata(theme.description, "article")
        return self._index_page(src_uri)

    def _index_page(self, src_uri: str) -> PageMetadata | None:
        record = self.record
        descriptions = {
            site_urls.SPEAKERS_INDEX: f"Who spoke at {self.meeting_phrase}: {len(record.speakers)} speakers by "
                                      "their part in the meeting, each with every statement.",
            site_urls.THEMES_INDEX: f"The {len(record.themes)} themes of {self.meeting_phrase}, most discussed "
                                    "first, each with its paragraphs.",
            site_urls.DOCUMENTS: f"The {len(record.documents)} documents cited in the record of "
                                 f"{self.meeting_phrase}, with the paragraphs that cite them.",
            site_urls.notes_src(record): f"The {len(record.corrections)} editorial corrections to the source "
                                         f"text of the record of {self.meeting_phrase}, each with its reason.",
            ExportPaths.of(record).downloads_src: f"The record of {self.meeting_phrase} as open data: JSON with "
                                                  "its JSON Schema, and Akoma Ntoso 3.0 XML.",
        }
        description = descriptions.get(src_uri)
        return None if description is None else PageMetadata(description)

    def speaker_description(self, speaker: Speaker) -> str:
        count = len(self.record.by_speaker.get(speaker.id, []))
        statements = f"{count} statement{'s' if count != 1 else ''}"
        return f"{speaker.name}, {'; '.join(speaker.titles)}: {statements} in the record of {self.meeting_phrase}."

    # -- schema.org ----------------------------------------------------------

    def record_ref(self) -> dict[str, Any]:
        """The record as a whole: the summary report the parts belong to."""
        return {"@type": "Report", "@id": f"{self.home}#record", "name": self.record.meeting.citation_title,
                "url": self.home}

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

    def event(self) -> dict[str, Any]:
        meeting = self.record.meeting
        return {
            "@context": SCHEMA_ORG,
            "@type": "Event",
            "@id": f"{self.home}#meeting",
            "name": meeting.title,
            "description": meeting.description,
            "startDate": meeting.date.isoformat(),
            "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
            "eventStatus": f"{SCHEMA_ORG}/EventScheduled",
            "location": {"@type": "Place", "name": meeting.venue, "address": meeting.place},
            "organizer": self.agent(self.record.speakers[meeting.convener]),
            "performer": [self.agent(s) for s in self.record.speakers.values() if self.record.by_speaker.get(s.id)],
            "inLanguage": self.language,
            "url": self.home,
            "subjectOf": self.record_ref(),
        }

    def person(self, speaker: Speaker) -> dict[str, Any]:
        return {"@context": SCHEMA_ORG, **self.agent(speaker),
                "subjectOf": self.record_ref(), "mainEntityOfPage": self.urls.absolute(self.urls.speaker(speaker.id))}

    def _theme_ref(self, theme: Theme) -> dict[str, Any]:
        return {"@type": "DefinedTerm", "name": theme.label, "url": self.urls.absolute(self.urls.theme(theme.id))}

    def article(self, section: Section) -> dict[str, Any]:
        url = self.urls.absolute(self.urls.page(section.src_uri))
        return {
            "@context": SCHEMA_ORG,
            "@type": "Article",
            "@id": url,
            "headline": section.display_title,
            "name": section.display_title,
            "description": section.summary,
            "url": url,
            "inLanguage": self.language,
            "position": section.number,
            "isPartOf": self.record_ref(),
            "about": [self._theme_ref(t) for t in self.record.themes_in(section.paragraphs)],
        }
