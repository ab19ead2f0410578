"""What the browser tests check again and again."""

from __future__ import annotations

from typing import Any

PART = "records/2024-04-02-human-security/"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}

# The paragraph is a link's target, wholly or at least its top in the viewport,
# and looks it: its background is the highlight, not the page's.
_SHOWN = """id => {
  const para = document.getElementById(id);
  if (!para) return {found: false};
  const box = para.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const style = getComputedStyle(para);
  const page = getComputedStyle(document.body);
  return {
    found: true,
    target: para.matches(':target'),
    topInView: box.top >= header - 1 && box.top < window.innerHeight,
    background: style.backgroundColor,
    pageBackground: page.backgroundColor,
    edge: style.borderLeftColor,
  };
}"""


def paragraph_state(page: Any, paragraph_id: str) -> dict[str, Any]:
    return page.evaluate(_SHOWN, paragraph_id)


def assert_paragraph_shown(page: Any, paragraph_id: str) -> None:
    """`paragraph_id` is the page's target, its top below the sticky header, and highlighted."""
    page.wait_for_load_state("load")
    page.wait_for_function("id => document.getElementById(id) && document.getElementById(id).matches(':target')",
                           arg=paragraph_id, timeout=5000)
    # Material may adjust the scroll after load: let it settle.
    page.wait_for_timeout(200)
    state = paragraph_state(page, paragraph_id)
    assert state["found"], f"#{paragraph_id} is not on {page.url}"
    assert state["target"], f"#{paragraph_id} is not the target of {page.url}"
    assert state["topInView"], f"#{paragraph_id} is not in view at {page.url}: {state}"
    assert state["background"] not in ("rgba(0, 0, 0, 0)", "transparent", state["pageBackground"]), (
        f"#{paragraph_id} is not highlighted: {state}")
