"""MkDocs hook: the site's search index, written by Pagefind after the build.

One Pagefind record per paragraph (recordkit.search_records), so a result
opens the statement at its anchor. The index is split in chunks that the
search dialog (overrides/partials/search.html) fetches only once a reader
opens search and types: no page loads any of it before.

The records come from the model. Until the build state is shared between the
hook modules, this hook loads the record itself in `on_config`; the lead's
wiring replaces that with `use_records(...)` called from the main hook.
`mkdocs serve` keeps this module loaded: per-build state is reset in `on_config`.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from recordkit.loader import load_record
from recordkit.problems import InputError
from recordkit.search_records import SearchRecord, paragraph_views, search_records
from recordkit.urls import Urls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.pagefind_search")

# Where the index goes under site/ (the dialog imports <base>/pagefind/pagefind.js).
OUTPUT_DIR = "pagefind"
LANGUAGE = "en"

_records: list[SearchRecord] | None = None


def use_records(records: Iterable[SearchRecord]) -> None:
    """Give this build's search records (the main hook calls this once the model is loaded)."""
    global _records
    _records = list(records)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _records
    _records = None
    root = Path(config.config_file_path).parent
    try:
        loaded = load_record(root=root, data_dir=root / "data", docs_dir=Path(config.docs_dir))
    except InputError:
        return config  # hooks/events.py reports the input's problems and stops the build
    record = loaded.record
    use_records(search_records(paragraph_views(record, Urls(record, directory_urls=config.use_directory_urls))))
    return config


def on_post_build(config: MkDocsConfig) -> None:
    if _records is None:
        raise PluginError("search: no records to index (on_config did not load the record)")
    started = time.perf_counter()
    output = Path(config.site_dir) / OUTPUT_DIR
    write_index(_records, output)
    log.debug(f"search: {len(_records)} records indexed in {time.perf_counter() - started:.2f}s")


def write_index(records: list[SearchRecord], output: Path) -> None:
    """Pagefind's index of `records` in `output` (replaced whole)."""
    if output.exists():
        shutil.rmtree(output)
    try:
        asyncio.run(_write(records, output))
    except Exception as error:  # noqa: BLE001 - the binary's failures come in many types
        raise PluginError(f"search: Pagefind could not write its index to {output}: {error}") from error


async def _write(records: list[SearchRecord], output: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(output), force_language=LANGUAGE)
    # One HTML file per record (its blocks carry data-pagefind-weight), indexed as a folder in one
    # request: the Python API answers one request per 0.1 s, so a request per record would take
    # 25 minutes at 15,000 paragraphs. Results link to meta "url", the paragraph's anchor.
    with tempfile.TemporaryDirectory(prefix="pagefind-records-") as folder:
        for number, record in enumerate(records):
            (Path(folder) / f"{number}.html").write_text(record.html(language=LANGUAGE), encoding="utf-8")
        async with PagefindIndex(config=config) as index:
            await index.add_directory(path=folder)
            await index.write_files()
    # Pagefind's own UIs are not used (the dialog is ours): keep only the search library and the index.
    for unused in output.glob("pagefind-*ui.*"):
        unused.unlink()
    for unused in ("pagefind-highlight.js",):
        (output / unused).unlink(missing_ok=True)
