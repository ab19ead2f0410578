"""Search (the site's index, overrides/partials/search.html + javascripts/search.js) through the header's dialog.

The query table: each query, typed as a reader would (optionally with filters),
must show its paragraph within the first `within` results (three; one for the
phrase queries), and choosing it with the keyboard opens the paragraph, in view
and highlighted. A row with `closest=True` is a query no paragraph holds every
word of: the dialog says so above the closest matches (and only such a row).
To add a meeting's queries, add rows: `Query(text, "part#anchor")`,
with `meeting=` set to the meeting's folder when it is not today's.
Then: filters with counts, the search state in the URL (reload, back/forward),
keyboard alone, a phone.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest

from browser.conftest import PART, PHONE, assert_paragraph_shown
from recordkit.search_index import COARSE_LEVELS, IMPACT_LEVELS, coarse, normalise, pairs, postings_bytes, words
from test_search_index import Index  # the index read as the dialog reads it

pytestmark = pytest.mark.browser

MEETING = "records/2024-04-02-human-security/"


@dataclass(frozen=True)
class Query:
    text: str
    target: str  # "<part>#<paragraph id>"
    filters: dict[str, list[str]] = field(default_factory=dict)
    within: int = 3
    meeting: str = MEETING
    closest: bool = False  # no paragraph holds every word: the closest matches, said so

    @property
    def url(self) -> str:
        page, anchor = self.target.split("#")
        return f"/{self.meeting}{page}/#{anchor}"

    @property
    def id(self) -> str:
        return self.text + "".join(f" [{k}={'|'.join(v)}]" for k, v in self.filters.items())


SUMMARY = "Human security, 2 April 2024"
A48 = "records/a-48-pv-46/"
A76 = "records/a-76-pv-102/"
A64 = "records/a-64-pv-121/"
A65 = "records/a-65-pv-71/"
S3756 = "records/s-pv-3756/"
S8422 = "records/s-pv-8422/"

QUERIES: list[Query] = [
    # phrases: the paragraph holding the words together comes first (issue 11's examples)
    Query("Agenda 2063", "panel-discussion#p-chambas", within=1),
    # (A/76/PV.102 says "a Pact for the Future without real commitments": both hold the phrase, in order.)
    Query("Pact for the Future", "member-states#p-floor-future", within=2),
    Query("human-centred multilateral", "concluding-remarks#p-closing-takasu", within=1),
    Query('"Pact for the Future"', "member-states#p-floor-future", within=2),
    Query('"human-centred multilateral"', "concluding-remarks#p-closing-takasu", within=1),
    # a phrase from the middle of a paragraph
    Query("enormous toll on the livelihoods", "opening-statements#p-pga-statement", within=1),
    Query("blind spots that can derail sustainable peace", "member-states#p-floor-prevention", within=1),
    Query("strengthening outdated multilateral frameworks", "opening-statements#p-sg-statement", within=1),
    Query("placing people at the forefront of efforts to build resilience", "panel-discussion#p-fatima", within=1),
    # each speaker's name, where the text says "The Secretary-General" or "the President"
    Query("Francis", "opening-statements#p-pga-statement"),
    Query("Guterres", "opening-statements#p-sg-statement"),
    Query("Antonio Guterres", "opening-statements#p-sg-statement"),
    Query("Takasu", "concluding-remarks#p-closing-takasu"),
    Query("Chinchilla", "panel-discussion#p-panel-opening"),
    Query("Chambas", "panel-discussion#p-chambas"),
    Query("Fatima", "panel-discussion#p-fatima"),
    # a title and its short forms (search terms)
    Query("Secretary-General", "opening-statements#p-sg-statement"),
    Query("SG", "opening-statements#p-sg-statement"),
    # (every verbatim record names the President of the General Assembly: the meeting filter narrows it)
    Query("President of the General Assembly", "opening-statements#p-pga-statement", filters={"meeting": [SUMMARY]}),
    Query("PGA", "opening-statements#p-pga-statement"),
    # a theme's label, and a synonym of a theme
    Query("Unilateral coercive measures", "member-states#p-floor-resolution"),
    Query("sanctions", "member-states#p-floor-resolution"),
    Query("Digital transformation", "member-states#p-floor-prevention"),
    Query("disaggregated data", "member-states#p-floor-sdgs"),
    # a document symbol
    Query("66/290", "member-states#p-floor-resolution"),
    # accent-free spellings
    Query("Antonio", "opening-statements#p-sg-statement"),
    # (three paragraphs of the summary say "vis-à-vis", and two of the verbatim records)
    Query("vis-a-vis", "concluding-remarks#p-closing-takasu", filters={"meeting": [SUMMARY]}),
    # a word that appears once in the record
    Query("turbulence", "opening-statements#p-sg-statement"),
    # filtered searches
    Query("human security", "concluding-remarks#p-closing-takasu", filters={"part": ["V. Concluding remarks"]}),
    Query("report", "opening-statements#p-sg-statement", filters={"speaker": ["António Guterres"]}),
    Query("", "member-states#p-floor-prevention", filters={"theme": ["Digital transformation"]}),
    Query("peace", "panel-discussion#p-chambas", filters={"meeting": [SUMMARY], "speaker": ["Mohamed Ibn Chambas"]}),
    Query("trust fund", "member-states#p-floor-future", filters={
        "kind": ["Summary"], "year": ["2024"], "part": ["IV. Key messages from interventions by Member States"]}),
    # the verbatim records: A/76/PV.102 (8 September 2022) ...
    Query("Kimani", "peacebuilding-sustaining-peace#p11", meeting=A76),
    Query("financing", "peacebuilding-sustaining-peace#p11", filters={"delegation": ["Kenya"]}, meeting=A76),
    Query("Queen Elizabeth", "peacebuilding-sustaining-peace#p52", filters={"delegation": ["Japan"]}, meeting=A76),
    Query("Pieper", "strengthening-united-nations-system#p214", meeting=A76),
    Query("Volker Türk", "approval-appointment-united-nations-high-commissioner#p268",
          filters={"delegation": ["European Union"]}, meeting=A76),
    Query("Dai Bing", "approval-appointment-united-nations-high-commissioner#p249", meeting=A76),
    Query('"observed a minute of silence"', "expression-sympathy-passing-her-majesty-queen#p5", within=1, meeting=A76),
    Query("Draft resolution A/76/L.86 was adopted", "peacebuilding-sustaining-peace#p9", within=1, meeting=A76),
    Query("peacebuilding", "peacebuilding-sustaining-peace#p7", meeting=A76, filters={
        "kind": ["Verbatim record"], "year": ["2022"], "part": ["Agenda item 66: Peacebuilding and sustaining peace"],
        "speaker": ["Shahid"]}),
    # ... and A/64/PV.121 (13 September 2010)
    Query("Draft resolution A/64/L.72 was adopted", "integrated-coordinated-implementation-follow-up-outcomes#p11",
          within=1, meeting=A64),
    Query("Venezuela joined the consensus", "integrated-coordinated-implementation-follow-up-outcomes#p17",
          within=1, meeting=A64),
    Query("Salsabili", "integrated-coordinated-implementation-follow-up-outcomes#p26", meeting=A64),
    Query("Benitez Verson", "integrated-coordinated-implementation-follow-up-outcomes#p37", meeting=A64),
    Query("Cuban delegation", "integrated-coordinated-implementation-follow-up-outcomes#p37",
          filters={"year": ["2010"], "delegation": ["Cuba"]}, meeting=A64),
    # ... the Security Council: a member's representative, named on the first page, and a filter by body
    Query("Nebenzia", "situation-central-african-republic#p33", meeting=S8422),
    Query("abstained", "situation-central-african-republic#p33",
          filters={"body": ["Security Council"], "delegation": ["Russian Federation"]}, within=1, meeting=S8422),
    # ... and the votes: how a delegation voted, a filter by position (issue 17)
    Query("Kenya vote", "votes/decision-2#in-favour", filters={"meeting": ["S/PV.3756"]}, within=1, meeting=S3756),
    Query("United States voted against", "votes/decision-2#against", filters={"body": ["Security Council"]},
          within=1, meeting=S3756),
    Query("how did Kenya vote", "votes/decision-2#in-favour", filters={"meeting": ["S/PV.3756"]}, within=1,
          meeting=S3756),
    Query("United States", "votes/decision-2#against", filters={"vote": ["Against"], "body": ["Security Council"]},
          within=1, meeting=S3756),
    Query("Israel Human Rights Council", "votes/resolution-65-195#against", filters={"vote": ["Against"]},
          within=1, meeting=A65),
    Query("China abstained", "votes/resolution-2448-2018#abstaining", filters={"vote": ["Abstaining"]},
          within=1, meeting=S8422),
    # a speaker and a word of the part's title, as a reader remembers a statement (issue 18): the
    # text never says the title's words; the part's title is indexed with each of its paragraphs
    Query("Guterres opening", "opening-statements#p-sg-statement"),
    # (the overview says "the panel discussion" and names Fatima: it comes first)
    Query("Fatima panel discussion", "panel-discussion#p-fatima"),
    Query("Pieper strengthening", "strengthening-united-nations-system#p214", meeting=A76),
    Query("Mills occupied territories", "situation-temporarily-occupied-territories-ukraine#p320", meeting=A76),
    Query("Osorio human rights", "human-rights-questions-including-alternative-approaches#p181", meeting=A65),
    # ... and a title's words count less than the words said: one paragraph of A/48/PV.46 says "Iraqi",
    # the A/64/PV.121 item "Armed Israeli aggression against the Iraqi nuclear installations and its grave
    # consequences ..." says it for its procedural paragraphs (TITLE_WEIGHT)
    Query("Iraqi", "report-international-atomic-energy-agency-note-2#p192", within=1, meeting=A48),
    Query("consequences", "situation-occupied-arab-territories#p64", within=1, meeting=S3756),
    # no paragraph holds every word: the closest matches, those holding the most words first (issue 18)
    Query("Kimani financing Ukraine", "peacebuilding-sustaining-peace#p11", meeting=A76, closest=True),
    # (Agenda 2063 was Chambas's, in the panel Takasu moderated)
    Query("Takasu Agenda 2063", "panel-discussion#p-chambas", within=1, closest=True),
]

CLOSEST = "No paragraph has all the words; closest matches"


def search_url(text: str, filters: dict[str, list[str]] | None = None) -> str:
    pairs = [("q", text)] if text else []
    pairs += [(name, value) for name, values in (filters or {}).items() for value in values]
    return "?" + urlencode(pairs)


def wait_done(page: Any, text: str) -> None:
    page.wait_for_function("q => document.getElementById('rk-search').dataset.rkDone === q "
                           "&& !document.getElementById('rk-search').hasAttribute('aria-busy')", arg=text)


def wait_shown(page: Any, text: str) -> None:
    """The first results for `text` are on screen (filter counts may still be loading)."""
    page.wait_for_function("q => document.getElementById('rk-search').dataset.rkShown === q", arg=text)


def result_urls(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".rk-search__result a", "links => links.map(a => { const u = new URL(a.href); return u.pathname + u.hash; })")


def open_search(page: Any, key: str = "/") -> None:
    page.keyboard.press(key)
    page.wait_for_function("document.getElementById('rk-search').open "
                           "&& document.activeElement.id === 'rk-search-q'")


# Whether a reader can search from this page with "/": one of the site's, loaded, its search
# dialog closed and empty (a dialog closed on this page keeps its words, and the query typed would
# follow them: a test that searched and closed the dialog may have left the worker's page so); then
# it blurs whatever is focused (a field would take "/" as text).
_READY_TO_SEARCH_HERE = """() => { const dialog = document.getElementById('rk-search');
  if (!dialog || dialog.open || document.readyState !== 'complete') return false;
  if (document.getElementById('rk-search-q').value !== '') return false;
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  return true; }"""


def type_query(page: Any, text: str, *, counts: bool = True, from_here: bool = False) -> list[str]:
    """Type `text` as a reader does; the results once shown (and, with `counts`, the filters' counts).

    From the home page, or with `from_here` from the page the reader is on, if it is one of the
    site's with the search closed (as after following the previous query's result).
    """
    if not (from_here and page.evaluate(_READY_TO_SEARCH_HERE)):
        page.goto("")
    open_search(page)
    page.keyboard.type(text)  # key by key, as fast as the browser takes them
    (wait_done if counts else wait_shown)(page, text)
    return result_urls(page)


@pytest.fixture
def reading_page(new_page: Any) -> Any:
    """The worker's page as the previous query left it: a reader searching again from where they are."""
    return new_page(keep=True)


