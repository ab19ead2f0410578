"""Where each page and anchor lives, as URLs relative to the site root: the one place that says.

Published links must never break, so the layout is fixed here: each meeting
under its own path (`records/<meeting>/`: its overview page, its parts, its
editorial notes and downloads), people, delegations, themes and documents at
the top, shared by all meetings.
"""

from __future__ import annotations

import posixpath

from .model import Corpus, Decision, Meeting, Paragraph

HOME = "index.md"
SPEAKERS_INDEX = "speakers/index.md"
DELEGATIONS_INDEX = "delegations/index.md"
THEMES_INDEX = "themes/index.md"
DOCUMENTS = "documents/index.md"
# The whole corpus as open data: the Data page, and the files written beside it (corpus_data.py).
DATA = "data/index.md"
DATA_FOLDER = "data"
# The Atom feeds (feeds.py), all under one folder, each named after what it follows.
FEEDS = "feeds"
# The site's top-level folders (the meetings' records, the listings, the search index, the theme's
# assets): a body's page is /<body id>/, so no body id may be one of them.
SITE_FOLDERS = frozenset(("records", "speakers", "delegations", "themes", "documents", "meetings", "search-index",
                          DATA_FOLDER, FEEDS, "assets", "javascripts", "stylesheets"))


def speaker_src(speaker_id: str) -> str:
    return f"speakers/{speaker_id}.md"


def delegation_src(delegation_id: str) -> str:
    return f"delegations/{delegation_id}.md"


def theme_src(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


def document_src(document_id: str) -> str:
    return f"documents/{document_id}.md"


def body_src(body_id: str) -> str:
    """A body's listing of meetings: /<body id>/ (data/bodies.yml)."""
    return f"{body_id}/index.md"


def meeting_src(meeting: Meeting) -> str:
    return f"{meeting.path}/index.md"


def notes_src(meeting: Meeting) -> str:
    return f"{meeting.path}/notes.md"


def downloads_src(meeting: Meeting) -> str:
    return f"{meeting.path}/downloads.md"


def vote_src(meeting: Meeting, decision_id: str) -> str:
    """A vote's page, beside its record's: /records/<meeting>/votes/<decision id>/."""
    return f"{meeting.path}/votes/{decision_id}.md"


def export_files(meeting: Meeting) -> dict[str, str]:
    """The meeting's open-data files beside its pages: kind -> path from the site root."""
    return {kind: f"{meeting.path}/{name}" for kind, name in (
        ("json", "meeting.json"), ("schema", "meeting.schema.json"), ("akn", "meeting.akn.xml"))}


def data_file(name: str) -> str:
    """A file of the corpus' open data (corpus_data.py), from the site root: beside the Data page."""
    return f"{DATA_FOLDER}/{name}"


def feed_file(*key: str) -> str:
    """An Atom feed's path from the site root (feeds.py), `key` its folder and name."""
    return f"{FEEDS}/{'/'.join(key)}.xml"


# Each feed's URL: a published link, never renamed (README, "URLs").
SITE_FEED = feed_file("meetings")  # every meeting, newest first


def body_feed(body_id: str) -> str:
    return feed_file("bodies", body_id)


def speaker_feed(speaker_id: str) -> str:
    return feed_file("speakers", speaker_id)


def delegation_feed(delegation_id: str) -> str:
    return feed_file("delegations", delegation_id)


def theme_feed(theme_id: str) -> str:
    return feed_file("themes", theme_id)


def document_feed(document_id: str) -> str:
    return feed_file("documents", document_id)


def page_url(src_uri: str, *, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page with this source path (same rules as MkDocs 1.6)."""
    stem, _ = posixpath.splitext(src_uri)
    name = posixpath.basename(stem)
    parent = posixpath.dirname(stem)
    if not directory_urls:
        return f"{stem}.html"
    if name in ("index", "README"):
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def relative_url(from_url: str, to_url: str) -> str:
    """`to_url` as seen from the page at `from_url` (both relative to the site root).

    Agrees with `mkdocs.utils.get_relative_url` (tests/test_urls.py checks every
    link the site generates); written here so recordkit needs no MkDocs.
    """
    to_path, hash_mark, fragment = to_url.partition("#")
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + to_path, "/" + from_dir)
    if to_path == "" or to_path.endswith("/"):
        relative += "/"  # a directory URL keeps its slash: "./", "../../"
    return relative + hash_mark + fragment


class SiteUrls:
    """Site-root-relative URLs of every page and paragraph of the corpus."""

    def __init__(self, corpus: Corpus, *, directory_urls: bool = True, site_url: str = "") -> None:
        self.corpus = corpus
        self.directory_urls = directory_urls
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""

    def absolute(self, url: str) -> str:
        """The permanent, absolute form of a site-root-relative URL (relative if no site_url)."""
        return self.site_url + url

    def page(self, src_uri: str) -> str:
        return page_url(src_uri, directory_urls=self.directory_urls)

    def paragraph(self, paragraph: Paragraph) -> str:
        return f"{self.page(self.corpus.part_of[paragraph.key].src_uri)}#{paragraph.id}"

    def meeting(self, meeting: Meeting) -> str:
        return self.page(meeting_src(meeting))

    def notes(self, meeting: Meeting) -> str:
        return self.page(notes_src(meeting))

    def body(self, body_id: str) -> str:
        return self.page(body_src(body_id))

    def vote(self, decision: Decision) -> str:
        return self.page(vote_src(self.corpus.meeting_by_id[decision.meeting_id], decision.id))

    def speaker(self, speaker_id: str) -> str:
        return self.page(speaker_src(speaker_id))

    def delegation(self, delegation_id: str) -> str:
        return self.page(delegation_src(delegation_id))

    def theme(self, theme_id: str) -> str:
        return self.page(theme_src(theme_id))

    def document(self, document_id: str) -> str:
        return self.page(document_src(document_id))
