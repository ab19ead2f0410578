"""The site's search index: an inverted index split so that a query fetches only its own words.

Why not Pagefind (BENCHMARKS.md, "Search"): Pagefind loads a metadata file with a hash and word
count for every record before the first search, 1 MiB at 1,000 meetings, and scores every record
its words match in its worker. Here a query fetches index.json (its shard keys: 0.8 KiB at 1,000
meetings) and what its own words need: ranking needs no per-record table, because each posting
carries its own precomputed score (an "impact": BM25's term weight, document length included,
quantised to 1..99), and the dialog adds them up per paragraph.

Layout under `OUTPUT_DIR`. Every file but index.json is gzip-compressed here, by us (the dialog
inflates it with the browser's DecompressionStream), so what a query downloads does not depend on
whether the host compresses, and the index takes a fifth of the disk. Their names end in `.jz`
(JSON) and `.pz` (postings), not `.gz`, which some hosts would serve as a Content-Encoding.

- `index.json`, fetched when search opens: the record count, the stop words, and the shard keys.
- `t/<n>.jz`: the dictionary, split by term prefix (the longest key that begins a term names
  its shard) into pieces of about `SHARD_CHARS`. A term maps to `[df, gaps, impacts, attrs]`
  when it is rare (postings inline) or `[df, n]` when its postings are in `p/<n>.pz` (binary:
  the gaps as unsigned LEB128 varints, then one byte of impact each: half the bytes of JSON
  once compressed; a common word's impacts in half a byte, `COARSE_SHARE`) and the facet values
  of those paragraphs in `p/<n>.a.jz`.
  Terms are the folded words of a paragraph (text, then its speakers, delegations, themes and
  documents at their weights) and its word pairs ("agenda 2063": consecutive words of the text,
  stop words left out), which rank phrases first. A shard also holds, under the key
  `COMPLETIONS_KEY`, the commonest completions of each prefix whose completions are spread over
  several shards (a word being typed, "con", is completed from its own shard alone).
- `facets.jz`, fetched for filters and their counts only: every facet's labels and counts;
  `v/<facet>/<i>.jz`: a facet value's paragraphs (gaps) and their facet values, in one file.
- `d/<k>/<doc>.jz`: what a result shows (URL, text, meeting, part, speaker, number), fetched
  for the results on screen only, and the words it is also found by.

Attributes (`attrs`): for each facet, one entry per posting: a value's index, a list of
indices, or -1 for none. Counting filters over a query's results needs the attributes of its
rarest word's postings only: every result is among them.

Plain Python, no MkDocs. The tokeniser must agree with docs/javascripts/search-engine.js.
"""

from __future__ import annotations

import bisect
import gc
import gzip
import heapq
import itertools
import json
import re
import shutil
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .search_records import FILTERS, SearchRecord

OUTPUT_DIR = "search-index"  # under site/: the dialog fetches <base>/search-index/index.json
FORMAT = 3

# Words too common to find anything with; left out of the index and of queries (a query of these
# only says so). Kept short: "will", "security" or "we" are words a reader may well look for.
STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "is", "it", "its",
    "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "with",
))
SHARD_CHARS = 24_000  # a dictionary shard's target size, uncompressed (about 6 KiB compressed)
# A term in at most this many paragraphs keeps its postings (and their facet values) in its shard:
# creating files is the slowest part of writing the index (half as many files as with 8), and a
# shard grows by a fifth.
INLINE_POSTINGS = 32
DOCS_PER_FOLDER = 1000
COMPLETIONS = 6  # completions of the word being typed ("peaceb" -> "peacebuilding"...), commonest first
COMPLETIONS_KEY = "\u0000"  # never a term: normalise() makes every control character a space

# BM25 (Robertson): saturation K1, length normalisation B. Chosen on the query table
# (tests/browser/test_search.py, 47 rows, all within their rank for K1 1.8 to 2.4 with B 0.1 to 0.2;
# with the textbook 1.2 and 0.75, short paragraphs holding one of a phrase's words outrank a long
# statement holding the phrase): a long statement is where a phrase is most often said.
K1 = 2.0
B = 0.15
IMPACT_LEVELS = 99
# A word in more than this share of the paragraphs keeps its impacts in 1..COARSE_LEVELS, two to a
# byte: its postings are the longest a query fetches ("general assembly": "general" is in 49% of the
# paragraphs; the query fetches about 190,000 postings at 1,000 meetings) and its low idf makes it
# count little in a ranking.
# Impacts are most of a long postings file once compressed (0.9 of 1.5 bytes a posting on the real
# site; 0.6 in half bytes). The query table ranks the same with it (tests/browser/test_search.py).
COARSE_SHARE = 0.1
COARSE_LEVELS = 15