@pytest.mark.parametrize("query", QUERIES, ids=[query.id for query in QUERIES])
def test_query_lands_its_paragraph(reading_page: Any, query: Query) -> None:
    page = reading_page
    if query.filters:
        page.goto(search_url(query.text, query.filters))
        wait_done(page, query.text)
        results = result_urls(page)
    else:
        results = type_query(page, query.text, counts=False, from_here=True)  # the ranking is what this test judges
    assert query.url in results[: query.within], (
        f"{query.id!r}: {query.url} is not within the first {query.within}: {results[:5]}")
    status = page.locator("[data-rk-status]").inner_text()
    assert (CLOSEST in status) == query.closest, f"{query.id!r}: {status!r}"
    # Reach it with the arrow keys from the search box, and open it with Enter.
    page.focus("#rk-search-q")
    for _ in range(results.index(query.url) + 1):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("new URL(document.activeElement.href).pathname + new URL(document.activeElement.href).hash") \
        == query.url
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_paragraph_shown(page, query.target.split("#")[1])


def test_the_dialog_reads_words_as_the_index_wrote_them(page: Any, base_url: str) -> None:
    """search-engine.js's normalise and search_index.normalise agree, or a word would never be found."""
    texts = ["António vis-à-vis Côte d’Ivoire", "A/76/L.86, 76/575!", "Çağlayan ÅSTRÖM naïve co-operation",
             "ﬁnance № 5 — “quoted” l’État", "Ελλάδα Москва 中国", "under_score tab\tnew\nline  ", ""]
    page.goto(base_url)
    got = page.evaluate("async (texts) => { const engine = await import(new URL('javascripts/search-engine.js', "
                        "document.baseURI)); return texts.map(engine.normalise); }", texts)
    assert got == [normalise(text) for text in texts]


