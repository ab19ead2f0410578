"""The meeting record as plain data: meeting, sections, paragraphs, speakers, themes.

Built once per build and never changed after; the indexes a page needs (paragraphs
by speaker, by theme, by document) are computed once in `Record.__post_init__`
so that rendering N pages never scans all paragraphs N times.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    plural: str
    description: str


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    role: str
    titles: tuple[str, ...]
    honorific: str = ""
    collective: bool = False
    search_terms: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    url: str
    symbol: str = ""
    cited_as: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.symbol or self.title


@dataclass(frozen=True)
class Correction:
    id: str
    paragraph: str
    original: str
    corrected: str
    why: str


@dataclass(frozen=True)
class Meeting:
    id: str
    path: str
    source: str
    record_heading: str
    record_title: str
    title: str
    short_title: str
    body: str
    session: int
    session_label: str
    meeting_type: str
    date: dt.date
    venue: str
    place: str
    convener: str
    documents: tuple[str, ...]
    interventions_from_floor: int
    citation_title: str
    description: str

    @property
    def title_in_sentence(self) -> str:
        """"Informal meeting of ..." as it reads inside a sentence: "the informal meeting of ..."."""
        return "the " + self.title[:1].lower() + self.title[1:]


@dataclass(frozen=True)
class Paragraph:
    id: str
    number: int
    section_id: str
    text: str
    speakers: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    line: int = 0
    aliases: tuple[str, ...] = ()  # former ids, still anchors in the page


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: str
    summary: str
    src_uri: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def display_title(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass
class Record:
    """One meeting's record with its reference data and derived indexes."""

    meeting: Meeting
    sections: tuple[Section, ...]
    roles: dict[str, Role]
    speakers: dict[str, Speaker]
    themes: dict[str, Theme]
    documents: dict[str, Document]
    corrections: tuple[Correction, ...]
    by_speaker: dict[str, list[Paragraph]] = field(init=False)
    by_mention: dict[str, list[Paragraph]] = field(init=False)
    by_theme: dict[str, list[Paragraph]] = field(init=False)
    by_document: dict[str, list[Paragraph]] = field(init=False)
    section_of: dict[str, Section] = field(init=False)
    section_by_src: dict[str, Section] = field(init=False)
    section_of_id: dict[str, Section] = field(init=False)
    paragraph_by_id: dict[str, Paragraph] = field(init=False)
    corrections_by_paragraph: dict[str, list[Correction]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_speaker = defaultdict(list)
        self.by_mention = defaultdict(list)
        self.by_theme = defaultdict(list)
        self.by_document = defaultdict(list)
        self.section_of = {}
        self.section_by_src = {section.src_uri: section for section in self.sections}
        self.section_of_id = {section.id: section for section in self.sections}
        self.paragraph_by_id = {p.id: p for section in self.sections for p in section.paragraphs}
        self.corrections_by_paragraph = defaultdict(list)
        for correction in self.corrections:
            self.corrections_by_paragraph[correction.paragraph].append(correction)
        for section in self.sections:
            for paragraph in section.paragraphs:
                self.section_of[paragraph.id] = section
                for speaker_id in paragraph.speakers:
                    self.by_speaker[speaker_id].append(paragraph)
                for speaker_id in paragraph.mentions:
                    self.by_mention[speaker_id].append(paragraph)
                for theme_id in paragraph.themes:
                    self.by_theme[theme_id].append(paragraph)
                for document_id in paragraph.documents:
                    self.by_document[document_id].append(paragraph)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for section in self.sections for p in section.paragraphs]

    def themes_in(self, paragraphs: Iterable[Paragraph]) -> list[Theme]:
        """The themes of these paragraphs, each once, in order of first appearance."""
        seen: dict[str, Theme] = {}
        for paragraph in paragraphs:
            for theme_id in paragraph.themes:
                seen.setdefault(theme_id, self.themes[theme_id])
        return list(seen.values())

    def speakers_of_theme(self, theme_id: str) -> list[Speaker]:
        seen: dict[str, Speaker] = {}
        for paragraph in self.by_theme.get(theme_id, []):
            for speaker_id in paragraph.speakers:
                seen.setdefault(speaker_id, self.speakers[speaker_id])
        return list(seen.values())

    def related_themes(self, theme_id: str) -> list[tuple[Theme, int]]:
        """Themes sharing paragraphs with this one, most shared first."""
        shared: dict[str, int] = defaultdict(int)
        for paragraph in self.by_theme.get(theme_id, []):
            for other in paragraph.themes:
                if other != theme_id:
                    shared[other] += 1
        ranked = sorted(shared.items(), key=lambda item: (-item[1], self.themes[item[0]].label))
        return [(self.themes[other], count) for other, count in ranked]

    def corrections_of(self, paragraph_id: str) -> list[Correction]:
        return self.corrections_by_paragraph.get(paragraph_id, [])
