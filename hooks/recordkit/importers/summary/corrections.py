"""Corrections proposed to the editor: a paragraph split by a page break, a hyphen lost at a line end."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ...slug import slugify
from ..words import fold
from .patterns import CLOSED_WORD, FUNCTION_WORDS, HYPHENATED, PHRASE_BOUNDARY
from .structure import Block, SourcePart

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
