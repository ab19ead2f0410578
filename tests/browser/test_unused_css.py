"""The cut main stylesheet (recordkit.unused_css) draws the pages exactly as Material's own does.

Each page is drawn twice, in two browser contexts: once as built, once with Material's
untouched main stylesheet (from the installed package) served in its place; the screenshots
must be identical, pixel for pixel, in both palettes, on a desktop and on a phone with its
navigation drawer open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import material
import pytest

from browser.conftest import PART, PHONE, wait_until_settled

pytestmark = pytest.mark.browser

(ORIGINAL,) = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
# One page of each layout: home (lists, a table), a record's part, a meeting's overview (tables,
# definition lists), a vote (its columns); a phone draws the home page with its navigation drawer open.
PAGES = ["", f"{PART}opening-statements/", "records/a-76-pv-102/", "records/s-pv-8422/votes/resolution-2448-2018/"]
PHONE_PAGES = PAGES[:1]


def _shots(page: Any, path: str, *, drawer: bool) -> list[bytes]:
    """The page in each palette (light, then dark), at rest."""
    page.goto(path)
    if drawer:
        page.locator("label.md-header__button[for='__drawer']").click()
    shots = []
    for scheme in ("default", "slate"):
        page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
        wait_until_settled(page)
        # A full-page shot resizes the viewport, which starts Material's scroll-driven transitions (the
        # tabs): they are finished at once, so both shots show the page at rest.
        shots.append(page.screenshot(full_page=True, animations="disabled"))
    return shots


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_pages_look_the_same_with_materials_whole_stylesheet(new_page: Any, screen: str) -> None:
    options: dict[str, Any] = {} if screen == "desktop" else {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    cut = new_page(own_context=True, **options)
    whole = new_page(own_context=True, **options)
    whole.route(f"**/assets/stylesheets/{ORIGINAL.name}",
                lambda route: route.fulfill(path=str(ORIGINAL), content_type="text/css"))
    differing = []
    for path in PAGES if screen == "desktop" else PHONE_PAGES:
        drawer = screen == "phone" and path == ""
        if _shots(cut, path, drawer=drawer) != _shots(whole, path, drawer=drawer):
            differing.append(path)
    assert differing == []
