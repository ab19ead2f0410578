"""Long listings split by year (recordkit/listings.py), on a synthetic corpus.

bench/synth.py copies some of the real meetings with dates spread over 1990 to 2025, each one
MAX_LISTED_MEETINGS + 1 times (copies only, no General Debate statements: `ungdc=None`): the home
page's meetings, the documents' citations and the speakers, delegations and themes of each meeting
then span more than MAX_LISTED_MEETINGS meetings and many years.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from recordkit import feeds, listings, navigation, urls
from recordkit.loader import load_corpus
from recordkit.model import Corpus
from recordkit.pages import Site, home_page, render_page
from recordkit.urls import SiteUrls

sys.path.insert(0, str(ROOT / "bench"))
import synth

pytestmark = pytest.mark.xdist_group("synthetic")  # one worker makes the corpus, once
# Both kinds of record, both bodies, a vote; not the longest records (the corpus is loaded and its pages
# rendered: each real meeting here is copied 13 times).
SAMPLE = ("2024-04-02-human-security", "a-64-pv-121", "a-76-pv-102", "s-pv-8422")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("listings") / "project"
    synth.generate(len(SAMPLE) * (listings.MAX_LISTED_MEETINGS + 1), folder, only=SAMPLE, ungdc=None)
    return load_corpus(root=folder, data_dir=folder / "data").corpus


@pytest.fixture(scope="module")
def site(big: Corpus) -> Site:
    return Site(big, SiteUrls(big))


def meeting_headings(markdown: str) -> list[str]:
    return re.findall(r"\{#(?:meeting|mentioned)-([^}]+)\}", markdown)  # statements' meetings, mentions' meetings


def links(markdown: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', markdown)


def test_short_listings_are_not_split(corpus: Corpus) -> None:
    """No listing of the real site is long enough to be split; each year of meetings still has its page
    (the nav's years open with it), though the home page lists every meeting."""
    years = sorted({m.date.year for m in corpus.meetings}, reverse=True)
    assert navigation.year_pages(corpus) == {f"meetings/{year}.md": ("meetings_year", year, False) for year in years}
    assert listings.years_of(corpus.meetings) == []


def test_the_home_page_lists_the_latest_meetings_and_links_every_year(site: Site, big: Corpus) -> None:
    years = listings.years_of(big.meetings)
    assert len(years) > 1 and years == sorted(years, reverse=True)
    home = home_page(site, title="Records", intro="")
    latest = big.meetings[: listings.MAX_LISTED_MEETINGS]
    assert home.count("<tr><td>") == len(latest) < len(big.meetings)
    assert all(f'datetime="{m.date.isoformat()}"' in home for m in latest)
    pages = navigation.generated_pages(big)
    listed = 0
    for year in years:
        src = listings.year_src(urls.HOME, year)
        assert pages[src][0] == "meetings_year" and f'href="{links_to(site, urls.HOME, src)}"' in home
        page = render_page(site, *pages[src][:2])
        listed += page.count("<tr><td>")
        assert f"Meetings of {year}" in page and 'aria-current="page"' in page
    assert listed == len(big.meetings)  # every meeting on exactly one year page


def links_to(site: Site, from_src: str, to_src: str) -> str:
    return urls.relative_url(site.urls.page(from_src), site.urls.page(to_src))


@pytest.mark.parametrize("kind", ["speaker", "delegation", "theme", "document"])
def test_a_long_listing_shows_its_latest_meetings_and_each_year_has_a_page(site: Site, big: Corpus, kind: str) -> None:
    pages = navigation.generated_pages(big)
    split = sorted({src.rsplit("/", 1)[0] for src, (k, _, _) in pages.items() if k == f"{kind}_year"})
    if kind == "delegation":  # those whose statements alone are split (votes split a delegation too: below)
        split = [f for f in split if listings.paragraph_years(big, big.by_delegation.get(f.split("/")[-1], []))]
    assert split, f"no {kind} listing is long enough to split"
    for folder in split[:3]:
        main_src = f"{folder}.md"
        main_kind, subject, _ = pages[main_src]
        main = render_page(site, main_kind, subject)
        year_srcs = sorted((src for src in pages if src.startswith(folder + "/")), reverse=True)
        for src in year_srcs:
            assert links_to(site, main_src, src) in links(main), src
        by_year = [set(meeting_headings(render_page(site, *pages[src][:2]))) for src in year_srcs]
        every = set().union(*by_year)
        assert sum(map(len, by_year)) == len(every) > listings.MAX_LISTED_MEETINGS  # each meeting in one year only
        # The page itself lists the latest meetings of its year pages: as many at any size of the corpus.
        latest = [m.id for m in big.meetings if m.id in every][: listings.MAX_LISTED_MEETINGS]
        assert set(meeting_headings(main)) == set(latest), main_src
        assert f"in the {listings.MAX_LISTED_MEETINGS} latest meetings" in main


def test_a_delegation_that_votes_in_many_meetings_has_each_vote_on_one_year_page(site: Site, big: Corpus) -> None:
    """Its votes split its pages even where it never speaks: each vote on its year's page, the page
    itself its latest meetings' votes."""
    pages = navigation.generated_pages(big)
    voter = next(d for d in sorted(big.votes_by_delegation) if not big.by_delegation.get(d))
    votes = big.votes_by_delegation[voter]
    assert len({v.meeting_id for v, _ in votes}) > listings.MAX_LISTED_MEETINGS
    main_src = urls.delegation_src(voter)
    year_srcs = [src for src in pages if src.startswith(main_src[: -len(".md")] + "/")]
    assert year_srcs
    rows = lambda markdown: re.findall(r'<td><a href="[^"]*votes/[^"]+">', markdown)  # noqa: E731
    per_year = [len(rows(render_page(site, *pages[src][:2]))) for src in year_srcs]
    assert sum(per_year) == len(votes)
    latest = list(dict.fromkeys(v.meeting_id for v, _ in votes))[: listings.MAX_LISTED_MEETINGS]
    main = render_page(site, *pages[main_src][:2])
    assert len(rows(main)) == sum(1 for v, _ in votes if v.meeting_id in latest) < len(votes)


def test_the_documents_index_links_each_documents_page_and_lists_no_paragraph(site: Site, big: Corpus) -> None:
    index = render_page(site, "documents", None)
    assert set(re.findall(r"\{#doc-([^}]+)\}", index)) == set(big.documents)
    pages = navigation.generated_pages(big)
    for document_id in big.documents:
        src = urls.document_src(document_id)
        assert pages[src][0] == "document"
        cited = big.by_document.get(document_id, [])
        if cited:
            assert f'href="{links_to(site, urls.DOCUMENTS, src)}">Cited in {len(cited)} paragraph' in index
    # The citations are on the documents' pages: the index weighs what the registry does, not the corpus.
    assert 'class="para-ref"' not in index


def test_a_year_page_is_marked_current(site: Site, big: Corpus) -> None:
    home = home_page(site, title="Records", intro="")
    older = listings.years_of(big.meetings)[1]
    assert "aria-current" not in home  # it lists the latest meetings, of one year or more
    year_page = render_page(site, "meetings_year", older)
    assert re.search(rf'aria-current="page">{older}</a>', year_page)
    assert year_page.count("aria-current") == 1


def test_year_pages_have_their_own_urls(big: Corpus) -> None:
    assert listings.year_src("speakers/guterres.md", 2024) == "speakers/guterres/2024.md"
    assert listings.year_src(urls.document_src("a-res-70-1"), 2010) == "documents/a-res-70-1/2010.md"
    assert listings.year_src(urls.HOME, 2022) == "meetings/2022.md"
    assert SiteUrls(big).page("speakers/guterres/2024.md") == "speakers/guterres/2024/"
    assert not Path(ROOT / "docs" / "meetings").exists()  # generated, never written into docs/


def test_year_pages_have_titles_and_descriptions(big: Corpus) -> None:
    from recordkit.metadata import Describer

    metadata = Describer(big, SiteUrls(big), language="en")
    for src in navigation.year_pages(big):
        assert metadata.title(src), src
        described = metadata.page(src)
        assert described is not None and str(described.description).endswith("."), src


def test_a_speakers_structured_data_names_as_many_records_as_the_page_lists(big: Corpus) -> None:
    """The page's JSON-LD names the records of the meetings the page lists, not every one of them."""
    from recordkit.metadata import Describer

    person = Describer(big, SiteUrls(big), language="en").person
    busiest = max(big.speakers.values(), key=lambda s: len({p.meeting_id for p in big.by_speaker.get(s.id, [])}))
    spoke_in = [m for m in big.meetings if m.id in {p.meeting_id for p in big.by_speaker.get(busiest.id, [])}]
    assert len(spoke_in) > listings.MAX_LISTED_MEETINGS
    named = [record["url"] for record in person(busiest)["subjectOf"]]
    assert named == [SiteUrls(big).meeting(m) for m in spoke_in[: listings.MAX_LISTED_MEETINGS]]


def test_year_pages_follow_their_listings_feed_and_a_long_listings_feed_holds_fifty(site: Site, big: Corpus) -> None:
    """A year page announces and shows its listing's feed (one feed per speaker, not per year); the feed
    of a listing that spans many years holds its 50 newest entries, newest first."""
    from recordkit.metadata import Describer

    metadata = Describer(big, SiteUrls(big), language="en")
    pages = navigation.generated_pages(big)
    kinds = set()
    for src in navigation.year_pages(big):
        kind, subject, _ = pages[src]
        main = urls.HOME if kind == "meetings_year" else {
            "body_year": urls.body_src, "speaker_year": urls.speaker_src, "delegation_year": urls.delegation_src,
            "theme_year": urls.theme_src, "document_year": urls.document_src}[kind](subject[0].id)
        described, listing = metadata.page(src), metadata.page(main)
        assert described is not None and listing is not None and described.feed is not None
        assert described.feed == listing.feed, src
        follow = urls.relative_url(site.urls.page(src), described.feed.url)
        assert f'class="follow__link" href="{follow}"' in render_page(site, kind, subject), src
        kinds.add(kind)
    assert kinds == {"meetings_year", "body_year", "speaker_year", "delegation_year", "theme_year", "document_year"}
    made = feeds.Feeds(big, SiteUrls(big, site_url="https://example.org/"), site_name="", language="en")
    busiest = max(big.speakers, key=lambda s: len(big.statements(big.by_speaker.get(s, []))))
    statements = big.statements(big.by_speaker[busiest])
    assert len(statements) > 2 * 50
    entries = made.entries(feeds.speaker_feed(big.speakers[busiest], made.urls))
    dates = [entry.updated for entry in entries]
    assert len(entries) == 50 and dates == sorted(dates, reverse=True)
    assert dates[-1].date() >= max(big.meeting_of(p).date for p in statements if
                                   made.urls.absolute(made.urls.paragraph(p)) not in {e.link for e in entries})
