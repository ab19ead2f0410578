"""The record's text is sacred: the published text must equal the source plus declared corrections.

The source (source.txt of each meeting) is the text of the official document:
the summary's text, or the text extracted from a verbatim record's PDF. Its
blocks (separated by blank lines) are the meeting's front blocks, then each
part's heading blocks and paragraphs. After the corrections are applied,
every block must be published, whole, in the same order, and nothing else;
whitespace is layout, and a hyphen at a line end may go (see `matches`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


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


# A hyphen at a line end between two letters may be the word's own ("Secretary-\nGeneral")
# or the typesetter's ("sustain-\ning"): the published text decides, the check accepts either.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")


def source_blocks(text: str) -> list[str]:
    """The source's blocks (separated by blank lines), line breaks kept inside each block."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [block.strip() for block in blocks if block.strip()]


def matches(block: str, published: str) -> bool:
    """Whether `published` is the source `block`: its words, each line-end hyphen kept or gone.

    Read piece by piece, not with a regex of the block: compiling one per block cost most of the
    build's check (a record's blocks overflow `re`'s cache). A piece starts with a letter, so a
    hyphen after a piece can only be the line end's."""
    text, position = normalise(published), 0
    for number, piece in enumerate(_LINE_END_HYPHEN.split(block)):
        if number and text.startswith("-", position):
            position += 1
        words = normalise(piece)
        if not text.startswith(words, position):
            return False
        position += len(words)
    return position == len(text)


def plain(block: str) -> str:
    """The block folded as the published text would most simply read (for messages)."""
    return normalise(_LINE_END_HYPHEN.sub("", block))


@dataclass(frozen=True)
class Expected:
    """A block the published record holds, and how to name it in a message."""

    text: str
    file: str
    line: int | None
    what: str  # "front", "heading" or "paragraph '<id>'"
    part: str = ""  # the part it belongs to (resynchronise there after a mismatch)


@dataclass(frozen=True)
class Mismatch:
    file: str
    line: int | None
    message: str
    field: str | None = None


def compare(source: list[str], expected: list[Expected], *, source_name: str,
            corrections_file: str = "corrections.yml") -> list[Mismatch]:
    """Every difference between the source's blocks and the published ones, at most one per part."""
    found: list[Mismatch] = []
    position = 0
    index = 0
    while index < len(expected):
        item = expected[index]
        if position >= len(source):
            message = f"{item.what} is not in the source ({source_name} ends before it)"
            found.append(Mismatch(item.file, item.line, message))
            return found
        if matches(source[position], item.text):
            position, index = position + 1, index + 1
            continue
        found.append(Mismatch(item.file, item.line, _difference(source[position], item, corrections_file),
                              "title" if item.what == "heading" else None))
        index, position = _resynchronise(source, expected, index, position)
    if position < len(source):
        unpublished = _quote(plain(source[position]))
        found.append(Mismatch(source_name, None, f"a block of the source is not published: {unpublished}"))
    return found


def _difference(block: str, item: Expected, corrections_file: str) -> str:
    if item.what == "heading":
        return f"the title '{normalise(item.text)}' does not match the source's heading '{plain(block)}'"
    if item.what == "front":
        return f"the front block '{normalise(item.text)}' does not match the source's block {_quote(plain(block))}"
    return (f"{item.what} no longer matches the source: {first_difference(plain(block), normalise(item.text))}"
            f" (declare an editorial correction in {corrections_file}, or restore the text)")


def _resynchronise(source: list[str], expected: list[Expected], index: int, position: int) -> tuple[int, int]:
    """Skip to the next part's first block, in both lists, so later parts are still checked."""
    part = expected[index].part
    next_index = next((i for i in range(index, len(expected)) if expected[i].part != part), len(expected))
    if next_index == len(expected):
        return next_index, len(source)
    target = expected[next_index]
    for candidate in range(position + 1, len(source)):
        if matches(source[candidate], target.text):
            return next_index, candidate
    return len(expected), len(source)


def _quote(text: str) -> str:
    return f"'{text[:60]}...'" if len(text) > 60 else f"'{text}'"


def first_difference(expected: str, found: str) -> str:
    """Where two texts part, in words a reader can find in the file."""
    expected_words, found_words = expected.split(), found.split()
    index = 0
    while index < min(len(expected_words), len(found_words)) and expected_words[index] == found_words[index]:
        index += 1
    source_part = " ".join(expected_words[index : index + 6]) or "(end of paragraph)"
    docs_part = " ".join(found_words[index : index + 6]) or "(end of paragraph)"
    return f"after word {index}, the source has '{source_part}' but the part has '{docs_part}'"
