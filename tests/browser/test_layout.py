"""Phone, print, and a clean console: every page, on any screen and on paper."""

from __future__ import annotations

from typing import Any

import pytest

from browser.conftest import PART, PHONE
from conftest import PARTS, page_kind, representative

pytestmark = pytest.mark.browser

PHONE_PAGES = ["", *(f"{PART}{part}/" for part in PARTS), f"{PART}notes/", f"{PART}downloads/",
               "speakers/", "speakers/fatima/",
               "themes/", "themes/vulnerable-countries/", "documents/", "documents/un-charter/", "no/such/page/",
               "records/a-76-pv-102/", "records/a-76-pv-102/peacebuilding-sustaining-peace/",
               "delegations/", "delegations/european-union/", "speakers/shahid/", "data/",
               "records/a-65-pv-71/votes/resolution-65-195/", "records/s-pv-3756/", "general-assembly/",
               "delegations/israel/"]


SHARES = 4  # the sample in four shares the two test workers take in turn (the same tests as before)


def visited_pages(site: Any) -> list[str]:
    """The pages a browser opens: a fixed sample of each kind of page (conftest.representative).

    Bounded so that the suite's time does not grow with the meetings in data/: at most five pages
    of each kind (the first, the last, the largest and two seeded picks), whatever the corpus. What
    the browser would find on the other pages is checked on every page without one: a resource
    or import from another origin (test_integrity.py), a broken internal link or fragment
    (test_integrity.py), markup that runs (test_escaping.py), a repeated id (test_site.py).
    """
    return representative(site.html_pages(), size=lambda url: site.file_for(url).stat().st_size)


@pytest.mark.parametrize("share", range(SHARES))
def test_every_page_loads_without_console_errors_or_foreign_requests(page: Any, site: Any, share: int) -> None:
    """Every kind of page, in a bounded sample (visited_pages): the `page` fixture fails the test
    on a console error or a request off the site's own origin."""
    urls = visited_pages(site)
    kinds = {page_kind(url) for url in site.html_pages()}
    assert {page_kind(url) for url in urls} == kinds and len(kinds) > 10
    assert len(urls) <= 5 * len(kinds)
    for url in urls[share::SHARES]:
        response = page.goto(url)  # returns on the page's load event: its own scripts and styles are in
        assert response.status == 200, url


@pytest.fixture
def phone(new_page: Any) -> Any:
    return new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


def test_phone_pages_do_not_scroll_sideways(phone: Any) -> None:
    overflowing = []
    for url in PHONE_PAGES:
        phone.goto(url)
        width = phone.evaluate("""() => ({
            page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
            wide: [...document.querySelectorAll('.md-content *')]
                  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                  .slice(0, 3).map(el => el.outerHTML.slice(0, 80)) })""")
        if width["page"] > width["view"] or width["wide"]:
            overflowing.append((url, width))
    assert not overflowing, f"sideways scrolling at 375px: {overflowing}"


def _open_drawer(phone: Any) -> None:
    menu = phone.locator('label.md-header__button[for="__drawer"]')
    assert menu.is_visible(), "no menu button on a phone"
    menu.click()


def test_phone_navigation_is_reachable(phone: Any) -> None:
    phone.goto("")
    _open_drawer(phone)
    with phone.expect_navigation():
        phone.locator(".md-nav--primary a.md-nav__link", has_text="Speakers").first.click()
    assert phone.url.endswith("/speakers/")
    # Inside the record, the drawer opens on the record's parts.
    phone.goto(f"{PART}overview/")
    _open_drawer(phone)
    with phone.expect_navigation():
        phone.locator(".md-nav--primary a.md-nav__link", has_text="Concluding remarks").first.click()
    assert phone.url.endswith("/concluding-remarks/")
    # Search is reachable too.
    phone.locator("button.rk-search-open").click()
    phone.wait_for_function("document.activeElement.id === 'rk-search-q'")
    assert phone.locator("#rk-search-q").is_visible()


def test_phone_paragraphs_are_readable(phone: Any) -> None:
    phone.goto(f"{PART}member-states/")
    paragraphs = phone.evaluate("""() => [...document.querySelectorAll('.para__text')].map(p => {
        const box = p.getBoundingClientRect(), style = getComputedStyle(p);
        return {size: parseFloat(style.fontSize), line: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
                left: box.left, right: box.right, width: box.width}; })""")
    assert paragraphs
    for p in paragraphs:
        assert p["size"] >= 14, f"text too small on a phone: {p}"
        assert p["line"] >= 1.4, f"lines too tight on a phone: {p}"
        assert p["left"] >= 0 and p["right"] <= PHONE["width"], f"paragraph off screen: {p}"
        assert p["width"] >= 0.75 * PHONE["width"], f"paragraph squeezed: {p}"


def _printed(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => {
        const shown = el => !!el && el.checkVisibility({opacityProperty: true, visibilityProperty: true})
                           && el.getClientRects().length > 0;
        const chrome = ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
                        '.md-search', '.rk-search', '.md-top', '.para__tools', '.md-skip']
            .filter(sel => [...document.querySelectorAll(sel)].some(shown));
        const paras = [...document.querySelectorAll('.para')].map(p => ({
            id: p.id, shown: shown(p), num: (p.querySelector('.para__num') || {}).innerText,
            numShown: shown(p.querySelector('.para__num')), number: p.dataset.para,
            clipped: p.scrollHeight > p.clientHeight + 1 && getComputedStyle(p).overflow !== 'visible' }));
        return {chrome, paras, h1: shown(document.querySelector('.md-content h1'))};
    }""")


@pytest.fixture
def print_page(new_page: Any) -> Any:
    """A page of its own: emulated print media stays with the page."""
    page = new_page(fresh=True)
    page.emulate_media(media="print")
    return page


def test_print_has_the_whole_record_with_numbers_and_no_chrome(print_page: Any, record: Any) -> None:
    page = print_page
    printed_numbers = []
    for part in PARTS:
        page.goto(f"{PART}{part}/")
        printed = _printed(page)
        assert printed["h1"], f"{part}: the title does not print"
        assert not printed["chrome"], f"{part}: navigation chrome prints: {printed['chrome']}"
        for para in printed["paras"]:
            assert para["shown"] and not para["clipped"], f"{part}: paragraph {para['id']} does not print whole"
            assert para["numShown"] and para["num"].strip() == f"{para['number']}.", f"{part}: no number on {para}"
            printed_numbers.append(int(para["number"]))
    assert printed_numbers == [p.number for p in record.paragraphs], "the printed parts miss paragraphs"


def test_print_of_a_deep_link_does_not_highlight_or_hide(print_page: Any) -> None:
    """A reader who prints after following a permalink gets the plain record."""
    page = print_page
    page.goto(f"{PART}opening-statements/#p-sg-statement")
    printed = _printed(page)
    assert all(p["shown"] for p in printed["paras"]) and len(printed["paras"]) == 2
    background = page.evaluate("getComputedStyle(document.getElementById('p-sg-statement')).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent"), f"the linked paragraph prints highlighted: {background}"
