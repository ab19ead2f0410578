"""Material's main stylesheet, cut to the rules this site's pages can use.

Material ships one main.css for every component it has: admonitions, code
highlighting, tabs, its own search, versions, blog posts, consent banners...
This site uses a few: the rest was 9 of its 22.8 KiB compressed, in every first
view (BENCHMARKS.md). After the build, a selector is dropped when it needs a
class that no page's HTML holds and no script of the site mentions (Material's
bundle adds classes at run time: any word of a script counts as used, so a
class it may add is kept); a rule goes with its last selector, an @media block
with its last rule, and a custom property with its last reader (the CSS itself,
a script, or another stylesheet: the palette's dark scheme reads Material's).
Computed from the built site at every build, always from Material's own file
(the theme's, not the copy in site/, which a dirty build does not replace): a
record that starts using admonitions gets their rules back.

Plain Python, no MkDocs. tests/browser/test_unused_css.py checks that the pages
look, pixel for pixel, as they do with Material's whole stylesheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .css import prune, scan, split_top_level, theme_original

MAIN_GLOB = "assets/stylesheets/main.*.min.css"
_CLASS_ATTRIBUTE = re.compile(r"""class=["']([^"']*)["']""")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
_CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"""\[(?:"[^"]*"|'[^']*'|[^\]"'])*\]""")  # [title=".x"]: no class in it
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_PROPERTY_USE = re.compile(r"var\((--[\w-]+)")
_PROPERTY_NAME = re.compile(r"--[\w-]+")


def used_classes(html_pages: Iterable[str], scripts: Iterable[str]) -> set[str]:
    """Every class in the pages' markup, and every word of the scripts, theirs and inline (classes
    they may add)."""
    used: set[str] = set()
    for html in html_pages:
        for value in _CLASS_ATTRIBUTE.findall(html):
            used.update(value.split())
        for script in _INLINE_SCRIPT.findall(html):
            used.update(_WORD.findall(script))
    for script in scripts:
        used.update(_WORD.findall(script))
    return used


def cut_css(css: str, used: set[str], readers: str = "") -> str:
    """`css` without the selectors needing a class not in `used`, nor the rules, blocks and custom
    properties left without use (`readers`: the scripts and other stylesheets, which may read them);
    comments dropped (the source map would no longer match)."""
    return _without_unused_properties(prune(css, lambda head, body: _kept(head, body, used)), readers)


def page_classes(folders: Iterable[Path]) -> set[str]:
    """The classes of every page under `folders` (and the words of their inline scripts)."""
    return used_classes((path.read_text(encoding="utf-8") for folder in folders for path in folder.rglob("*.html")),
                        [])


def cut_site_css(site_dir: Path, theme_dirs: Sequence[Path], pages_use: set[str] | None = None) -> list[Path]:
    """Cut Material's main stylesheet in `site_dir`, from the theme's own copy found in `theme_dirs`,
    to what the site's pages and scripts use; the files cut. `pages_use`: the pages' classes, gathered
    by a partitioned build's jobs (page_classes); by default read from the pages in `site_dir`."""
    script_text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.js")))
    used = (page_classes([site_dir]) if pages_use is None else pages_use) | used_classes([], [script_text])
    cut = sorted(site_dir.glob(MAIN_GLOB))
    others = "\n".join(path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.css")) if path not in cut)
    for path in cut:
        original = theme_original(path, site_dir, theme_dirs)
        path.write_text(cut_css(original.read_text(encoding="utf-8"), used, f"{script_text}\n{others}"),
                        encoding="utf-8")
    return cut


def _needed(selector: str, used: set[str]) -> bool:
    """Whether `selector` can match a page whose classes are `used`. Classes inside :not() or :has()
    are not required; :is() and :where() need one alternative that can match."""
    plain, index = [], 0
    for match in re.finditer(r":(not|has|is|where)\(", selector):
        if match.start() < index:
            continue  # inside a pseudo-class already judged
        end = _closing(selector, match.end() - 1)
        plain.append(selector[index:match.start()])
        inner = selector[match.end():end]
        if match.group(1) in ("is", "where") and not any(_needed(part, used) for part in split_top_level(inner)):
            return False
        index = end + 1
    plain.append(selector[index:])
    return set(_CLASS_IN_SELECTOR.findall(_ATTRIBUTE.sub("", "".join(plain)))) <= used


def _closing(text: str, opening: int) -> int:
    """The index of the parenthesis closing the one at `opening`."""
    for index, char, depth in scan(text[opening:]):
        if char == ")" and depth == 1:
            return opening + index
    return len(text) - 1


def _kept(head: str, body: str, used: set[str]) -> str:
    """A style rule with only the selectors that can match ("" if none can)."""
    selectors = [selector for selector in split_top_level(head) if _needed(selector, used)]
    return f"{','.join(selectors)}{{{body}" if selectors else ""


def _declarations(css: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each custom property declaration ("--name:value;"), its ";" included.
    A declaration follows a "{" or a ";" and ends at the ";" or "}" of its own level: a ";" inside
    url('data:...;...') or var(--a, (...)) does not end it."""
    open_at: tuple[int, str, int] | None = None  # (start, name, depth of the declaration's characters)
    for index, char, depth in scan(css):
        if open_at is not None and char in ";}" and depth == open_at[2]:
            yield open_at[0], index + 1 if char == ";" else index, open_at[1]
            open_at = None
        if open_at is None and char in "{;":
            match = _PROPERTY_NAME.match(css, index + 1)
            if match and css.startswith(":", match.end()):
                open_at = (index + 1, match.group(0), depth + 1 if char == "{" else depth)


def _without_unused_properties(css: str, readers: str) -> str:
    """Drop custom property declarations nothing reads (var() in the CSS, a script or another
    stylesheet), until none is left."""
    while True:
        declared = list(_declarations(css))
        read = set(_PROPERTY_USE.findall(css)) | set(_PROPERTY_NAME.findall(readers))
        unused = [(start, end) for start, end, name in declared if name not in read]
        if not unused:
            return css
        for start, end in reversed(unused):
            css = css[:start] + css[end:]
