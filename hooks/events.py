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

from markdown import Markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel, get_files
from mkdocs.utils.meta import get_data

from recordkit import anchors, export, metadata, search, urls
from recordkit.loader import load_record
from recordkit.model import Record
from recordkit.problems import InputError
from recordkit.render import Renderer, esc, md_heading

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
    describer: metadata.Describer


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
    if config.strict and loaded.warnings:
        # MkDocs aborts on strict warnings only after writing site/; failing here keeps the last good site.
        raise PluginError(str(InputError(loaded.warnings)) + "\n(warnings are fatal under --strict)")
    for warning in loaded.warnings:
        log.warning(str(warning))
    site_urls = urls.Urls(loaded.record, directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    describer = metadata.Describer(loaded.record, site_urls, language=config.theme["language"])
    _build = _Build(loaded.record, site_urls, Renderer(loaded.record, site_urls), describer)
    return config


def _generated_pages(build: _Build) -> dict[str, tuple[Callable[[], str], bool]]:
    """src_uri -> (renderer, listed in the nav)."""
    record, renderer = build.record, build.renderer
    pages: dict[str, tuple[Callable[[], str], bool]] = {
        urls.SPEAKERS_INDEX: (renderer.speakers_index, True),
        urls.THEMES_INDEX: (renderer.themes_index, True),
        urls.DOCUMENTS: (renderer.documents_page, True),
        urls.notes_src(record): (renderer.notes_page, True),
        export.ExportPaths.of(record).downloads_src: (lambda: export.downloads_page(record, build.urls), True),
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
    described = build.describer.page(src_uri)
    if described is not None:
        # description, og_type, json_ld for overrides/main.html. A hand-written
        # description in front matter wins; the structured data is the model's.
        meta = described.as_page_meta()
        page.meta = {**meta, **page.meta, **{key: meta[key] for key in ("og_type", "json_ld") if key in meta}}
    section = build.record.section_by_src.get(src_uri)
    if section is not None:
        page.title = esc(section.display_title)  # page.title is HTML text, as MkDocs makes it from an h1
        page.meta["title"] = section.display_title  # plain text: <title> and og:title escape it
    elif src_uri == urls.HOME:
        page.meta.setdefault("title", build.record.meeting.short_title)
    return _page_markdown(build, src_uri, markdown)


def _page_markdown(build: _Build, src_uri: str, markdown: str) -> str:
    """The Markdown a page of docs/ is rendered from (shared with the anchors check)."""
    section = build.record.section_by_src.get(src_uri)
    if section is not None:
        # The section file is already parsed and checked against the source:
        # render from the model so the page, the indexes and search agree.
        return build.renderer.section_page(section)
    if src_uri == urls.HOME:
        meeting = build.record.meeting
        return md_heading(1, meeting.title, "meeting") + "\n" + markdown + "\n\n" + build.renderer.home_facts()
    return markdown


def on_pre_build(config: MkDocsConfig) -> None:
    """Check anchors.lock before MkDocs cleans site/: a broken published link keeps the last good site."""
    lock = Path(config.config_file_path).parent / anchors.LOCK_FILE
    if not lock.is_file():
        raise PluginError(f"{anchors.LOCK_FILE} is missing: run `make anchors` to create it")
    locked, locked_now, missing = _check_lock(config, lock)
    if missing:
        listed = "\n".join(f"  - {link}" for link in missing)
        raise PluginError(
            f"{anchors.LOCK_FILE}: {len(missing)} published link{'s' if len(missing) != 1 else ''} would break:\n"
            f"{listed}\nKeep a paragraph's former id in its annotation (aliases: [old-id]), redirect a moved page "
            "in mkdocs.yml (redirects: redirect_maps), or restore the id."
        )
    new = set(anchors.links(locked_now)) - set(locked)
    if new:
        log.info(f"{len(new)} published link(s) not yet in {anchors.LOCK_FILE}: run `make anchors` to lock them")


def update_anchors_lock(config: MkDocsConfig) -> Path:
    """`make anchors`: add the links published now to anchors.lock (after on_config)."""
    lock = Path(config.config_file_path).parent / anchors.LOCK_FILE
    locked, locked_now, missing = _check_lock(config, lock)
    if missing:
        raise PluginError(f"{anchors.LOCK_FILE}: these locked links no longer resolve: {', '.join(missing)}")
    lock.write_text(anchors.format_lock(anchors.updated_lock(locked, anchors.links(locked_now))), encoding="utf-8")
    return lock


def _check_lock(config: MkDocsConfig, lock: Path) -> tuple[list[str], dict[str, set[str]], list[str]]:
    """(the links in the lock file, page URL -> anchors to lock now, locked links that would break)."""
    locked = anchors.parse_lock(lock.read_text(encoding="utf-8")) if lock.is_file() else []
    published, locked_now = _published(config)
    return locked, locked_now, anchors.unresolved(locked, published, _redirects(config))


def _published(config: MkDocsConfig) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(every page URL -> all ids in its content, every page URL -> its locked anchors), before anything is written.

    The record's parts take their ids from the model, as `Renderer.section_page`
    writes them; other pages of docs/ are converted here with the site's own
    Markdown extensions (the check runs before MkDocs writes anything). Generated
    pages only need their URL: their anchors are not locked.
    """
    build = _current()
    converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    published: dict[str, set[str]] = {}
    locked: dict[str, set[str]] = {}
    for file in get_files(config).documentation_pages():
        url = "/" + build.urls.page(file.src_uri)
        section = build.record.section_by_src.get(file.src_uri)
        if section is not None:
            published[url] = build.renderer.section_anchors(section)
        else:
            markdown, _ = get_data(file.content_string)
            published[url] = anchors.ids_in_html(converter.reset().convert(_page_markdown(build, file.src_uri, markdown)))
        locked[url] = published[url]
    for src_uri in _generated_pages(build):
        url = "/" + build.urls.page(src_uri)
        published[url], locked[url] = set(), set()
    return published, locked


def _redirects(config: MkDocsConfig) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps as old page URL -> new page URL (or external address)."""
    plugin = config.plugins.get("redirects")
    maps = plugin.config.get("redirect_maps", {}) if plugin is not None else {}
    directory_urls = config.use_directory_urls
    return {
        "/" + urls.page_url(old, directory_urls=directory_urls):
            new if new.startswith(anchors.EXTERNAL)
            else "/" + urls.page_url(new.partition("#")[0], directory_urls=directory_urls)
        for old, new in maps.items()
    }


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
        # Search shows entries as HTML: the summary (front matter) is escaped like the paragraphs.
        summary = {"location": location, "title": page.title, "text": esc(section.summary)}
        entries[start:] = [summary, *search.paragraph_entries(build.record, build.urls, section)]
    entries[start:] = search.without_empty_sections(entries[start:])
    for entry in entries[start:]:
        search.add_folded_keywords(entry)
    return context


def _search_index(config: MkDocsConfig) -> Any:
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin.search_index, "entries"):
            return plugin.search_index
    return None


def on_post_build(config: MkDocsConfig) -> None:
    """The record as open data beside its pages, from the same model (recordkit.export)."""
    build = _current()
    export.write_exports(build.record, build.urls, Path(config.site_dir), publisher=config.site_name)
