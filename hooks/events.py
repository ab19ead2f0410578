"""MkDocs hooks: thin adapters between MkDocs' events and `recordkit` (plain Python, no MkDocs import).

`mkdocs serve` keeps this module loaded across rebuilds, so every piece of
per-build state lives in `_build`, replaced in `on_config`.

A job of a partitioned build (tools/build_site.py sets RECORDKIT_JOB; recordkit/partitions.py)
builds its own pages only: every other page is a stub that MkDocs places in the nav and links to
but, in the job's `--dirty` build, does not build.
"""

from __future__ import annotations

import gc
import html
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
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
    finish,
    metadata,
    navigation,
    pages,
    partitions,
    search_index,
    search_records,
    unused_css,
    urls,
)
from recordkit.loader import Loaded, load_corpus, load_registry_corpus
from recordkit.problems import InputError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.record")


class _Spill:
    """Each page's HTML on disk from when MkDocs has rendered it until it writes the page. MkDocs renders
    every page before it writes any, and would hold all their HTML at once: at 1,000 meetings that was
    most of a build's memory (BENCHMARKS.md)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="recordkit-pages-"))
        self.files: dict[str, Path] = {}

    def put(self, src_uri: str, content: str) -> None:
        path = self.folder / f"{len(self.files)}.html"
        path.write_text(content, encoding="utf-8")
        self.files[src_uri] = path

    def take(self, src_uri: str) -> str | None:
        path = self.files.get(src_uri)
        return path.read_text(encoding="utf-8") if path is not None else None

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class _Build:
    site: pages.Site
    describer: metadata.Describer
    job: partitions.Job | None = None
    own_meetings: frozenset[str] = frozenset()  # a partition's job: the meetings whose pages it builds
    stubs: set[str] = field(default_factory=set)  # src_uris of the pages other jobs build
    spill: _Spill = field(default_factory=_Spill)


class _Stub(File):
    """A page another job of a partitioned build makes: in the nav and a link target, never built."""

    def is_modified(self) -> bool:
        return False


class _NoDirtyWarning(logging.Filter):
    """A job's build is `--dirty` so that MkDocs skips the stubs; its warning that the nav may be
    inaccurate does not apply (the stubs are the nav's pages) and would fail a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_build: _Build | None = None
_DIRTY_FILTER = _NoDirtyWarning()


def _current() -> _Build:
    if _build is None:
        raise PluginError("the records were not loaded: on_config did not run")
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate everything before MkDocs cleans site/: a bad input leaves the last site as it was."""
    global _build
    if _build is not None:
        _build.spill.close()
    _build = None
    gc.unfreeze()  # the last build's model (mkdocs serve): collectable again
    root = Path(config.config_file_path).parent
    job = partitions.job_from_env()
    # The model is made of millions of objects that live until the build ends: the collector's full
    # passes over it while it grows, and after, took a tenth of a 10,000-meeting partition's CPU time.
    gc.disable()
    try:
        loaded = _load(root, job)
    except (InputError, partitions.PartitionError) as error:
        raise PluginError(str(error)) from None
    finally:
        gc.enable()
    gc.freeze()
    if config.strict and loaded.warnings:
        # MkDocs aborts on strict warnings only after writing site/; failing here keeps the last good site.
        raise PluginError(str(InputError(loaded.warnings)) + "\n(warnings are fatal under --strict)")
    for warning in loaded.warnings:
        log.warning(str(warning))
    site_urls = urls.SiteUrls(loaded.corpus, directory_urls=config.use_directory_urls, site_url=config.site_url or "")
    site = pages.Site(loaded.corpus, site_urls)
    own = frozenset(m.id for m in loaded.corpus.meetings if job is not None and partitions.partition_of(m) == job.key)
    _build = _Build(site, metadata.Describer(loaded.corpus, site_urls, language=config.theme["language"],
                                             pages=site.generated, site_name=config.site_name),
                    job=job, own_meetings=own)
    config.nav = navigation.nav(loaded.corpus)
    build_log = logging.getLogger("mkdocs.commands.build")
    build_log.removeFilter(_DIRTY_FILTER)
    if job is not None:
        build_log.addFilter(_DIRTY_FILTER)
    return config


def _load(root: Path, job: partitions.Job | None) -> Loaded:
    data_dir = root / "data"
    if job is None:
        return load_corpus(root=root, data_dir=data_dir)
    if job.shared:
        return load_registry_corpus(root=root, data_dir=data_dir, meetings=partitions.shared_job_meetings(job.parts),
                                    whole=True)
    return load_registry_corpus(root=root, data_dir=data_dir,
                                meetings=partitions.page_job_meetings(job.parts, job.key), whole=False)


def _builds(build: _Build, kind: str, subject: object) -> bool:
    """Whether this build makes a generated page: every one, or a partitioned build's job its own."""
    if build.job is None:
        return True
    if build.job.shared:
        return kind not in partitions.MEETING_PAGE_KINDS
    return partitions.owned_by_partition(kind, subject, build.own_meetings)


@event_priority(100)  # before other plugins' on_files: mkdocs-redirects must see the pages to redirect to
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    site = build.site
    for src_uri, (kind, subject, in_nav) in site.generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} clashes with a page generated from data/: remove or rename it")
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        if _builds(build, kind, subject):
            # Its Markdown is made when MkDocs reads the page (on_page_markdown), not all at once here.
            files.append(File.generated(config, src_uri, content="", inclusion=inclusion))
        else:
            files.append(_Stub.generated(config, src_uri, content="", inclusion=inclusion))
            build.stubs.add(src_uri)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """A stub's title, as on_page_markdown would set it: its neighbours' footer and the nav show it."""
    build = _current()
    for page in nav.pages:
        if page.file.src_uri in build.stubs:
            title = build.describer.title(page.file.src_uri)
            if title:
                page.title = html.escape(title)
    return nav


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
    generated = build.site.generated.get(src_uri)
    if generated is not None:
        kind, subject, _ = generated
        return pages.render_page(build.site, kind, subject)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's HTML waits on disk until MkDocs writes the page (_Spill)."""
    _current().spill.put(page.file.src_uri, html)
    page.markdown = ""
    return ""


