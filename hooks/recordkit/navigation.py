"""The site's navigation, from the corpus: MkDocs' `nav` as plain data (no MkDocs import).

The bodies' listings of meetings (each body that has meetings), then the meetings by year, newest
first, each with its overview, its parts, its editorial notes and downloads; then the ways in
across meetings, and the whole corpus as data. Adding a meeting's folder adds it here: mkdocs.yml
holds no list of pages.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from . import listings
from . import urls as paths
from .model import Corpus, Meeting

# A year of more meetings than this lists them by month in the nav: a page's nav holds its own
# year's meetings, and a year of the UN's (about 300 meetings of the Assembly and the Council) made
# it a thousand links long on every page of that year.
MONTHS_ABOVE = 31


def nav(corpus: Corpus) -> list[Any]:
    """Meetings by year, newest first, each year's page first, a long year's meetings by month. With
    Material's `navigation.prune`, a page carries only the years, its own year's meetings (or months,
    and its own month's meetings) and its own meeting's parts."""
    meetings = [
        {str(year): [
            # The year's page first: a pruned year links to its first page, which stays the same when a
            # meeting is added (a partitioned build rebuilds that year's pages only: partitions.py).
            {f"Meetings of {year}": listings.year_src(paths.HOME, year)},
            *_meetings_of_year(list(meetings_of_year)),
        ]}
        for year, meetings_of_year in groupby(corpus.meetings, key=lambda meeting: meeting.date.year)
    ]
    bodies = [{body.name: paths.body_src(body.id)} for body in corpus.bodies_with_meetings]
    return [
        {"Home": paths.HOME},
        {"Bodies": bodies},
        {"Meetings": meetings},
        {"Speakers": paths.SPEAKERS_INDEX},
        {"Delegations": paths.DELEGATIONS_INDEX},
        {"Themes": paths.THEMES_INDEX},
        {"Documents": paths.DOCUMENTS},
        {"Data": paths.DATA},
    ]


def _meetings_of_year(meetings: list[Meeting]) -> list[Any]:
    if len(meetings) <= MONTHS_ABOVE:
        return [_meeting_entry(meeting) for meeting in meetings]
    return [{f"{month_meetings[0].date:%B}": [_meeting_entry(meeting) for meeting in month_meetings]}
            for month_meetings in (list(group) for _, group in groupby(meetings, key=lambda m: m.date.month))]


def _meeting_entry(meeting: Meeting) -> dict[str, list[Any]]:
    return {meeting.short_title: [
        {"Overview": paths.meeting_src(meeting)},
        *(part.src_uri for part in meeting.sections),
        {"Editorial notes": paths.notes_src(meeting)},
        {"Downloads": paths.downloads_src(meeting)},
    ]}


def generated_pages(corpus: Corpus) -> dict[str, tuple[str, Any, bool]]:
    """src_uri -> (page kind, its subject, listed in the nav) for every page made from data."""
    pages: dict[str, tuple[str, Any, bool]] = {
        paths.SPEAKERS_INDEX: ("speakers_index", None, True),
        paths.DELEGATIONS_INDEX: ("delegations_index", None, True),
        paths.THEMES_INDEX: ("themes_index", None, True),
        paths.DOCUMENTS: ("documents", None, True),
        paths.DATA: ("data", None, True),
    }
    pages.update({paths.body_src(body.id): ("body", body, True) for body in corpus.bodies_with_meetings})
    for meeting in corpus.meetings:
        pages[paths.meeting_src(meeting)] = ("meeting", meeting, True)
        pages.update({part.src_uri: ("part", part, True) for part in meeting.sections})
        pages[paths.notes_src(meeting)] = ("notes", meeting, True)
        pages[paths.downloads_src(meeting)] = ("downloads", meeting, True)
        pages.update({paths.vote_src(meeting, vote.id): ("vote", vote, False) for vote in meeting.votes})
    pages.update({paths.speaker_src(s): ("speaker", speaker, False) for s, speaker in corpus.speakers.items()})
    pages.update({paths.delegation_src(d): ("delegation", item, False) for d, item in corpus.delegations.items()})
    pages.update({paths.theme_src(t): ("theme", theme, False) for t, theme in corpus.themes.items()})
    pages.update({paths.document_src(d): ("document", item, False) for d, item in corpus.documents.items()})
    in_nav = "meetings_year"  # the year pages of the meetings' listing are the nav's years
    pages.update({src: (kind, subject, kind == in_nav) for src, (kind, subject, _) in year_pages(corpus).items()})
    return pages


def year_pages(corpus: Corpus) -> dict[str, tuple[str, Any, bool]]:
    """The year pages of every listing long enough to be split (listings.py)."""
    pages: dict[str, tuple[str, Any, bool]] = {}

    def add(src_uri: str, kind: str, subject: Any, years: list[int]) -> None:
        for year in years:
            pages[listings.year_src(src_uri, year)] = (kind, (subject, year) if subject is not None else year, False)

    # Every year of meetings has its page, the first of the year in the nav, even when the home page lists all.
    add(paths.HOME, "meetings_year", None, sorted({m.date.year for m in corpus.meetings}, reverse=True))
    for body in corpus.bodies_with_meetings:
        add(paths.body_src(body.id), "body_year", body, listings.years_of(corpus.meetings_by_body[body.id]))
    for speaker_id, speaker in corpus.speakers.items():
        statements, mentions = listings.speaker_listing(corpus, speaker_id)
        add(paths.speaker_src(speaker_id), "speaker_year", speaker,
            listings.paragraph_years(corpus, [*statements, *mentions]))
    for delegation_id, delegation in corpus.delegations.items():
        add(paths.delegation_src(delegation_id), "delegation_year", delegation,
            listings.delegation_years(corpus, delegation_id))
    for theme_id, theme in corpus.themes.items():
        add(paths.theme_src(theme_id), "theme_year", theme,
            listings.paragraph_years(corpus, corpus.by_theme.get(theme_id, [])))
    for document_id, document in corpus.documents.items():
        add(paths.document_src(document_id), "document_year", document,
            listings.paragraph_years(corpus, corpus.by_document.get(document_id, [])))
    return pages