def test_the_dialog_reads_postings_as_the_index_wrote_them(page: Any, base_url: str) -> None:
    gaps, impacts = [0, 1, 127, 128, 300, 2**20, 2**35], [1, 99, 50, 2, 3, 4, 5]
    page.goto(base_url)
    for levels, written_impacts in ((IMPACT_LEVELS, impacts), (COARSE_LEVELS, coarse(impacts))):
        written = list(postings_bytes(gaps, written_impacts, levels))
        read = page.evaluate("async (bytes) => { const engine = await import(new URL('javascripts/search-engine.js', "
                             "document.baseURI)); const {docs, impacts, levels} = "
                             "engine.readPostings(new Uint8Array(bytes)); return [docs, [...impacts], levels]; }",
                             written)
        assert read == [list(itertools.accumulate(gaps)), written_impacts, levels]


def test_a_word_being_typed_is_completed(page: Any) -> None:
    """"con" finds "conference", "consensus"...: completions spread over several shards of the index."""
    results = type_query(page, "con")
    assert len(results) >= 5, results
    page.keyboard.type(" ")  # a space ends the word: "con" itself is in no paragraph
    wait_done(page, "con ")
    assert result_urls(page) == []


def test_words_that_are_names_of_javascript_properties_are_only_words(page: Any) -> None:
    results = type_query(page, "constructor")
    assert results == [] and page.locator("[data-rk-status]").inner_text() == "No matching paragraph."
    for word in ("__proto__", "hasOwnProperty"):
        page.locator("#rk-search-q").fill(word)
        wait_done(page, word)
        assert result_urls(page) == [], word
        assert page.locator("[data-rk-status]").inner_text() == "No matching paragraph."


