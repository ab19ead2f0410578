"""Unit tests of the plain modules: model, URLs, links, search helpers and renderers."""

from __future__ import annotations

import datetime as dt

import pytest

from recordkit.links import DocumentLinker
from recordkit.model import Correction, Document, Meeting, Paragraph, Record, Role, Section, Speaker, Theme
from recordkit.render import Renderer, excerpt, md_heading
from recordkit.search import fold, folded_variants, paragraph_keywords, paragraph_speakers, unique_words
from recordkit.urls import Urls, page_url, relative_url


def tiny_record(*, speaker_name: str = "Ana Núñez", theme_label: str = "Peace") -> Record:
    meeting = Meeting(
        id="m", path="records/m", source="s.txt", record_heading="Summary", record_title="A meeting",
        title="A meeting", short_title="A meeting", body="General Assembly", session=78,
        session_label="seventy-eighth session", meeting_type="Informal", date=dt.date(2024, 4, 2),
        venue="Hall", place="New York", convener="ana", documents=("doc",), interventions_from_floor=1,
        citation_title="Summary of a meeting, New York, 2 April 2024", description="A test meeting.",
    )
    paragraphs = (
        Paragraph("p-one", 1, "one", "Ana spoke on A/RES/66/290 and peace.", speakers=("ana",), themes=("peace", "aid"),
                  documents=("doc",)),
        Paragraph("p-two", 2, "one", "Bo & Ana agreed <quietly>.", speakers=("bo", "ana"), themes=("peace",)),
        Paragraph("p-three", 3, "two", "Everyone welcomed Ana.", mentions=("ana",), themes=("aid",)),
    )
    return Record(
        meeting=meeting,
        sections=(
            Section("one", "I", "First", "The first part.", "records/m/one.md", paragraphs[:2]),
            Section("two", "II", "Second", "The second part.", "records/m/two.md", paragraphs[2:]),
        ),
        roles={"chair": Role("chair", "Chair", "Chair", "Chairs.")},
        speakers={
            "ana": Speaker("ana", speaker_name, "chair", ("Chair of the meeting",), search_terms=("Chair",)),
            "bo": Speaker("bo", "Bo", "chair", ("Vice-Chair",)),
        },
        themes={"peace": Theme("peace", theme_label, "On peace.", ("peacebuilding",)),
                "aid": Theme("aid", "Aid", "On aid.", ())},
        documents={"doc": Document("doc", "Resolution 66/290", "https://undocs.org/A/RES/66/290", "A/RES/66/290",
                                   ("A/RES/66/290", "66/290"))},
        corrections=(Correction("fix", "p-two", "Bo and", "Bo &", "A test."),),
    )


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


def test_record_indexes() -> None:
    record = tiny_record()
    assert [p.id for p in record.by_speaker["ana"]] == ["p-one", "p-two"]
    assert [p.id for p in record.by_mention["ana"]] == ["p-three"]
    assert [(t.id, n) for t, n in record.related_themes("peace")] == [("aid", 1)]
    assert [s.id for s in record.speakers_of_theme("peace")] == ["ana", "bo"]
    assert [c.id for c in record.corrections_of("p-two")] == ["fix"]
    assert record.section_of["p-three"].id == "two"


def test_document_linker_prefers_the_longest_phrase_and_escapes_text() -> None:
    linker = DocumentLinker(tiny_record().documents.values())
    assert linker.cited("see A/RES/66/290 and 66/290") == ["doc"]
    assert linker.cited("see A/RES/66/2901") == []
    html = linker.to_html("<b> resolution A/RES/66/290 & more")
    assert html.startswith("&lt;b&gt; resolution ")
    assert html.count("<a ") == 1 and ">A/RES/66/290</a>" in html and "&amp; more" in html


def test_fold_and_folded_variants() -> None:
    assert fold("António vis-à-vis Núñez") == "Antonio vis-a-vis Nunez"
    assert folded_variants("António met António and Bo") == ["Antonio"]


def test_paragraph_search_fields_hold_speakers_themes_synonyms_and_folded_names() -> None:
    record = tiny_record()
    speakers = paragraph_speakers(record, record.paragraphs[0])
    keywords = paragraph_keywords(record, record.paragraphs[0])
    assert speakers == "Ana Núñez Chair"
    for word in ("Nunez", "Peace", "peacebuilding", "A/RES/66/290"):
        assert word in keywords.split()
    assert unique_words("Peace peace, (Peace) war") == "Peace war"


def test_excerpt_and_heading_escaping() -> None:
    assert excerpt("one two three", words=2) == "one two …"
    assert excerpt("one two", words=2) == "one two"
    assert md_heading(2, "*Bold* <b> {#x}", "h") == "## \\*Bold\\* &lt;b&gt; \\{\\#x\\} {#h}\n"


def renderer(record: Record) -> Renderer:
    return Renderer(record, Urls(record, site_url="https://example.org/"))


def test_paragraph_block_shows_number_permalink_chips_and_tools() -> None:
    record = tiny_record()
    block = renderer(record).paragraph_block("records/m/one/", record.paragraphs[1])
    assert '<div class="para" id="p-two" data-para="2">' in block
    assert '<a class="para__num" href="#p-two"' in block
    assert "Bo &amp; Ana agreed &lt;quietly&gt;." in block
    assert block.count("chip--speaker") == 2 and block.count("chip--theme") == 1
    assert 'href="../notes/#fix"' in block
    assert 'data-copy="https://example.org/records/m/one/#p-two"' in block
    assert "Summary of a meeting, New York, 2 April 2024, para. 2. https://example.org/records/m/one/#p-two" in block


def test_data_is_escaped_on_every_generated_page() -> None:
    record = tiny_record(speaker_name="<script>alert(1)</script>", theme_label="<img src=x onerror=alert(1)>")
    pages = renderer(record)
    rendered = [
        pages.section_page(record.sections[0]), pages.speakers_index(), pages.speaker_page(record.speakers["ana"]),
        pages.themes_index(), pages.theme_page(record.themes["peace"]), pages.documents_page(), pages.notes_page(),
        pages.home_facts(),
    ]
    for page in rendered:
        assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert" in rendered[2] and "&lt;img src=x" in rendered[4]


def test_speaker_page_separates_statements_and_mentions() -> None:
    record = tiny_record()
    page = renderer(record).speaker_page(record.speakers["ana"])
    statements, mentions = page.split("{#mentions}")
    assert "#p-one" in statements and "#p-two" in statements and "#p-three" not in statements
    assert "#p-three" in mentions


def test_theme_page_groups_paragraphs_by_part_and_lists_related_themes() -> None:
    record = tiny_record()
    page = renderer(record).theme_page(record.themes["aid"])
    assert page.index("{#part-one}") < page.index("#p-one") < page.index("{#part-two}") < page.index("#p-three")
    assert "../peace/" in page.split("{#related}")[1]


def test_section_anchors_are_exactly_the_ids_the_page_gets() -> None:
    from dataclasses import replace

    from recordkit.anchors import ids_in_html

    record = tiny_record()
    section = record.sections[0]
    section = replace(section, paragraphs=(replace(section.paragraphs[0], aliases=("p-old",)), *section.paragraphs[1:]))
    page = renderer(record).section_page(section)
    assert "{#one}" in page.splitlines()[0]
    assert ids_in_html(page) | {"one"} == Renderer.section_anchors(section) == {"one", "p-one", "p-old", "p-two"}
