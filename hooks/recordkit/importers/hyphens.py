"""Line-end hyphens: a block's printed lines as the paragraph reads, and the doubts to review.

The record's own vocabulary decides (`vocabulary`): a word printed whole inside a line
somewhere in the record is how the record spells it.
"""

from __future__ import annotations

import re
from collections import Counter

from .pdf_text import PdfText
from .words import fold

# First parts of compounds whose hyphen stays at a line end when the evidence is silent.
KEEP_HYPHEN = frozenset((
    "self", "non", "co", "ex", "vice", "under", "well", "long", "cross", "high", "follow", "so", "full", "post",
    "pre", "anti", "ever", "multi", "semi", "mid", "cost", "all", "short", "top", "far", "near",
))

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
