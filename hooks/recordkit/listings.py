"""Listings across meetings, split by year once they are long.

A speaker's statements, a delegation's, a theme's paragraphs, a document's citations and the
home page's meetings grow with the corpus: at 1,000 meetings a speaker page listed every statement
of hundreds of meetings (BENCHMARKS.md, "Growth"). Past `MAX_LISTED_MEETINGS` meetings, a listing
is split: the page itself lists its latest `MAX_LISTED_MEETINGS` meetings, and every year has a
page of its own (`<page>/<year>/`), so the page weighs the same at any size of the corpus, and a
year page what a year of meetings holds. A year page's URL never changes once made.

Plain Python, no MkDocs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from . import urls as paths
from .model import Corpus, Meeting, Paragraph

MAX_LISTED_MEETINGS = 12
MEETINGS_BY_YEAR = "meetings"  # the home page's years: meetings/<year>/


def years_of(meetings: Iterable[Meeting]) -> list[int]:
    """The years a listing of `meetings` is split into, newest first; [] when it is listed whole."""
    listed = list({meeting.id: meeting for meeting in meetings}.values())
    if len(listed) <= MAX_LISTED_MEETINGS:
        return []
    years = sorted({meeting.date.year for meeting in listed}, reverse=True)
    return years if len(years) > 1 else []


def paragraph_years(corpus: Corpus, paragraphs: Iterable[Paragraph]) -> list[int]:
    return years_of(corpus.meeting_by_id[p.meeting_id] for p in paragraphs)


def delegation_years(corpus: Corpus, delegation_id: str) -> list[int]:
    """A delegation's pages are split by the meetings of its statements and of its votes (a delegation
    votes in many meetings where it does not speak)."""
    meetings = [corpus.meeting_by_id[p.meeting_id] for p in corpus.by_delegation.get(delegation_id, [])]
    meetings += [corpus.meeting_by_id[vote.meeting_id] for vote, _ in corpus.votes_by_delegation.get(delegation_id, [])]
    return years_of(meetings)


def year_counts(corpus: Corpus, paragraphs: Iterable[Paragraph]) -> Counter[int]:
    """How many of `paragraphs` each year's meetings hold (one pass: a page's years cost no more)."""
    return Counter(corpus.meeting_by_id[p.meeting_id].date.year for p in paragraphs)


def by_year(corpus: Corpus, paragraphs: Iterable[Paragraph]) -> dict[int, list[Paragraph]]:
    """`paragraphs` grouped by the year of their meeting, each group in the given order."""
    groups: dict[int, list[Paragraph]] = {}
    for paragraph in paragraphs:
        groups.setdefault(corpus.meeting_by_id[paragraph.meeting_id].date.year, []).append(paragraph)
    return groups


def latest_meetings(corpus: Corpus, paragraphs: Iterable[Paragraph],
                    limit: int = MAX_LISTED_MEETINGS) -> frozenset[str]:
    """The ids of the `limit` newest meetings holding any of `paragraphs` (a split listing's own page)."""
    holding = {p.meeting_id for p in paragraphs}
    return frozenset([m.id for m in corpus.meetings if m.id in holding][:limit])  # the corpus lists the newest first


def speaker_listing(corpus: Corpus, speaker_id: str) -> tuple[list[Paragraph], list[Paragraph]]:
    """What a speaker's pages list: their statements, and the paragraphs mentioning them that are not
    their own (their years and latest meetings are the pages')."""
    statements = corpus.by_speaker.get(speaker_id, [])
    spoken = {p.key for p in statements}
    return statements, [p for p in corpus.by_mention.get(speaker_id, []) if p.key not in spoken]


def year_src(src_uri: str, year: int) -> str:
    """The year page of a listing page: "speakers/x.md" -> "speakers/x/2024.md",
    "documents/a-res-70-1.md" -> "documents/a-res-70-1/2024.md", the home page -> "meetings/2024.md",
    a folder's own page "security-council/index.md" -> "security-council/2024.md"."""
    if src_uri == paths.HOME:
        return f"{MEETINGS_BY_YEAR}/{year}.md"
    if src_uri.endswith("/index.md"):
        return f"{src_uri[: -len('index.md')]}{year}.md"
    return f"{src_uri[: -len('.md')]}/{year}.md"
