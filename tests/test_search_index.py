"""The search index (Pagefind, hooks/pagefind_search.py) in the built site, and the records it is made of.

Pagefind's fragments are gzip-compressed JSON behind a 12-byte signature
("pagefind_dcd"): each holds one record, the paragraph's URL, text, meta and filters.
"""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from conftest import Site, fragments
from recordkit.render import environment
from recordkit.search_records import (
    ABOUT_WEIGHT,
    CONTINUATION_SPEAKER_WEIGHT,
    SPEAKER_WEIGHT,
    ParagraphView,
    fold,
    folded_words,
    paragraph_views,
    search_record,
)
from recordkit.urls import SiteUrls

RECORD = "records/2024-04-02-human-security/"


@pytest.fixture(scope="module")
def indexed(site: Site) -> dict[str, dict]:
    return fragments(site.root)


def test_the_index_is_written_with_one_record_per_paragraph_at_its_anchor(site: Site, indexed, corpus) -> None:
    entry = json.loads((site.root / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(corpus.paragraphs)
    assert (site.root / "pagefind/pagefind.js").is_file()
    expected = {f"{corpus.part_of[p.key].src_uri[:-3]}/#{p.id}" for p in corpus.paragraphs}
    assert set(indexed) == expected
    # Pagefind's own UIs are not shipped: the dialog is the site's.
    assert not list((site.root / "pagefind").glob("pagefind-*ui*"))


def test_each_record_shows_meeting_part_speaker_number_and_filters(indexed) -> None:
    sg = indexed[f"{RECORD}opening-statements/#p-sg-statement"]
    assert sg["meta"]["speaker"] == "António Guterres"
    assert sg["meta"]["number"] == "4"
    assert sg["meta"]["part"] == "II. Opening statements"
    assert sg["meta"]["meeting"] == "Human security, 2 April 2024"
    assert sg["filters"]["year"] == ["2024"] and sg["filters"]["kind"] == ["Summary"]
    assert "Summit of the Future" in sg["filters"]["theme"]
    # The text comes first, as published: results show it, up to meta "chars".
    assert sg["content"].startswith("The Secretary-General opened his remarks")
    text = sg["content"][: int(sg["meta"]["chars"])]
    assert "António" not in text  # the text says "The Secretary-General": the name is indexed after it
    assert "António Guterres" in sg["content"] and "Antonio" in sg["content"]


def test_a_phrase_from_the_middle_of_a_paragraph_is_in_its_record_only(indexed) -> None:
    phrase = "the non-interference in the internal affairs of States"
    holding = [url for url, r in indexed.items() if phrase in r["content"]]
    assert holding == [f"{RECORD}member-states/#p-floor-resolution"]


def test_theme_synonyms_and_accent_free_spellings_are_indexed(indexed, corpus) -> None:
    for paragraph in corpus.paragraphs:
        content = indexed[f"{corpus.part_of[paragraph.key].src_uri[:-3]}/#{paragraph.id}"]["content"]
        for theme_id in paragraph.themes:
            theme = corpus.themes[theme_id]
            for phrase in (theme.label, *theme.synonyms):
                assert phrase in content, (paragraph.id, phrase)
        for word in folded_words(paragraph.text):
            assert word in content, (paragraph.id, word)
    assert "vis-a-vis" in indexed[f"{RECORD}concluding-remarks/#p-closing-takasu"]["content"]


def test_no_page_loads_search_before_it_is_opened(site: Site) -> None:
    """Every page: no script, link or preload of Pagefind or the dialog's code; only the opener, inline."""
    for url in site.html_pages():
        if url.startswith("pagefind/"):
            continue
        page = site.page(url)
        sources = page.xpath("//script/@src | //link/@href | //*[@rel='modulepreload']/@href")
        assert not [s for s in sources if re.search(r"pagefind|search", s)], (url, sources)
        inline = " ".join(s.text or "" for s in page.xpath("//script[not(@src)]"))
        if "rk-search" in inline:
            # The opener imports the dialog only inside its load(), called on open.
            assert re.search(r"function load\(\)[\s\S]*import\(", inline), url
        assert not page.xpath("//*[contains(@class, 'md-search')]"), f"Material's search is still on {url}"


def test_every_page_has_the_search_button_and_dialog(site: Site) -> None:
    for url in ("", f"{RECORD}overview/", "speakers/", "themes/prevention/"):
        page = site.page(url)
        button = page.xpath("//header//button[contains(@class, 'rk-search-open')]")
        assert button and button[0].get("aria-label") == "Search", url
        dialog = page.xpath("//dialog[@id='rk-search']")
        assert dialog and dialog[0].get("aria-labelledby") == "rk-search-title", url


# -- the records, unit by unit ----------------------------------------------


def view(**fields) -> ParagraphView:
    base = dict(url="records/m/part/#p1", number="1", text="The Secretary-General spoke vis-à-vis peace.",
                meeting="M", meeting_id="m", date="2024-04-02", kind="Summary", part="I. Part")
    return ParagraphView(**{**base, **fields})


def test_record_weights_speakers_above_text_and_themes_below() -> None:
    made = search_record(view(speakers=("António Guterres",), speaker_terms=("Secretary-General", "SG"),
                              themes=("Prevention",), theme_terms=("early warning",)))
    weights = dict(made.weighted)
    assert SPEAKER_WEIGHT > 1 > ABOUT_WEIGHT
    assert "António Guterres" in weights[SPEAKER_WEIGHT] and "Antonio" in weights[SPEAKER_WEIGHT]
    assert "vis-a-vis" in weights[1.0]
    assert weights[ABOUT_WEIGHT] == "Prevention early warning"
    assert made.filters["speaker"] == ["António Guterres"] and made.filters["theme"] == ["Prevention"]
    assert made.meta["chars"] == str(len(made.content))


def test_a_speakers_name_counts_most_where_the_statement_starts() -> None:
    first = dict(search_record(view(speakers=("Pieper",))).weighted)
    later = dict(search_record(view(speakers=("Pieper",), opens_statement=False)).weighted)
    assert "Pieper" in first[SPEAKER_WEIGHT] and SPEAKER_WEIGHT not in later
    assert "Pieper" in later[CONTINUATION_SPEAKER_WEIGHT] and CONTINUATION_SPEAKER_WEIGHT < SPEAKER_WEIGHT


def test_record_html_escapes_everything() -> None:
    hostile = "</p><script>alert(1)</script>"
    made = search_record(view(text=hostile, speakers=(hostile,), themes=(hostile,), part=hostile))
    document = lxml.html.fromstring(made.html(environment().get_template("search_record.html")))
    assert not document.xpath("//script")
    assert document.xpath("//main/p")[0].text_content() == hostile
    assert document.xpath("//*[@data-pagefind-meta='speaker']")[0].text_content() == hostile


def test_fold() -> None:
    assert fold("António vis-à-vis Côte d’Ivoire") == "Antonio vis-a-vis Cote d’Ivoire"
    assert folded_words("plain ascii") == []


def test_paragraph_views_read_the_corpus(corpus) -> None:
    views = list(paragraph_views(corpus, SiteUrls(corpus)))
    assert len(views) == len(corpus.paragraphs)
    sg = next(v for v in views if v.url.endswith("#p-sg-statement"))
    assert sg.speakers == ("António Guterres",) and "SG" in sg.speaker_terms
    assert sg.kind == "Summary" and sg.delegations == () and sg.paragraph_kind == "statement"
