"""Import the plain-text summary of an informal meeting into an `ImportedMeeting`.

The source is the text of the official summary, blocks separated by blank
lines: the record's heading ("Summary"), its title line (title, venue, place,
date), then parts headed by Roman numerals ("I. Overview") and their
paragraphs. The text is sacred: every paragraph is a source block, and the
only differences are *proposed* corrections (`ImportedCorrection`) that the
editor confirms: paragraphs split by a page break, hyphens lost at a line end.

Everything else (speakers, mentions, themes, documents, roles, the meeting's
facts) is a suggestion read from the text and the registry, and whatever is
uncertain goes to `ImportedMeeting.review`. Pure: no I/O but
`import_summary_file`, no MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from ..slug import slugify
from .errors import SourceError
from .imported import ImportedCorrection, ImportedMeeting, ImportedParagraph, ImportedPart
from .words import MONTHS, fold, ordinal_value

# ---------------------------------------------------------------------------
# What the importer needs from the registry (data/*.yml). registry.py's classes
# fit it; any object with these attributes does (tests, other callers).


class SpeakerEntry(Protocol):
    id: str
    name: str
    honorific: str
    titles: Sequence[str]
    search_terms: Sequence[str]
    collective: bool


class ThemeEntry(Protocol):
    id: str
    label: str
    synonyms: Sequence[str]


class DocumentEntry(Protocol):
    id: str
    symbol: str
    cited_as: Sequence[str]


class Registry(Protocol):
    speakers: Any  # Sequence[SpeakerEntry] or Mapping[id, SpeakerEntry]
    themes: Any
    documents: Any


def _entries(collection: Any) -> list[Any]:
    """A registry collection as a list, whether it is kept as a list or as a mapping by id."""
    if collection is None:
        return []
    if isinstance(collection, Mapping):
        return list(collection.values())
    return list(collection)


def _field(entry: Any, name: str, default: Any = "") -> Any:
    """An entry's field, from an object or a dict; missing or None as `default`."""
    value = entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)
    return default if value is None else value


# ---------------------------------------------------------------------------
# Vocabulary of the text

DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# A part heading is a block of one short line: "IV. Key messages from interventions by Member States".
PART_HEADING = re.compile(r"(?P<number>[IVXLC]+)\.[ \t]+(?P<title>[^\n]{1,150}?)[ \t]*")
# Rooms of United Nations Headquarters that a title line names before the place ("..., New York").
VENUE = re.compile(
    r"(?:Trusteeship Council|Security Council|Economic and Social Council) Chamber"
    r"|General Assembly Hall|Conference Room \w+"
)
BODIES = (
    "General Assembly",
    "Security Council",
    "Economic and Social Council",
    "Human Rights Council",
    "Trusteeship Council",
)
SESSION = re.compile(r"\bat its ((?:[a-z]+-)?[a-z]+) session\b")
MEETING_TYPE = re.compile(r"\b(?:convened|held) an? ((?:informal |formal )?(?:plenary )?meeting)\b")

# Words that end a phrase the editor would read as cut in two (used to frame a page-break correction).
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "its",
        "their",
        "his",
        "her",
    ]
)
# A paragraph ends with one of these (closing quotes and brackets aside); a block that does not was cut.
TERMINAL = ".!?:;…"
CLOSERS = "\"'”’)]"
# Boundaries of the phrase a page break cut: a sentence or clause end, a list's "and", a dash.
PHRASE_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+|[,;:]\s+|\s+(?:and|or|but)\s+|\s+[-–—]\s+")

