"""Material's main stylesheet is cut to the rules the built pages can use (recordkit.unused_css)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from recordkit.unused_css import MAIN_GLOB, cut_css, used_classes

MATERIAL_LIKE = (
    '@charset "UTF-8";'
    ":root{--md-admonition-icon--note:url('data:image/svg+xml;x');--md-kept:1px;--md-chained:var(--md-kept);"
    "--md-nested:calc(var(--md-kept) * (1 + 2));--md-last:1}"
    "@font-face{font-family:x;src:url(x.woff2)}"
    "body{margin:0}"
    ".md-header,.md-search__form{height:var(--md-chained)}"
    ".md-typeset .admonition{mask-image:var(--md-admonition-icon--note)}"
    ".md-nav__link:not(.md-nav__link--gone){color:red}"
    ":is(.md-header,.md-tabs) a{color:blue}"
    ".md-sidebar--secondary:not([hidden]){display:block}"
    ".md-tabs :is(.md-header,.md-nav){color:green}"
    ":is(.md-gone,.md-away) p,.md-header:where(.md-gone,.md-header) b{color:navy}"
    '.md-header[title="x),.y"],.md-gone{color:teal}'
    ".md-header:has(.md-gone){color:olive}"
    "@media print{.md-search{display:none}.md-header{display:none}}"
    "@media screen{@supports (x:y){.md-tooltip{opacity:0}}}"
    "/*# sourceMappingURL=main.css.map*/"
)


def test_selectors_naming_an_unused_class_go_and_rules_blocks_and_properties_left_empty_with_them() -> None:
    used = {"md-header", "md-typeset", "md-nav__link", "md-sidebar--secondary"}
    assert cut_css(MATERIAL_LIKE, used) == (
        '@charset "UTF-8";'
        ":root{--md-kept:1px;--md-chained:var(--md-kept);}"
        "@font-face{font-family:x;src:url(x.woff2)}"
        "body{margin:0}"
        ".md-header{height:var(--md-chained)}"
        ".md-nav__link:not(.md-nav__link--gone){color:red}"  # :not() asks for a class's absence
        ":is(.md-header,.md-tabs) a{color:blue}"
        ".md-sidebar--secondary:not([hidden]){display:block}"  # "--secondary:" is no custom property
        ".md-header:where(.md-gone,.md-header) b{color:navy}"  # :is(), :where(): one alternative is enough
        '.md-header[title="x),.y"]{color:teal}'  # a quoted comma splits nothing
        ".md-header:has(.md-gone){color:olive}"
        "@media print{.md-header{display:none}}"
    )


def test_a_class_a_script_may_add_is_used() -> None:
    used = used_classes(['<div class="md-header  md-typeset"><script>b.classList.add("md-banner")</script>'],
                        ['el.classList.add("md-tooltip")'])
    assert {"md-header", "md-typeset", "md-tooltip", "md-banner"} <= used
    assert ".md-tooltip{opacity:0}" in cut_css(MATERIAL_LIKE, used)
    assert "--md-x" in cut_css(":root{--md-x:1}", set(), 'style.setProperty("--md-x", "2")')
    assert "--md-y" in cut_css(":root{--md-y:1}", set(), "[data-md-color-scheme=slate]{color:var(--md-y)}")


def test_the_built_stylesheet_keeps_what_the_pages_use_and_sheds_a_third(site: object, site_dir: Path) -> None:
    (main,) = site_dir.glob(MAIN_GLOB)
    css = main.read_text(encoding="utf-8")
    for selector in (".md-header{", ".md-nav__link", ".md-typeset h1", ".md-typeset table:not([class])",
                     "@media print", ".md-sidebar--primary"):
        assert selector in css, selector
    for gone in (".md-search__input", ".md-consent", ".md-feedback", ".md-post", ".highlighttable", ".task-list"):
        assert gone not in css, gone
    assert "sourceMappingURL" not in css
    # Material's own file is 22.8 KiB compressed (mkdocs-material 9.x).
    assert len(gzip.compress(css.encode(), 6)) < 16_000
    assert not re.search(r"\{\}|,\{", css)  # no rule left without selector or body
