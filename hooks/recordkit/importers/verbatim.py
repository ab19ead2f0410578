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

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..slug import slugify
from .errors import SourceError
from .imported import (
    ImportedMeeting,
    ImportedParagraph,
    ImportedPart,
    NewDelegation,
    NewDocument,
    NewSpeaker,
)
from .pdf_text import Block, PdfText, read_pdf
from .registry import Registry
from .words import MONTHS, fold, ordinal_value

SYMBOL = re.compile(r"\b(A/(\d+)/PV\.(\d+))\b")
SESSION = re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)?) session$", re.M)
MEETING = re.compile(r"^(\d+)(?:st|nd|rd|th) plenary meeting$", re.M)
DATE = re.compile(r"^[A-Z][a-z]+day, (\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4}), (.+)$", re.M)
PRESIDENT = re.compile(r"^President:\s*(?P<hon>\S+)\s+(?P<name>.+?)\s*\((?P<country>[^()]+)\)$")
TOOK_CHAIR = re.compile(
    r"(?:In the absence of the President, )?(?P<hon>Mr|Mrs|Ms|Miss|Dr)\.? (?P<name>[^(]+?) "
    r"\((?P<country>[^()]+)\), Vice-President, took the Chair"
)
RESUMED_CHAIR = re.compile(r"^The President (?:returned to|resumed) the Chair")
HONORIFICS = "Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Archbishop|Monsignor|Sheikh|Sheikha|Prince|Princess|Cardinal|Baroness"
# "Mr. Valero Briceño (Bolivarian Republic of Venezuela) (spoke in Spanish):", "Mrs. X (Peru), Vice-President:"
INTRO = re.compile(
    r"^(?:(?P<chair>The (?:Acting )?President)|(?P<title>The (?:Deputy )?Secretary-General)"
    rf"|(?P<hon>(?:{HONORIFICS})\.?)\s+(?P<name>[^():,]+?))"
    r"\s*(?P<rest>(?:\([^()]*\)\s*|,\s*[^():,]+?\s*)*):\s*"
)
SPOKE_IN = re.compile(r"^spoke in (\w+)$")
SPOKE_ONLY = re.compile(r"^\(spoke in (\w+)\)$")
DECISION = re.compile(
    r"\b(?:was|were) (?:adopted|rejected|approved|elected|appointed|withdrawn)\b|^It was so decided"
    r"|^A recorded vote was taken|^(?:In favour|Against|Abstaining|Abstentions):"
)
PROCEDURAL = re.compile(
    r"^The meeting (?:was called to order|rose|was suspended|resumed)|took the Chair|resumed the Chair"
    r"|observed a minute of silence|^\(spoke in \w+\)$"
)
AGENDA = re.compile(r"^Agenda items? (?P<num>\d+(?:(?:,| and| to) \d+)*)")
# Named groups a delegation speaks for: printed forms -> the group's registry name.
GROUPS = {
    "Group of 77 and China": "Group of 77 and China",
    "Movement of Non-Aligned Countries": "Movement of Non-Aligned Countries",
    "Non-Aligned Movement": "Movement of Non-Aligned Countries",
    "Group of African States": "Group of African States",
    "African Group": "Group of African States",
    "Alliance of Small Island States": "Alliance of Small Island States",
    "European Union": "European Union",
    "Caribbean Community": "Caribbean Community",
    "Group of Arab States": "Group of Arab States",
    "Arab Group": "Group of Arab States",
    "Organization of Islamic Cooperation": "Organization of Islamic Cooperation",
    "Association of Southeast Asian Nations": "Association of Southeast Asian Nations",
    "Nordic countries": "Nordic countries",
    "Group of Friends in Defence of the Charter of the United Nations": (
        "Group of Friends in Defence of the Charter of the United Nations"
    ),
}
OBSERVERS = {"Holy See", "State of Palestine", "European Union", "Sovereign Order of Malta"}
KINDS = {"European Union": "observer", "Holy See": "observer", "State of Palestine": "observer"}
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
)
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
    facts = _facts(pdf)
    builder = _Builder(pdf, registry, facts)
    return builder.meeting(meeting_id or meeting_id_for(facts.symbol))


def meeting_id_for(symbol: str) -> str:
    """A/76/PV.102 -> a-76-pv-102 (the contract's verbatim meeting ids)."""
    return slugify(symbol)


# --- the meeting's facts ---------------------------------------------------------------


