"""The search index (recordkit/search_index.py) in the built site, and the records it is made of.

The index is read here as the dialog reads it (docs/javascripts/search-engine.js): a term's shard
is the longest shard key that begins it; its postings are gaps between record numbers.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import Site, search_docs
from recordkit import search_index
from recordkit.search_index import (
    impact,
    normalise,
    pairs,
    postings_bytes,
    read_postings,
    shard_of,
    words,
    write_index,
)
from recordkit.search_records import (
    ABOUT_WEIGHT,
    CONTINUATION_SPEAKER_WEIGHT,
    SPEAKER_WEIGHT,
    TITLE_WEIGHT,
    ParagraphView,
    paragraph_views,
    search_record,
)
from recordkit.urls import SiteUrls

RECORD = "records/2024-04-02-human-security/"


class Index:
    """The written index, read back."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.meta = json.loads((root / "index.json").read_text(encoding="utf-8"))
        self.keys = {key: number for number, key in enumerate(self.meta["shards"])}

    @cache  # noqa: B019 (one Index per module)
    def json(self, path: str) -> Any:
        return json.loads(gzip.decompress((self.root / path).read_bytes()))

    def entry(self, term: str) -> Any:
        shard = self.json(f"t/{shard_of(term, self.keys)}.jz")
        assert isinstance(shard, dict)
        return shard.get(term)

    def postings(self, term: str) -> dict[int, int]:
        """Record number -> impact, for `term` ({} if it is not indexed)."""
        entry = self.entry(term)
        if entry is None:
            return {}
        if len(entry) > 2:
            gaps, impacts = entry[1], entry[2]
        else:
            gaps, impacts, _ = read_postings(gzip.decompress((self.root / f"p/{entry[1]}.pz").read_bytes()))
        numbers, total = [], 0
        for gap in gaps:
            total += gap
            numbers.append(total)
        assert len(numbers) == entry[0] == len(impacts)
        return dict(zip(numbers, impacts, strict=True))

    def shards(self) -> list[dict[str, Any]]:
        return [self.json(f"t/{number}.jz") for number in range(len(self.meta["shards"]))]

    def terms(self) -> list[str]:
        return [term for shard in self.shards() for term in shard if term != search_index.COMPLETIONS_KEY]

    def attrs(self, term: str) -> Any:
        entry = self.entry(term)
        assert entry is not None
        return entry[3] if len(entry) > 2 else self.json(f"p/{entry[1]}.a.jz")


@pytest.fixture(scope="module")
def index(site: Site) -> Index:
    return Index(site.root / search_index.OUTPUT_DIR)


@pytest.fixture(scope="module")
def docs(site: Site) -> dict[str, dict]:
    return search_docs(site.root)


def number_of(docs: dict[str, dict], url: str) -> int:
    return docs[url]["number_in_index"]


def vote_columns(corpus) -> dict[str, int]:
    """Each vote column's search record (its page's URL and anchor) -> how many delegations it names."""
    urls = SiteUrls(corpus)
    return {f"{urls.vote(vote)}#{position.replace('_', '-')}": len(voted)
            for meeting in corpus.meetings for vote in meeting.votes for position, voted in vote.positions()}


def test_one_record_per_paragraph_at_its_anchor_and_per_vote_column(site: Site, index: Index, docs, corpus) -> None:
    columns = vote_columns(corpus)
    assert columns and index.meta["records"] == len(corpus.paragraphs) + len(columns) == len(docs)
    expected = {f"{corpus.part_of[p.key].src_uri[:-3]}/#{p.id}" for p in corpus.paragraphs}
    assert set(docs) == expected | set(columns)
    assert sorted(doc["number_in_index"] for doc in docs.values()) == list(range(len(docs)))
    assert not (site.root / "pagefind").exists()


def test_each_record_shows_meeting_part_speaker_number(docs) -> None:
    sg = docs[f"{RECORD}opening-statements/#p-sg-statement"]
    assert sg["speaker"] == "António Guterres" and sg["number"] == "4"
    assert sg["part"] == "II. Opening statements" and sg["meeting"] == "Human security, 2 April 2024"
    assert sg["text"].startswith("The Secretary-General opened his remarks")
    assert "António" not in sg["text"]  # the text says "The Secretary-General": the name is found by "also"
    assert "António Guterres" in sg["also"]


