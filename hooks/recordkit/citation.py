"""How a paragraph of the record is cited: one form for the page's "Cite" button and the exports."""

from __future__ import annotations

from .model import Meeting, Paragraph


def citation_text(meeting: Meeting, paragraph: Paragraph) -> str:
    """The UN's usual form: "<summary title>, <place>, <date>, para. N" (the title carries place and date)."""
    return f"{meeting.citation_title}, para. {paragraph.number}"


def citation_with_url(meeting: Meeting, paragraph: Paragraph, permanent_url: str) -> str:
    return f"{citation_text(meeting, paragraph)}. {permanent_url}"
