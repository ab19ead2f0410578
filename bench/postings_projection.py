"""What a query would download at 1,000 meetings if the corpus did not repeat itself.

Written when the synthetic corpus (bench/synth.py) only copied the real meetings (`ungdc=None` still
does; it now makes most meetings of real General Debate statements, so its postings no longer
repeat a meeting's). That corpus copied three real meetings 333 times, so gzip stores a word's
postings at a small part of what different meetings would cost, and the bytes search_compare.py
measures at 1,000 meetings flatter the index. This projects them instead: for each query, the
postings the dialog fetches (its words, the completions of the word being typed, its word pairs:
as docs/javascripts/search-engine.js does) counted in the synthetic index, each priced at what a
posting costs in the real site's own postings files (no repetition there), plus the most that a
query was measured to download besides postings (scripts, stylesheet, index.json, shards, results).

    python bench/postings_projection.py [synthetic index] [real site's index]

Defaults: .bench/search-site-1000x/search-index (written by search_compare.py) and site/search-index.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from recordkit.search_index import COARSE_SHARE, COMPLETIONS_KEY, normalise, read_postings, shard_of  # noqa: E402

# Measured (BENCHMARKS.md, "Search"): the most a query downloaded besides postings at 1,000 meetings.
OTHER_KIB = 32
GZIP_FRAME = 18  # gzip's header and trailer: a file's cost, not its postings'
QUERIES = ["Agenda 2063", "Pact for the Future", "human-centred multilateral", "Antonio", "peacebuilding",
           "occupied territories of Ukraine", "international peace and security", "Secretary-General",
           "United Nations", "General Assembly"]


class Index:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.meta = json.loads((root / "index.json").read_text(encoding="utf-8"))
        self.keys = {key: number for number, key in enumerate(self.meta["shards"])}
        self.shards: dict[int, dict[str, Any]] = {}

    def shard(self, term: str) -> dict[str, Any]:
        number = shard_of(term, self.keys)
        if number not in self.shards:
            self.shards[number] = json.loads(gzip.decompress((self.root / f"t/{number}.jz").read_bytes()))
        return self.shards[number]

    def df(self, term: str) -> int:
        entry = self.shard(term).get(term)
        return entry[0] if entry else 0

    def completions(self, word: str) -> list[str]:
        shard = self.shard(word)
        listed = shard.get(COMPLETIONS_KEY, {}).get(word)
        if listed is not None:
            return [term for term, _ in listed]
        found = sorted((t for t in shard if t != word and t.startswith(word) and " " not in t and t != COMPLETIONS_KEY),
                       key=lambda t: (-shard[t][0], t))
        return found[: self.meta["completions"]]

    def fetched(self, text: str) -> list[str]:
        """The terms whose postings a search of `text` fetches (search-engine.js: parse, wordMatches, pairScores)."""
        every = normalise(text).split()
        words = [w for w in every if w not in self.meta["stopwords"]]
        completing = bool(words) and words[-1] == every[-1] and bool(re.search(r"\w$", text))
        terms = [w for w in words if self.df(w)]
        if completing and len(words[-1]) >= 2:
            terms += self.completions(words[-1])
        terms += [f"{a} {b}" for a, b in itertools.pairwise(words) if self.df(f"{a} {b}")]
        return terms


def bytes_per_posting(real: Path) -> dict[bool, float]:
    """Compressed bytes a posting costs in the real site's postings files, by whether they are coarse
    (gzip's frame left out: the real site's files are short, a long list pays it once)."""
    fine_levels = Index(real).meta["impactLevels"]
    count = {True: 0, False: 0}
    size = {True: 0, False: 0}
    for path in (real / "p").glob("*.pz"):
        data = path.read_bytes()
        gaps, _, levels = read_postings(gzip.decompress(data))
        coarse = levels != fine_levels
        count[coarse] += len(gaps)
        size[coarse] += len(data) - GZIP_FRAME
    return {coarse: size[coarse] / count[coarse] for coarse in count}


def main() -> None:
    synthetic = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".bench/search-site-1000x/search-index"
    real = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "site/search-index"
    rates = bytes_per_posting(real)
    fine, coarse = rates[False], rates[True]
    index = Index(synthetic)
    records = index.meta["records"]
    print(f"real site: {coarse:.2f} bytes a posting for a common word (over {COARSE_SHARE:.0%} of the paragraphs), "
          f"{fine:.2f} otherwise; {records:,} records in {synthetic}")
    print("| query at 1,000 meetings | postings fetched | of which common | projected KiB at results |")
    print("|---|---|---|---|")
    for query in QUERIES:
        dfs = [index.df(term) for term in index.fetched(query)]
        common = sum(df for df in dfs if df > COARSE_SHARE * records)
        total = sum(dfs)
        kib = OTHER_KIB + (common * coarse + (total - common) * fine) / 1024
        print(f"| {query} | {total:,} | {common:,} | {kib:.0f} |")


if __name__ == "__main__":
    main()
