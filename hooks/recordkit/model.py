"""The corpus as plain data: meetings, their parts and paragraphs, and the shared registries.

Each entity's fields are written once, here. A field read from YAML carries its
kind in the dataclass metadata (`data(...)`): the readers (`entities.read`),
the loader's allowed-field sets, the JSON export and the JSON Schema test all
derive from that one list, so adding a field to the meeting is one line here
plus its data.

Built once per build and never changed after; the indexes a page needs
(paragraphs by speaker, delegation, theme, document) are computed once in
`Corpus.__post_init__` so that rendering N pages never scans every paragraph N times.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

# Field kinds a data file can hold (see entities.py for how each is read).
TEXT, ID, INT, DATE, BOOL, TEXTS, IDS, BLOCKS, ROLE_MAP, ENTRIES, ENTRY = (
    "text", "id", "int", "date", "bool", "texts", "ids", "blocks", "role-map", "entries", "entry",
)


def data(kind: str, *, required: bool = True, default: Any = None, of: type | None = None) -> Any:
    """A field read from a data file or an annotation, of this kind; ENTRIES is a list of mappings,
    each read as the entity `of` (its fields declared the same way), ENTRY one such mapping."""
    meta: dict[str, Any] = {"kind": kind, "required": required}
    if of is not None:
        meta["of"] = of
    if default is None and not required:
        default = {TEXT: "", ID: "", INT: None, BOOL: False, TEXTS: (), IDS: (), ENTRIES: ()}.get(kind)
    if isinstance(default, dict):
        return field(default_factory=dict, metadata=meta)
    return field(default=default, metadata=meta) if not required or default is not None else field(metadata=meta)


@dataclass(frozen=True)
class Body:
    """A UN body whose meetings the site publishes (data/bodies.yml): a meeting's `body` is its id,
    and its listing of meetings is the page /<id>/."""

    id: str = data(ID)
    name: str = data(TEXT)
    short_name: str = data(TEXT)  # for filters and compact lists: "SC"
    description: str = data(TEXT)


@dataclass(frozen=True)
class Member:
    """A member of the Council present at a meeting and its representative, as the record's first
    page lists them (meeting.yml `members:`); the President is listed apart (`president:`)."""

    delegation: str = data(ID)  # delegations.yml id
    representative: str = data(ID)  # speakers.yml id, a speaker whose delegation is `delegation`


# How a decision was taken, and how it came out (decisions.yml).
WITHOUT_VOTE, RECORDED_VOTE, COUNCIL_VOTE = "without-vote", "recorded-vote", "council-vote"
DECISION_METHODS = {WITHOUT_VOTE: "without a vote", RECORDED_VOTE: "by recorded vote",
                    COUNCIL_VOTE: "by a vote of the Council (show of hands)"}
DECISION_RESULTS = {"adopted": "Adopted", "not-adopted": "Not adopted"}
# A delegation's position in a vote, in the order the records list them.
VOTE_POSITIONS = {"in_favour": "In favour", "against": "Against", "abstaining": "Abstaining"}


@dataclass(frozen=True)
class Tally:
    """The counts the record prints ("adopted by 123 votes to 1, with 55 abstentions")."""

    in_favour: int = data(INT)
    against: int = data(INT)
    abstaining: int = data(INT)

    @property
    def text(self) -> str:
        """"123 in favour, 1 against, 55 abstaining", as a reader says it."""
        return f"{self.in_favour} in favour, {self.against} against, {self.abstaining} abstaining"


@dataclass(frozen=True)
class Votes:
    """How each delegation voted, as the record lists them (delegations.yml ids)."""

    in_favour: tuple[str, ...] = data(IDS, required=False)
    against: tuple[str, ...] = data(IDS, required=False)
    abstaining: tuple[str, ...] = data(IDS, required=False)


@dataclass(frozen=True)
class Decision:
    """A decision taken in a meeting (decisions.yml): what, how (without a vote, by recorded vote,
    by a vote of the Council), the result and, for a vote, the tally and each delegation's vote."""

    id: str = data(ID)
    paragraph: str = data(ID)  # the paragraph stating the outcome
    part: str = data(ID)
    method: str = data(ID)  # a DECISION_METHODS key
    result: str = data(ID)  # a DECISION_RESULTS key
    title: str = data(TEXT, required=False)  # what the draft is entitled
    draft: str = data(TEXT, required=False)  # "Draft resolution I", "The amendment contained in A/65/L.53"
    outcome_document: str = data(ID, required=False)  # documents.yml id of the resolution or decision
    reason: str = data(TEXT, required=False)  # "owing to the negative vote of a permanent member"
    tally: Tally | None = data(ENTRY, required=False, of=Tally)
    votes: Votes | None = data(ENTRY, required=False, of=Votes)
    lists: tuple[str, ...] = data(IDS, required=False)  # paragraphs of the vote's lists
    explanations: tuple[str, ...] = data(IDS, required=False)  # first paragraphs of explanations of vote
    # Not from decisions.yml:
    meeting_id: str = ""

    @property
    def is_vote(self) -> bool:
        return self.method != WITHOUT_VOTE

    @property
    def key(self) -> str:
        return f"{self.meeting_id}/{self.id}"

    @property
    def label(self) -> str:
        """"Draft resolution I: Report of the Human Rights Council", or what was decided as printed."""
        subject = self.draft or "Decision"
        return f"{subject}: {self.title}" if self.title and self.title not in subject else subject

    def positions(self) -> list[tuple[str, tuple[str, ...]]]:
        """(position, delegation ids) in the records' order; [] without a vote's lists."""
        if self.votes is None:
            return []
        return [(position, getattr(self.votes, position)) for position in VOTE_POSITIONS]


