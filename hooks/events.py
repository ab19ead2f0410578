"""MkDocs hooks: thin adapters between MkDocs' events and `recordkit`.

All logic lives in `recordkit` (plain Python, no MkDocs import). Here we only
load the record when the config is ready, add the generated pages, hand each
page its rendered Markdown, and point search entries at paragraphs.

`mkdocs serve` keeps this module loaded across rebuilds, so every piece of
per-build state lives in `_build`, replaced in `on_config`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from recordkit import search, urls
from recordkit.loader import load_record
from recordkit.model import Record
from recordkit.problems import InputError
from recordkit.render import Renderer, md_heading

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.record")


@dataclass
class _Build:
    record: Record
    urls: urls.Urls
    renderer: Renderer


_build: _Build | None = None


def _current() -> _Build:
    if _build is None:
        raise PluginError("the record was not loaded: on_config did not run")
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate everything before MkDocs cleans site/: a bad input leaves the last site as it was."""
    global _build
    _build = None
    root = Path(config.config_file_path).parent
    try:
        loaded = load_record(root=root, data_dir=root / "data", docs_dir=Path(config.docs_dir))
    except InputError as error:
        raise PluginError(str(error)) from None
    for warning in loaded.warnings:
        log.warning(str(warning))
    site_urls = urls.Urls(loaded.record, directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    _build = _Build(loaded.record, site_urls, Renderer(loaded.record, site_urls))
    return config


def _generated_pages(build: _Build) -> dict[str, tuple[Callable[[], str], bool]]:
    """src_uri -> (renderer, listed in the nav)."""
    record, renderer = build.record, build.renderer
    pages: dict[str, tuple[Callable[[], str], bool]] = {
        urls.SPEAKERS_INDEX: (renderer.speakers_index, True),
        urls.THEMES_INDEX: (renderer.themes_index, True),
        urls.DOCUMENTS: (renderer.documents_page, True),
        urls.notes_src(record): (renderer.notes_page, True),
    }
    for speaker in record.speakers.values():
        pages[urls.speaker_src(speaker.id)] = (lambda s=speaker: renderer.speaker_page(s), False)
    for theme in record.themes.values():
        pages[urls.theme_src(theme.id)] = (lambda t=theme: renderer.theme_page(t), False)
    return pages


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for src_uri, (render, in_nav) in _generated_pages(_current()).items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} clashes with a page generated from data/: remove or rename it")
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=render(), inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    src_uri = page.file.src_uri
    section = build.record.section_by_src.get(src_uri)
    if section is not None:
        # The section file is already parsed and checked against the source:
        # render from the model so the page, the indexes and search agree.
        page.title = section.display_title
        page.meta["description"] = section.summary
        return build.renderer.section_page(section)
    if src_uri == urls.HOME:
        meeting = build.record.meeting
        page.meta.setdefault("description", meeting.description)
        return md_heading(1, meeting.title, "meeting") + "\n" + markdown + "\n\n" + build.renderer.home_facts()
    return markdown


@event_priority(-100)  # after Material's search plugin has indexed the page
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    search_index = _search_index(config)
    if search_index is None:
        return context
    build = _current()
    entries, location = search_index.entries, page.url
    # Search has just appended this page's entries: they are the tail of the list.
    start = len(entries)
    while start and (entries[start - 1]["location"] == location or entries[start - 1]["location"].startswith(location + "#")):
        start -= 1
    section = build.record.section_by_src.get(page.file.src_uri)
    if section is not None:
        summary = {"location": location, "title": page.title, "text": page.meta.get("description", "")}
        entries[start:] = [summary, *search.paragraph_entries(build.record, build.urls, section)]
    for entry in entries[start:]:
        search.add_folded_keywords(entry)
    return context


def _search_index(config: MkDocsConfig) -> Any:
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin.search_index, "entries"):
            return plugin.search_index
    return None
