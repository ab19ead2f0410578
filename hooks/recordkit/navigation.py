"""The site's navigation, from the corpus: MkDocs' `nav` as plain data (no MkDocs import).

Meetings by year, newest first, each with its overview, its parts, its
editorial notes and downloads; then the ways in across meetings. Adding a meeting's folder
adds it here: mkdocs.yml holds no list of pages.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from . import urls as paths
from .model import Corpus


def nav(corpus: Corpus) -> list[Any]:
    """Meetings by year, newest first. With Material's `navigation.prune`, a page carries only the
    years, its own year's meetings and its own meeting's parts: its size does not grow with the corpus."""
    meetings = [
        {str(year): [
            {meeting.short_title: [
                {"Overview": paths.meeting_src(meeting)},
                *(part.src_uri for part in meeting.sections),
                {"Editorial notes": paths.notes_src(meeting)},
                {"Downloads": paths.downloads_src(meeting)},
            ]}
            for meeting in in_year
        ]}
        for year, in_year in groupby(corpus.meetings, key=lambda meeting: meeting.date.year)
    ]
    return [
        {"Home": paths.HOME},
        {"Meetings": meetings},
        {"Speakers": paths.SPEAKERS_INDEX},
        {"Delegations": paths.DELEGATIONS_INDEX},
        {"Themes": paths.THEMES_INDEX},
        {"Documents": paths.DOCUMENTS},
    ]


def generated_pages(corpus: Corpus) -> dict[str, tuple[str, Any, bool]]:
    """src_uri -> (page kind, its subject, listed in the nav) for every page made from data."""
    pages: dict[str, tuple[str, Any, bool]] = {
        paths.SPEAKERS_INDEX: ("speakers_index", None, True),
        paths.DELEGATIONS_INDEX: ("delegations_index", None, True),
        paths.THEMES_INDEX: ("themes_index", None, True),
        paths.DOCUMENTS: ("documents", None, True),
    }
    for meeting in corpus.meetings:
        pages[paths.meeting_src(meeting)] = ("meeting", meeting, True)
        pages.update({part.src_uri: ("part", part, True) for part in meeting.sections})
        pages[paths.notes_src(meeting)] = ("notes", meeting, True)
        pages[paths.downloads_src(meeting)] = ("downloads", meeting, True)
    pages.update({paths.speaker_src(s): ("speaker", speaker, False) for s, speaker in corpus.speakers.items()})
    pages.update({paths.delegation_src(d): ("delegation", item, False) for d, item in corpus.delegations.items()})
    pages.update({paths.theme_src(t): ("theme", theme, False) for t, theme in corpus.themes.items()})
    return pages
