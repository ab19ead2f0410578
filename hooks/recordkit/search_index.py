"""The site's search index, written by Pagefind: one record per paragraph (search_records).

The index is split in chunks that the search dialog (overrides/partials/search.html,
docs/javascripts/search.js) fetches only once a reader opens search and types:
no page loads any of it before. Pagefind won the comparison with Material's
search (BENCHMARKS.md, "Search"): results land on paragraphs, phrases rank
first, filters are built in, and the first view does not grow with the corpus.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .render import environment
from .search_records import SearchRecord

OUTPUT_DIR = "pagefind"  # under site/: the dialog imports <base>/pagefind/pagefind.js
LANGUAGE = "en"


class SearchIndexError(Exception):
    """Pagefind could not write the index."""


def write_index(records: list[SearchRecord], output: Path) -> None:
    """Pagefind's index of `records` in `output` (replaced whole).

    One HTML page per record (its blocks carry data-pagefind-weight) in a scratch folder,
    indexed by Pagefind's command line in one run: it returns once every file is written.
    (Pagefind's Python API returned from `write_files()` while files were still being written,
    and closing it then left truncated chunks: "invalid gzip data" in the browser.)
    Results link to meta "url", the paragraph's anchor: Pagefind names a record by its file.
    """
    if output.exists():
        shutil.rmtree(output)
    template = environment().get_template("search_record.html")
    with tempfile.TemporaryDirectory(prefix="pagefind-records-") as folder:
        for number, record in enumerate(records):
            (Path(folder) / f"{number}.html").write_text(record.html(template, language=LANGUAGE), encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", folder, "--output-path", str(output),
                   "--force-language", LANGUAGE, "--silent"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"search: Pagefind could not write its index to {output}: "
                               f"{(result.stderr or result.stdout).strip()[-500:]}")
    # Pagefind's own UIs are not used (the dialog is ours): keep only the search library and the index.
    for unused in output.glob("pagefind-*ui.*"):
        unused.unlink()
    (output / "pagefind-highlight.js").unlink(missing_ok=True)