def test_each_result_shows_meeting_part_speaker_and_number(page: Any) -> None:
    type_query(page, "Guterres")
    first = page.locator(".rk-search__result").first
    text = first.inner_text()
    for shown in ("António Guterres", "Para. 4", SUMMARY, "II. Opening statements"):
        assert shown in text, f"{shown!r} is not shown in the result: {text!r}"


def test_excerpts_come_from_the_paragraph_and_mark_the_words(page: Any) -> None:
    type_query(page, "vis-a-vis")
    marks = page.locator(".rk-search__result").first.locator("mark").all_inner_texts()
    assert any("vis-à-vis" in mark for mark in marks), marks


def test_quoted_phrase_matches_exactly(page: Any, corpus: Any) -> None:
    """A quoted phrase finds the paragraphs holding it, whole and in order, and no other."""
    from recordkit.urls import SiteUrls

    urls = SiteUrls(corpus)
    holding = {"/" + urls.paragraph(p) for p in corpus.paragraphs if "pact for the future" in p.text.lower()}
    assert len(holding) >= 2  # the summary, and A/76/PV.102 ("a Pact for the Future without real commitments")
    results = type_query(page, '"Pact for the Future"')
    assert set(results) == holding, results


def test_filters_show_counts_and_combine(page: Any) -> None:
    page.goto(search_url("human security"))
    wait_done(page, "human security")
    total = len(result_urls(page))
    assert total > 5
    groups = page.locator(".rk-filter legend").all_inner_texts()
    for name in ("Meeting", "Year", "Kind of record", "Part", "Speaker", "Theme"):
        assert name in groups, groups
    label = page.locator("label", has_text="IV. Key messages").first
    count = int(label.locator(".rk-filter__count").inner_text().strip("()"))
    label.click()
    page.wait_for_function("document.getElementById('rk-search').dataset.rkFilters.includes('part=IV.')"
                           "&& !document.getElementById('rk-search').hasAttribute('aria-busy')")
    in_part = result_urls(page)
    assert len(in_part) == min(count, 10) and all("/member-states/" in url for url in in_part), in_part
    # Themes beyond the first few are behind "Show all".
    themes = page.locator("fieldset.rk-filter", has_text="Theme")
    if themes.locator("button.rk-filter__all").count():
        themes.locator("button.rk-filter__all").click()
    themes.locator("label", has_text="Summit of the Future").click()
    page.wait_for_function("document.getElementById('rk-search').dataset.rkFilters.includes('theme=Summit')"
                           "&& !document.getElementById('rk-search').hasAttribute('aria-busy')")
    both = result_urls(page)
    assert both == [f"/{PART}member-states/#p-floor-future"], both
    assert "part=IV." in page.url.replace("+", " ") and "theme=Summit" in page.url.replace("+", " ")