@dataclass
class Facts:
    symbol: str
    session: int
    session_label: str
    meeting_number: int
    date: dt.date
    time: str
    place: str
    president_honorific: str
    president_name: str
    president_country: str


def _facts(pdf: PdfText) -> Facts:
    header = "\n".join(block.text for block in pdf.front)
    symbol, session, meeting, date = (p.search(header) for p in (SYMBOL, SESSION, MEETING, DATE))
    president = next((PRESIDENT.match(fold(b.text)) for b in pdf.front if b.text.startswith("President:")), None)
    if not symbol or not meeting or not date or not president:
        raise SourceError(pdf.file, "not a General Assembly verbatim record (no A/<session>/PV.<n> header)", page=1)
    place_line = header[date.end() :].strip().splitlines()
    label = session.group(0).removesuffix(" session") if session else ""
    return Facts(
        symbol=symbol.group(1),
        session=int(symbol.group(2)),
        session_label=f"{label.lower()} session" if label else "",
        meeting_number=int(meeting.group(1)),
        date=dt.date(int(date.group(3)), MONTHS.index(date.group(2)) + 1, int(date.group(1))),
        time=date.group(4).strip(),
        place=place_line[0].strip() if place_line else "",
        president_honorific=president.group("hon"),
        president_name=president.group("name"),
        president_country=president.group("country"),
    )


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def session_words(label: str) -> int:
    """'seventy-sixth session' -> 76 (a check on the symbol's session number)."""
    return ordinal_value(label.split()[0]) if label else 0


# --- resolving names --------------------------------------------------------------------


