"""Where each page and anchor lives, as URLs relative to the site root.

Published links must never break, so the layout is fixed here in one place:
the record's parts under the meeting's own path (room for more meetings),
people, themes and documents at the top, shared by all meetings.
"""

from __future__ import annotations

import posixpath

from .model import Record

HOME = "index.md"
SPEAKERS_INDEX = "speakers/index.md"
THEMES_INDEX = "themes/index.md"
DOCUMENTS = "documents/index.md"


def speaker_src(speaker_id: str) -> str:
    return f"speakers/{speaker_id}.md"


def theme_src(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


def notes_src(record: Record) -> str:
    return f"{record.meeting.path}/notes.md"


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
    """`to_url` as seen from the page at `from_url` (both relative to the site root)."""
    to_path, hash_mark, fragment = to_url.partition("#")
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + to_path, "/" + from_dir)
    if to_path == "" or to_path.endswith("/"):
        relative += "/"  # a directory URL keeps its slash: "./", "../../"
    return relative + hash_mark + fragment


class Urls:
    """Site-root-relative URLs of every page and paragraph of a record."""

    def __init__(self, record: Record, *, directory_urls: bool = True, site_url: str = "") -> None:
        self.record = record
        self.directory_urls = directory_urls
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""

    def absolute(self, url: str) -> str:
        """The permanent, absolute form of a site-root-relative URL (relative if no site_url)."""
        return self.site_url + url

    def page(self, src_uri: str) -> str:
        return page_url(src_uri, directory_urls=self.directory_urls)

    def paragraph(self, paragraph_id: str) -> str:
        section = self.record.section_of[paragraph_id]
        return f"{self.page(section.src_uri)}#{paragraph_id}"

    def speaker(self, speaker_id: str) -> str:
        return self.page(speaker_src(speaker_id))

    def theme(self, theme_id: str) -> str:
        return self.page(theme_src(theme_id))

    def notes(self) -> str:
        return self.page(notes_src(self.record))
