"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any kind of page, in either palette.

axe-core comes from the `axe-playwright-python` test dependency, which ships
axe.min.js: nothing is fetched at test time. No rule is disabled, and rules
axe tags `experimental` that check a WCAG success criterion are enabled too.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from browser.conftest import PART, PHONE, wait_until_settled

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_KINDS = {
    "home": "",
    "overview": f"{PART}overview/",
    "opening-statements": f"{PART}opening-statements/",
    "panel-discussion": f"{PART}panel-discussion/",
    "member-states": f"{PART}member-states/",
    "concluding-remarks": f"{PART}concluding-remarks/",
    "notes": f"{PART}notes/",
    "downloads": f"{PART}downloads/",
    "speakers-index": "speakers/",
    "speaker": "speakers/chinchilla/",
    "themes-index": "themes/",
    "theme": "themes/climate/",
    "meeting": "records/a-76-pv-102/",
    "verbatim-part": "records/a-76-pv-102/peacebuilding-sustaining-peace/",
    "verbatim-tribute": "records/a-76-pv-102/expression-sympathy-passing-her-majesty-queen/",
    "delegations-index": "delegations/",
    "delegation": "delegations/kenya/",
    "documents": "documents/",
    "document": "documents/a-res-70-1/",
    "data": "data/",
    "not-found": "no/such/page/",
    # the Security Council, votes and bodies (issue 17)
    "council-meeting": "records/s-pv-3756/",
    "council-part-with-vote": "records/s-pv-3756/situation-occupied-arab-territories/",
    "vote": "records/a-65-pv-71/votes/resolution-65-195/",
    "council-vote": "records/s-pv-8422/votes/resolution-2448-2018/",
    "body": "security-council/",
    "delegation-with-votes": "delegations/israel/",
    "paragraph-target": f"{PART}opening-statements/#p-sg-statement",
}
# axe leaves its `experimental` rules out of a run by tag: these are enabled by name.
EXPERIMENTAL_RULES = [
    "label-content-name-mismatch",  # WCAG 2.5.3 Label in Name: a control's accessible name contains its visible text
]
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="session")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "rules": {rule: {"enabled": True} for rule in EXPERIMENTAL_RULES},
    "resultTypes": ["violations"],
}


def violations(axe: Any, page: Any) -> list[str]:
    """axe's findings on `page` once its transitions have ended: the colours a reader is left with,
    not a frame of a fade (Material fades its tabs after a scroll to a paragraph, and its tooltips)."""
    wait_until_settled(page)
    result = axe.run(page, options=AXE_OPTIONS)
    ran = {rule["id"] for kind in ("violations", "passes", "incomplete", "inapplicable")
           for rule in result.response[kind]}
    assert set(EXPERIMENTAL_RULES) <= ran, f"axe did not run {set(EXPERIMENTAL_RULES) - ran}"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes'][:5]]}"
        for v in result.response["violations"]
    ]


def open_in(new_page: Any, scheme: str) -> Any:
    """A page whose reader prefers `scheme`: Material picks the palette from the media query."""
    return new_page(color_scheme=scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_wcag_violations(new_page: Any, axe: Any, kind: str, scheme: str) -> None:
    page = open_in(new_page, scheme)
    page.goto(PAGE_KINDS[kind])
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    assert violations(axe, page) == []


@pytest.mark.parametrize("kind", ["opening-statements", "verbatim-part", "paragraph-target"])
def test_no_wcag_violations_on_a_touch_screen(new_page: Any, axe: Any, kind: str) -> None:
    """On a phone (no hover) the paragraphs' tools are always shown: their targets must be large enough
    (WCAG 2.5.8), which a desktop, where they wait for the pointer, never puts to axe."""
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(PAGE_KINDS[kind])
    assert page.evaluate("matchMedia('(hover: none)').matches")
    expect(page.locator(".para__tools").first).to_be_visible()
    assert violations(axe, page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_wcag_violations_with_search_open(new_page: Any, axe: Any, scheme: str) -> None:
    """The search dialog open, with results and every filter group shown (and one chosen)."""
    page = open_in(new_page, scheme)
    page.goto(f"{PART}member-states/?q=human+security&part=IV.+Key+messages+from+interventions+by+Member+States")
    page.wait_for_function("document.getElementById('rk-search').dataset.rkDone === 'human security'"
                           " && !document.getElementById('rk-search').hasAttribute('aria-busy')")
    assert page.locator(".rk-search__result").count() > 0
    assert page.locator(".rk-filter").count() >= 5
    assert page.locator(".rk-search__filterbox").get_attribute("open") is not None
    assert violations(axe, page) == []


def test_palette_toggle_switches_schemes_and_both_pass(new_page: Any, axe: Any) -> None:
    """The header's toggle, as a reader uses it: each click flips the scheme, and both pass axe.

    The pointer rests on the toggle, so its tooltip shows; axe judges each scheme once
    the tooltip has faded in and the palette's colour transitions have ended (mid-fade,
    the half-transparent tooltip is a contrast failure no reader is left looking at).
    Its own context: the choice is stored, and other tests' pages must not inherit it.
    """
    page = new_page(own_context=True)
    page.goto("speakers/")
    toggle = page.locator("form[data-md-component=palette] label:visible")
    seen = []
    for _ in range(2):
        scheme = page.get_attribute("body", "data-md-color-scheme")
        seen.append(scheme)
        toggle.hover()
        expect(page.locator(".md-tooltip--active")).to_have_count(1)
        assert violations(axe, page) == [], f"in the {scheme} scheme, with the toggle's tooltip shown"
        toggle.click()
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') !== s", arg=scheme)
    assert sorted(seen) == ["default", "slate"]
    # The choice is remembered on the next page.
    page.goto("themes/")
    assert page.get_attribute("body", "data-md-color-scheme") == seen[0]
