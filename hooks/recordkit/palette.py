"""Material's palette stylesheet, cut to the colours the site uses.

Material links one palette.css for every site that sets `theme.palette`: the dark
(slate) scheme, plus rules for each of its 21 named primary and accent colours.
This site uses its own colours (`custom`, in record.css), so all but the scheme's
rules are bytes every first view downloads for nothing: 1.4 of its 2.0 KiB compressed.
The file is cut after the build, in place under its own hashed name, from the copy
Material wrote: nothing of Material's is copied into the repository, and a new
Material release is cut the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

PALETTE_GLOB = "assets/stylesheets/palette.*.min.css"
_NAMED_COLOUR = re.compile(r"data-md-color-(?:primary|accent)=[\"']?([\w-]+)")


def used_colours(palette_config: Iterable[Mapping[str, object]] | Mapping[str, object]) -> set[str]:
    """The primary and accent colours mkdocs.yml's `theme.palette` (one entry or a list) names."""
    entries = [palette_config] if isinstance(palette_config, Mapping) else list(palette_config)
    return {str(entry[key]).lower().replace(" ", "-") for entry in entries
            for key in ("primary", "accent") if entry.get(key)}


def cut_palette_css(css: str, used: set[str]) -> str:
    """`css` without the rules (and emptied @media blocks) of colours not in `used`; comments dropped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # the source map comment would no longer match
    return "".join(_kept(block, used) for block in _blocks(css))


def cut_site_palette(site_dir: Path, used: set[str]) -> list[Path]:
    """Cut every palette stylesheet Material wrote into `site_dir`; the files cut."""
    cut = sorted(site_dir.glob(PALETTE_GLOB))
    for path in cut:
        path.write_text(cut_palette_css(path.read_text(encoding="utf-8"), used), encoding="utf-8")
    return cut


def _kept(block: str, used: set[str]) -> str:
    head, _, body = block.partition("{")
    if head.lstrip().startswith("@"):
        inner = "".join(_kept(rule, used) for rule in _blocks(body[:-1]))
        return f"{head}{{{inner}}}" if inner else ""
    return "" if set(_NAMED_COLOUR.findall(head)) - used else block


def _blocks(css: str) -> list[str]:
    """The top-level rules and at-rules of `css`, each with its whole (nested) body."""
    blocks: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(css):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append(css[start:index + 1].strip())
                start = index + 1
    return blocks