@dataclass(frozen=True)
class Role:
    id: str = data(ID)
    label: str = data(TEXT)
    plural: str = data(TEXT)
    description: str = data(TEXT)


@dataclass(frozen=True)
class Delegation:
    """A Member State, an observer, a group of States (G77 and China) or an organization (the EU)."""

    id: str = data(ID)
    name: str = data(TEXT)
    kind: str = data(ID)
    names: tuple[str, ...] = data(TEXTS, required=False)  # other forms the records print
    search_terms: tuple[str, ...] = data(TEXTS, required=False)


DELEGATION_KINDS = ("member-state", "observer", "group", "organization")


@dataclass(frozen=True)
class Speaker:
    id: str = data(ID)
    name: str = data(TEXT)
    titles: tuple[str, ...] = data(TEXTS, required=False)
    honorific: str = data(TEXT, required=False)
    collective: bool = data(BOOL, required=False)
    search_terms: tuple[str, ...] = data(TEXTS, required=False)
    delegation: str = data(ID, required=False)

    @property
    def full_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()


@dataclass(frozen=True)
class Theme:
    id: str = data(ID)
    label: str = data(TEXT)
    description: str = data(TEXT)
    synonyms: tuple[str, ...] = data(TEXTS, required=False)


@dataclass(frozen=True)
class Document:
    id: str = data(ID)
    title: str = data(TEXT)
    symbol: str = data(TEXT, required=False)
    url: str = data(TEXT, required=False)  # https://undocs.org/<symbol> when not given
    cited_as: tuple[str, ...] = data(TEXTS, required=False)

    @property
    def label(self) -> str:
        return self.symbol or self.title


@dataclass(frozen=True)
class Correction:
    id: str = data(ID)
    paragraph: str = data(ID)
    original: str = data(TEXT)
    corrected: str = data(TEXT)
    why: str = data(TEXT)


PARAGRAPH_KINDS = ("statement", "decision", "procedural")


@dataclass(frozen=True, slots=True)  # a corpus holds millions
class Paragraph:
    """One paragraph of a record: an annotation line in a part file, then its text."""

    id: str = data(ID)
    speakers: tuple[str, ...] = data(IDS, required=False)
    mentions: tuple[str, ...] = data(IDS, required=False)
    themes: tuple[str, ...] = data(IDS, required=False)
    documents: tuple[str, ...] = data(IDS, required=False)
    aliases: tuple[str, ...] = data(IDS, required=False)  # former ids, still anchors in the page
    delegation: str = data(ID, required=False)  # the delegation the speaker speaks for
    on_behalf_of: tuple[str, ...] = data(IDS, required=False)  # groups the statement is made for
    function: str = data(TEXT, required=False)  # "Vice-President", "Observer", as printed
    language: str = data(TEXT, required=False)  # "Chinese" for "(spoke in Chinese)"
    kind: str = data(ID, required=False, default="statement")
    page: int | None = data(INT, required=False)  # page of the source where it starts
    # Not from the annotation:
    text: str = ""
    number: int = 0
    meeting_id: str = ""
    part_id: str = ""
    opens_statement: bool = True  # the first paragraph of a statement (verbatim records run over several)

    @property
    def key(self) -> str:
        """Unique across the corpus (ids are unique within a meeting)."""
        return f"{self.meeting_id}/{self.id}"


