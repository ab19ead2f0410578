"""Material's palette stylesheet, cut to the colours the site uses.

Material links one palette.css for every site that sets `theme.palette`: the dark
(slate) scheme, plus rules for each of its 21 named primary and accent colours.
This site uses its own colours (`custom`, in record.css), so all but the scheme's
rules are bytes every first view downloads for nothing: 1.4 of its 2.0 KiB compressed.
The file is cut after the build, in place under its own hashed name, from the theme's
own copy: nothing of Material's is copied into the repository, and a new Material
release is cut the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .css import prune, theme_original

PALETTE_GLOB = "assets/stylesheets/palette.*.min.css"
_NAMED_COLOUR = re.compile(r"data-md-color-(?:primary|accent)=[\"']?([\w-]+)")


def used_colours(palette_config: Iterable[Mapping[str, object]] | Mapping[str, object]) -> set[str]:
    """The primary and accent colours mkdocs.yml's `theme.palette` (one entry or a list) names."""
    entries = [palette_config] if isinstance(palette_config, Mapping) else list(palette_config)
    return {str(entry[key]).lower().replace(" ", "-") for entry in entries
            for key in ("primary", "accent") if entry.get(key)}


def cut_palette_css(css: str, used: set[str]) -> str:
    """`css` without the rules (and emptied @media blocks) of colours not in `used`; comments dropped."""
    return prune(css, lambda head, body: "" if set(_NAMED_COLOUR.findall(head)) - used else f"{head}{{{body}")


def cut_site_palette(site_dir: Path, used: set[str], theme_dirs: Sequence[Path]) -> list[Path]:
    """Cut every palette stylesheet Material wrote into `site_dir`, from the theme's own copy found in
    `theme_dirs`; the files cut."""
    cut = sorted(site_dir.glob(PALETTE_GLOB))
    for path in cut:
        original = theme_original(path, site_dir, theme_dirs)
        path.write_text(cut_palette_css(original.read_text(encoding="utf-8"), used), encoding="utf-8")
    return cut