def filter_counts(page: Any, legend: str) -> dict[str, int]:
    labels = page.locator("fieldset.rk-filter", has_text=legend).locator("label").all_inner_texts()
    return {label.rsplit(" (", 1)[0]: int(label.rsplit(" (", 1)[1].rstrip(")")) for label in labels}


def test_counts_add_up_and_a_filters_own_values_stay_open(page: Any) -> None:
    """Each value counts the results it would give: the chosen year's other years keep their counts
    (choices in one filter add up), the meetings' counts add up to the results found."""
    page.goto(search_url("peacebuilding"))
    wait_done(page, "peacebuilding")
    every_year = filter_counts(page, "Year")
    assert len(every_year) > 1, every_year
    page.goto(search_url("peacebuilding", {"year": ["2022"]}))
    wait_done(page, "peacebuilding")
    assert filter_counts(page, "Year") == every_year
    found = int(page.locator("[data-rk-status]").inner_text().split()[0])
    assert found == every_year["2022"] == sum(filter_counts(page, "Meeting").values())


# The engine itself, on the real index: `search(text)` as the dialog calls it, each result's record number.
_ENGINE_SEARCH = """async (text) => {
  const engine = await import(new URL('javascripts/search-engine.js', document.baseURI));
  const index = await engine.SearchIndex.open(new URL('./', document.baseURI));
  const found = await index.search(text);
  return {closest: found.closest, docs: found.results.map((result) => result.doc)};
}"""