@dataclass
class _Resolver:
    """Printed names and delegations -> registry ids, new entries for what is not there."""

    registry: Registry
    new_speakers: list[NewSpeaker] = field(default_factory=list)
    new_delegations: list[NewDelegation] = field(default_factory=list)
    matched: Counter[str] = field(default_factory=Counter)
    cache: dict[tuple[str, str], str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # delegation id -> kind

    def delegation(self, printed: str) -> str:
        printed = fold(printed)
        known = self.registry.delegation_named(printed)
        if known:
            self.kinds[known.id] = known.kind
            return known.id
        new = next((d for d in self.new_delegations if printed in (d.name, *d.names)), None)
        if new:
            return new.id
        kind = _delegation_kind(printed)
        new = NewDelegation(id=slugify(printed), name=printed, kind=kind)
        self.new_delegations.append(new)
        self.kinds[new.id] = kind
        return new.id

    def person(self, honorific: str, name: str, delegation: str, titles: tuple[str, ...] = ()) -> str:
        """The speaker id for a printed name; the same surname + delegation is one person in a meeting."""
        surname = _surname(name)
        key = (surname.casefold(), delegation)
        if key in self.cache:
            return self.cache[key]
        speaker_id = self._registered(name, delegation) or self._new(honorific, name, delegation, titles)
        self.cache[key] = speaker_id
        return speaker_id

    def matched_count(self) -> int:
        return len(self.matched)

    def _registered(self, name: str, delegation: str) -> str:
        """A registry speaker with this name (or surname) speaking for this delegation."""
        printed, surname = fold(name).casefold(), _surname(name).casefold()
        for speaker in self.registry.speakers:
            full = speaker.name.casefold()
            if speaker.delegation == delegation and (full in (printed, surname) or full.endswith(" " + surname)):
                self.matched[speaker.id] += 1
                return speaker.id
        return ""

    def _new(self, honorific: str, name: str, delegation: str, titles: tuple[str, ...]) -> str:
        base = slugify(_surname(name))
        taken = {s.id for s in self.registry.speakers} | {s.id for s in self.new_speakers}
        speaker_id = base if base not in taken else f"{base}-{delegation}"
        number = 2
        while speaker_id in taken:
            speaker_id, number = f"{base}-{delegation}-{number}", number + 1
        self.new_speakers.append(
            NewSpeaker(id=speaker_id, name=fold(name), honorific=honorific, titles=list(titles), delegation=delegation)
        )
        return speaker_id


def _delegation_kind(printed: str) -> str:
    if printed in GROUPS.values():
        return KINDS.get(printed, "group")
    if printed in OBSERVERS:
        return "observer"
    if re.search(r"\b(?:Department|Office|Secretariat|Committee|Commission|Court|Programme|Fund)\b", printed):
        return "organization"
    return "member-state"


def _role(kind: str) -> str:
    return {"observer": "observer", "organization": "official"}.get(kind, "representative")


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

    def __init__(self, pdf: PdfText, registry: Registry, facts: Facts) -> None:
        self.pdf, self.registry, self.facts = pdf, registry, facts
        self.resolver = _Resolver(registry)
        self.words = vocabulary(pdf)
        self.review: list[str] = []
        self.participants: dict[str, str] = {}
        self.margins = _margins(pdf.blocks)
        country = self.resolver.delegation(facts.president_country)
        self.president = self.resolver.person(
            facts.president_honorific,
            facts.president_name,
            country,
            (f"President of the General Assembly at its {facts.session_label}",),
        )
        self.participants[self.president] = "president"
        self.acting = ""  # the Vice-President in the Chair, once one took it
        self.first_acting = ""
        self.statement: _Statement | None = None
        self.parts: list[ImportedPart] = []
        self.count = 0
        self.statements = 0
        self._source_blocks: list[str] = []
        self._new_documents: dict[str, NewDocument] = {}
        self._all_text = " ".join(fold_block(b.text, self.words)[0] for b in pdf.blocks)
        self._theme_patterns = [(theme.id, _terms_pattern((theme.label, *theme.synonyms))) for theme in registry.themes]

    # The walk ----------------------------------------------------------------------------

    def meeting(self, meeting_id: str) -> ImportedMeeting:
        self._part([])
        blocks = _merge_language_notes(self.pdf.blocks)
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if _is_heading(block):
                group = [block]
                while index + 1 < len(blocks) and _is_heading(blocks[index + 1]):
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
        part = ImportedPart(
            id=part_id, title=title, heading=[b.text for b in heading], number=number, agenda_item=agenda
        )
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
                titles.append(fold(block.text))
            elif indent <= 12 and not subs:
                subs.append(fold(block.text))  # "(b) Follow-up to…": the sub-item considered
        title = "; ".join(titles) or (subs[0] if subs else fold(heading[-1].text))
        if subs and len(titles) == 1:
            title = f"{title}: {subs[0]}"
        return title, number, item

    def _paragraph(self, block: Block) -> None:
        text, doubts = fold_block(block.text, self.words)
        self.count += 1
        label = f"p{self.count} (page {block.page})"
        for doubt in doubts:
            self.review.append(f"Hyphen at a line end, {label}: {doubt} — check against the PDF.")
        paragraph = ImportedParagraph(text=text, page=block.page)
        spoke = SPOKE_ONLY.match(block.lines[0].text)
        if spoke and len(block.lines) > 1:
            paragraph.language = spoke.group(1)  # "(spoke in English)" opening a paragraph
        if block.style == "italic":
            self._note(paragraph, block, label)
        elif block.bold_prefix and text.startswith(block.bold_prefix.split(" ")[0]):
            self._intro(paragraph, block, label)
        else:
            self._continuation(paragraph, label)
        paragraph.documents = self._documents(text)
        paragraph.themes = self._themes(text)
        self.parts[-1].paragraphs.append(paragraph)
        self._source_blocks.append(block.text)

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
        match = INTRO.match(paragraph.text)
        if not match:
            line = block.lines[0].text
            raise SourceError(self.pdf.file, f"cannot read the speaker line {line!r}", page=block.page)
        self.statements += 1
        rest = match.group("rest") or ""
        languages = [m.group(1) for m in map(SPOKE_IN.match, re.findall(r"\(([^()]*)\)", rest)) if m]
        paragraph.language = languages[0] if languages else ""
        if match.group("chair"):
            self._chair_statement(paragraph, match.group("chair"), block, label)
            return
        printed = [p for p in re.findall(r"\(([^()]*)\)", rest) if not SPOKE_IN.match(p)]
        function = ", ".join(f.strip() for f in re.findall(r",\s*([^():,]+)", rest))
        who = match.group("name") or match.group("title")
        if not printed:
            raise SourceError(
                self.pdf.file, f"speaker without a delegation: {match.group(0).strip()!r}", page=block.page
            )
        delegation = self.resolver.delegation(printed[0])
        honorific = match.group("hon") or ""
        before = len(self.resolver.new_speakers)
        speaker = self.resolver.person(honorific, who, delegation, (function,) if function else ())
        if len(self.resolver.new_speakers) > before:
            self.review.append(
                f"New speaker, {label}: {speaker} — '{match.group(0).strip()}': not in the "
                "registry; add the full name and titles."
            )
        self.participants.setdefault(speaker, _role(self.resolver.kinds.get(delegation, "member-state")))
        self.statement = _Statement(speaker, delegation, [])
        paragraph.function = function
        self._attribute(paragraph)

    def _chair_statement(self, paragraph: ImportedParagraph, chair: str, block: Block, label: str) -> None:
        if chair == "The Acting President":
            if not self.acting:
                raise SourceError(
                    self.pdf.file,
                    "'The Acting President' speaks but no Vice-President took the Chair before",
                    page=block.page,
                )
            speaker = self.acting
        else:
            speaker = self.president
        self.statement = _Statement(speaker, "", [])
        self._attribute(paragraph)

    def _continuation(self, paragraph: ImportedParagraph, label: str) -> None:
        if self.statement is None:
            self.review.append(
                f"No speaker, {label}: '{paragraph.text[:60]}' — a paragraph before any speaker line; check who speaks."
            )
            return
        self._attribute(paragraph)

    def _attribute(self, paragraph: ImportedParagraph) -> None:
        assert self.statement is not None
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
        for block in (fold(b.text) for b in self.pdf.blocks if _is_heading(b)):
            heading = re.match(rf"^(.+?) \({sym}\)$", block)
            if heading and not heading.group(1).lower().startswith("draft"):
                return f"{heading.group(1)} ({symbol})"
        kind = re.search(rf"\b([Dd]raft (?:resolution|decision))s? \(?{sym}", text)
        entitled = re.search(rf"{sym}\)?,? entitled “([^”]+)”", text)
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
        f = self.facts
        front = [b.text for b in self.pdf.front]
        source = list(front)
        index = 0
        for part in self.parts:
            source.extend(part.heading)
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
            title=f"General Assembly, {ordinal(f.session)} session, {ordinal(f.meeting_number)} plenary meeting",
            short_title=f"{f.symbol}, {date}",
            body="General Assembly",
            session=f.session,
            session_label=f.session_label,
            meeting_type=f"{ordinal(f.meeting_number)} plenary meeting",
            date=f.date,
            place=f.place,
            citation_title=f"General Assembly, {ordinal(f.meeting_number)} plenary meeting, {f.symbol} ({date})",
            description=self._description(date),
            parts=self.parts,
            participants=self.participants,
            symbol=f.symbol,
            meeting_number=f.meeting_number,
            time=f.time,
            president=self.president,
            acting_president=self.first_acting,
            documents=documents,
            new_speakers=self.resolver.new_speakers,
            new_delegations=self.resolver.new_delegations,
            new_documents=list(self._new_documents.values()),
        )
        meeting.review = self._summary_review(meeting) + self.review
        return meeting

    def _description(self, date: str) -> str:
        f = self.facts
        items = [p.title for p in self.parts if p.heading][:3]
        more = " and other items" if len([p for p in self.parts if p.heading]) > 3 else ""
        return (
            f"Verbatim record of the {ordinal(f.meeting_number)} plenary meeting of the General Assembly "
            f"({f.session_label}), {f.place}, {date}: " + "; ".join(items) + more + "."
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
        lines = []
        if session_words(self.facts.session_label) != self.facts.session:
            lines.append(
                f"Session: the header says '{self.facts.session_label}' but the symbol says "
                f"{self.facts.session}; check."
            )
        if any(sp.id == self.president for sp in meeting.new_speakers):
            lines.append(
                f"New speaker: {self.president} — the President, '{self.facts.president_name}' "
                f"({self.facts.president_country}) from the header: not in the registry; check the id."
            )
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
            "decisions": sum(p.kind == "decision" for p in paragraphs),
        }


def _surname(name: str) -> str:
    """Statements print surnames ("Mr. Kimani"); the header may print a full name ("Mr. Ali Abdussalam
    Treki"): three words or more are taken as given names + surname, and the id is the last word."""
    words = fold(name).split()
    return words[-1] if len(words) >= 3 else " ".join(words)


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
    for match in RESOLUTIONS.finditer(text):
        for number in RESOLUTION_NUMBER.finditer(match.group(1)):
            symbol = f"A/RES/{number.group(1)}/{number.group(2)}{number.group(3) or ''}"
            if symbol not in found:
                found.append(symbol)
    return found


def _cited_as(symbol: str) -> list[str]:
    if symbol.startswith("A/RES/"):
        return [symbol, symbol.removeprefix("A/RES/")]
    return [symbol]


def _part_slug(title: str) -> str:
    words = [w for w in slugify(title).split("-") if w and w not in STOPWORDS]
    return "-".join(words[:6]) or "part"


def _is_heading(block: Block) -> bool:
    return block.style == "bold" and not block.text.rstrip().endswith(":")


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
