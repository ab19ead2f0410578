"""What an importer reads out of a source, before it is written as a meeting folder.

Both importers (plain-text summaries and PDF verbatim records) produce an
`ImportedMeeting`; `writer.py` turns it into `data/meetings/<id>/` and the
registry additions, and the review list for the editor. Plain data: no
MkDocs, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class ImportedParagraph:
    text: str  # exactly the source block, line breaks folded to spaces (hyphens at line ends as published)
    speakers: list[str] = field(default_factory=list)  # speaker ids (registry ids, new ones included)
    mentions: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # suggestions from the themes' labels and synonyms
    documents: list[str] = field(default_factory=list)
    delegation: str = ""  # delegation id the speaker speaks for
    on_behalf_of: list[str] = field(default_factory=list)
    function: str = ""  # "Vice-President", "Observer", as printed
    language: str = ""  # "Chinese" from "(spoke in Chinese)"
    kind: str = "statement"  # statement | decision | procedural
    page: int = 0  # page of the source where the paragraph starts (0: unknown)


@dataclass
class ImportedPart:
    id: str
    title: str
    heading: list[str]  # the source blocks of the heading, verbatim ([] where the source has none)
    number: str = ""
    agenda_item: int | None = None
    summary: str = ""
    paragraphs: list[ImportedParagraph] = field(default_factory=list)


@dataclass
class ImportedCorrection:
    id: str
    paragraph_index: int  # index into the meeting's paragraphs (all parts, in order); ids are given on writing
    original: str
    corrected: str
    why: str


@dataclass
class ImportedDecision:
    """A decision of the meeting (decisions.yml); paragraphs by index into the meeting's paragraphs."""

    id: str
    paragraph_index: int  # the paragraph stating the outcome
    part: str
    subject: str  # "Draft resolution I", "The draft resolution", "" for "It was so decided."
    title: str = ""  # what the draft is entitled, as the record names it
    method: str = "without-vote"  # without-vote | recorded-vote | council-vote
    result: str = "adopted"  # adopted | not-adopted
    reason: str = ""
    outcome: str = ""  # "65/195", "2448 (2018)"
    outcome_kind: str = ""  # resolution | decision
    tally: dict[str, int] = field(default_factory=dict)
    votes: dict[str, list[str]] = field(default_factory=dict)  # position -> delegation ids
    list_indexes: list[int] = field(default_factory=list)  # "A recorded vote was taken." and the lists
    explanations: list[int] = field(default_factory=list)  # first paragraphs of explanations of vote


@dataclass
class Member:
    delegation: str
    representative: str  # speaker id


@dataclass
class NewSpeaker:
    id: str
    name: str
    honorific: str = ""
    titles: list[str] = field(default_factory=list)
    delegation: str = ""
    search_terms: list[str] = field(default_factory=list)


@dataclass
class NewDelegation:
    id: str
    name: str
    kind: str  # member-state | observer | group | organization
    names: list[str] = field(default_factory=list)


@dataclass
class NewDocument:
    id: str
    symbol: str
    title: str
    cited_as: list[str] = field(default_factory=list)


@dataclass
class ImportedMeeting:
    id: str
    kind: str  # summary | verbatim
    source_text: str  # becomes source.txt
    imported_from: str  # the source's file name
    front: list[str]
    title: str
    short_title: str
    body: str
    session: int
    session_label: str
    meeting_type: str
    date: dt.date
    place: str
    citation_title: str
    description: str
    parts: list[ImportedPart]
    participants: dict[str, str]  # speaker id -> role id
    symbol: str = ""
    meeting_number: int | None = None
    time: str = ""
    venue: str = ""
    president: str = ""
    acting_president: str = ""
    convener: str = ""
    documents: list[str] = field(default_factory=list)
    corrections: list[ImportedCorrection] = field(default_factory=list)
    decisions: list[ImportedDecision] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)  # the Council's members present (page 1)
    new_speakers: list[NewSpeaker] = field(default_factory=list)
    new_delegations: list[NewDelegation] = field(default_factory=list)
    new_documents: list[NewDocument] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # what the editor should check, one line each

    @property
    def paragraphs(self) -> list[ImportedParagraph]:
        return [p for part in self.parts for p in part.paragraphs]