@dataclass(frozen=True)
class Part:
    """A part of a record: a section of a summary, an agenda item of a verbatim record."""

    id: str = data(ID)
    title: str = data(TEXT)
    number: str = data(TEXT, required=False)
    agenda_item: int | None = data(INT, required=False)
    heading: tuple[str, ...] | None = data(BLOCKS, required=False)  # the source's heading blocks
    summary: str = data(TEXT, required=False)
    # Not from the front matter:
    meeting_id: str = ""
    src_uri: str = ""
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def display_title(self) -> str:
        """"II. Opening statements" in a summary, "Agenda item 66: Peacebuilding…" in a verbatim record."""
        if self.agenda_item is not None:
            return f"Agenda item {self.agenda_item}: {self.title}"
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def source_heading(self) -> tuple[str, ...]:
        """The blocks of the source this part's heading reproduces."""
        return self.heading if self.heading is not None else (self.display_title,)

    @property
    def paragraph_range(self) -> str:
        first, last = self.paragraphs[0].number, self.paragraphs[-1].number
        return f"para. {first}" if first == last else f"paras. {first}–{last}"


MEETING_KINDS = ("summary", "verbatim")


@dataclass(frozen=True)
class Meeting:
    id: str = data(ID)
    kind: str = data(ID)
    path: str = data(TEXT)
    source: str = data(TEXT)
    front: tuple[str, ...] = data(BLOCKS)  # the source's first blocks, published as they are
    title: str = data(TEXT)
    short_title: str = data(TEXT)
    body: str = data(ID)  # a data/bodies.yml id
    session: int = data(INT)
    session_label: str = data(TEXT)
    meeting_type: str = data(TEXT)
    date: dt.date = data(DATE)
    place: str = data(TEXT)
    citation_title: str = data(TEXT)
    description: str = data(TEXT)
    parts: tuple[str, ...] = data(IDS)  # part ids in order (= file names)
    participants: dict[str, str] = data(ROLE_MAP, required=False, default={})  # speaker id -> role id
    symbol: str = data(TEXT, required=False)
    meeting_number: int | None = data(INT, required=False)
    time: str = data(TEXT, required=False)
    venue: str = data(TEXT, required=False)
    president: str = data(ID, required=False)
    acting_president: str = data(ID, required=False)
    convener: str = data(ID, required=False)
    members: tuple[Member, ...] = data(ENTRIES, required=False, of=Member)  # the Council's members present
    documents: tuple[str, ...] = data(IDS, required=False)
    interventions_from_floor: int | None = data(INT, required=False)
    imported_from: str = data(TEXT, required=False)
    # Not from meeting.yml:
    sections: tuple[Part, ...] = ()
    corrections: tuple[Correction, ...] = ()
    decisions: tuple[Decision, ...] = ()  # decisions.yml, in record order

    @property
    def title_in_sentence(self) -> str:
        """"Informal meeting of ..." as it reads inside a sentence: "the informal meeting of ..."."""
        return "the " + self.title[:1].lower() + self.title[1:]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for part in self.sections for p in part.paragraphs]

    @property
    def statements(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.speakers and p.opens_statement]

    @property
    def decision_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "decision"]

    @property
    def votes(self) -> list[Decision]:
        return [d for d in self.decisions if d.is_vote]

    @property
    def presiding(self) -> str:
        return self.president or self.convener


def fields_of(entity: type) -> dict[str, dict[str, Any]]:
    """name -> {kind, required} for every field of `entity` read from data."""
    return {f.name: dict(f.metadata) for f in fields(entity) if "kind" in f.metadata}