def test_closest_matches_are_the_paragraphs_holding_the_most_words(page: Any, base_url: str, site_dir: Any) -> None:
    """No paragraph holds "Kimani", "financing" and "Ukraine": every paragraph holding any of them is a
    closest match, those holding two before those holding one; read against the index's postings."""
    index = Index(site_dir / "search-index")
    held: dict[int, int] = {}
    for word in ("kimani", "financing", "ukraine"):
        for doc in index.postings(word):
            held[doc] = held.get(doc, 0) + 1
    assert held and max(held.values()) == 2  # the words are in the index, never all three together
    page.goto(base_url)
    found = page.evaluate(_ENGINE_SEARCH, "Kimani financing Ukraine ")  # (the space: no completion)
    assert found["closest"] is True
    assert sorted(found["docs"]) == sorted(held)
    counts = [held[doc] for doc in found["docs"]]
    assert counts == sorted(counts, reverse=True), counts
    # Where paragraphs hold every word, only they are results, and not as closest matches.
    both = set(index.postings("kimani")) & set(index.postings("financing"))
    found = page.evaluate(_ENGINE_SEARCH, "Kimani financing ")
    assert found["closest"] is False and both and sorted(found["docs"]) == sorted(both)


def test_the_closest_matches_download_only_the_postings_of_the_querys_words(new_page: Any, site_dir: Any) -> None:
    """What a query fetches stays what its own words need, closest matches and their filter counts included."""
    text = "Kimani financing Ukraine "
    index = Index(site_dir / "search-index")
    query_words = words(text)
    own = {entry[1] for term in (*query_words, *pairs(query_words))
           if (entry := index.entry(term)) is not None and len(entry) == 2}
    page = new_page(own_context=True)  # a cold cache: every request is seen
    page.goto("")
    open_search(page)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.locator("#rk-search-q").fill(text)  # one input: no postings of the word's first letters
    wait_done(page, text)
    status = page.locator("[data-rk-status]").inner_text()
    assert status.startswith(CLOSEST), status
    # The filter counts (loaded: on a wide screen the panel is open) count every closest match.
    assert sum(filter_counts(page, "Meeting").values()) == int(re.findall(r"\d+", status)[0])
    postings = [url.split("/search-index/")[1] for url in fetched if "/search-index/p/" in url]
    assert postings, fetched
    assert {int(path.split("/")[1].split(".")[0]) for path in postings} <= own, postings


def test_only_common_words_say_so(page: Any) -> None:
    type_query(page, "of the")
    assert result_urls(page) == []
    assert "common" in page.locator("[data-rk-status]").inner_text()


def test_search_state_is_in_the_url_restored_on_reload_and_back(page: Any) -> None:
    page.goto(f"{PART}overview/")
    open_search(page)
    page.keyboard.type("peace", delay=10)
    wait_done(page, "peace")
    assert "q=peace" in page.url
    # Three meetings' speakers talk of peace: the list shows the most frequent, "Show all" the rest.
    page.locator("button[data-expand='speaker']").click()
    page.locator("label", has_text="Mohamed Ibn Chambas").first.click()
    page.wait_for_function("document.getElementById('rk-search').dataset.rkFilters === 'speaker=Mohamed Ibn Chambas'"
                           "&& !document.getElementById('rk-search').hasAttribute('aria-busy')")
    filtered = result_urls(page)
    assert filtered == [f"/{PART}panel-discussion/#p-chambas"], filtered

    page.reload()
    wait_done(page, "peace")
    assert page.evaluate("document.getElementById('rk-search').open")
    assert page.input_value("#rk-search-q") == "peace"
    assert page.is_checked("input[data-filter='speaker'][value='Mohamed Ibn Chambas']")
    assert result_urls(page) == filtered

    page.go_back()  # before the filter: the query alone
    page.wait_for_function("document.getElementById('rk-search').dataset.rkFilters === ''"
                           "&& !document.getElementById('rk-search').hasAttribute('aria-busy')")
    assert len(result_urls(page)) > 1
    page.go_forward()
    page.wait_for_function("document.getElementById('rk-search').dataset.rkFilters !== ''"
                           "&& !document.getElementById('rk-search').hasAttribute('aria-busy')")
    assert result_urls(page) == filtered

    # A result opened, then Back: the search is there again.
    with page.expect_navigation():
        page.locator(".rk-search__result a").first.click()
    assert_paragraph_shown(page, "p-chambas")
    page.go_back()
    wait_done(page, "peace")
    assert result_urls(page) == filtered


