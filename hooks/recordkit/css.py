"""Reading minified CSS: its top-level blocks and selector lists, aware of quoted strings and of
nesting in (), [] and {} (a ";" or "," inside url('data:...') or :is(...) separates nothing).

Shared by the cuts of Material's stylesheets (palette.py, unused_css.py). Plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_GROUPING = ("@media", "@supports")  # at-rules whose body is rules


def without_comments(css: str) -> str:
    """`css` without its comments (a cut file's source map comment would no longer match)."""
    return _COMMENT.sub("", css)


def theme_original(path: Path, site_dir: Path, theme_dirs: Sequence[Path]) -> Path:
    """The theme's own copy of `path` (a file MkDocs copied into `site_dir`), else `path` itself.
    A cut starts from it every build: a dirty build does not copy the theme's files again."""
    relative = path.relative_to(site_dir)
    return next((folder / relative for folder in theme_dirs if (folder / relative).is_file()), path)


def scan(text: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth of (), [] and {} before it) for each character outside quoted strings."""
    depth, quote = 0, ""
    for index, char in enumerate(text):
        if quote:
            if char == quote and text[index - 1] != "\\":
                quote = ""
            continue
        if char in "\"'":
            quote = char
            continue
        yield index, char, depth
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1


def blocks(css: str) -> list[str]:
    """The top-level rules and at-rules of `css`, each with its whole (nested) body."""
    blocks, start = [], 0
    for index, char, depth in scan(css):
        if (char == "}" and depth == 1) or (char == ";" and depth == 0):  # a rule, or @charset "UTF-8";
            blocks.append(css[start:index + 1].strip())
            start = index + 1
    return blocks


def prune(css: str, rule: Callable[[str, str], str]) -> str:
    """`css` without comments, each style rule as `rule(selectors, body)` remakes it ("" drops it; the
    body keeps its closing brace), @media and @supports blocks left empty dropped, other at-rules
    (@charset, @font-face, @keyframes...) kept whole."""
    return "".join(_pruned(block, rule) for block in blocks(without_comments(css)))


def _pruned(block: str, rule: Callable[[str, str], str]) -> str:
    head, brace, body = block.partition("{")
    at_rule = head.lstrip()
    if not brace or (at_rule.startswith("@") and not at_rule.startswith(_GROUPING)):
        return block
    if at_rule.startswith("@"):
        inner = "".join(_pruned(nested, rule) for nested in blocks(body[:-1]))
        return f"{head}{{{inner}}}" if inner else ""
    return rule(head, body)


def split_top_level(text: str) -> list[str]:
    """`text` split at its top-level commas (not those inside (), [] or quotes)."""
    parts, start = [], 0
    for index, char, depth in scan(text):
        if char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts
