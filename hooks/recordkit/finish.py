"""What is made of the whole site once every page is in it: Material's palette and main stylesheet cut
to what the pages use (part of every first view), and its script kept from taking the feeds' links
for translations. A whole build does it after its pages (hooks/events.py); a partitioned build after
merging its jobs' (tools/build_site.py), from the classes each job gathered of its own pages.

Plain Python, no MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from . import feeds, palette, unused_css


def finish_site(site_dir: Path, theme_dirs: Sequence[Path],
                palette_config: Iterable[Mapping[str, object]] | Mapping[str, object],
                pages_use: set[str] | None = None) -> None:
    palette.cut_site_palette(site_dir, palette.used_colours(palette_config), theme_dirs)
    unused_css.cut_site_css(site_dir, theme_dirs, pages_use)
    feeds.leave_feed_links_to_feed_readers(site_dir, theme_dirs)
