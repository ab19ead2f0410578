"""MkDocs hooks: thin adapters between MkDocs' events and `recordkit` (plain Python, no MkDocs import).

`mkdocs serve` keeps this module loaded across rebuilds, so every piece of
per-build state lives in `_build`, replaced in `on_config`.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markdown import Markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from recordkit import (
    anchors,
    corpus_data,
    export,
    feeds,
    metadata,
    navigation,
    pages,
    palette,
    search_index,
    search_records,
    unused_css,
    urls,
)
from recordkit.loader import load_corpus
from recordkit.problems import InputError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.record")


@dataclass
class _Build:
    site: pages.Site
    describer: metadata.Describer


_build: _Build | None = None


def _current() -> _Build:
    if _build is None:
        raise PluginError("the records were not loaded: on_config did not run")
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate everything before MkDocs cleans site/: a bad input leaves the last site as it was."""
    global _build
    _build = None
    root = Path(config.config_file_path).parent
    try:
        loaded = load_corpus(root=root, data_dir=root / "data")
    except InputError as error:
        raise PluginError(str(error)) from None
    if config.strict and loaded.warnings:
        # MkDocs aborts on strict warnings only after writing site/; failing here keeps the last good site.
        raise PluginError(str(InputError(loaded.warnings)) + "\n(warnings are fatal under --strict)")
    for warning in loaded.warnings:
        log.warning(str(warning))
    site_urls = urls.SiteUrls(loaded.corpus, directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    site = pages.Site(loaded.corpus, site_urls)
    _build = _Build(site, metadata.Describer(loaded.corpus, site_urls, language=config.theme["language"],
                                             pages=site.generated, site_name=config.site_name))
    config.nav = navigation.nav(loaded.corpus)
    return config


@event_priority(100)  # before other plugins' on_files: mkdocs-redirects must see the pages to redirect to
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _current().site
    for src_uri, (kind, subject, in_nav) in site.generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} clashes with a page generated from data/: remove or rename it")
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        content = pages.render_page(site, kind, subject)
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    src_uri = page.file.src_uri
    described = build.describer.page(src_uri)
    if described is not None:
        # A hand-written description in front matter wins; the structured data is the model's.
        meta = described.as_page_meta()
        page.meta = {**meta, **page.meta, **{key: meta[key] for key in ("og_type", "json_ld", "feed") if key in meta}}
    title = build.describer.title(src_uri)
    if title:
        # HTML text, as MkDocs makes it from an h1: Material prints page.title (and a front-matter
        # title) as it is in the header and nav, so it is escaped here, never put in page.meta.
        page.title = html.escape(title)
    record = build.describer.record_of(src_uri)
    if record:
        page.meta["record"] = record  # plain text, for <title> (overrides/main.html escapes it)
    if src_uri == urls.HOME:
        return pages.home_page(build.site, title=page.meta.get("title", ""), intro=markdown)
    return markdown


def on_pre_build(config: MkDocsConfig) -> None:
    """Check anchors.lock before MkDocs cleans site/: a broken published link, or a page of docs/ that
    cannot be read (its front matter malformed), keeps the last good site."""
    lock = Path(config.config_file_path).parent / anchors.LOCK_FILE
    if not lock.is_file():
        raise PluginError(f"{anchors.LOCK_FILE} is missing: run `make anchors` to create it")
    try:
        check = _lock_check(config)  # reads docs/: its pages' front matter is input like data/
    except InputError as error:
        raise PluginError(str(error)) from None
    if check.missing:
        raise PluginError(anchors.broken_links_message(check.missing))
    if check.new:
        log.info(f"{len(check.new)} published link(s) not yet in {anchors.LOCK_FILE}: run `make anchors` to lock them")


def _lock_check(config: MkDocsConfig) -> anchors.LockCheck:
    converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    redirects = config.plugins.get("redirects")
    return anchors.lock_check(
        _current().site, root=Path(config.config_file_path).parent,
        docs_dir=Path(config.docs_dir),
        to_html=lambda markdown: converter.reset().convert(markdown),
        redirect_maps=redirects.config.get("redirect_maps", {}) if redirects is not None else {},
        directory_urls=config.use_directory_urls,
    )


def on_post_build(config: MkDocsConfig) -> None:
    """Each meeting's open data beside its pages, the whole corpus as data beside the Data page, the Atom
    feeds and the search index from the same model, Material's palette and main stylesheets cut to the
    colours and rules in use (part of every first view), and its script kept from taking the feeds'
    links for translations."""
    site = _current().site
    theme_dirs = [Path(folder) for folder in config.theme.dirs]
    palette.cut_site_palette(Path(config.site_dir), palette.used_colours(config.theme.get("palette") or []),
                             theme_dirs)
    unused_css.cut_site_css(Path(config.site_dir), theme_dirs)
    export.write_exports(site.corpus, site.urls, Path(config.site_dir), publisher=config.site_name)
    try:
        corpus_data.write_corpus_data(site.corpus, site.urls, Path(config.site_dir), title=config.site_name)
    except corpus_data.CorpusDataError as error:
        raise PluginError(str(error)) from None
    feeds.leave_feed_links_to_feed_readers(Path(config.site_dir), theme_dirs)
    try:
        feeds.write_feeds(site.corpus, site.urls, Path(config.site_dir), site_name=config.site_name,
                          language=config.theme["language"], rights=config.copyright or "")
    except feeds.FeedError as error:
        raise PluginError(str(error)) from None
    records = search_records.search_records(search_records.paragraph_views(site.corpus, site.urls))
    try:
        search_index.write_index(records, Path(config.site_dir) / search_index.OUTPUT_DIR)
    except search_index.SearchIndexError as error:
        raise PluginError(str(error)) from None
