"""Keyboard only: a skip link, search from the keyboard, every link reachable, focus always visible."""

from __future__ import annotations

from typing import Any

import pytest

from browser.conftest import PART, wait_until_settled

pytestmark = pytest.mark.browser

PAGES = ["", f"{PART}opening-statements/", "speakers/guterres/", "themes/", "records/a-64-pv-121/",
         "delegations/japan/"]

# Every visible link and button, each marked with a number to recognise it when focused.
_MARK_FOCUSABLE = """() => {
  const items = [...document.querySelectorAll('a[href], button, input, summary, [tabindex]:not([tabindex="-1"])')]
    .filter(el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
                  && el.getClientRects().length > 0 && !el.closest('[inert], [aria-hidden="true"]'));
  items.forEach((el, i) => el.dataset.kbd = String(i));
  return items.filter(el => el.matches('a[href]')).map(el => el.dataset.kbd);
}"""

# Whether the focused element shows where it is: an outline or a ring, and nothing covers it
# (the sticky header, say). Material's palette switch is a hidden radio button whose label shows its focus.
_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = el.matches('input.md-option') ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) || style.boxShadow !== 'none';
  const box = shown.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1);
  const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 8), 0), window.innerHeight - 1);
  const onTop = document.elementFromPoint(x, y);
  return {
    id: el.dataset.kbd ?? null,
    html: el.outerHTML.slice(0, 120),
    ring,
    inView: shown.checkVisibility({opacityProperty: true, visibilityProperty: true}) && !!onTop
            && (shown.contains(onTop) || onTop.contains(shown) || (onTop.htmlFor && onTop.htmlFor === el.id)),
  };
}"""


@pytest.mark.parametrize("url", PAGES, ids=lambda url: url or "home")
def test_every_link_is_reached_with_tab_and_focus_is_visible(page: Any, url: str) -> None:
    page.goto(url)
    links = set(page.evaluate(_MARK_FOCUSABLE))
    assert links, f"no links on {url!r}"
    reached: set[str] = set()
    unseen: list[dict[str, Any]] = []
    stops = page.evaluate("document.querySelectorAll('[data-kbd]').length")
    for _ in range(stops + 20):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            continue
        if state["id"] in reached:
            break  # wrapped round to the start
        if state["id"] is not None:
            reached.add(state["id"])
        if not (state["ring"] and state["inView"]):
            wait_until_settled(page)  # Material fades its search overlay out: judge once it has
            state = page.evaluate(_FOCUS_STATE)
            if state is not None and not (state["ring"] and state["inView"]):
                unseen.append(state)
    missing = links - reached
    assert not missing, f"{len(missing)} links on {url!r} are never focused with Tab"
    assert not unseen, f"focus is not visible on {url!r} for: {unseen[:5]}"


def test_skip_link_is_first_and_jumps_to_the_content(page: Any) -> None:
    page.goto(f"{PART}member-states/")
    page.keyboard.press("Tab")
    skip = page.evaluate("""() => { const el = document.activeElement; const box = el.getBoundingClientRect();
        return {cls: el.className, text: el.textContent.trim(), href: el.getAttribute('href'),
                shown: box.width > 0 && box.height > 0 && box.top >= 0}; }""")
    assert "md-skip" in skip["cls"] and skip["shown"], f"the first Tab stop is not a visible skip link: {skip}"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == skip["href"]
    # The next Tab stop is inside the content, past the header and the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')"), "Tab after the skip link left the content"


@pytest.mark.parametrize("key", ["/", "s"])
def test_search_opens_and_closes_from_the_keyboard(page: Any, key: str) -> None:
    page.goto(f"{PART}overview/")
    page.keyboard.press(key)
    page.wait_for_function("document.getElementById('rk-search').open && document.activeElement.id === 'rk-search-q'")
    page.keyboard.type("prevention")
    page.wait_for_function("document.getElementById('rk-search').dataset.rkDone === 'prevention'")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('.rk-search__result')"), "arrows do not reach the results"
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('rk-search').open")
