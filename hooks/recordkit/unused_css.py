"""Material's main stylesheet, cut to the rules this site's pages can use.

Material ships one main.css for every component it has: admonitions, code
highlighting, tabs, its own search, versions, blog posts, consent banners...
This site uses a few: the rest was 8 of its 22.8 KiB compressed, in every first
view (BENCHMARKS.md). After the build, a selector is dropped when it names a
class that no page's HTML holds and no script of the site mentions (Material's
bundle adds classes at run time: any word of its text counts as used, so a
class it may add is kept); a rule goes with its last selector, an @media block
with its last rule, and a custom property with its last use. Computed from the
built site at every build: a record that starts using admonitions gets their
rules back. The file is rewritten in place, under Material's own hashed name.

Plain Python, no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .palette import _blocks

MAIN_GLOB = "assets/stylesheets/main.*.min.css"
_CLASS_ATTRIBUTE = re.compile(r"""class=["']([^"']*)["']""")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
_CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# Classes inside :not() need not be on a page (".a:not(.b)" matches where .b is absent), nor each one
# inside :is(), :where() or :has() (alternatives): such selectors are judged by their other classes only.
_NOT_REQUIRED = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A custom property's declaration: its value may hold quoted strings and parentheses with ";" inside
# (Material's icons are url('data:image/svg+xml;charset=utf-8,<svg...>')).
# (A declaration starts a block or follows a ";": ".md-sidebar--secondary:not(...)" is a selector.)
_PROPERTY = re.compile(r"""(?<=[{;])(--[\w-]+):(?:'[^']*'|"[^"]*"|\((?:'[^']*'|"[^"]*"|[^()'"])*\)|[^;{}()'"])*;?""")
_PROPERTY_USE = re.compile(r"var\((--[\w-]+)")


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
    """`css` without the selectors naming a class not in `used`, nor the rules, blocks and custom
    properties left without use (`readers`: the scripts and other stylesheets, which may read them);
    comments dropped (the source map would no longer match)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    kept = "".join(_kept(block, used) for block in _blocks(css))
    return _without_unused_properties(kept, readers)


def cut_site_css(site_dir: Path) -> list[Path]:
    """Cut Material's main stylesheet in `site_dir` to what its pages and scripts use; the files cut.
    A custom property is kept while any script or other stylesheet (the palette's dark scheme,
    record.css) reads it."""
    pages = (path.read_text(encoding="utf-8") for path in site_dir.rglob("*.html"))
    script_text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.js")))
    used = used_classes(pages, [script_text])
    cut = sorted(site_dir.glob(MAIN_GLOB))
    others = "\n".join(path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.css")) if path not in cut)
    for path in cut:
        path.write_text(cut_css(path.read_text(encoding="utf-8"), used, f"{script_text}\n{others}"), encoding="utf-8")
    return cut


def _kept(block: str, used: set[str]) -> str:
    head, _, body = block.partition("{")
    at_rule = head.lstrip()
    if at_rule.startswith("@"):
        if not at_rule.startswith(("@media", "@supports")):
            return block  # @font-face, @keyframes...: no selectors to judge
        inner = "".join(_kept(rule, used) for rule in _blocks(body[:-1]))
        return f"{head}{{{inner}}}" if inner else ""
    selectors = [s for s in _selectors(head) if set(_CLASS_IN_SELECTOR.findall(_NOT_REQUIRED.sub("", s))) <= used]
    return f"{','.join(selectors)}{{{body}" if selectors else ""


def _selectors(head: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(), :not() or [...])."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(head):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(head[start:index])
            start = index + 1
    parts.append(head[start:])
    return parts


def _without_unused_properties(css: str, readers: str) -> str:
    """Drop custom property declarations nothing reads (var() in the CSS, a script or another
    stylesheet), until none is left."""
    while True:
        defined = {match.group(1) for match in _PROPERTY.finditer(css)}
        read = set(_PROPERTY_USE.findall(css)) | set(re.findall(r"--[\w-]+", readers))
        unused = defined - read
        if not unused:
            return css
        css = _PROPERTY.sub(_dropping(unused), css)


def _dropping(names: set[str]) -> Callable[[re.Match[str]], str]:
    return lambda match: "" if match.group(1) in names else match.group(0)
