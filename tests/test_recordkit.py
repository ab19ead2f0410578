"""Unit tests of the plain modules: model, URLs, links, search helpers and renderers."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from recordkit import pages
from recordkit.anchors import part_anchors
from recordkit.links import DocumentLinker
from recordkit.model import (
    Body,
    Corpus,
    Correction,
    Delegation,
    Document,
    Meeting,
    Paragraph,
    Part,
    Role,
    Speaker,
    Theme,
)
from recordkit.render import environment, markdown_text
from recordkit.search_records import paragraph_views, search_record
from recordkit.urls import SiteUrls, page_url, relative_url


def tiny_corpus(*, speaker_name: str = "Ana Núñez", theme_label: str = "Peace") -> Corpus:
    def para(pid: str, number: int, part: str, text: str, **fields: object) -> Paragraph:
        return Paragraph(id=pid, number=number, part_id=part, meeting_id="m", text=text, **fields)  # type: ignore[arg-type]

    paragraphs = (
        para("p-one", 1, "one", "Ana spoke on A/RES/66/290 and peace.", speakers=("ana",), themes=("peace", "aid"),
             documents=("doc",)),
        para("p-two", 2, "one", "Bo & Ana agreed <quietly>.", speakers=("bo", "ana"), themes=("peace",),
             delegation="ke"),
        para("p-three", 3, "two", "Everyone welcomed Ana.", mentions=("ana",), themes=("aid",)),
    )
    meeting = Meeting(
        id="m", kind="summary", path="records/m", source="s.txt", front=("Summary", "A meeting"),
        title="A meeting", short_title="A meeting", body="general-assembly", session=78,
        session_label="seventy-eighth session", meeting_type="Informal", date=dt.date(2024, 4, 2),
        venue="Hall", place="New York", convener="ana", documents=("doc",), interventions_from_floor=1,
        citation_title="Summary of a meeting, New York, 2 April 2024", description="A test meeting.",
        parts=("one", "two"), participants={"ana": "chair", "bo": "chair"},
        sections=(
            Part(id="one", number="I", title="First", summary="The first part.", meeting_id="m",
                 src_uri="records/m/one.md", paragraphs=paragraphs[:2]),
            Part(id="two", number="II", title="Second", summary="The second part.", meeting_id="m",
                 src_uri="records/m/two.md", paragraphs=paragraphs[2:]),
        ),
        corrections=(Correction("fix", "p-two", "Bo and", "Bo &", "A test."),),
    )
    return Corpus(
        meetings=(meeting,),
        roles={"chair": Role("chair", "Chair", "Chair", "Chairs.")},
        speakers={
            "ana": Speaker("ana", speaker_name, ("Chair of the meeting",), search_terms=("Chair",)),
            "bo": Speaker("bo", "Bo", ("Vice-Chair",)),
        },
        delegations={"ke": Delegation("ke", "Kenya", "member-state")},
        themes={"peace": Theme("peace", theme_label, "On peace, resolution 66/290.", ("peacebuilding",)),
                "aid": Theme("aid", "Aid", "On aid.", ())},
        documents={"doc": Document("doc", "Resolution 66/290", "A/RES/66/290", "https://undocs.org/A/RES/66/290",
                                   ("A/RES/66/290", "66/290"))},
        bodies={"general-assembly": Body("general-assembly", "General Assembly", "GA", "The plenary.")},
    )


def site_of(corpus: Corpus) -> pages.Site:
    return pages.Site(corpus, SiteUrls(corpus, site_url="https://example.org/"))


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("records/m/one/", "speakers/ana/", "../../../speakers/ana/"),
        ("records/m/one/", "records/m/one/#p-one", "./#p-one"),
        ("", "themes/", "themes/"),
        ("speakers/ana/", "", "../../"),
        ("a.html", "b/c.html", "b/c.html"),
    ],
)
def test_relative_url(here: str, target: str, expected: str) -> None:
    assert relative_url(here, target) == expected


def test_page_url_follows_mkdocs_rules() -> None:
    assert page_url("records/m/one.md") == "records/m/one/"
    assert page_url("speakers/index.md") == "speakers/"
    assert page_url("index.md") == ""
    assert page_url("records/m/one.md", directory_urls=False) == "records/m/one.html"


def test_corpus_indexes() -> None:
    corpus = tiny_corpus()
    assert [p.id for p in corpus.by_speaker["ana"]] == ["p-one", "p-two"]
    assert [p.id for p in corpus.by_mention["ana"]] == ["p-three"]
    assert [p.id for p in corpus.by_delegation["ke"]] == ["p-two"]
    assert [(t.id, n) for t, n in corpus.related_themes("peace")] == [("aid", 1)]
    assert [s.id for s in corpus.speakers_of(corpus.by_theme["peace"])] == ["ana", "bo"]
    paragraph = corpus.paragraphs[1]
    assert [c.id for c in corpus.corrections_of(paragraph)] == ["fix"]
    assert corpus.part_of[corpus.paragraphs[2].key].id == "two"


def test_document_linker_prefers_the_longest_phrase_and_escapes_text() -> None:
    linker = DocumentLinker(tiny_corpus().documents.values())
    assert linker.cited("see A/RES/66/290 and 66/290") == ["doc"]
    assert linker.cited("see A/RES/66/2901") == []
    html = site_of(tiny_corpus()).text_html("<b> resolution A/RES/66/290 & more")
    assert html.startswith("&lt;b&gt; resolution ")
    assert html.count("<a ") == 1 and ">A/RES/66/290</a>" in html and "&amp; more" in html


def test_search_records_hold_speakers_delegations_themes_and_synonyms() -> None:
    corpus = tiny_corpus()
    views = list(paragraph_views(corpus, SiteUrls(corpus)))
    assert [v.url for v in views] == ["records/m/one/#p-one", "records/m/one/#p-two", "records/m/two/#p-three"]
    first, second = search_record(views[0]), search_record(views[1])
    weighted = dict((weight, words) for weight, words in first.weighted)
    assert "Ana Núñez" in weighted[2.0] and "Chair" in weighted[2.0]
    for word in ("Peace", "peacebuilding", "A/RES/66/290"):
        assert word in weighted[0.5]
    assert second.filters["delegation"] == ["Kenya"] and second.filters["speaker"] == ["Bo", "Ana Núñez"]
    assert first.filters["year"] == ["2024"] and first.meta["number"] == "1"


def test_excerpt_and_heading_escaping() -> None:
    assert pages.excerpt("one two three", words=2) == "one two …"
    assert pages.excerpt("one two", words=2) == "one two"
    assert str(markdown_text("*Bold* <b> {#x}")) == "\\*Bold\\* &lt;b&gt; \\{\\#x\\}"
    heading = environment().get_template("macros.html").module.heading(2, "*Bold* <b> {#x}", "h")  # type: ignore[attr-defined]
    assert str(heading) == "## \\*Bold\\* &lt;b&gt; \\{\\#x\\} {#h}\n"


def test_paragraph_block_shows_number_permalink_chips_and_tools() -> None:
    corpus = tiny_corpus()
    block = pages.part_page(site_of(corpus), corpus.meetings[0].sections[0])
    assert '<div class="para" id="p-two" data-para="2">' in block
    assert '<a class="para__num" href="#p-two"' in block
    assert "Bo &amp; Ana agreed &lt;quietly&gt;." in block
    two = block[block.index('id="p-two"'):]
    assert two.count("chip--speaker") == 2 and two.count("chip--theme") == 1 and two.count("chip--delegation") == 1
    assert 'href="../notes/#fix"' in block
    assert 'data-copy="https://example.org/records/m/one/#p-two"' in block
    assert "Summary of a meeting, New York, 2 April 2024, para. 2. https://example.org/records/m/one/#p-two" in block
    # WCAG 2.5.3: the accessible name begins with the visible label.
    assert 'aria-label="Copy link to paragraph 2">Copy link<' in block
    assert 'aria-label="Cite paragraph 2">Cite<' in block


def every_page(corpus: Corpus) -> list[str]:
    from recordkit.navigation import generated_pages

    site = site_of(corpus)
    rendered = [pages.render_page(site, kind, subject) for kind, subject, _ in generated_pages(corpus).values()]
    return [*rendered, pages.home_page(site, title="<b>Home</b>", intro="Intro.")]


def test_data_is_escaped_on_every_generated_page() -> None:
    corpus = tiny_corpus(speaker_name="<script>alert(1)</script>", theme_label="<img src=x onerror=alert(1)>")
    rendered = every_page(corpus)
    for page in rendered:
        assert "<script>" not in page and "<img" not in page and "<b>Home" not in page
    assert any("&lt;script&gt;alert" in page for page in rendered)
    assert any("&lt;img src=x" in page for page in rendered)


def test_speaker_page_separates_statements_and_mentions() -> None:
    corpus = tiny_corpus()
    page = pages.speaker_page(site_of(corpus), corpus.speakers["ana"])
    statements, mentions = page.split("{#mentions}")
    assert "#p-one" in statements and "#p-two" in statements and "#p-three" not in statements
    assert "#p-three" in mentions


def test_theme_page_groups_paragraphs_by_meeting_and_part_and_lists_related_themes() -> None:
    corpus = tiny_corpus()
    page = pages.theme_page(site_of(corpus), corpus.themes["aid"])
    assert page.index("{#meeting-m}") < page.index("{#part-m-one}") < page.index("#p-one") \
        < page.index("{#part-m-two}") < page.index("#p-three")
    assert "../peace/" in page.split("{#related}")[1]


def test_document_symbols_are_links_in_excerpts_and_theme_descriptions() -> None:
    corpus = tiny_corpus()
    site = site_of(corpus)
    description = pages.theme_page(site, corpus.themes["peace"]).split("{#paragraphs}")[0]
    assert 'href="https://undocs.org/A/RES/66/290"' in description
    speaker = pages.speaker_page(site, corpus.speakers["ana"])
    assert '<a class="doc-ref" href="https://undocs.org/A/RES/66/290"' in speaker


def test_part_anchors_are_exactly_the_ids_the_page_gets() -> None:
    from dataclasses import replace

    from recordkit.anchors import ids_in_html

    corpus = tiny_corpus()
    part = corpus.meetings[0].sections[0]
    part = replace(part, paragraphs=(replace(part.paragraphs[0], aliases=("p-old",)), *part.paragraphs[1:]))
    page = pages.part_page(site_of(corpus), part)
    assert "{#one}" in page.splitlines()[0]
    assert ids_in_html(page) | {"one"} == part_anchors(part) == {"one", "p-one", "p-old", "p-two"}


def test_themes_index_counts_per_meeting_then_per_year_past_six_meetings() -> None:
    import dataclasses

    base = tiny_corpus()
    one = base.meetings[0]

    def corpus_of(count: int) -> Corpus:
        meetings = []
        for index in range(count):
            mid = f"m{index}"
            sections = tuple(dataclasses.replace(part, meeting_id=mid, src_uri=f"records/{mid}/{part.id}.md",
                                                 paragraphs=tuple(dataclasses.replace(p, meeting_id=mid)
                                                                  for p in part.paragraphs))
                             for part in one.sections)
            meetings.append(dataclasses.replace(one, id=mid, path=f"records/{mid}", short_title=f"M{index}",
                                                date=dt.date(2020 + index // 2, 1, 1), sections=sections))
        return Corpus(tuple(reversed(meetings)), base.roles, base.speakers, base.delegations, base.themes,
                      base.documents, base.bodies)

    few = pages.themes_index(site_of(corpus_of(3)))
    assert few.count('class="per-meeting"') == 3 and ">M2<" in few
    many = pages.themes_index(site_of(corpus_of(8)))
    heads = re.findall(r'<th scope="col" class="per-meeting"><abbr title="[^"]*">(\d{4})</abbr>', many)
    assert heads == ["2023", "2022", "2021", "2020"]
    row = r'>Peace</a></td><td class="count">(\d+)</td>((?:<td class="count per-meeting">\d+</td>)+)'
    peace = re.search(row, many)
    assert peace and peace.group(1) == "16"
    assert re.findall(r">(\d+)<", peace.group(2)) == ["4", "4", "4", "4"]
