"""The record's text is sacred: docs/ must equal the source plus declared corrections.

The source is the text of the official PDF. Its blocks (separated by blank
lines) are: the record's heading, its title line, then part headings
("II. Opening statements") and paragraphs. After the corrections are applied,
every block must appear in docs/, whole, in the same order, and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^[IVXLC]+\. \S")


@dataclass(frozen=True)
class SourceBlock:
    kind: str  # "heading", "paragraph" or "front" (record heading and title)
    text: str


def normalise(text: str) -> str:
    """Whitespace is layout, not words: compare texts with runs of it folded."""
    return " ".join(text.split())


def apply_corrections(source: str, corrections: list[tuple[str, str]]) -> str:
    for original, corrected in corrections:
        source = source.replace(original, corrected, 1)
    return source


def source_blocks(text: str) -> list[SourceBlock]:
    blocks = [normalise(block) for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    blocks = [block for block in blocks if block]
    result = [SourceBlock("front", block) for block in blocks[:2]]
    for block in blocks[2:]:
        result.append(SourceBlock("heading" if HEADING.match(block) else "paragraph", block))
    return result


def first_difference(expected: str, found: str) -> str:
    """Where two texts part, in words a reader can find in the file."""
    expected_words, found_words = expected.split(), found.split()
    index = 0
    while index < min(len(expected_words), len(found_words)) and expected_words[index] == found_words[index]:
        index += 1
    source_part = " ".join(expected_words[index : index + 6]) or "(end of paragraph)"
    docs_part = " ".join(found_words[index : index + 6]) or "(end of paragraph)"
    return f"after word {index}, the source has '{source_part}' but docs/ has '{docs_part}'"