# Summaries report statements in the past tense: "X noted that", "Member States underlined".
REPORTING_VERBS = frozenset(
    [
        "noted",
        "stressed",
        "highlighted",
        "said",
        "stated",
        "underscored",
        "underlined",
        "emphasized",
        "emphasised",
        "expressed",
        "recognized",
        "recognised",
        "welcomed",
        "recalled",
        "reiterated",
        "appreciated",
        "acknowledged",
        "thanked",
        "reflected",
        "outlined",
        "urged",
        "appealed",
        "called",
        "voiced",
        "shared",
        "discussed",
        "identified",
        "questioned",
        "reminded",
        "observed",
        "pointed",
        "added",
        "explained",
        "described",
        "proposed",
        "suggested",
        "recommended",
        "commended",
        "affirmed",
        "reaffirmed",
        "opened",
        "closed",
        "concluded",
        "argued",
        "warned",
        "agreed",
        "cautioned",
        "insisted",
        "asserted",
        "mentioned",
        "spoke",
        "remarked",
        "focused",
        "indicated",
        "announced",
        "invited",
        "requested",
        "asked",
        "praised",
        "referred",
        "addressed",
        "pledged",
        "reported",
        "delivered",
    ]
)
ADVERB = r"(?:also|further|then|again|too|[a-z]+ly)"
VERB = re.compile(r"\b(?:" + ADVERB + r"\s+)?(?P<verb>[a-z]+)\b")
# What may stand between a speaker's name or title and the verb: commas, the rest of a title
# ("High Representative for the Least Developed Countries (LDCs), ... (SIDS) expressed"), an adverb.
TITLE_TAIL = (
    r"(?:[\s,]*(?:(?:of|for|the|and|on|to|in|at)\s+)*"
    r"(?:[A-Z][\w.'’-]*|\([A-Z][A-Za-z]*\)))*"
)
SUBJECT_GAP = re.compile(TITLE_TAIL + r"[\s,]*(?:" + ADVERB + r"\s+)?")
PRONOUN_SUBJECT = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:" + ADVERB + r"\s+)?$")
# Unnamed subjects of the floor's statements: "Many underscored", "Others reiterated", "some participants".
GENERIC_SUBJECT = re.compile(
    r"(?:\b(?:[Mm]any|[Oo]thers|[Ss]everal|[Mm]ost|[Ss]ome)(?: (?:participants|speakers|delegations|countries))?"
    r"|\b(?:participants|speakers|delegations))\s+(?:" + ADVERB + r"\s+)?$"
)
# "the Secretary-General's report", "the report of the Secretary-General": the document, not the person.
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
REPORT_OF_BEFORE = re.compile(r"\breport of (?:the )?$")
# Cues of a meeting role: "X convened", "moderated by X".
ROLE_VERBS = {"convened": "chair", "chaired": "chair", "presided": "chair", "moderated": "moderator"}
ROLE_BY_BEFORE = re.compile(r"\b(convened|chaired|presided over|moderated) by (?:the )?$")
# Part titles that say who speaks in them.
PART_ROLES = (
    (re.compile(r"\bpanel", re.I), "panellist"),
    (re.compile(r"\b(?:opening|keynote|high-level)", re.I), "keynote"),
    (re.compile(r"\b(?:floor|interventions|Member States)", re.I), "floor"),
)
SLUG_PREPOSITIONS = re.compile(r"\b(?:of|from|by|on|for|in|about)\s+(?:the\s+)?", re.I)
HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
CLOSED_WORD = re.compile(r"(?<![\w-])[A-Za-z]{4,}(?![\w-])")


# ---------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Block:
    text: str  # as in the source: line breaks kept
    line: int  # line of the source where it starts (1-based)
    start: int  # offsets in the source text
    end: int