def test_every_word_of_every_paragraph_finds_it(index: Index, docs, corpus) -> None:
    for paragraph in corpus.paragraphs:
        number = number_of(docs, f"{corpus.part_of[paragraph.key].src_uri[:-3]}/#{paragraph.id}")
        text_words = words(paragraph.text)
        for term in (*text_words, *pairs(text_words)):
            assert number in index.postings(term), (paragraph.id, term)
        for theme_id in paragraph.themes:
            theme = corpus.themes[theme_id]
            for term in words(" ".join((theme.label, *theme.synonyms))):
                assert number in index.postings(term), (paragraph.id, theme_id, term)


def test_every_paragraph_and_vote_is_found_by_the_words_of_its_parts_title(index: Index, docs, corpus) -> None:
    urls = SiteUrls(corpus)
    for meeting in corpus.meetings:
        for part in meeting.sections:
            numbers = {number_of(docs, urls.paragraph(p)) for p in part.paragraphs}
            numbers |= {number_of(docs, f"{urls.vote(vote)}#{position.replace('_', '-')}")
                        for vote in meeting.votes if corpus.part_of[f"{meeting.id}/{vote.paragraph}"] is part
                        for position, _ in vote.positions()}
            for term in words(part.title):
                assert numbers <= set(index.postings(term)), (part.src_uri, term)


def test_a_word_said_counts_more_than_the_same_word_in_the_parts_title(index: Index, docs, corpus) -> None:
    """For every word of a part's title, the paragraph saying it most (its text, speakers, themes...)
    comes before every paragraph that holds it only from its part's title (TITLE_WEIGHT)."""
    views = list(paragraph_views(corpus, SiteUrls(corpus)))
    title_words = {term for view_ in views for term in words(view_.part_title)}
    postings = {term: index.postings(term) for term in title_words}
    said: dict[str, int] = {}
    title_only: dict[str, int] = {}
    for view_ in views:
        record = search_record(view_)
        own = set(words(record.content)) | {word for weight, block in record.weighted
                                            if (weight, block) != (TITLE_WEIGHT, view_.part_title)
                                            for word in words(block)}
        number = number_of(docs, view_.url)
        for term in title_words & own:
            said[term] = max(said.get(term, 0), postings[term][number])
        for term in set(words(view_.part_title)) - own:
            title_only[term] = max(title_only.get(term, 0), postings[term][number])
    compared = [term for term in title_only if term in said]
    assert len(compared) > 100
    assert [term for term in compared if said[term] <= title_only[term]] == []


def test_accents_are_folded_and_names_find_statements_that_do_not_say_them(index: Index, docs) -> None:
    sg = number_of(docs, f"{RECORD}opening-statements/#p-sg-statement")
    assert sg in index.postings("antonio") and sg in index.postings("guterres")
    takasu = number_of(docs, f"{RECORD}concluding-remarks/#p-closing-takasu")
    assert takasu in index.postings("vis vis")  # "vis-à-vis": "a" is a stop word
    assert not index.postings("the")  # stop words are not indexed


def test_every_term_is_folded_and_no_stop_word(index: Index) -> None:
    for term in index.terms():
        assert term == normalise(term) and not set(term.split()) & search_index.STOPWORDS, term


def test_a_speakers_name_counts_more_than_a_word_of_the_text(index: Index, docs) -> None:
    sg = number_of(docs, f"{RECORD}opening-statements/#p-sg-statement")
    guterres = index.postings("guterres")
    assert guterres[sg] == max(guterres.values())


def test_shards_are_small_and_each_term_is_in_the_one_its_longest_key_names(index: Index) -> None:
    keys = index.meta["shards"]
    for number, key in enumerate(keys):
        path = index.root / "t" / f"{number}.jz"
        assert len(gzip.decompress(path.read_bytes())) < 3 * search_index.SHARD_CHARS, path
        for term in index.json(f"t/{number}.jz"):
            if term == search_index.COMPLETIONS_KEY:
                continue
            assert term.startswith(key), (term, key)
            assert not any(term.startswith(other) and len(other) > len(key) for other in keys), (term, key)


