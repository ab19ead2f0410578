"""recordkit's relative URLs agree with MkDocs' own `get_relative_url` on every link the pages make.

recordkit imports nothing from MkDocs, so it has its own `relative_url`; this
test proves the two lead to the same address from every generated page to every
page and paragraph (strings may differ: "./#p1" and "#p1" are the same link).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from mkdocs.utils import get_relative_url

from recordkit.navigation import generated_pages
from recordkit.urls import HOME, SiteUrls, relative_url

BASE = "https://example.org/site/"


def test_relative_url_lands_where_mkdocs_get_relative_url_does(corpus: Any) -> None:
    urls = SiteUrls(corpus)
    pages = [urls.page(src) for src in [HOME, *generated_pages(corpus)]]
    targets = [*pages, *(urls.paragraph(p) for p in corpus.paragraphs)]
    compared = 0
    for here in pages:
        for target in targets:
            ours, theirs = relative_url(here, target), get_relative_url(target, here)
            assert urljoin(BASE + here, ours) == urljoin(BASE + here, theirs) == BASE + target, (here, target)
            compared += 1
    assert compared > 100_000