def split_blocks(text: str) -> list[Block]:
    """The source's blocks: runs of non-blank lines, with where they are (for errors and corrections)."""
    blocks: list[Block] = []
    for match in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        line = text.count("\n", 0, match.start()) + 1
        blocks.append(Block(match.group(0), line, match.start(), match.end()))
    return blocks


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral (subtractive forms included); 0 if it is not a well-formed one."""
    total = 0
    for char, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = ROMAN_VALUES[char]
        total += -value if ROMAN_VALUES.get(following, 0) > value else value
    return total if to_roman(total) == numeral else 0


def to_roman(value: int) -> str:
    numerals = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def short_slug(title: str) -> str:
    """The words after a title's last preposition: "Highlights of the Panel Discussion" -> panel-discussion.

    Titles of summaries lead with a generic noun ("Highlights of", "Key messages from interventions
    by", "Informal meeting ... on"); what follows names the subject, and makes a short, stable id.
    """
    pieces = SLUG_PREPOSITIONS.split(title)
    return slugify(pieces[-1]) or slugify(title)


# ---------------------------------------------------------------------------
# The source's structure: front blocks, part headings, paragraphs (page-break halves joined)


@dataclass
class SourcePart:
    number: str
    title: str
    heading: Block
    paragraphs: list[list[Block]] = field(default_factory=list)  # each paragraph: its blocks in the source


def structure(blocks: list[Block], source_name: str) -> tuple[list[Block], list[SourcePart]]:
    """Front blocks (before the first part heading) and the parts, numbered I, II, III... in order."""
    front: list[Block] = []
    parts: list[SourcePart] = []
    for block in blocks:
        heading = PART_HEADING.fullmatch(block.text)
        if heading and roman_value(heading["number"]) and not _ends_sentence(heading["title"]):
            expected = to_roman(len(parts) + 1)
            if heading["number"] != expected:
                raise SourceError(
                    source_name,
                    f"part heading {heading['number']!r} where {expected!r} was expected: {block.text!r}",
                    line=block.line,
                )
            parts.append(SourcePart(heading["number"], heading["title"].strip(), block))
        elif parts:
            parts[-1].paragraphs.append([block])
        else:
            front.append(block)
    if not parts:
        raise SourceError(
            source_name,
            "no part heading such as 'I. Overview' (a Roman numeral, a full stop, "
            "a title, alone on its line): not a meeting summary",
            line=1,
        )
    for part in parts:
        part.paragraphs = join_page_breaks(part.paragraphs)
    return front, parts


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(CLOSERS)[-1:] in TERMINAL


def _cut(previous: Block, following: Block) -> bool:
    """A page break cut a paragraph here: the block stops mid-sentence, or the next one starts in lower case."""
    return not _ends_sentence(previous.text) or following.text[:1].islower()


def join_page_breaks(paragraphs: list[list[Block]]) -> list[list[Block]]:
    """Blocks a page break separated, as one paragraph (their blocks kept for the correction)."""
    joined: list[list[Block]] = []
    for blocks in paragraphs:
        if joined and _cut(joined[-1][-1], blocks[0]):
            joined[-1].extend(blocks)
        else:
            joined.append(list(blocks))
    return joined


# ---------------------------------------------------------------------------
# Proposed corrections


@dataclass(frozen=True)
class Proposal:
    start: int  # offsets of `original` in the source
    end: int
    original: str
    corrected: str
    why: str
    slug: str  # for the id


def page_break_proposals(source: str, parts: list[SourcePart]) -> list[Proposal]:
    """One proposal for each pair of blocks joined into a paragraph."""
    proposals = []
    for part in parts:
        for blocks in part.paragraphs:
            for previous, following in pairwise(blocks):
                proposals.append(_page_break(source, previous, following))
    return proposals


def _page_break(source: str, previous: Block, following: Block) -> Proposal:
    """The cut phrase as the editor reads it: "He closed by highlighting the upcoming\\n\\nSummit of the Future".

    Left of the break: back to the start of the phrase that was cut (sentence, clause or list item),
    at least three and at most eight words. Right: the first three words, and on to the next word
    that is not a function word ("Summit of the" is no phrase). Widened a word at a time until the
    original occurs once in the source, as declared corrections must.
    """
    left = _phrase_start(previous)
    right = _phrase_end(following)
    original = source[left:right]
    while source.count(original) > 1 and (left > previous.start or right < following.end):
        left = _word_before(source, left, previous.start)
        right = _word_after(source, right, following.end)
        original = source[left:right]
    head, tail = source[left : previous.end], source[following.start : right]
    why = (
        "A page break in the PDF split the paragraph mid-sentence (the first part ends without a full stop"
        + (" and the second begins in lower case" if following.text[:1].islower() else "")
        + "); the two halves are joined."
    )
    return Proposal(left, right, original, f"{head} {tail}", why, f"page-break-{slugify(tail)[:24]}")


def _phrase_start(block: Block) -> int:
    text = block.text
    boundaries = [m.end() for m in PHRASE_BOUNDARY.finditer(text)]
    start = boundaries[-1] if boundaries else 0
    words = [m.start() for m in re.finditer(r"\S+", text)]
    taken = [w for w in words if w >= start]
    if len(taken) < 3:
        start = words[max(0, len(words) - 3)]
    elif len(taken) > 8:
        start = taken[-8]
    return block.start + start


def _phrase_end(block: Block) -> int:
    words = list(re.finditer(r"\S+", block.text))
    end = 0
    for count, word in enumerate(words, 1):
        bare = word.group(0).rstrip(",;:.!?")
        end = word.start() + len(bare)
        if bare != word.group(0):  # the phrase ends at a punctuation mark
            break
        if count >= 3 and bare.lower() not in FUNCTION_WORDS:
            break
    return block.start + end


def _word_before(source: str, offset: int, limit: int) -> int:
    """Where the word before `offset` starts (not before `limit`); `offset` if there is none."""
    match = re.search(r"\S+\s*$", source[limit:offset])
    return limit + match.start() if match else offset


def _word_after(source: str, offset: int, limit: int) -> int:
    match = re.compile(r"\s*\S+").match(source, offset, limit)
    return match.end() if match else offset


def hyphen_proposals(source: str, vocabulary: Iterable[str], paragraph_spans: list[tuple[int, int]]) -> list[Proposal]:
    """Words whose hyphen was lost at a PDF line end: "cochair" where "co-chair" is the spelling.

    The evidence is the hyphenated spelling in the curated vocabulary (speakers' names and titles,
    theme labels and synonyms, document titles), or elsewhere in the text. Text evidence alone is
    not enough when the text writes the same first element closed in other words: a summary that
    writes "multilevel" and "multilayered" writes "multistakeholder" on purpose, even if
    "multi-stakeholder" occurs too.
    """
    in_text = _hyphenated_forms(fold(source[a:b]) for a, b in paragraph_spans)
    in_vocabulary = _hyphenated_forms(vocabulary)
    closed_words = Counter(m.group(0).lower() for a, b in paragraph_spans for m in CLOSED_WORD.finditer(source, a, b))
    proposals = []
    for a, b in paragraph_spans:
        for match in CLOSED_WORD.finditer(source, a, b):
            word = match.group(0)
            key = word.lower()
            spelling, evidence = in_vocabulary.get(key), "in the registry"
            if spelling is None and key in in_text and not _closed_prefix(in_text[key], key, closed_words):
                spelling, evidence = in_text[key], "elsewhere in the record"
            if spelling is not None:
                proposals.append(_hyphen(source, match, _rehyphenate(word, spelling), evidence))
    return proposals


def _hyphenated_forms(texts: Iterable[str]) -> dict[str, str]:
    """Closed form (lower case) -> the hyphenated spelling, for every hyphenated word of `texts`."""
    forms: dict[str, str] = {}
    for text in texts:
        for match in HYPHENATED.finditer(text):
            forms.setdefault(match.group(0).replace("-", "").lower(), match.group(0).lower())
    return forms


def _closed_prefix(spelling: str, key: str, closed_words: Counter[str]) -> bool:
    """The text writes the spelling's first element closed in other words ("multi" in "multilevel")."""
    prefix = spelling.split("-")[0]
    return any(word != key and word.startswith(prefix) and len(word) > len(prefix) + 2 for word in closed_words)


def _rehyphenate(word: str, spelling: str) -> str:
    """`word` with the hyphens of `spelling`, its own letters (and their case) kept."""
    out, letters = [], iter(word)
    for char in spelling:
        out.append("-" if char == "-" else next(letters))
    return "".join(out)


def _hyphen(source: str, match: re.Match[str], corrected_word: str, evidence: str) -> Proposal:
    """The word, with as many neighbouring words as make it occur once in the source."""
    left, right = match.start(), match.end()
    while source.count(source[left:right]) > 1:
        left = _word_before(source, left, 0)
        right = _word_after(source, right, len(source))
    original = source[left:right]
    corrected = original[: match.start() - left] + corrected_word + original[match.end() - left :]
    why = f'The hyphen was lost at a line break in the PDF ("{corrected_word}" {evidence}).'
    return Proposal(left, right, original, corrected, why, f"hyphen-{slugify(corrected_word)}")


def merge_overlaps(source: str, proposals: list[Proposal]) -> list[Proposal]:
    """Proposals in source order, overlapping ones made one ("peoplecentred approach of\n\nthe Pact").

    Corrections are applied one after the other to the source: two that share characters could
    not both apply. Their union is one original, still unique since each part was.
    """
    merged: list[Proposal] = []
    for proposal in sorted(proposals, key=lambda p: (p.start, p.end)):
        if merged and proposal.start < merged[-1].end:
            merged[-1] = _union(source, merged[-1], proposal)
        else:
            merged.append(proposal)
    return merged


def _union(source: str, first: Proposal, second: Proposal) -> Proposal:
    """One proposal for two that overlap: both changes made in the union of their originals."""
    start, end = first.start, max(first.end, second.end)
    corrected = source[start:end]
    for edit in sorted((edit_of(first), edit_of(second)), key=lambda e: e.start, reverse=True):
        corrected = corrected[: edit.start - start] + edit.replacement + corrected[edit.end - start :]
    return Proposal(start, end, source[start:end], corrected, f"{first.why} {second.why}", first.slug)


# ---------------------------------------------------------------------------
# Speakers and mentions


@dataclass(frozen=True)
class Reference:
    speaker: str
    start: int
    end: int


@dataclass
class Speakers:
    """Who a paragraph reports (speakers) and who it only names (mentions), with doubts for the review."""

    speakers: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # role cues: "convened" -> chair, "moderated by" -> ...


class SpeakerFinder:
    """References to registry speakers in a text: names, honorific + name, titles, search terms.

    One regex of every form, longest first, so that "Special Adviser to the Secretary-General on
    Human Security" is Mr. Takasu and not the Secretary-General. A form several speakers share
    ("President of the General Assembly": one per session) names the one of them that `context`
    (the whole summary) names by a form of their own ("H.E. Mr. Dennis Francis"); otherwise none.
    """

    def __init__(self, speakers: Sequence[Any], context: str = "") -> None:
        owners: dict[str, set[str]] = {}
        for speaker in speakers:
            for form in _speaker_forms(speaker):
                owners.setdefault(_form_key(form), set()).add(str(_field(speaker, "id")))
        self.owner = {form: next(iter(ids)) for form, ids in owners.items() if len(ids) == 1}
        self.regex = _forms_regex(self.owner)
        named_here = {self.owner[_form_key(m.group(0))] for m in self.regex.finditer(context)}
        for form, ids in owners.items():
            if len(ids) > 1 and len(ids & named_here) == 1:
                self.owner[form] = next(iter(ids & named_here))
        self.regex = _forms_regex(self.owner)
        self.collective = {str(_field(s, "id")) for s in speakers if _field(s, "collective", False)}

    def references(self, text: str) -> list[Reference]:
        """Each person the text names, in order; "the Secretary-General's report" names a document."""
        found = []
        for match in self.regex.finditer(text):
            if POSSESSIVE_AFTER.match(text, match.end()) or REPORT_OF_BEFORE.search(text, 0, match.start()):
                continue
            found.append(Reference(self.owner[_form_key(match.group(0))], match.start(), match.end()))
        return found


def _forms_regex(forms: Iterable[str]) -> re.Pattern[str]:
    """Any of `forms` as a whole phrase, the longest first."""
    pattern = "|".join(_form_pattern(form) for form in sorted(forms, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


def _speaker_forms(speaker: Any) -> list[str]:
    name, honorific = str(_field(speaker, "name")), str(_field(speaker, "honorific"))
    forms = [name, f"{honorific} {name}" if honorific else ""]
    forms += [str(t) for t in _field(speaker, "titles", [])] + [str(t) for t in _field(speaker, "search_terms", [])]
    return [form.strip() for form in forms if form and len(form.strip()) > 1]


def _form_key(form: str) -> str:
    """Forms in lower case match capitalised at a sentence's start too ("Interventions from the floor")."""
    return form[:1].lower() + form[1:] if form[1:2].islower() or len(form) == 1 else form


def _form_pattern(form: str) -> str:
    first = form[:1]
    if first.islower():
        return f"[{first}{first.upper()}]" + re.escape(form[1:])
    return re.escape(form)


def find_speakers(text: str, finder: SpeakerFinder, *, part_collective: str, previous: str) -> Speakers:
    """Speakers are the subjects of reporting verbs; everyone else the paragraph names is mentioned.

    The subject of "noted", "underscored"... is the person named just before it ("Dr. Mohamed Ibn
    Chambas, underscored"), a pronoun for the last subject ("He closed by...", the previous
    paragraph's speaker when the paragraph starts so), or an unnamed group ("Many underscored")
    for the collective speaker the part's heading names ("interventions by Member States").
    """
    references = finder.references(text)
    found = Speakers()
    current = ""
    for verb in VERB.finditer(text):
        if verb["verb"] not in REPORTING_VERBS and verb["verb"] not in ROLE_VERBS:
            continue
        subject = _subject(text, verb.start(), references)
        if subject is None and PRONOUN_SUBJECT.search(text, 0, verb.start()):
            subject = current or previous
            if subject and not current:
                found.doubts.append(
                    f"'{_snippet(text, verb.start())}' taken as {subject}, the previous paragraph's speaker"
                )
        elif subject is None and GENERIC_SUBJECT.search(text, 0, verb.start()):
            subject = part_collective or None
            if not subject:
                found.doubts.append(f"'{_snippet(text, verb.start())}': a statement with no named speaker")
        if not subject:
            continue
        if verb["verb"] in ROLE_VERBS:
            found.roles.setdefault(subject, ROLE_VERBS[verb["verb"]])
            continue
        current = subject
        if subject not in found.speakers:
            found.speakers.append(subject)
    _passive_roles(text, references, found)
    found.mentions = _unique(r.speaker for r in references if r.speaker not in found.speakers)
    if len(found.speakers) > 1:
        found.doubts.append(f"{len(found.speakers)} speakers: {', '.join(found.speakers)}")
    return found


def _subject(text: str, verb_start: int, references: list[Reference]) -> str | None:
    """The speaker named right before the verb, a title's tail, commas or an adverb between them."""
    before = [r for r in references if r.end <= verb_start]
    if not before:
        return None
    last = before[-1]
    if verb_start - last.end > 200 or not SUBJECT_GAP.fullmatch(text, last.end, verb_start):
        return None
    return last.speaker


def _passive_roles(text: str, references: list[Reference], found: Speakers) -> None:
    """ "moderated by Mr. Yukio Takasu": a role cue for whoever follows."""
    for reference in references:
        cue = ROLE_BY_BEFORE.search(text, max(0, reference.start - 40), reference.start)
        if cue:
            found.roles.setdefault(reference.speaker, ROLE_VERBS[cue.group(1).split()[0]])


def _snippet(text: str, offset: int) -> str:
    return fold(text[max(0, offset - 40) : offset + 30])


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------
# Themes and documents


def theme_forms(themes: Iterable[Any]) -> list[tuple[str, re.Pattern[str]]]:
    """A regex per theme of its label and synonyms (case aside, plurals too: "pandemic" finds "pandemics")."""
    out = []
    for theme in themes:
        words = [str(_field(theme, "label"))] + [str(s) for s in _field(theme, "synonyms", [])]
        alternatives = "|".join(re.escape(w) for w in sorted(filter(None, words), key=len, reverse=True))
        out.append((str(_field(theme, "id")), re.compile(rf"(?<![\w-])(?:{alternatives})(?:e?s)?(?![\w-])", re.I)))
    return out


def document_forms(documents: Iterable[Any]) -> list[tuple[str, re.Pattern[str], bool]]:
    """(id, regex of its `cited_as` phrases, cited by symbol?) for each document."""
    out = []
    for document in documents:
        phrases = [str(p) for p in _field(document, "cited_as", [])]
        if not phrases:
            continue
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        by_symbol = any("/" in p for p in phrases)
        out.append((str(_field(document, "id")), re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w/-])"), by_symbol))
    return out


# ---------------------------------------------------------------------------
# The meeting's facts, from the front blocks and the text


@dataclass
class Facts:
    title: str
    topic: str
    date: dt.date
    date_text: str
    venue: str
    place: str
    body: str
    session: int
    session_label: str
    meeting_type: str


def meeting_facts(front: list[Block], body_text: str, source_name: str) -> Facts:
    """Title, date, venue and place from the title block; session and kind of meeting from the text."""
    title_block, date_match = _dated_block(front, source_name)
    line_text = fold(title_block.text)
    date = _date(date_match, source_name, title_block.line)
    printed_title, venue, place = _title_venue_place(line_text[: line_text.index(date_match.group(0))])
    title = sentence_case(printed_title, body_text, keep_first=True)
    session_label, session = _session(body_text)
    kind = MEETING_TYPE.search(body_text)
    meeting_type = kind.group(1) if kind else ("informal meeting" if "informal" in title.lower() else "meeting")
    body = next((b for b in BODIES if b in printed_title), "")
    topic = SLUG_PREPOSITIONS.split(title)[-1]
    return Facts(
        title,
        topic,
        date,
        date_match.group(0),
        venue,
        place,
        body,
        session,
        session_label,
        meeting_type[:1].upper() + meeting_type[1:],
    )


def _dated_block(front: list[Block], source_name: str) -> tuple[Block, re.Match[str]]:
    """The front block that carries the date (the title line), and the date in it."""
    for block in front:
        match = DATE.search(fold(block.text))
        if match:
            return block, match
    raise SourceError(
        source_name,
        "no date such as '2 April 2024' in the blocks before the first part (the record's heading and title line)",
        line=front[-1].line if front else 1,
    )


def _date(match: re.Match[str], source_name: str, line: int) -> dt.date:
    try:
        return dt.date(int(match[3]), MONTHS.index(match[2]) + 1, int(match[1]))
    except ValueError:
        raise SourceError(source_name, f"{match.group(0)!r} is not a date", line=line) from None


def _title_venue_place(head: str) -> tuple[str, str, str]:
    """ "Informal Meeting ... on Human Security Trusteeship Council Chamber, United Nations Headquarters,
    New York": the title runs to the room (a known room of Headquarters), the place follows it."""
    head = head.strip().rstrip(",")
    venue = VENUE.search(head)
    if venue:
        return head[: venue.start()].strip(), venue.group(0), head[venue.end() :].strip(" ,")
    title, _, place = head.partition(",")
    return title.strip(), "", place.strip()


def sentence_case(text: str, body_text: str, *, keep_first: bool) -> str:
    """Title case as the text writes it: a word keeps its capital where the text capitalises it more often.

    "Informal Meeting of the Plenary of the General Assembly on Human Security" becomes "Informal
    meeting of the plenary of the General Assembly on human security".
    """
    counts = Counter(re.findall(r"[A-Za-z]+", body_text))
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        lower = word[:1].lower() + word[1:]
        keep = (index == 0 and keep_first) or word == lower or counts[word] > counts[lower] or word.isupper()
        out.append(word if keep else lower)
    return " ".join(out)


def _session(text: str) -> tuple[str, int]:
    match = SESSION.search(text)
    if not match:
        return "", 0
    return f"{match.group(1)} session", ordinal_value(match.group(1))


# ---------------------------------------------------------------------------
# Import


def import_summary_file(path: Path, *, registry: Registry) -> ImportedMeeting:
    """Read a summary from disk (UTF-8, a BOM allowed) and import it; unreadable input is a SourceError."""
    data = path.read_bytes()
    if b"\x00" in data:
        raise SourceError(
            path.name, "a binary file, not a plain-text summary", line=data[: data.index(b"\x00")].count(b"\n") + 1
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            path.name,
            f"not UTF-8 text ({error.reason} at byte {error.start})",
            line=data[: error.start].count(b"\n") + 1,
        ) from None
    return import_summary(text, source_name=path.name, registry=registry)


def import_summary(text: str, *, source_name: str, registry: Registry) -> ImportedMeeting:
    """The meeting a plain-text summary records, with proposed corrections and a review list."""
    source = _checked_source(text, source_name)
    blocks = split_blocks(source)
    front, source_parts = structure(blocks, source_name)
    spans = [(b[0].start, b[-1].end) for part in source_parts for b in part.paragraphs]
    vocabulary = _vocabulary(registry)
    proposals = merge_overlaps(
        source, page_break_proposals(source, source_parts) + hyphen_proposals(source, vocabulary, spans)
    )
    corrections = _corrections(proposals, spans)
    body_text = " ".join(fold(source[a:b]) for a, b in spans)
    facts = meeting_facts(front, body_text, source_name)
    review: list[str] = []
    parts, roles = _parts(source, source_parts, [edit_of(p) for p in proposals], registry, body_text, review)
    participants = _participants(parts, roles, registry, review)
    documents = _meeting_documents(registry, body_text)
    review += [
        f"correction {c.id} in p{c.paragraph_index + 1}: {c.original!r} -> {c.corrected!r}: {c.why}"
        for c in corrections
    ]
    return _meeting(
        source, source_name, front, facts, parts, participants, documents, corrections, roles, body_text, review
    )


def _checked_source(text: str, source_name: str) -> str:
    """The text with a BOM and CRLFs normalised; empty or binary input refused with its line."""
    source = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not source.strip():
        raise SourceError(source_name, "the file is empty: no summary to import", line=1)
    control = re.search(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]", source)
    if control:
        raise SourceError(
            source_name,
            f"binary data (character U+{ord(control.group(0)):04X}), not a plain-text summary",
            line=source.count("\n", 0, control.start()) + 1,
        )
    return source


def _vocabulary(registry: Registry) -> list[str]:
    """The curated spellings: speakers' names, titles and search terms, themes, documents."""
    words: list[str] = []
    for speaker in _entries(registry.speakers):
        words += _speaker_forms(speaker)
    for theme in _entries(registry.themes):
        words += [str(_field(theme, "label"))] + [str(s) for s in _field(theme, "synonyms", [])]
    for document in _entries(registry.documents):
        words += [str(_field(document, "title"))] + [str(s) for s in _field(document, "cited_as", [])]
    return words


@dataclass(frozen=True)
class Edit:
    """What a correction changes, where: its original and corrected text without their common ends.

    An original carries context to be unique ("the upcoming\n\nSummit of the Future"); the change is
    smaller ("\n\n" -> " ") and lies inside one paragraph even where the context reaches beyond it
    (a word repeated in two identical paragraphs is framed across the blank line between them).
    """

    start: int
    end: int
    replacement: str


def edit_of(proposal: Proposal) -> Edit:
    original, corrected = proposal.original, proposal.corrected
    head = 0
    while head < min(len(original), len(corrected)) and original[head] == corrected[head]:
        head += 1
    tail = 0
    while tail < min(len(original), len(corrected)) - head and original[-1 - tail] == corrected[-1 - tail]:
        tail += 1
    return Edit(proposal.start + head, proposal.end - tail, corrected[head : len(corrected) - tail])


def _corrections(proposals: list[Proposal], spans: list[tuple[int, int]]) -> list[ImportedCorrection]:
    """The proposals as corrections of the paragraph where each makes its change."""
    corrections = []
    for proposal in proposals:
        edit = edit_of(proposal)
        index = next(i for i, (a, b) in enumerate(spans) if a <= edit.start <= b)
        corrections.append(
            ImportedCorrection(proposal.slug, index, proposal.original, proposal.corrected, proposal.why)
        )
    _unique_ids(corrections)
    return corrections


def _unique_ids(corrections: list[ImportedCorrection]) -> None:
    seen: Counter[str] = Counter()
    for correction in corrections:
        seen[correction.id] += 1
        if seen[correction.id] > 1:
            correction.id = f"{correction.id}-{seen[correction.id]}"


@dataclass
class Roles:
    """What the text says of the speakers' roles: cues ("convened", "moderated by") and the parts they speak in."""

    cues: dict[str, str] = field(default_factory=dict)
    spoke_in: dict[str, str] = field(default_factory=dict)  # speaker id -> title of the first part they speak in


def _parts(
    source: str,
    source_parts: list[SourcePart],
    edits: list[Edit],
    registry: Registry,
    body_text: str,
    review: list[str],
) -> tuple[list[ImportedPart], Roles]:
    """The parts with their paragraphs annotated; and the role cues found on the way."""
    finder = SpeakerFinder(_entries(registry.speakers), context=body_text)
    themes = theme_forms(_entries(registry.themes))
    documents = document_forms(_entries(registry.documents))
    parts: list[ImportedPart] = []
    roles = Roles()
    index, previous, ids = 0, "", set[str]()
    for source_part in source_parts:
        part = _part(source_part, ids)
        collective = next(
            (r.speaker for r in finder.references(source_part.title) if r.speaker in finder.collective), ""
        )
        for blocks in source_part.paragraphs:
            text = _paragraph_text(source, blocks, edits)
            found = find_speakers(text, finder, part_collective=collective, previous=previous)
            paragraph = ImportedParagraph(
                text=text,
                speakers=found.speakers,
                mentions=found.mentions,
                themes=[t for t, regex in themes if regex.search(text)],
                documents=[d for d, regex, _ in documents if regex.search(text)],
            )
            part.paragraphs.append(paragraph)
            _review_paragraph(index, source_part, paragraph, found, review)
            for speaker in found.speakers:
                roles.spoke_in.setdefault(speaker, source_part.title)
            for speaker, role in found.roles.items():
                roles.cues.setdefault(speaker, role)
            previous = found.speakers[-1] if found.speakers else previous
            index += 1
        parts.append(part)
    return parts, roles


def _part(source_part: SourcePart, ids: set[str]) -> ImportedPart:
    """A part, its id the short slug of its title (the full slug if that is taken)."""
    part_id = short_slug(source_part.title)
    if part_id in ids:
        part_id = slugify(source_part.title)
    ids.add(part_id)
    return ImportedPart(
        id=part_id, title=source_part.title, heading=[fold(source_part.heading.text)], number=source_part.number
    )


def _paragraph_text(source: str, blocks: list[Block], edits: list[Edit]) -> str:
    """The paragraph's source (its blocks and what lies between) with the changes made in it, folded."""
    start, end = blocks[0].start, blocks[-1].end
    text = source[start:end]
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):  # from the end: offsets stay true
        if start <= edit.start and edit.end <= end:
            text = text[: edit.start - start] + edit.replacement + text[edit.end - start :]
    return fold(text)


def _review_paragraph(
    index: int, part: SourcePart, paragraph: ImportedParagraph, found: Speakers, review: list[str]
) -> None:
    where = f"p{index + 1} (part {part.number})"
    if not paragraph.themes:
        review.append(f"{where}: no theme suggested")
    review += [f"{where}: speaker uncertain: {doubt}" for doubt in found.doubts]


def _participants(parts: list[ImportedPart], roles: Roles, registry: Registry, review: list[str]) -> dict[str, str]:
    """Speaker id -> role: a cue of the text ("convened" -> chair, "moderated by" -> moderator), the
    collective floor, the part they speak in ("panel" -> panellist, "Opening statements" -> keynote),
    or the registry's role where it still has one."""
    speakers = {str(_field(s, "id")): s for s in _entries(registry.speakers)}
    participants: dict[str, str] = {}
    for speaker in _unique(s for part in parts for p in part.paragraphs for s in p.speakers):
        entry = speakers.get(speaker)
        role = roles.cues.get(speaker) or ("floor" if entry is not None and _field(entry, "collective", False) else "")
        role = role or _part_role(roles.spoke_in.get(speaker, ""))
        role = role or (str(_field(entry, "role")) if entry is not None else "")
        if not role:
            role = "floor"
            review.append(f"participant {speaker}: role not found in the text, 'floor' assumed")
        participants[speaker] = role
    return participants


def _part_role(title: str) -> str:
    return next((role for regex, role in PART_ROLES if regex.search(title)), "")


def _meeting_documents(registry: Registry, body_text: str) -> list[str]:
    """The documents the text cites by symbol (A/78/665, 66/290): those the meeting considered."""
    return [
        d
        for d, regex, by_symbol in document_forms(_entries(registry.documents))
        if by_symbol and regex.search(body_text)
    ]


def _meeting(
    source: str,
    source_name: str,
    front: list[Block],
    facts: Facts,
    parts: list[ImportedPart],
    participants: dict[str, str],
    documents: list[str],
    corrections: list[ImportedCorrection],
    roles: Roles,
    body_text: str,
    review: list[str],
) -> ImportedMeeting:
    heading = fold(front[0].text) if front else "Summary"
    city = facts.place.split(",")[-1].strip()
    titles = [sentence_case(p.title, body_text, keep_first=False) for p in parts]
    title_lc = facts.title[:1].lower() + facts.title[1:]
    where = ", ".join(filter(None, [city, facts.date_text]))
    return ImportedMeeting(
        id=f"{facts.date.isoformat()}-{slugify(facts.topic)}",
        kind="summary",
        source_text=source,
        imported_from=Path(source_name).name,
        front=[fold(b.text) for b in front],
        title=facts.title,
        short_title=f"{facts.topic[:1].upper()}{facts.topic[1:]}, {facts.date_text}",
        body=slugify(facts.body),  # the data/bodies.yml id: "General Assembly" -> "general-assembly"
        session=facts.session,
        session_label=facts.session_label,
        meeting_type=facts.meeting_type,
        date=facts.date,
        place=facts.place,
        venue=facts.venue,
        convener=next((s for s, role in roles.cues.items() if role == "chair"), ""),
        citation_title=f"{heading} of the {title_lc}, {where}",
        description=f"{heading} of the {title_lc} held on {facts.date_text}: {_listing(titles)}.",
        parts=parts,
        participants=participants,
        documents=documents,
        corrections=corrections,
        review=review,
    )


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
