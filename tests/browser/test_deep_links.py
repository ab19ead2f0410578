"""Deep links: every paragraph's permalink lands on it, in view and highlighted.

Instant navigation is off in mkdocs.yml because some Material releases drop
`#anchors` on instant loads; these tests hold with every feature we enable
(navigation.tracking and toc.follow rewrite the address bar as one scrolls).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from browser.conftest import assert_paragraph_shown

pytestmark = pytest.mark.browser


def _paragraph_url(record: Any, paragraph_id: str) -> str:
    from recordkit.urls import page_url

    return page_url(record.section_of[paragraph_id].src_uri) + "#" + paragraph_id


def test_every_permalink_opens_its_paragraph(page: Any, record: Any) -> None:
    for paragraph in record.paragraphs:
        page.goto(_paragraph_url(record, paragraph.id))
        assert_paragraph_shown(page, paragraph.id)
        # The address keeps the paragraph's anchor once the page is at rest: the reader can copy it from the bar.
        assert page.evaluate("location.hash") == f"#{paragraph.id}"


def test_clicking_a_paragraph_number_highlights_it(page: Any, record: Any) -> None:
    last = record.sections[0].paragraphs[-1]
    page.goto(_paragraph_url(record, last.id).split("#")[0])
    page.click(f"#{last.id} a.para__num")
    assert_paragraph_shown(page, last.id)


@pytest.mark.parametrize("kind", ["speakers", "themes"])
def test_links_from_speaker_and_theme_pages_land_on_the_paragraph(page: Any, record: Any, kind: str) -> None:
    """Click each paragraph's link on the page of its first speaker (or theme): a real click, a real load."""
    from recordkit.urls import page_url, speaker_src, theme_src

    reached = 0
    for paragraph in record.paragraphs:
        owners = paragraph.speakers + paragraph.mentions if kind == "speakers" else paragraph.themes
        if not owners:
            continue
        src = speaker_src(owners[0]) if kind == "speakers" else theme_src(owners[0])
        page.goto(page_url(src))
        link = page.locator(f'.md-content a[href$="#{paragraph.id}"]').first
        with page.expect_navigation():
            link.click()
        assert_paragraph_shown(page, paragraph.id)
        reached += 1
    assert reached >= len(record.paragraphs) - 1, f"only {reached} paragraphs are linked from {kind} pages"


def _canonical_paragraph_url(page: Any, paragraph_id: str) -> str:
    """The permanent URL as MkDocs states it (the page's canonical link), with the paragraph's anchor."""
    return page.get_attribute('link[rel="canonical"]', "href") + "#" + paragraph_id


@pytest.fixture
def clipboard_page(new_page: Any, base_url: str) -> Any:
    page = new_page(own_context=True)  # permissions granted stay with the context
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    return page


def test_copy_link_copies_the_full_permanent_url(clipboard_page: Any, record: Any) -> None:
    page = clipboard_page
    paragraph = record.paragraph_by_id["p-sg-statement"]
    page.goto(_paragraph_url(record, paragraph.id))
    button = page.get_by_role("button", name=f"Copy link to paragraph {paragraph.number}")
    assert button.is_visible(), "the Copy link button is hidden: record.js did not run"
    button.click()
    expected = _canonical_paragraph_url(page, paragraph.id)
    assert expected.startswith(("http://", "https://")) and expected.endswith(f"/#{paragraph.id}")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    expect(button).to_have_text("Copied")
    # Said to screen readers too: the button's aria-label hides its text.
    expect(page.get_by_role("status")).to_contain_text(f"Copied: Copy link to paragraph {paragraph.number}")


def test_cite_copies_a_citation_with_the_paragraph_number_and_url(clipboard_page: Any, record: Any) -> None:
    page = clipboard_page
    paragraph = record.paragraph_by_id["p-fatima"]
    page.goto(_paragraph_url(record, paragraph.id))
    page.locator(f"#{paragraph.id} button", has_text="Cite").click()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert f"para. {paragraph.number}" in citation
    assert citation.endswith(_canonical_paragraph_url(page, paragraph.id))
    assert record.meeting.date.strftime("%Y") in citation