def on_page_context(context: dict[str, object], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, object]:
    content = _current().spill.take(page.file.src_uri)
    if content is not None:
        page.content = content
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    page.content = ""  # written: no longer needed
    return output


def on_build_error(error: Exception) -> None:
    if _build is not None:
        _build.spill.close()


def on_pre_build(config: MkDocsConfig) -> None:
    """Check anchors.lock before MkDocs cleans site/: a broken published link, or a page of docs/ that
    cannot be read (its front matter malformed), keeps the last good site."""
    job = _current().job
    if job is not None and not job.shared:
        return  # the whole site's links are checked once, by the shared job
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
    links for translations (finish.py). In a partitioned build, a partition's job writes its meetings'
    open data; the corpus as data, the feeds and the search index are jobs of their own (each a process
    of its own: its memory is not added to the pages'), and the cuts, which need every page, follow the
    merge (tools/build_site.py)."""
    build = _current()
    build.spill.close()
    site, site_dir, job = build.site, Path(config.site_dir), build.job
    if job is None:
        finish.finish_site(site_dir, [Path(folder) for folder in config.theme.dirs], config.theme.get("palette") or [])
    if job is None or not job.shared:
        own = None if job is None else build.own_meetings
        export.write_exports(site.corpus, site.urls, site_dir, publisher=config.site_name, meetings=own)
    if job is not None:
        meeting_folders = [site_dir / m.path for m in site.corpus.meetings if m.id in build.own_meetings]
        partitions.write_page_classes(site_dir, unused_css.page_classes([site_dir] if job.shared else meeting_folders))
        return
    try:
        corpus_data.write_corpus_data(site.corpus, site.urls, site_dir, title=config.site_name)
        feeds.write_feeds(site.corpus, site.urls, site_dir, site_name=config.site_name,
                          language=config.theme["language"], rights=config.copyright or "")
        records = search_records.search_records(search_records.paragraph_views(site.corpus, site.urls))
        search_index.write_index(records, site_dir / search_index.OUTPUT_DIR)
    except (corpus_data.CorpusDataError, feeds.FeedError, search_index.SearchIndexError) as error:
        raise PluginError(str(error)) from None