_COMBINING = re.compile("[\u0300-\u036f]")
_SEPARATORS = re.compile(r"[\W_]+")


class SearchIndexError(Exception):
    """The index could not be written."""


def normalise(text: str) -> str:
    """Lower case, no diacritics, punctuation as spaces: "Vis-à-vis," -> "vis a vis" (as search-engine.js)."""
    return _SEPARATORS.sub(" ", _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()).strip()


def words(text: str) -> list[str]:
    """The indexed words of `text`, in order: normalised, stop words left out."""
    return [word for word in normalise(text).split(" ") if word and word not in STOPWORDS]


def pairs(text_words: Sequence[str]) -> list[str]:
    """Consecutive word pairs ("agenda 2063"): what ranks a paragraph holding a phrase first."""
    return [f"{first} {second}" for first, second in itertools.pairwise(text_words)]


@dataclass
class _Facets:
    """Every facet's labels (a value's index is its position) and each paragraph's values, by index
    (a tuple per facet, in FILTERS' order)."""

    labels: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in FILTERS})
    index: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in FILTERS})
    per_doc: list[tuple[tuple[int, ...], ...]] = field(default_factory=list)
    # The paragraphs of one statement share their values: one tuple for them all (at 10,000 meetings,
    # 1.7 million tuples of tuples otherwise).
    shared: dict[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]] = field(default_factory=dict)

    def add(self, record: SearchRecord) -> None:
        values = []
        for name in FILTERS:
            known = self.index[name]
            for label in record.filters.get(name, []):
                if label not in known:
                    known[label] = len(self.labels[name])
                    self.labels[name].append(label)
            values.append(tuple(known[label] for label in record.filters.get(name, [])))
        found = tuple(values)
        self.per_doc.append(self.shared.setdefault(found, found))

    def attrs(self, docs: Iterable[int]) -> dict[str, list[int | list[int]]]:
        """Per facet, per paragraph: its value, its values (a list) or -1 (none)."""
        out: dict[str, list[int | list[int]]] = {name: [] for name in FILTERS}
        columns = [out[name] for name in FILTERS]
        for doc in docs:
            for column, found in zip(columns, self.per_doc[doc], strict=True):
                column.append(found[0] if len(found) == 1 else (list(found) or -1))
        return out


def weighted_terms(record: SearchRecord) -> tuple[dict[str, float], int]:
    """A paragraph's terms with their weighted frequency, and its length (indexed words of its text)."""
    weights: dict[str, float] = defaultdict(float)
    text_words = words(record.content)
    for term in (*text_words, *pairs(text_words)):
        weights[term] += 1.0
    for weight, block in record.weighted:
        for word in words(block):
            weights[word] += weight
    return weights, len(text_words)


def impact(weighted_frequency: float, length: int, average_length: float) -> int:
    """BM25's term weight (idf aside, the dialog adds it from df), quantised to 1..IMPACT_LEVELS."""
    norm = 1 - B + B * (length / average_length if average_length else 1)
    score = weighted_frequency * (K1 + 1) / (weighted_frequency + K1 * norm)
    return max(1, min(IMPACT_LEVELS, round(score / (K1 + 1) * IMPACT_LEVELS)))


def _gaps(docs: Sequence[int]) -> list[int]:
    previous = 0
    gaps = []
    for doc in docs:
        gaps.append(doc - previous)
        previous = doc
    return gaps


