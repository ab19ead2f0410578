"""A UN General Assembly verbatim record (PDF, A/<session>/PV.<n>) as an `ImportedMeeting`.

Reads `pdf_text.read_pdf`'s blocks in order:
- page-1 header blocks -> the meeting's facts (symbol, session, meeting number, date, time,
  place, President) and `front`;
- bold blocks -> part headings (an agenda item and its titles, or a heading such as a tribute);
- a block opening with a bold speaker (`Mr. Kimani (Kenya):`, `The President:`,
  `Mr. Dai Bing (China) (spoke in Chinese):`) -> a statement; the blocks after it, up to the
  next speaker or heading, carry the same speaker and delegation;
- italic blocks -> decisions ("… was adopted (resolution 76/305).", "It was so decided.") or
  procedural notes (the meeting called to order / rose, a Vice-President took the Chair, a
  minute of silence); other italics (a citation under a quotation) stay in the statement.

Speakers are resolved SayIt-style: a printed name + delegation is matched to the registry
(the delegation is the stable key, printed names are surnames); "The President" and "The
Acting President" are the people in the Chair at that point of this meeting. Whatever is
new or uncertain goes to the review list, one line per thing to check.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..slug import slugify
from .decisions import read_decisions
from .header import Header, Person, check_session, ordinal, read_header
from .imported import (
    ImportedMeeting,
    ImportedParagraph,
    ImportedPart,
    Member,
    NewDocument,
)
from .names import GROUPS, Resolver, role_for
from .officials import TITLES, holder
from .pdf_text import SPEAKER_START, Block, PdfText, read_pdf
from .registry import Registry
from .turns import (
    DECISION,
    PROCEDURAL,
    SPOKE_ONLY,
    SpeakerLine,
    is_function,
    is_heading,
    is_stage_note,
    opens_turn,
    proper_name,
    read_speaker_line,
)
from .words import MONTHS, fold

TOOK_CHAIR = re.compile(
    r"(?:In the absence of the President, )?(?P<hon>Mr|Mrs|Ms|Miss|Dr)\.? (?P<name>[^(]+?) "
    r"\((?P<country>[^()]+)\), Vice-President, took the Chair"
)
RESUMED_CHAIR = re.compile(r"^The President (?:returned to|resumed) the Chair")
# The Council's President speaking for his country: "I shall now make a statement in my capacity
# as the representative of Poland."
CAPACITY = re.compile(
    r"\bin my (?:national )?capacity as (?:the )?representative of (?:the )?(?P<country>[A-Z][^.,;:]+)"
)
AGENDA = re.compile(r"^Agenda items? (?P<num>\d+(?:(?:,| and| to) \d+)*)", re.I)
ON_BEHALF = re.compile(
    r"\b(?:I|we)\b[^.;]{0,80}?\b(?:speak|speaking|deliver|delivering|make|making|take the floor|statement)"
    r"[^.;]{0,60}?\bon behalf of (?:the )?(?:States members of (?:the )?)?(?P<group>"
    + "|".join(map(re.escape, GROUPS))
    + r")",
    re.I,
)
NOT_BEHALF = re.compile(r"\b(?:before|associates?|align|aligns|delivered by|made by|representative of)\b", re.I)
# First parts of compounds whose hyphen stays at a line end when the evidence is silent.
KEEP_HYPHEN = {
    "self",
    "non",
    "co",
    "ex",
    "vice",
    "under",
    "well",
    "long",
    "cross",
    "high",
    "follow",
    "so",
    "full",
    "post",
    "pre",
    "anti",
    "ever",
    "multi",
    "semi",
    "mid",
    "cost",
    "all",
    "short",
    "top",
    "far",
}
DOC_SYMBOL = re.compile(
    r"\bA/(?:RES/|INF/)?\d{2,3}/(?:L\.\d+(?:/Rev\.\d+)?(?:/Add\.\d+)?|\d+(?:/Add\.\d+)?(?:/Rev\.\d+)?)"
    r"|\bS/\d{4}/\d+(?:/Rev\.\d+)?"
)
# The Council's resolutions are cited with their year: "resolution 2448 (2018)".
COUNCIL_RESOLUTION = re.compile(r"\bresolutions? (\d{1,4}) \((\d{4})\)")
RESOLUTIONS = re.compile(r"\bresolutions? ((?:\d{2,3}/\d+(?: [A-Z]\b)?(?:, | and |,? and )?)+)")
RESOLUTION_NUMBER = re.compile(r"(\d{2,3})/(\d+)(?: ([A-Z])\b)?")
STOPWORDS = set(
    ["a", "an", "and", "the", "of", "on", "in", "to", "for", "at", "by", "with", "its", "their", "from", "as"]
)


def import_verbatim(path: Path, *, registry: Registry, meeting_id: str = "") -> ImportedMeeting:
    """Read a verbatim record PDF; SourceError (file, page) for anything that is not one."""
    return build_meeting(read_pdf(path), registry=registry, meeting_id=meeting_id)


def build_meeting(pdf: PdfText, *, registry: Registry, meeting_id: str = "") -> ImportedMeeting:
    """The meeting from already extracted text (tests extract each PDF once)."""
    header = read_header([block.text for block in pdf.front], pdf.furniture, pdf.file)
    builder = _Builder(pdf, registry, header)
    return builder.meeting(meeting_id or meeting_id_for(header.symbol))


def meeting_id_for(symbol: str) -> str:
    """A/76/PV.102 -> a-76-pv-102, S/PV.8422 -> s-pv-8422 (the contract's verbatim meeting ids)."""
    return slugify(symbol)


# --- dehyphenation ------------------------------------------------------------------------


WORD = re.compile(r"[^\W\d_][\w’'-]*")


def vocabulary(pdf: PdfText) -> Counter[str]:
    """Words as printed inside lines (never a line's broken last word), lower case."""
    words: Counter[str] = Counter()
    for block in [*pdf.front, *pdf.blocks]:
        for line in block.lines:
            tokens = WORD.findall(line.text)
            if tokens and line.text.endswith("-"):
                tokens = tokens[:-1]
            words.update(t.lower().rstrip("-") for t in tokens)
    return words


def fold_block(text: str, words: Counter[str]) -> tuple[str, list[str]]:
    """A block's lines as one paragraph text; line-end hyphens resolved. Returns (text, doubts).

    The rule (documented for the editor): a hyphen at a line end between two letters
    1. goes when the joined word is printed elsewhere in the record and the hyphenated one is not;
    2. stays when the hyphenated word is printed elsewhere ("peace-building" as printed);
    3. stays when the next part starts with a capital ("Secretary-\\nGeneral", "Vice-\\nPresident");
    4. otherwise stays after a compound's first part (co-, non-, self-, vice-…) and goes elsewhere,
       and these guesses are listed for review."""
    lines = text.split("\n")
    out, doubts = lines[0], []
    for line in lines[1:]:
        match = re.search(r"([^\W\d_][\w’'-]*)-$", out)
        following = WORD.match(line)
        if not match or not following or not out[-2].isalpha():
            if out.endswith("-") and following and len(out) > 1 and out[-2].isdigit():
                # The contract resolves line-end hyphens between letters only: "P5-\nlevel" reads "P5- level".
                doubts.append(
                    f"'{out.split()[-1]}/{following.group(0)}' published as '{out.split()[-1]} "
                    f"{following.group(0)}' (a hyphen after a digit); a correction can join it"
                )
            out = f"{out} {line}"
            continue
        keep, doubt = _keep_hyphen(match.group(1), following.group(0).rstrip("-"), words)
        out = out + line if keep else out[:-1] + line
        if doubt:
            doubts.append(f"'{match.group(1)}-/{following.group(0)}' {doubt}")
    return fold(out), doubts


def _keep_hyphen(left: str, right: str, words: Counter[str]) -> tuple[bool, str]:
    joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
    if joined in words and hyphenated not in words:
        return False, ""
    if hyphenated in words:
        return True, "" if joined not in words else "kept (both spellings occur in the record)"
    if right[:1].isupper():
        return True, ""  # "Secretary-\nGeneral", "Vice-\nPresident"
    if left.lower().split("-")[-1] in KEEP_HYPHEN:
        return True, f"kept as '{left}-{right}' (compound guessed, neither spelling elsewhere)"
    return False, f"joined as '{left}{right}' (neither spelling elsewhere)"


# --- the record's structure --------------------------------------------------------------


@dataclass
class _Statement:
    speaker: str
    delegation: str
    on_behalf_of: list[str]


class _Builder:
    """Walks the blocks once, building parts, paragraphs, documents and the review list."""

    def __init__(self, pdf: PdfText, registry: Registry, header: Header) -> None:
        self.pdf, self.registry, self.header = pdf, registry, header
        self.council = header.body.counts_in == "year"
        self.resolver = Resolver(registry)
        self.words = vocabulary(pdf)
        self.review: list[str] = []
        self.participants: dict[str, str] = {}
        self.margins = _margins(pdf.blocks)
        title = header.body.president_title.format(label=header.session_label)
        self.president = self._header_person(header.president, (title,) if title else ())
        self.participants[self.president] = "president"
        self.members = [Member(self.resolver.delegation(m.country), self._header_person(m, ()))
                        for m in header.members]
        self.acting = ""  # the Vice-President in the Chair, once one took it
        self.first_acting = ""
        self.statement: _Statement | None = None
        self.parts: list[ImportedPart] = []
        self.count = 0
        self.statements = 0
        self._source_blocks: list[str] = []
        self._source_headings: dict[str, list[str]] = {}  # part id -> its heading's blocks as printed
        self._new_documents: dict[str, NewDocument] = {}
        self._all_text = " ".join(fold_block(b.text, self.words)[0] for b in pdf.blocks)
        self._theme_patterns = [(theme.id, _terms_pattern((theme.label, *theme.synonyms))) for theme in registry.themes]

    def _header_person(self, person: Person, titles: tuple[str, ...]) -> str:
        """A person page 1 names (the President, a Council member's representative): the full name."""
        delegation = self.resolver.delegation(person.country)
        speaker = self.resolver.person(person.honorific, proper_name(person.name), delegation, titles)
        self.participants.setdefault(speaker, "representative")
        return speaker

    # The walk ----------------------------------------------------------------------------

    def meeting(self, meeting_id: str) -> ImportedMeeting:
        self._part([])
        blocks = _merge_vote_lists(_merge_language_notes(self.pdf.blocks), self.margins)
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if is_heading(block, after_heading=False):
                group = [block]
                while index + 1 < len(blocks) and is_heading(blocks[index + 1], after_heading=True):
                    index += 1
                    group.append(blocks[index])
                self._part(group)
            else:
                self._paragraph(block)
            index += 1
        if not self.parts[0].paragraphs and not self.parts[0].heading:
            self.parts.pop(0)
        return self._meeting(meeting_id)

    def _part(self, heading: list[Block]) -> None:
        title, number, agenda = self._heading_facts(heading)
        taken = {p.id for p in self.parts}
        base = _part_slug(re.sub(r"^\([a-z]+\) ", "", title)) if heading else "opening"
        part_id, n = base, 2
        while part_id in taken:
            part_id, n = f"{base}-{n}", n + 1
        # Published as read ("follow-\nup" reads "follow-up"); source.txt keeps the printed lines.
        printed = [fold_block(b.text, self.words)[0] for b in heading]
        part = ImportedPart(id=part_id, title=title, heading=printed, number=number, agenda_item=agenda)
        self._source_headings[part_id] = [b.text for b in heading]
        self.parts.append(part)
        self.statement = None  # a heading ends the statement before it

    def _heading_facts(self, heading: list[Block]) -> tuple[str, str, int | None]:
        if not heading:
            return "Opening of the meeting", "", None
        agenda = AGENDA.match(fold(heading[0].text))
        number = agenda.group("num") if agenda else ""
        item = int(number) if number.isdigit() else None
        titles: list[str] = []
        subs: list[str] = []
        for block in heading[1:] if agenda else heading:
            indent = block.lines[0].x0 - self.margins.get(block.lines[0].column, 0)
            if indent <= 3:
                titles.append(fold_block(block.text, self.words)[0])
            elif indent <= 12 and not subs:
                subs.append(fold_block(block.text, self.words)[0])  # "(b) Follow-up to…": the sub-item considered
        title = "; ".join(titles) or (subs[0] if subs else fold(heading[-1].text))
        if subs and len(titles) == 1:
            title = f"{title}: {subs[0]}"
        return _unshout(title), number, item

    def _paragraph(self, block: Block) -> None:
        text, doubts = fold_block(block.text, self.words)
        self.count += 1
        label = f"p{self.count} (page {block.page})"
        for doubt in doubts:
            self.review.append(f"Hyphen at a line end, {label}: {doubt} — check against the PDF.")
        paragraph = ImportedParagraph(text=text, page=block.page)
        spoke = SPOKE_ONLY.match(block.lines[0].text)
        if spoke and len(block.lines) > 1:
            paragraph.language = spoke.group(1).capitalize()  # "(spoke in English)" opening a paragraph
        if opens_turn(block):
            self._intro(paragraph, block, label)
        elif block.bold_prefix and SPEAKER_START.match(block.text) and block.style != "bold":
            self._unreadable(paragraph, block, label)
        elif block.style == "italic" or (block.style == "bold" and is_stage_note(text)) or VOTE_LIST.match(text):
            # Stage notes: italic; bold in 1993; a vote's list in roman after its label (1993).
            self._note(paragraph, block, label)
        else:
            self._continuation(paragraph, label)
        paragraph.documents = self._documents(text)
        paragraph.themes = self._themes(text)
        self.parts[-1].paragraphs.append(paragraph)
        self._source_blocks.append(block.text)

    def _unreadable(self, paragraph: ImportedParagraph, block: Block, label: str) -> None:
        """A speaker line this importer cannot read: published without a speaker, listed for review,
        never attributed to the speaker before it."""
        self.statement = None
        self.review.append(f"Speaker line not read, {label}, line 1: {block.lines[0].text!r} — the paragraph and "
                           "those after it have no speaker until the next speaker line; add `speakers:`.")

    def _note(self, paragraph: ImportedParagraph, block: Block, label: str) -> None:
        text = paragraph.text
        chair = TOOK_CHAIR.search(text)
        if chair:
            delegation = self.resolver.delegation(chair.group("country"))
            self.acting = self.resolver.person(
                chair.group("hon") + ".", chair.group("name"), delegation, ("Vice-President of the General Assembly",)
            )
            self.first_acting = self.first_acting or self.acting
            self.participants[self.acting] = "acting-president"
            self.review.append(
                f"Chair, {label}: '{text}' — 'The Acting President' from here on is {self.acting}; check."
            )
        if RESUMED_CHAIR.search(text):
            self.acting = ""
        if DECISION.search(text):
            paragraph.kind = "decision"
            if text != "It was so decided.":
                self.review.append(f"Decision, {label}: '{text}' — check it is complete and its documents.")
        elif PROCEDURAL.search(text) or self.statement is None:
            paragraph.kind = "procedural"
        else:
            # An italic line inside a statement (a quotation's reference): the speaker's words.
            self._continuation(paragraph, label)
            self.review.append(
                f"Italic text kept in the statement, {label}: '{text[:60]}' — check it is "
                "the speaker's and not a stage note."
            )

    def _intro(self, paragraph: ImportedParagraph, block: Block, label: str) -> None:
        line = read_speaker_line(paragraph.text)
        assert line is not None  # opens_turn read it
        self.statements += 1
        paragraph.language = line.language
        if line.chair:
            self._chair_statement(paragraph, line.chair, label)
            return
        if line.title:
            self._office_holder(paragraph, line.title, label)
            return
        who = line.name
        # "(Under-Secretary-General for Political Affairs)": a briefer's function, not a delegation.
        function, printed = (line.delegation, "") if is_function(line.delegation) else (line.function, line.delegation)
        if not printed:
            self._known_speaker(paragraph, line, function, label)
            return
        delegation = self.resolver.delegation(printed)
        before = len(self.resolver.new_speakers)
        speaker = self.resolver.person(line.honorific, who, delegation, (function,) if function else ())
        if len(self.resolver.new_speakers) > before:
            self.review.append(
                f"New speaker, {label}: {speaker} — '{line.text}': not in the registry; add the full name and titles."
            )
        self.participants.setdefault(speaker, role_for(self.resolver.kinds.get(delegation, "member-state")))
        self.statement = _Statement(speaker, delegation, [])
        paragraph.function = function
        self._attribute(paragraph)

    def _office_holder(self, paragraph: ImportedParagraph, title: str, label: str) -> None:
        """ "The Secretary-General:": whoever held the office on the meeting's date (officials.py)."""
        office = "The Deputy Secretary-General" if "deputy" in title.casefold() else "The Secretary-General"
        held = holder(office, self.header.date)
        if held is None:
            self.statement = None
            self.review.append(f"Office holder unknown, {label}: '{title}' on {self.header.date} — add `speakers:`.")
            return
        speaker = self.resolver.person(held.honorific, held.name, "", (TITLES[office],))
        self.participants.setdefault(speaker, "official")
        self.statement = _Statement(speaker, "", [])
        self._attribute(paragraph)

    def _known_speaker(self, paragraph: ImportedParagraph, line: SpeakerLine, function: str, label: str) -> None:
        """A speaker line without a delegation ("Mr. Briz Gutiérrez:"): the one speaker of that name
        seen earlier in the meeting (a Vice-President in the Chair, a speaker resuming); else someone
        who speaks for no delegation (a briefer in the Council, an official), new to the meeting."""
        printed = line.text
        seen = self.resolver.seen(line.name)
        if seen is None:
            before = len(self.resolver.new_speakers)
            speaker = self.resolver.person(line.honorific, line.name, "", (function,) if function else ())
            new = len(self.resolver.new_speakers) > before
            self.participants.setdefault(speaker, "official")
            self.statement = _Statement(speaker, "", [])
            paragraph.function = function
            self.review.append(f"Speaker without a delegation, {label}: '{printed}' — no one of that name spoke "
                               f"before in this meeting: taken as {speaker}{' (new)' if new else ''}, speaking for "
                               "no delegation (a briefer, an official); check, and add the full name and titles.")
            self._attribute(paragraph)
            return
        speaker, delegation = seen
        if speaker in (self.acting, self.president):
            delegation = ""  # the Chair speaks for the Assembly
        self.statement = _Statement(speaker, delegation, [])
        self.review.append(f"Speaker without a delegation, {label}: '{printed}' — taken as {speaker}, who "
                           "spoke or took the Chair earlier in this meeting; check.")
        self._attribute(paragraph)

    def _chair_statement(self, paragraph: ImportedParagraph, chair: str, label: str) -> None:
        """ "The President" is whoever is in the Chair: a Vice-President who took it is "The
        Acting President" since the 2000s but "The PRESIDENT" in the 1990s records."""
        if chair == "The Acting President" and not self.acting:
            self.statement = None
            self.review.append(f"Acting President unknown, {label}: 'The Acting President' speaks but no "
                               "Vice-President took the Chair before; the paragraph has no speaker: add `speakers:`.")
            return
        self.statement = _Statement(self.acting or self.president, "", [])
        self._attribute(paragraph)

    def _capacity_country(self, printed: str) -> str:
        """ "Côte d’Ivoire and on behalf of the three African members": the President's own country
        where the words open with it, else the words up to "and" / "on behalf"."""
        country = self.header.president.country
        if fold(printed).casefold().startswith(country.casefold()):
            return country
        return re.split(r"\s+(?:and|on behalf)\b", printed.strip())[0]

    def _continuation(self, paragraph: ImportedParagraph, label: str) -> None:
        if self.statement is None:
            self.review.append(
                f"No speaker, {label}: '{paragraph.text[:60]}' — a paragraph before any speaker line; check who speaks."
            )
            return
        self._attribute(paragraph)

    def _attribute(self, paragraph: ImportedParagraph) -> None:
        assert self.statement is not None
        capacity = CAPACITY.search(paragraph.text) if self.statement.speaker == self.president else None
        if capacity and self.council:
            # The Council's President speaks for his country from here to the end of his turn.
            self.statement.delegation = self.resolver.delegation(self._capacity_country(capacity.group("country")))
        if self.statement.delegation:
            # From the paragraph that says so: "I now speak on behalf of the Group of 77 and China".
            behalf = self._on_behalf(paragraph.text, self.statement.delegation, f"p{self.count}")
            self.statement.on_behalf_of = behalf or self.statement.on_behalf_of
        paragraph.speakers = [self.statement.speaker]
        paragraph.delegation = self.statement.delegation
        paragraph.on_behalf_of = list(self.statement.on_behalf_of)

    def _on_behalf(self, text: str, delegation: str, label: str) -> list[str]:
        groups: list[str] = []
        for match in ON_BEHALF.finditer(text):
            context = text[max(0, match.start() - 20) : match.end()]
            if NOT_BEHALF.search(context):
                continue  # "before I speak on behalf of…", "the statement delivered by X on behalf of…"
            group = self.resolver.delegation(GROUPS[_group_key(match.group("group"))])
            if group != delegation and group not in groups:
                groups.append(group)
                self.review.append(
                    f"On behalf of, {label}: '{match.group(0)}' — this and the statement's next "
                    f"paragraphs are marked on behalf of {group}; check."
                )
        return groups

    # Documents and themes ---------------------------------------------------------------

    def _documents(self, text: str) -> list[str]:
        return [self._document(symbol) for symbol in _symbols(text)]

    def _document(self, symbol: str) -> str:
        known = self.registry.document_by_symbol(symbol)
        if known:
            return known.id
        doc_id = slugify(symbol)
        if doc_id not in self._new_documents:
            self._new_documents[doc_id] = NewDocument(
                id=doc_id, symbol=symbol, title=self._document_title(symbol), cited_as=_cited_as(symbol)
            )
        return doc_id

    def _document_title(self, symbol: str) -> str:
        text = self._all_text
        sym = re.escape(symbol)
        for block in (fold(b.text) for b in self.pdf.blocks if is_heading(b, after_heading=False)):
            heading = re.match(rf"^(.+?) \({sym}\)$", block)
            if heading and not heading.group(1).lower().startswith("draft"):
                return f"{heading.group(1)} ({symbol})"
        kind = re.search(rf"\b([Dd]raft (?:resolution|decision))s? \(?{sym}", text)
        entitled = re.search(rf"{sym}\)?,? entitled “([^”]+)”", text)
        if symbol.startswith("S/RES/"):
            number, year = symbol.removeprefix("S/RES/").rstrip(")").split("(")
            return f"Security Council resolution {number} ({year})"
        if symbol.startswith("A/RES/"):
            number = symbol.removeprefix("A/RES/")
            adopted = re.search(rf"([Dd]raft resolution (A/\S+?)) was adopted \(resolution {re.escape(number)}\)", text)
            name = re.search(rf"{re.escape(adopted.group(2))}\)?,? entitled “([^”]+)”", text) if adopted else None
            return f"General Assembly resolution {number}" + (f", {name.group(1).rstrip('.,')}" if name else "")
        label = kind.group(1).capitalize() if kind else "Document"
        return f"{label} {symbol}" + (f", “{entitled.group(1)}”" if entitled else "")

    def _themes(self, text: str) -> list[str]:
        return [theme_id for theme_id, pattern in self._theme_patterns if pattern.search(text)]

    # The meeting -----------------------------------------------------------------------

    def _meeting(self, meeting_id: str) -> ImportedMeeting:
        f = self.header
        body, counted = f.body.name, f.body.counts_in
        front = [b.text for b in self.pdf.front]
        source = list(front)
        index = 0
        for part in self.parts:
            source.extend(self._source_headings.get(part.id, part.heading))
            for _ in part.paragraphs:
                source.append(self._source_blocks[index])
                index += 1
        documents = self._meeting_documents()
        date = f"{f.date.day} {MONTHS[f.date.month - 1]} {f.date.year}"
        meeting = ImportedMeeting(
            id=meeting_id,
            kind="verbatim",
            source_text="\n\n".join(source) + "\n",
            imported_from=self.pdf.file,
            front=front,
            title=f"{body}, {ordinal(f.session)} {counted}, {f.meeting_type}",
            short_title=f"{f.symbol}, {date}",
            body=f.body.id,
            session=f.session,
            session_label=f.session_label,
            meeting_type=f.meeting_type,
            date=f.date,
            place=f.place,
            citation_title=f"{body}, {f.meeting_type}, {f.symbol} ({date})",
            description=self._description(date),
            parts=self.parts,
            participants=self.participants,
            symbol=f.symbol,
            meeting_number=f.meeting_number,
            time=f.time,
            president=self.president,
            acting_president=self.first_acting,
            documents=documents,
            members=self.members,
            new_speakers=self.resolver.new_speakers,
            new_delegations=self.resolver.new_delegations,
            new_documents=list(self._new_documents.values()),
        )
        chair = {self.president, *(s for s, role in self.participants.items() if role == "acting-president")}
        meeting.decisions = read_decisions(self.parts, council=self.council, delegation=self.resolver.delegation,
                                           chair=chair, file=self.pdf.file, known=self._state_names())
        self._decision_documents(meeting)
        meeting.review = self._summary_review(meeting) + self.review
        return meeting

    def _state_names(self) -> set[str]:
        return {name for d in self.registry.delegations for name in (d.name, *d.names)}

    def _decision_documents(self, meeting: ImportedMeeting) -> None:
        """A decision's resolution or decision number as a document of the meeting."""
        for decision in meeting.decisions:
            if decision.outcome and decision.outcome_kind == "resolution":
                symbol = (f"S/RES/{decision.outcome.replace(' ', '')}" if self.council
                          else f"A/RES/{decision.outcome.replace(' ', '')}")
                document = self._document(symbol)
                if document not in meeting.documents:
                    meeting.documents.append(document)

    def _description(self, date: str) -> str:
        f = self.header
        titles = [p.title for p in self.parts if p.heading and p.title != "Adoption of the agenda"]
        more = " and other items" if len(titles) > 3 else ""
        return (
            f"Verbatim record of the {f.meeting_type} of the {f.body.name} "
            f"({f.session_label}), {f.place}, {date}: " + "; ".join(titles[:3]) + more + "."
        )

    def _meeting_documents(self) -> list[str]:
        ids: list[str] = []
        for part in self.parts:
            texts = [fold(h) for h in part.heading] + [p.text for p in part.paragraphs if p.kind == "decision"]
            for text in texts:
                for doc in self._documents(text):
                    if doc not in ids:
                        ids.append(doc)
        return ids

    def _summary_review(self, meeting: ImportedMeeting) -> list[str]:
        lines = check_session(self.header)
        president = self.header.president
        if any(sp.id == self.president for sp in meeting.new_speakers):
            lines.append(
                f"New speaker: {self.president} — the President, '{president.name}' "
                f"({president.country}) from the header: not in the registry; check the id."
            )
        votes = [d for d in meeting.decisions if d.method != "without-vote"]
        for decision in votes:
            tally = ", ".join(f"{decision.tally[p]} {p.replace('_', ' ')}" for p in decision.tally)
            lines.append(f"Vote {decision.id} ({decision.subject}): {tally}, {decision.result}; "
                         f"{len(decision.explanations)} explanations of vote found — check them.")
        so_decided = [p for p in meeting.paragraphs if p.text == "It was so decided."]
        if so_decided:
            lines.append(
                f"Decisions: {len(so_decided)} × 'It was so decided.' marked as decisions — check none is a stage note."
            )
        for delegation in meeting.new_delegations:
            lines.append(
                f"New delegation: {delegation.id} — '{delegation.name}' as {delegation.kind}; check the "
                "kind and add other printed forms (names)."
            )
        for document in meeting.new_documents:
            lines.append(
                f"New document: {document.id} ({document.symbol}) titled '{document.title}' — check the title."
            )
        for part in meeting.parts:
            bare = [p for p in part.paragraphs if not p.themes and p.kind == "statement"]
            if bare:
                lines.append(
                    f"No theme suggested in part '{part.id}' for {len(bare)} of {len(part.paragraphs)} "
                    "paragraphs — add themes where one fits."
                )
        return lines

    def counts(self, meeting: ImportedMeeting) -> dict[str, int]:
        paragraphs = meeting.paragraphs
        return {
            "parts": len(meeting.parts),
            "paragraphs": len(paragraphs),
            "statements": self.statements,
            "speakers": len({s for p in paragraphs for s in p.speakers}),
            "speakers matched": self.resolver.matched_count(),
            "speakers new": len(meeting.new_speakers),
            "delegations new": len(meeting.new_delegations),
            "documents": len({d for p in paragraphs for d in p.documents} | set(meeting.documents)),
            "documents new": len(meeting.new_documents),
            "decision paragraphs": sum(p.kind == "decision" for p in paragraphs),
            "decisions": len(meeting.decisions),
            "votes": sum(d.method != "without-vote" for d in meeting.decisions),
        }


def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words, case-insensitive, any spacing: a theme's label and synonyms."""
    alternatives = [r"\s+".join(map(re.escape, t.split())) for t in terms if t.strip()]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


def _group_key(printed: str) -> str:
    return next(k for k in GROUPS if k.lower() == printed.lower())


def _symbols(text: str) -> list[str]:
    found: list[str] = []
    for match in DOC_SYMBOL.finditer(text):
        symbol = match.group(0)
        if symbol not in found:
            found.append(symbol)
    for match in COUNCIL_RESOLUTION.finditer(text):
        symbol = f"S/RES/{match.group(1)}({match.group(2)})"
        if symbol not in found:
            found.append(symbol)
    for match in RESOLUTIONS.finditer(text):
        for number in RESOLUTION_NUMBER.finditer(match.group(1)):
            symbol = f"A/RES/{number.group(1)}/{number.group(2)}{number.group(3) or ''}"
            if symbol not in found:
                found.append(symbol)
    return found


def _cited_as(symbol: str) -> list[str]:
    if symbol.startswith("S/RES/"):
        number, year = symbol.removeprefix("S/RES/").rstrip(")").split("(")
        return [symbol, f"resolution {number} ({year})"]
    if symbol.startswith("A/RES/"):
        return [symbol, symbol.removeprefix("A/RES/")]
    return [symbol]


def _part_slug(title: str) -> str:
    words = [w for w in slugify(title).split("-") if w and w not in STOPWORDS]
    return "-".join(words[:6]) or "part"


def _margins(blocks: list[Block]) -> dict[int, float]:
    margins: dict[int, float] = {}
    for block in blocks:
        for line in block.lines:
            margins[line.column] = min(margins.get(line.column, line.x0), line.x0)
    return margins


def _merge_language_notes(blocks: list[Block]) -> list[Block]:
    """'(spoke in English)' on its own line opens the paragraph after it: one block."""
    merged: list[Block] = []
    for block in blocks:
        if merged and SPOKE_ONLY.match(fold(merged[-1].text)) and block.style != "bold" and not block.bold_prefix:
            merged[-1] = Block(merged[-1].lines + block.lines, block.style)
        else:
            merged.append(block)
    return merged


VOTE_LABEL = re.compile(r"^(?:In favour|Against|Abstaining|Abstentions|Abstention):$")
VOTE_LIST = re.compile(r"^(?:In favour|Against|Abstaining|Abstentions|Abstention):")


def _merge_vote_lists(blocks: list[Block], margins: dict[int, float]) -> list[Block]:
    """A column's label on its own line ("In favour:", italic) and its list of States below it: one
    paragraph, as the 1993 records print it ("In favour: Afghanistan, Albania, ..."); a list running
    on at the top of the next column or page (indented as the list is) is the same paragraph."""
    merged: list[Block] = []
    for block in blocks:
        if merged and not block.bold_prefix and block.style != "bold" and (
            VOTE_LABEL.match(fold(merged[-1].text)) or _list_runs_on(merged[-1], block, margins)
        ):
            merged[-1] = Block(merged[-1].lines + block.lines, "italic")
        else:
            merged.append(block)
    return merged


def _list_runs_on(previous: Block, block: Block, margins: dict[int, float]) -> bool:
    if not VOTE_LIST.match(fold(previous.text)) or VOTE_LIST.match(fold(block.text)):
        return False
    last, first = previous.lines[-1], block.lines[0]
    if (last.page, last.column) == (first.page, first.column):
        return False
    indent = (first.x0 - margins.get(first.column, 0)) - (last.x0 - margins.get(last.column, 0))
    return last.text.endswith(",") or abs(indent) < 2.0


SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}


def _unshout(title: str) -> str:
    """A title printed in capitals (1993) as a title reads: "REPORT OF THE INTERNATIONAL ATOMIC
    ENERGY AGENCY" -> "Report of the International Atomic Energy Agency"; symbols stay."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.9 * len(letters):
        return title
    out = []
    for position, word in enumerate(title.split(" ")):
        if "/" in word or any(c.isdigit() for c in word):
            out.append(word)
        elif word.lower() in SMALL_WORDS and position:
            out.append(word.lower())
        else:
            out.append("-".join(_capitalized(piece) for piece in word.split("-")))
    return " ".join(out)


def _capitalized(word: str) -> str:
    """ "AGENCY" -> "Agency"; an opening bracket or quote keeps the letter after it: "(CONTINUED)" -> "(Continued)"."""
    lead = len(word) - len(word.lstrip("(“\"'"))
    return word[: lead + 1] + word[lead + 1 :].lower()