def test_a_word_being_typed_is_completed_from_its_own_shard(index: Index) -> None:
    """The commonest completions of a prefix are in the prefix's shard: listed there when they are
    spread over several shards ("con": "conference", "consensus"...), else that shard holds them all."""
    terms = [t for t in index.terms() if " " not in t]
    df = {term: index.entry(term)[0] for term in terms}
    for prefix in ("co", "con", "pe", "peace", "peaceb", "sec", "hum", "vis", "20"):  # (one letter: never completed)
        expected = sorted((t for t in terms if t.startswith(prefix) and t != prefix), key=lambda t: (-df[t], t))
        shard = index.json(f"t/{shard_of(prefix, index.keys)}.jz")
        listed = shard.get(search_index.COMPLETIONS_KEY, {}).get(prefix)
        if listed is not None:
            assert [term for term, _ in listed] == expected[: search_index.COMPLETIONS], prefix
            assert all(entry == index.entry(term) for term, entry in listed), prefix
        else:
            assert set(expected) <= set(shard), prefix


def test_attributes_follow_the_postings(index: Index, docs) -> None:
    facets = index.json("facets.jz")
    assert isinstance(facets, dict)
    by_number = {doc["number_in_index"]: doc for doc in docs.values()}
    for term in ("peacebuilding", "guterres", "ukraine", "2063"):
        numbers = list(index.postings(term))
        assert numbers, term
        attrs = index.attrs(term)
        for name in ("meeting", "part"):
            labels = [facets["labels"][name][value] for value in attrs[name]]
            assert labels == [by_number[n][name] for n in numbers], (term, name)


def test_facet_values_list_their_paragraphs_and_count_them(index: Index, docs, corpus) -> None:
    facets = index.json("facets.jz")
    assert isinstance(facets, dict)
    assert facets["names"] == ["body", "meeting", "year", "kind", "part", "speaker", "delegation", "theme", "vote"]
    guterres = facets["labels"]["speaker"].index("António Guterres")
    listed = index.json(f"v/speaker/{guterres}.jz")
    gaps = listed["d"]
    assert listed["a"]["speaker"] == [guterres] * len(gaps) or all(
        guterres == value or guterres in value for value in listed["a"]["speaker"])
    numbers = [sum(gaps[: i + 1]) for i in range(len(gaps))]
    said = sorted(doc["number_in_index"] for doc in docs.values() if "António Guterres" in doc["speaker"].split(", "))
    assert numbers == said and facets["counts"]["speaker"][guterres] == len(said)
    assert sum(facets["counts"]["meeting"]) == len(corpus.paragraphs) + len(vote_columns(corpus))
    assert sum(facets["counts"]["vote"]) == len(vote_columns(corpus))


def test_the_body_facet_holds_each_bodys_paragraphs(index: Index, corpus) -> None:
    """A reader can narrow results to one body: each body's value lists exactly its meetings' paragraphs."""
    facets = index.json("facets.jz")
    assert isinstance(facets, dict)
    expected = {body.name: sum(len(m.paragraphs) + sum(len(v.positions()) for v in m.votes)
                               for m in corpus.meetings_by_body[body.id])
                for body in corpus.bodies_with_meetings}
    assert dict(zip(facets["labels"]["body"], facets["counts"]["body"], strict=True)) == expected
    meetings = facets["labels"]["meeting"]
    for value, label in enumerate(facets["labels"]["body"]):
        listed = index.json(f"v/body/{value}.jz")
        shown = {meetings[m] if isinstance(m, int) else None for m in listed["a"]["meeting"]}
        body_id = next(b.id for b in corpus.bodies.values() if b.name == label)
        assert shown == {m.symbol or m.short_title for m in corpus.meetings_by_body[body_id]}, label