class _Output:
    """The index's files, gzip-compressed (no timestamp: two builds write the same bytes), each
    written as it is made: held until the end, 10,000 meetings' files took 1.3 GiB of the search
    job's memory (BENCHMARKS.md, "Partitioned builds")."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folders: set[Path] = set()
        self.written = 0

    def write(self, relative: str, data: bytes) -> None:
        path = self.folder / relative
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        # Level 9 wrote 1,000 meetings in 122 s against 58 s at 6, for 0.3% fewer bytes.
        path.write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
        self.written += 1

    def dump(self, relative: str, value: object) -> None:
        self.write(relative, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        low, number = number & 0x7F, number >> 7
        if not number:
            out.append(low)
            return bytes(out)
        out.append(low | 0x80)


def coarse(impacts: Sequence[int]) -> list[int]:
    """Impacts in 1..IMPACT_LEVELS as 1..COARSE_LEVELS."""
    return [max(1, min(COARSE_LEVELS, round(level * COARSE_LEVELS / IMPACT_LEVELS))) for level in impacts]


def postings_bytes(gaps: Sequence[int], impacts: Sequence[int], levels: int = IMPACT_LEVELS) -> bytes:
    """A postings file's content: the count, the impacts' levels, each gap, then each impact: a byte
    each, or half a byte (high half first) when they are COARSE_LEVELS."""
    if levels == COARSE_LEVELS:
        padded = [*impacts, 0]
        packed = bytes(padded[i] << 4 | padded[i + 1] for i in range(0, len(impacts), 2))
    else:
        packed = bytes(impacts)
    return _varint(len(gaps)) + _varint(levels) + b"".join(_varint(gap) for gap in gaps) + packed


def read_postings(data: bytes) -> tuple[list[int], list[int], int]:
    """(gaps, impacts, their levels) from `postings_bytes` (as search-engine.js reads them)."""
    values: list[int] = []
    number = shift = position = 0
    while len(values) < 2 or len(values) < 2 + values[0]:
        byte = data[position]
        position += 1
        number |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            values.append(number)
            number = shift = 0
    count, levels, gaps = values[0], values[1], values[2:]
    if levels == COARSE_LEVELS:
        halves = [half for byte in data[position:] for half in (byte >> 4, byte & 0x0F)]
        return gaps, halves[:count], levels
    return gaps, list(data[position:position + count]), levels


def _shard_keys(entries: dict[str, int], prefix: str = "") -> list[str]:
    """Prefixes splitting `entries` (term -> serialised size) into shards of about SHARD_CHARS:
    a prefix whose terms are too many is split by the next character (its own term stays in it)."""
    if sum(entries.values()) <= SHARD_CHARS or all(len(term) <= len(prefix) for term in entries):
        return [prefix]
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for term, size in entries.items():
        groups[term[: len(prefix) + 1]][term] = size
    keys = [prefix] if prefix in entries or not prefix else []
    for child, grouped in sorted(groups.items()):
        if child == prefix:
            continue
        keys.extend(_shard_keys(grouped, child))
    return keys


def shard_of(term: str, keys: dict[str, int]) -> int:
    """The number of the longest key that begins `term` (as search-engine.js)."""
    for length in range(len(term), -1, -1):
        if term[:length] in keys:
            return keys[term[:length]]
    raise SearchIndexError(f"search: no shard for {term!r}")


@dataclass(frozen=True)
class IndexSummary:
    records: int
    terms: int
    shards: int
    files: int


def write_index(records: Sequence[SearchRecord], output: Path) -> IndexSummary:
    """The index of `records` (one per paragraph, in reading order) in `output`, replaced whole.

    Two passes over the records (the first for the average length BM25 needs), postings in
    compact arrays: 1,000 meetings (161,520 paragraphs) fit in memory."""
    # The records and the postings hold no reference cycles, and the collector's full passes over
    # the growing postings took 7% of the CPU time at 1,000 meetings, more the larger the corpus.
    gc.disable()
    try:
        return _write_index(records, output)
    finally:
        gc.enable()


def _write_index(records: Sequence[SearchRecord], output: Path) -> IndexSummary:
    if output.exists():
        shutil.rmtree(output)
    out = _Output(output)
    facets = _Facets()
    lengths = []
    for record in records:
        facets.add(record)
        lengths.append(len(words(record.content)))
    average = sum(lengths) / len(lengths) if lengths else 0.0
    numbers: dict[str, array[int]] = defaultdict(lambda: array("I"))
    impacts: dict[str, array[int]] = defaultdict(lambda: array("B"))
    for number, record in enumerate(records):
        weights, length = weighted_terms(record)
        for term, weighted in weights.items():
            numbers[term].append(number)
            impacts[term].append(impact(weighted, length, average))
        out.dump(f"d/{number // DOCS_PER_FOLDER}/{number}.jz", _shown(record))

    files = 0
    entries: dict[str, list[object]] = {}
    for term in sorted(numbers):
        docs = numbers.pop(term)
        gaps, scores = _gaps(docs), impacts.pop(term).tolist()
        is_pair = " " in term
        if len(docs) <= INLINE_POSTINGS:
            entries[term] = [len(docs), gaps, scores] + ([] if is_pair else [facets.attrs(docs)])
            continue
        entries[term] = [len(docs), files]
        common = len(docs) > COARSE_SHARE * len(records)
        out.write(f"p/{files}.pz", postings_bytes(gaps, coarse(scores), COARSE_LEVELS) if common else
                  postings_bytes(gaps, scores))
        if not is_pair:  # pairs are never the rarest word: their attributes are never read
            out.dump(f"p/{files}.a.jz", facets.attrs(docs))
        files += 1

    sizes = {term: len(term) + len(json.dumps(entry, separators=(",", ":"))) for term, entry in entries.items()}
    keys = _shard_keys(sizes)
    shards: list[dict[str, object]] = [{} for _ in keys]
    numbered = {key: number for number, key in enumerate(keys)}
    for term, entry in entries.items():
        shards[shard_of(term, numbered)][term] = entry
    completions: list[dict[str, list[list[object]]]] = [{} for _ in keys]
    for prefix, completed in _spread_completions(entries, keys).items():
        completions[shard_of(prefix, numbered)][prefix] = completed
    for shard, completed_here in zip(shards, completions, strict=True):
        if completed_here:
            shard[COMPLETIONS_KEY] = completed_here
    for number, shard in enumerate(shards):
        out.dump(f"t/{number}.jz", shard)

    _write_facets(out, facets, len(records))
    opening = {"format": FORMAT, "records": len(records), "stopwords": sorted(STOPWORDS), "shards": keys,
               "docsPerFolder": DOCS_PER_FOLDER, "impactLevels": IMPACT_LEVELS, "completions": COMPLETIONS,
               "completionsKey": COMPLETIONS_KEY}
    (output / "index.json").write_text(json.dumps(opening, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return IndexSummary(records=len(records), terms=len(entries), shards=len(keys),
                        files=out.written + 1)


def _spread_completions(entries: dict[str, list[object]], keys: Sequence[str]) -> dict[str, list[list[object]]]:
    """For each prefix that begins a longer shard key (its completions are in several shards): its
    commonest completions, [term, entry], words only (no pairs)."""
    words_only = sorted(term for term in entries if " " not in term)
    prefixes = {key[:length] for key in keys for length in range(2, len(key))}
    spread: dict[str, list[list[object]]] = {}
    for prefix in sorted(prefixes):
        start = bisect.bisect_left(words_only, prefix)
        end = bisect.bisect_left(words_only, prefix + "\uffff")
        found = [term for term in words_only[start:end] if term != prefix]
        commonest = heapq.nsmallest(COMPLETIONS, found, key=lambda term: (-_df(entries[term]), term))
        if commonest:
            spread[prefix] = [[term, entries[term]] for term in commonest]
    return spread


def _df(entry: list[object]) -> int:
    df = entry[0]
    assert isinstance(df, int)
    return df


def _write_facets(out: _Output, facets: _Facets, count: int) -> None:
    members: dict[str, list[list[int]]] = {name: [[] for _ in facets.labels[name]] for name in FILTERS}
    for number in range(count):
        for name, values in zip(FILTERS, facets.per_doc[number], strict=True):
            for value in values:
                members[name][value].append(number)
    for name in FILTERS:
        for value, numbers in enumerate(members[name]):
            # One file: its paragraphs (for a filter) and their facet values (for the counts).
            out.dump(f"v/{name}/{value}.jz", {"d": _gaps(numbers), "a": facets.attrs(numbers)})
    out.dump("facets.jz", {
        "names": list(FILTERS),
        "labels": facets.labels,
        "counts": {name: [len(numbers) for numbers in members[name]] for name in FILTERS},
    })


def _shown(record: SearchRecord) -> dict[str, str]:
    meta = record.meta
    # "also": the words the paragraph is also found by (speakers, themes...): the dialog ranks a result
    # holding every word of the query there above one that does not, and never shows them.
    return {"url": record.url, "text": record.content, "also": " ".join(block for _, block in record.weighted),
            "meeting": meta.get("meeting", ""), "part": meta.get("part", ""), "speaker": meta.get("speaker", ""),
            "number": meta.get("number", ""), "date": meta.get("date", "")}

