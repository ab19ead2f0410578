"""A UN verbatim record (PDF: the General Assembly's A/<session>/PV.<n>, the Security Council's
S/PV.<n>) as an `ImportedMeeting`: the walk over its blocks, one stage per module.

1. page text (`pdf_text.py`): characters -> lines per column -> blocks, page furniture dropped
   (`furniture.py`);
2. the header (`header.py`): page 1's facts, per body and era;
3. headings and turns (`turns.py`, here): bold blocks -> part headings (an agenda item and its
   titles); a block opening with a bold speaker line -> a turn (`speakers.py`: who speaks and for
   whom, the Chair, office holders, names resolved by `names.py`); italic (bold in 1993) blocks
   -> decisions or stage notes; other blocks continue the turn under way;
4. paragraphs: line-end hyphens (`hyphens.py`), documents cited (`documents.py`), themes suggested;
5. decisions and votes (`decisions.py`);
6. the meeting (here): its facts, source text, description, and the review list, one line per
   thing the editor should check.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..slug import slugify
from .decisions import read_decisions
from .documents import Documents
from .header import Header, check_session, ordinal, read_header
from .hyphens import fold_block, vocabulary
from .imported import ImportedMeeting, ImportedParagraph, ImportedPart
from .names import Resolver
from .pdf_text import SPEAKER_START, Block, PdfText, read_pdf
from .registry import Registry
from .speakers import Speakers
from .turns import DECISION, PROCEDURAL, SPOKE_ONLY, is_heading, is_stage_note, opens_turn
from .words import MONTHS, fold

AGENDA = re.compile(r"^Agenda items? (?P<num>\d+(?:(?:,| and| to) \d+)*)", re.I)
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


# --- the record's structure --------------------------------------------------------------


class _Builder:
    """Walks the blocks once, building parts, paragraphs, documents and the review list."""

    def __init__(self, pdf: PdfText, registry: Registry, header: Header) -> None:
        self.pdf, self.registry, self.header = pdf, registry, header
        self.council = header.body.counts_in == "year"
        self.resolver = Resolver(registry)
        self.words = vocabulary(pdf)
        self.review: list[str] = []
        self.margins = _margins(pdf.blocks)
        self.speakers = Speakers(self.resolver, header, self.review)
        for block in pdf.front:  # "In the absence of the President, Mr. X (...), Vice-President, took the Chair."
            self.speakers.stage_note(fold(block.text), "page 1")
        self.parts: list[ImportedPart] = []
        self.count = 0
        self._source_blocks: list[str] = []
        self._source_headings: dict[str, list[str]] = {}  # part id -> its heading's blocks as printed
        self.documents = Documents(registry, pdf, " ".join(fold_block(b.text, self.words)[0] for b in pdf.blocks))
        self._theme_patterns = [(theme.id, _terms_pattern((theme.label, *theme.synonyms))) for theme in registry.themes]

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
        self.speakers.end_turn()

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
        for doubt in dict.fromkeys(doubts):  # "post-/conflict" three times in a paragraph: one line
            self.review.append(f"Hyphen at a line end, {label}: {doubt} — check against the PDF.")
        paragraph = ImportedParagraph(text=text, page=block.page)
        spoke = SPOKE_ONLY.match(block.lines[0].text)
        if spoke and len(block.lines) > 1:
            paragraph.language = spoke.group(1).capitalize()  # "(spoke in English)" opening a paragraph
        if opens_turn(block):
            self.speakers.opens(paragraph, label)
        elif block.bold_prefix and SPEAKER_START.match(block.text) and block.style != "bold":
            self.speakers.unreadable(block.lines[0].text, label)
        elif block.style == "italic" or (block.style == "bold" and is_stage_note(text)) or VOTE_LIST.match(text):
            # Stage notes: italic; bold in 1993; a vote's list in roman after its label (1993).
            self._note(paragraph, block, label)
        else:
            self.speakers.continues(paragraph, label)
        paragraph.documents = self.documents.cited(text)
        paragraph.themes = self._themes(text)
        self.parts[-1].paragraphs.append(paragraph)
        self._source_blocks.append(block.text)

    def _note(self, paragraph: ImportedParagraph, block: Block, label: str) -> None:
        text = paragraph.text
        self.speakers.stage_note(text, label)
        if DECISION.search(text):
            paragraph.kind = "decision"
            # A vote's steps ("A recorded vote was taken.", its lists) are checked in the vote's own review line.
            if text != "It was so decided." and not VOTE_STEP.match(text):
                self.review.append(f"Decision, {label}: '{text}' — check it is complete and its documents.")
        elif PROCEDURAL.search(text) or self.speakers.statement is None:
            paragraph.kind = "procedural"
        else:
            # An italic line inside a statement (a quotation's reference): the speaker's words.
            self.speakers.continues(paragraph, label)
            self.review.append(
                f"Italic text kept in the statement, {label}: '{text[:60]}' — check it is "
                "the speaker's and not a stage note."
            )

    # Documents and themes ---------------------------------------------------------------

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
        documents = self.documents.of_meeting(self.parts)
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
            participants=self.speakers.participants,
            symbol=f.symbol,
            meeting_number=f.meeting_number,
            time=f.time,
            president=self.speakers.president,
            acting_president=self.speakers.first_acting,
            documents=documents,
            members=self.speakers.members,
            new_speakers=self.resolver.new_speakers,
            new_delegations=self.resolver.new_delegations,
            new_documents=list(self.documents.new.values()),
        )
        chair = {self.speakers.president,
                 *(s for s, role in self.speakers.participants.items() if role == "acting-president")}
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
                document = self.documents.document(symbol)
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

    def _summary_review(self, meeting: ImportedMeeting) -> list[str]:
        lines = check_session(self.header)
        president = self.header.president
        if any(sp.id == self.speakers.president for sp in meeting.new_speakers):
            lines.append(
                f"New speaker: {self.speakers.president} — the President, '{president.name}' "
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
            "statements": self.speakers.statements,
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
VOTE_STEP = re.compile(r"^A (?:recorded )?vote was taken|" + VOTE_LIST.pattern[1:])


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