def test_no_page_loads_search_before_it_is_opened(site: Site) -> None:
    """Every page: no script, link or preload of the index or the dialog's code."""
    for url in site.html_pages():
        page = site.page(url)
        sources = page.xpath("//script/@src | //link/@href | //*[@rel='modulepreload']/@href")
        assert not [s for s in sources if re.search(r"search", s)], (url, sources)
        assert not page.xpath("//*[contains(@class, 'md-search')]"), f"Material's search is still on {url}"


def test_every_page_has_the_search_button_and_dialog(site: Site) -> None:
    for url in ("", f"{RECORD}overview/", "speakers/", "themes/prevention/"):
        page = site.page(url)
        button = page.xpath("//header//button[contains(@class, 'rk-search-open')]")
        assert button and button[0].get("aria-label") == "Search", url
        dialog = page.xpath("//dialog[@id='rk-search']")
        assert dialog and dialog[0].get("aria-labelledby") == "rk-search-title", url


# -- unit by unit -----------------------------------------------------------


def view(**fields) -> ParagraphView:
    base = dict(url="records/m/part/#p1", number="1", text="The Secretary-General spoke vis-à-vis peace.",
                meeting="M", meeting_id="m", date="2024-04-02", kind="Summary", body="General Assembly",
                part="I. Part")
    return ParagraphView(**{**base, **fields})


def test_record_weights_speakers_above_text_and_themes_below() -> None:
    made = search_record(view(speakers=("António Guterres",), speaker_terms=("Secretary-General", "SG"),
                              themes=("Prevention",), theme_terms=("early warning",)))
    weights = dict(made.weighted)
    assert SPEAKER_WEIGHT > 1 > ABOUT_WEIGHT
    assert weights[SPEAKER_WEIGHT] == "António Guterres Secretary-General SG"
    assert weights[ABOUT_WEIGHT] == "Prevention early warning"
    assert made.filters["speaker"] == ["António Guterres"] and made.filters["theme"] == ["Prevention"]


def test_a_record_is_found_by_its_parts_title_at_the_lowest_weight() -> None:
    title = "Strengthening of the United Nations system"
    statement = search_record(view(speakers=("Pieper",), themes=("Prevention",), part_title=title))
    vote = search_record(view(vote="Against", delegations=("Kenya",), part_title=title, paragraph_kind="vote"))
    for made in (statement, vote):
        assert (TITLE_WEIGHT, title) in made.weighted
        assert all(weight >= TITLE_WEIGHT for weight, _ in made.weighted)
    assert 0 < TITLE_WEIGHT <= ABOUT_WEIGHT
    assert statement.meta["part"] == "I. Part"  # shown as before: the title is only indexed
    assert search_record(view()).weighted == ()  # no part title, no block


def test_a_speakers_name_counts_most_where_the_statement_starts() -> None:
    first = dict(search_record(view(speakers=("Pieper",))).weighted)
    later = dict(search_record(view(speakers=("Pieper",), opens_statement=False)).weighted)
    assert "Pieper" in first[SPEAKER_WEIGHT] and SPEAKER_WEIGHT not in later
    assert "Pieper" in later[CONTINUATION_SPEAKER_WEIGHT] and CONTINUATION_SPEAKER_WEIGHT < SPEAKER_WEIGHT


def test_normalise_words_and_pairs() -> None:
    assert normalise("António vis-à-vis Côte d’Ivoire, A/76/L.86!") == "antonio vis a vis cote d ivoire a 76 l 86"
    assert words("The Pact for the Future") == ["pact", "future"]
    assert pairs(words("the Pact for the Future of Agenda 2063")) == ["pact future", "future agenda", "agenda 2063"]


def test_impact_grows_with_frequency_falls_with_length_and_stays_in_range() -> None:
    assert impact(1, 50, 50) < impact(2, 50, 50) < impact(20, 50, 50) <= search_index.IMPACT_LEVELS
    assert impact(1, 500, 50) < impact(1, 50, 50) < impact(1, 5, 50)
    assert impact(0.01, 10_000, 1) == 1