@pytest.mark.parametrize("key", ["/", "s"])
def test_keyboard_opens_closes_and_returns_focus(page: Any, key: str) -> None:
    page.goto("")
    open_search(page, key)
    page.keyboard.type("Takasu", delay=10)
    wait_done(page, "Takasu")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('.rk-search__result')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "rk-search-q"
    # Focus stays in the dialog (modal): Tab cycles through its controls only.
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate("!document.activeElement.closest('body') || !!document.activeElement.closest('#rk-search')"
                             " || document.activeElement === document.body")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('rk-search').open")
    # The header button, clicked, opens it; closing returns focus to it.
    page.click("button.rk-search-open")
    page.wait_for_function("document.activeElement.id === 'rk-search-q'")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement.matches('button.rk-search-open')")


def test_search_works_from_the_not_found_page(page: Any) -> None:
    """The 404 page is served at any missing path: the dialog finds the site's root all the same."""
    page.goto("no/such/page/")
    open_search(page)
    page.keyboard.type("Takasu")
    wait_shown(page, "Takasu")
    assert f"/{PART}concluding-remarks/#p-closing-takasu" in result_urls(page)[:3]


def test_dialog_is_labelled_modal_and_named(page: Any) -> None:
    page.goto("")
    button = page.locator("button.rk-search-open")
    assert button.get_attribute("aria-label") == "Search"
    assert button.get_attribute("aria-haspopup") == "dialog"
    open_search(page)
    state = page.evaluate("""() => { const d = document.getElementById('rk-search');
        const label = document.getElementById(d.getAttribute('aria-labelledby')).textContent;
        return {modal: d.matches(':modal'), label: label, role: d.getAttribute('role') || 'dialog'}; }""")
    assert state == {"modal": True, "label": "Search the records", "role": "dialog"}


def test_search_works_on_a_phone(new_page: Any) -> None:
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto(f"{PART}overview/")
    page.locator("button.rk-search-open").tap()
    page.wait_for_function("document.activeElement.id === 'rk-search-q'")
    page.keyboard.type("Agenda 2063", delay=10)
    wait_done(page, "Agenda 2063")
    box = page.locator("#rk-search").bounding_box()
    assert box["width"] <= PHONE["width"] and box["x"] >= 0
    no_overflow = page.evaluate("() => { const d = document.getElementById('rk-search'); "
                                "return d.scrollWidth <= d.clientWidth + 1; }")
    assert no_overflow, "the dialog scrolls sideways on a phone"
    first = page.locator(".rk-search__result a").first
    assert first.is_visible()
    with page.expect_navigation():
        first.tap()
    assert_paragraph_shown(page, "p-chambas")


def test_nothing_of_search_loads_before_it_is_opened(new_page: Any) -> None:
    page = new_page(own_context=True)  # a cold cache: every request is seen
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{PART}member-states/")
    page.wait_for_load_state("load")
    searchy = [url for url in fetched if "search" in url]
    assert not searchy, f"loaded before search was opened: {searchy}"
    open_search(page)
    page.keyboard.type("peace", delay=10)
    wait_done(page, "peace")
    assert any("/search-index/index.json" in url for url in fetched)
    assert any("/search-index/t/" in url for url in fetched)  # the dictionary shard of "peace"
