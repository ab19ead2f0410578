"""The site's search index, written by Pagefind: one record per paragraph (search_records).

The index is split in chunks that the search dialog (overrides/partials/search.html,
docs/javascripts/search.js) fetches only once a reader opens search and types:
no page loads any of it before. Pagefind won the comparison with Material's
search (BENCHMARKS.md, "Search"): results land on paragraphs, phrases rank
first, filters are built in, and the first view does not grow with the corpus.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from .render import environment
from .search_records import SearchRecord

OUTPUT_DIR = "pagefind"  # under site/: the dialog imports <base>/pagefind/pagefind.js
LANGUAGE = "en"


class SearchIndexError(Exception):
    """Pagefind could not write the index."""


def write_index(records: list[SearchRecord], output: Path) -> None:
    """Pagefind's index of `records` in `output` (replaced whole)."""
    if output.exists():
        shutil.rmtree(output)
    try:
        asyncio.run(_write(records, output))
    except Exception as error:
        raise SearchIndexError(f"search: Pagefind could not write its index to {output}: {error}") from error


async def _write(records: list[SearchRecord], output: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(output), force_language=LANGUAGE)
    template = environment().get_template("search_record.html")
    # One HTML file per record (its blocks carry data-pagefind-weight), indexed as a folder in one
    # request: the Python API answers one request per 0.1 s, so a request per record would take
    # 25 minutes at 15,000 paragraphs. Results link to meta "url", the paragraph's anchor.
    with tempfile.TemporaryDirectory(prefix="pagefind-records-") as folder:
        for number, record in enumerate(records):
            (Path(folder) / f"{number}.html").write_text(record.html(template, language=LANGUAGE), encoding="utf-8")
        async with PagefindIndex(config=config) as index:
            await index.add_directory(path=folder)
            await index.write_files()
    # Pagefind's own UIs are not used (the dialog is ours): keep only the search library and the index.
    for unused in output.glob("pagefind-*ui.*"):
        unused.unlink()
    (output / "pagefind-highlight.js").unlink(missing_ok=True)
