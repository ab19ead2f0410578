"""recordkit's relative URLs agree with MkDocs' own `get_relative_url` on the links the pages make.

recordkit imports nothing from MkDocs, so it has its own `relative_url`; this
test proves the two lead to the same address from generated pages to pages and
paragraphs (strings may differ: "./#p1" and "#p1" are the same link).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from mkdocs.utils import get_relative_url

from conftest import page_kind, representative
from recordkit.navigation import generated_pages
from recordkit.urls import HOME, SiteUrls, relative_url

BASE = "https://example.org/site/"


def test_relative_url_lands_where_mkdocs_get_relative_url_does(corpus: Any) -> None:
    """From a fixed sample of each kind of page to a fixed sample of each kind of page and paragraph,
    and to every page and paragraph of the page's own folder (its own page, its record's other parts).

    Every page against every target grew with the square of the corpus (2 million pairs for seven
    meetings); a relative URL depends only on the two paths' shapes (depth, the folders they share),
    which the kinds and the same-folder targets cover: the pairs compared here stay bounded
    whatever the number of meetings.
    """
    urls = SiteUrls(corpus)
    pages = [urls.page(src) for src in [HOME, *generated_pages(corpus)]]
    paragraphs = [urls.paragraph(p) for p in corpus.paragraphs]
    heres = representative(pages, seed="here")
    targets = representative([*pages, *paragraphs], seed="target")
    near_by_folder: dict[str, list[str]] = {}  # the pages and paragraphs of a record, by the record's folder
    for target in [*pages, *paragraphs]:
        near_by_folder.setdefault(folder_of(target), []).append(target)
    compared: set[tuple[str, str]] = set()
    for here in heres:
        near = near_by_folder.get(folder_of(here), [here]) if here.startswith("records/") else [here]
        for target in [*targets, *near]:
            ours, theirs = relative_url(here, target), get_relative_url(target, here)
            assert urljoin(BASE + here, ours) == urljoin(BASE + here, theirs) == BASE + target, (here, target)
            compared.add((page_kind(here), page_kind(target) + ("#" if "#" in target else "")))
    kinds = {page_kind(page) for page in pages}
    target_kinds = kinds | {page_kind(p) + "#" for p in paragraphs}
    assert {(here, target) for here in kinds for target in target_kinds} <= compared
    assert len(kinds) > 10


def folder_of(url: str) -> str:
    """'records/<id>/' for a page or paragraph of a record, else the URL's path."""
    path = url.split("#")[0]
    return "/".join(path.split("/")[:2]) + "/" if path.startswith("records/") else path