@dataclass
class Corpus:
    """Every meeting with the shared registries and the indexes across meetings."""

    meetings: tuple[Meeting, ...]  # newest first
    roles: dict[str, Role]
    speakers: dict[str, Speaker]
    delegations: dict[str, Delegation]
    themes: dict[str, Theme]
    documents: dict[str, Document]
    bodies: dict[str, Body]
    by_speaker: dict[str, list[Paragraph]] = field(init=False)
    by_mention: dict[str, list[Paragraph]] = field(init=False)
    by_delegation: dict[str, list[Paragraph]] = field(init=False)
    by_theme: dict[str, list[Paragraph]] = field(init=False)
    by_document: dict[str, list[Paragraph]] = field(init=False)
    meeting_by_id: dict[str, Meeting] = field(init=False)
    meetings_by_body: dict[str, list[Meeting]] = field(init=False)  # body id -> its meetings, newest first
    part_by_src: dict[str, Part] = field(init=False)
    part_of: dict[str, Part] = field(init=False)  # paragraph key -> its part
    corrections_by_paragraph: dict[str, list[Correction]] = field(init=False)
    # paragraph key -> the decision it states; delegation id -> (vote, position), newest meeting first
    decision_at: dict[str, Decision] = field(init=False)
    votes_by_delegation: dict[str, list[tuple[Decision, str]]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_speaker, self.by_mention, self.by_delegation = defaultdict(list), defaultdict(list), defaultdict(list)
        self.by_theme, self.by_document = defaultdict(list), defaultdict(list)
        self.meeting_by_id = {m.id: m for m in self.meetings}
        self.meetings_by_body = defaultdict(list)
        for meeting in self.meetings:
            self.meetings_by_body[meeting.body].append(meeting)
        self.part_by_src = {part.src_uri: part for m in self.meetings for part in m.sections}
        self.part_of = {}
        self.corrections_by_paragraph = defaultdict(list)
        for meeting in self.meetings:
            for correction in meeting.corrections:
                self.corrections_by_paragraph[f"{meeting.id}/{correction.paragraph}"].append(correction)
            for part in meeting.sections:
                for paragraph in part.paragraphs:
                    self._index(part, paragraph)
        self.decision_at, self.votes_by_delegation = {}, defaultdict(list)
        for meeting in self.meetings:
            for decision in meeting.decisions:
                self.decision_at[f"{meeting.id}/{decision.paragraph}"] = decision
                for position, delegation_ids in decision.positions():
                    for delegation_id in delegation_ids:
                        self.votes_by_delegation[delegation_id].append((decision, position))

    def _index(self, part: Part, paragraph: Paragraph) -> None:
        self.part_of[paragraph.key] = part
        for speaker_id in paragraph.speakers:
            self.by_speaker[speaker_id].append(paragraph)
        for speaker_id in paragraph.mentions:
            self.by_mention[speaker_id].append(paragraph)
        for delegation_id in dict.fromkeys((paragraph.delegation, *paragraph.on_behalf_of)):
            if delegation_id:
                self.by_delegation[delegation_id].append(paragraph)
        for theme_id in paragraph.themes:
            self.by_theme[theme_id].append(paragraph)
        for document_id in paragraph.documents:
            self.by_document[document_id].append(paragraph)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for meeting in self.meetings for p in meeting.paragraphs]

    def meeting_of(self, paragraph: Paragraph) -> Meeting:
        return self.meeting_by_id[paragraph.meeting_id]

    def body_of(self, meeting: Meeting) -> Body:
        return self.bodies[meeting.body]

    @property
    def bodies_with_meetings(self) -> list[Body]:
        """The bodies that have meetings on the site, in the registry's order: each has its listing page."""
        return [body for body in self.bodies.values() if self.meetings_by_body.get(body.id)]

    def themes_in(self, paragraphs: Iterable[Paragraph]) -> list[Theme]:
        """The themes of these paragraphs, each once, in order of first appearance."""
        seen: dict[str, Theme] = {}
        for paragraph in paragraphs:
            for theme_id in paragraph.themes:
                seen.setdefault(theme_id, self.themes[theme_id])
        return list(seen.values())

    def speakers_of(self, paragraphs: Iterable[Paragraph]) -> list[Speaker]:
        seen: dict[str, Speaker] = {}
        for paragraph in paragraphs:
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

    def corrections_of(self, paragraph: Paragraph) -> list[Correction]:
        return self.corrections_by_paragraph.get(paragraph.key, [])

    def role_in(self, meeting: Meeting, speaker_id: str) -> Role | None:
        role_id = meeting.participants.get(speaker_id)
        return self.roles.get(role_id) if role_id else None

    def statement_runs(self, paragraphs: Iterable[Paragraph]) -> list[list[Paragraph]]:
        """`paragraphs` (in record order) cut into statements: a verbatim statement runs over several
        paragraphs; a run also starts where the list skips a paragraph (a statement made on a
        group's behalf from its third paragraph on is that group's from there)."""
        runs: list[list[Paragraph]] = []
        for paragraph in paragraphs:
            previous = runs[-1][-1] if runs else None
            continues = (previous is not None and not paragraph.opens_statement
                         and (previous.meeting_id, previous.part_id) == (paragraph.meeting_id, paragraph.part_id)
                         and previous.number + 1 == paragraph.number)
            if continues:
                runs[-1].append(paragraph)
            else:
                runs.append([paragraph])
        return runs

    def statements(self, paragraphs: Iterable[Paragraph]) -> list[Paragraph]:
        """The first paragraph of each statement among `paragraphs` (see `statement_runs`)."""
        return [run[0] for run in self.statement_runs(paragraphs)]
