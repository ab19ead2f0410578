"""A summary's structure: blocks, the front blocks, parts headed by Roman numerals and their
paragraphs (the halves of a paragraph split by a page break joined)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...slug import slugify
from ..errors import SourceError
from .patterns import CLOSERS, PART_HEADING, ROMAN_VALUES, SLUG_PREPOSITIONS, TERMINAL

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