def test_a_large_dictionary_is_split_and_every_term_and_completion_is_found(tmp_path: Path, corpus,
                                                                          monkeypatch) -> None:
    monkeypatch.setattr(search_index, "SHARD_CHARS", 2_000)
    records = [search_record(v) for v in paragraph_views(corpus, SiteUrls(corpus))][:60]
    summary = write_index(records, tmp_path / "index")
    small = Index(tmp_path / "index")
    assert summary.records == 60 and summary.shards > 20
    assert any(" " in key for key in small.meta["shards"])  # word pairs split off shards of their own
    for record_number, record in enumerate(records):
        text_words = words(record.content)
        also = [word for _, block in record.weighted for word in words(block)]
        for term in (*text_words, *pairs(text_words), *also):
            assert record_number in small.postings(term), term
    terms = small.terms()
    inline = [term for term in terms if len(small.entry(term)) > 2]
    assert inline and all(small.entry(term)[0] <= search_index.INLINE_POSTINGS for term in inline)
    # Every prefix of two letters or more is completed from its own shard, with the commonest words.
    df = {term: small.entry(term)[0] for term in terms if " " not in term}
    for prefix in sorted({term[:length] for term in df for length in range(2, len(term))}):
        expected = sorted((t for t in df if t.startswith(prefix) and t != prefix), key=lambda t: (-df[t], t))
        shard = small.json(f"t/{shard_of(prefix, small.keys)}.jz")
        listed = shard.get(search_index.COMPLETIONS_KEY, {}).get(prefix)
        found = [t for t, _ in listed] if listed is not None else sorted(
            (t for t in shard if t in df and t.startswith(prefix) and t != prefix), key=lambda t: (-df[t], t))
        assert found[: search_index.COMPLETIONS] == expected[: search_index.COMPLETIONS], prefix


def test_postings_are_read_back_as_written() -> None:
    gaps, impacts = [0, 1, 127, 128, 300, 2**20, 2**35], [1, 99, 50, 2, 3, 4, 5]
    assert read_postings(postings_bytes(gaps, impacts)) == (gaps, impacts, search_index.IMPACT_LEVELS)
    assert read_postings(postings_bytes([], [])) == ([], [], search_index.IMPACT_LEVELS)
    halves = search_index.coarse(impacts)
    assert halves == [1, 15, 8, 1, 1, 1, 1]
    coarse_bytes = postings_bytes(gaps, halves, search_index.COARSE_LEVELS)
    assert read_postings(coarse_bytes) == (gaps, halves, search_index.COARSE_LEVELS)
    assert len(coarse_bytes) == len(postings_bytes(gaps, impacts)) - 3  # seven impacts in four bytes
    assert read_postings(postings_bytes(gaps[:6], halves[:6], search_index.COARSE_LEVELS))[1] == halves[:6]


def test_a_common_words_impacts_take_half_a_byte(index: Index) -> None:
    in_files = {term: entry[0] / index.meta["records"] for shard in index.shards()
                for term, entry in shard.items() if term != search_index.COMPLETIONS_KEY and len(entry) == 2}
    commonest, rarest = max(in_files, key=in_files.__getitem__), min(in_files, key=in_files.__getitem__)
    assert in_files[rarest] <= search_index.COARSE_SHARE < in_files[commonest]
    for term, levels in ((commonest, search_index.COARSE_LEVELS), (rarest, search_index.IMPACT_LEVELS)):
        postings = read_postings(gzip.decompress((index.root / f"p/{index.entry(term)[1]}.pz").read_bytes()))
        assert postings[2] == levels, term
        assert max(postings[1]) <= levels and min(postings[1]) >= 1, term


def test_the_index_files_are_compressed_and_two_writes_are_identical(tmp_path: Path, corpus) -> None:
    records = [search_record(v) for v in paragraph_views(corpus, SiteUrls(corpus))][:30]
    write_index(records, tmp_path / "one")
    write_index(records, tmp_path / "two")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    for name in files:
        data = (tmp_path / "one" / name).read_bytes()
        assert data == (tmp_path / "two" / name).read_bytes(), name
        if name.name != "index.json":
            assert data[:2] == b"\x1f\x8b" and name.suffix in (".jz", ".pz"), name  # gzip, never served as .gz
