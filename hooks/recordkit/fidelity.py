"""The record's text is sacred: docs/ must equal the source plus declared corrections.

The source is the text of the official PDF. Its blocks (separated by blank
lines) are: the record's heading, its title line, then part headings
("II. Opening statements") and paragraphs. After the corrections are applied,
every block must appear in docs/, whole, in the same order, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

HEADING = re.compile(r"^[IVXLC]+\. \S")


@dataclass(frozen=True)
class SourceBlock:
    kind: str  # "heading", "paragraph" or "front" (record heading and title)
    text: str


def normalise(text: str) -> str:
    """Whitespace is layout, not words: compare texts with runs of it folded."""
    return " ".join(text.split())


def any_of(needles: Iterable[str]) -> str:
    """A regex for any of `needles`, longest first, shaped as a trie.

    One scan with it costs about the same however many corrections there are;
    `str.count`/`str.replace` per correction, or a flat `a|b|c` alternation
    (which `re` tries branch by branch at every position), would scan the
    source once per correction: quadratic as the record and its corrections grow.
    """
    trie: dict[str, dict] = {}
    for needle in needles:
        node = trie
        for char in needle:
            node = node.setdefault(char, {})
        node[""] = {}  # a needle ends here

    def pattern(node: dict[str, dict]) -> str:
        chain = ""  # a run of single-child nodes is plain text: recursion only where needles part
        while len(node) == 1 and "" not in node:
            char, node = next(iter(node.items()))
            chain += re.escape(char)
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if not branches:
            return chain
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return chain + (f"(?:{group})?" if "" in node else group)  # greedy: the longer needle wins

    return pattern(trie)


def occurrences(text: str, needles: Iterable[str]) -> dict[str, int]:
    """How many times each needle occurs in `text` (overlapping occurrences too), in one scan."""
    counts = {needle: (len(text) + 1 if not needle else 0) for needle in needles}  # "" as str.count counts it
    wanted = {needle for needle in counts if needle}
    if not wanted:
        return counts
    regex = re.compile(any_of(wanted))
    match = regex.search(text)
    while match:
        longest = match.group(0)
        # The needles found here are the longest one and those of its prefixes that are needles too.
        for end in range(1, len(longest) + 1):
            if longest[:end] in wanted:
                counts[longest[:end]] += 1
        match = regex.search(text, match.start() + 1)  # from the next character: overlaps count
    return counts


def apply_corrections(source: str, corrections: list[tuple[str, str]]) -> str:
    """Each original replaced by its correction at its first occurrence (in order for a repeated original)."""
    pending: dict[str, list[str]] = {}
    for original, corrected in corrections:
        if original:
            pending.setdefault(original, []).append(corrected)
    if not pending:
        return source

    def replace(match: re.Match[str]) -> str:
        queue = pending.get(match.group(0))
        return queue.pop(0) if queue else match.group(0)

    return re.sub(any_of(pending), replace, source)


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
