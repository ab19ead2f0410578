"""Search through the real search box: each query opens its paragraph.

What "among the first three results" means here: Material groups its hits
by page, and each group is one result, an item of the result list showing
the page and, under it, its best-matching paragraph(s); weaker matches on the
same page fold into "N more on this page". A query passes when its
paragraph's link is *shown* (not folded) in one of the first three result
items, so a reader sees it without scrolling or expanding anything, and
when choosing that link with the keyboard and pressing Enter opens the
paragraph, in view and highlighted.
"""

from __future__ import annotations

from typing import Any

import pytest

from browser.conftest import PART, assert_paragraph_shown, search_for

pytestmark = pytest.mark.browser

# query -> the paragraph it must open (page, anchor)
QUERIES: list[tuple[str, str]] = [
    # a phrase from the middle of a paragraph
    ("enormous toll on the livelihoods", "opening-statements#p-pga-statement"),
    ("blind spots that can derail sustainable peace", "member-states#p-floor-prevention"),
    ("strengthening outdated multilateral frameworks", "opening-statements#p-sg-statement"),
    ("placing people at the forefront of efforts to build resilience", "panel-discussion#p-fatima"),
    # each speaker's surname
    ("Francis", "opening-statements#p-pga-statement"),
    ("Guterres", "opening-statements#p-sg-statement"),
    ("Takasu", "concluding-remarks#p-closing-takasu"),
    ("Chinchilla", "panel-discussion#p-panel-opening"),
    ("Chambas", "panel-discussion#p-chambas"),
    ("Fatima", "panel-discussion#p-fatima"),
    # a title
    ("Secretary-General", "opening-statements#p-sg-statement"),
    ("President of the General Assembly", "opening-statements#p-pga-statement"),
    # a theme's label, and a synonym of a theme
    ("Unilateral coercive measures", "member-states#p-floor-resolution"),
    ("sanctions", "member-states#p-floor-resolution"),
    ("Digital transformation", "member-states#p-floor-prevention"),
    ("disaggregated data", "member-states#p-floor-sdgs"),
    # a document symbol
    ("66/290", "member-states#p-floor-resolution"),
    # an accent-free spelling of "António"
    ("Antonio", "opening-statements#p-sg-statement"),
    # a word that appears once in the record
    ("turbulence", "opening-statements#p-sg-statement"),
]
FIRST = 3


def paragraph_url(target: str) -> str:
    page, anchor = target.split("#")
    return f"{PART}{page}/#{anchor}"


def run_query(page: Any, query: str) -> list[list[str]]:
    """Type `query` into the search box; the shown paragraph and page links of each result item."""
    page.goto("")
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    search_for(page, query)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => [...item.querySelectorAll('a.md-search-result__link')]
            .filter(link => !link.closest('details'))
            .map(link => { const url = new URL(link.href); return url.pathname + url.hash; }))""",
    )


@pytest.mark.parametrize(("query", "target"), QUERIES, ids=[query for query, _ in QUERIES])
def test_query_opens_its_paragraph(page: Any, query: str, target: str) -> None:
    wanted = "/" + paragraph_url(target)
    results = run_query(page, query)
    shown = [link for item in results[:FIRST] for link in item]
    assert wanted in shown, f"{query!r}: {wanted} is not shown in the first {FIRST} results: {results[:5]}"

    # Choose it with the keyboard (Material moves through the shown links) and press Enter.
    focused_link = "(() => { const el = document.activeElement; if (!el.href) return null; " \
                   "const url = new URL(el.href); return url.pathname + url.hash; })()"
    for _ in range(len(shown) + 1):
        page.keyboard.press("ArrowDown")
        if page.evaluate(focused_link) == wanted:
            break
    else:
        pytest.fail(f"{query!r}: the arrow keys never reached {wanted}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_paragraph_shown(page, target.split("#")[1])
