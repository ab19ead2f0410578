"""Decisions and recorded votes as data (issue 17): every vote of the records on the site with its
page, its tally as the record prints it, each delegation's vote on the delegation's page, the vote
in the record, in meeting.json and in the Akoma Ntoso export, and in search; a decisions.yml whose
counts differ from its lists stops the build naming the vote."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.etree
import pytest

from conftest import Project, Site
from recordkit.model import VOTE_POSITIONS, Corpus, Decision, Tally
from recordkit.search_records import paragraph_views, search_record
from recordkit.urls import SiteUrls, relative_url

# The records with votes, and how many each holds (counted in their PDFs).
VOTES = {"a-65-pv-71": 15, "a-48-pv-46": 5, "s-pv-3756": 1, "s-pv-8422": 1}
NUMBERS = {"none": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# How the records print a tally: the Assembly's "by 123 votes to 1, with 55 abstentions" (no
# abstentions: "by 132 votes to 54"), the Council's "13 votes in favour, none against and two abstentions".
ASSEMBLY_TALLY = re.compile(r"by (\d+) votes? to (\w+)(?:, with (\w+) abstentions?)?")
COUNCIL_TALLY = re.compile(r"(\w+) votes? in favour, (\w+) against,? and (\w+) (?:abstentions?|abstaining)")


def _number(word: str | None) -> int:
    return 0 if word is None else int(word) if word.isdigit() else NUMBERS[word.lower()]


def printed_tally(text: str) -> tuple[int, int, int]:
    """The counts the record's own sentence gives, read here apart from the importer."""
    match = ASSEMBLY_TALLY.search(text) or COUNCIL_TALLY.search(text)
    assert match, f"no tally in {text!r}"
    in_favour, against, abstaining = match.groups()
    return _number(in_favour), _number(against), _number(abstaining)


def tally_of(vote: Decision) -> Tally:
    assert vote.tally is not None, vote.key
    return vote.tally


def votes_of(corpus: Corpus) -> list[Decision]:
    return [vote for meeting in corpus.meetings for vote in meeting.votes]


def stated(corpus: Corpus, vote: Decision) -> Any:
    return next(p for p in corpus.meeting_by_id[vote.meeting_id].paragraphs if p.id == vote.paragraph)


def test_every_vote_of_the_new_records_is_data_with_its_lists(corpus: Corpus) -> None:
    assert {m.id: len(m.votes) for m in corpus.meetings if m.votes} == VOTES
    for vote in votes_of(corpus):
        assert vote.tally is not None and vote.votes is not None, vote.key
        assert printed_tally(stated(corpus, vote).text) == (vote.tally.in_favour, vote.tally.against,
                                                            tally_of(vote).abstaining), vote.key
        for position, delegations in vote.positions():
            assert len(delegations) == getattr(vote.tally, position), (vote.key, position)


def test_the_council_vote_not_adopted_owing_to_a_permanent_member(corpus: Corpus) -> None:
    [vote] = corpus.meeting_by_id["s-pv-3756"].votes
    assert (vote.method, vote.result) == ("council-vote", "not-adopted")
    assert "negative vote of a permanent member" in vote.reason
    assert vote.votes is not None and vote.votes.against == ("united-states-of-america",)
    [adopted] = corpus.meeting_by_id["s-pv-8422"].votes
    assert adopted.votes is not None and adopted.votes.abstaining == ("china", "russian-federation")
    assert adopted.outcome_document == "s-res-2448-2018"


def test_each_vote_has_its_page_with_the_tally_and_every_delegation_in_its_column(site: Site, corpus: Corpus) -> None:
    urls = SiteUrls(corpus)
    for vote in votes_of(corpus):
        page = site.page(urls.vote(vote))
        tally = page.xpath('//dl[@class="facts"]/dt[text()="Tally"]/following-sibling::dd[1]')[0].text_content()
        assert tally == f"{tally_of(vote).in_favour} in favour, {tally_of(vote).against} against, " \
                        f"{tally_of(vote).abstaining} abstaining"
        for position, delegations in vote.positions():
            column = page.xpath(f'//section[contains(@class, "vote-column--{position.replace("_", "-")}")]')[0]
            listed = [li.get("id") for li in column.xpath(".//li")]
            assert sorted(listed) == sorted(f"vote-{d}" for d in delegations), (vote.key, position)
            heading = column.xpath("./h3")[0].text_content()
            assert heading == f"{VOTE_POSITIONS[position]} ({len(delegations)})"


def test_a_vote_page_links_the_explanations_of_vote_before_and_after_it(site: Site, corpus: Corpus) -> None:
    vote = next(v for v in corpus.meeting_by_id["a-65-pv-71"].votes if v.id == "resolution-65-206")
    page = site.page(SiteUrls(corpus).vote(vote))
    before = page.xpath('//h2[@id="before"]/following-sibling::ol[1]//a[@class="para-ref"]/@href')
    assert before and all("#p" in href for href in before)
    numbers = {p.id: p.number for p in corpus.meeting_by_id["a-65-pv-71"].paragraphs}
    explained = [href.rsplit("#", 1)[1] for href in before]
    assert set(explained) <= set(vote.explanations)
    assert all(numbers[p] < numbers[vote.paragraph] for p in explained)
    # The paragraph stating the outcome, quoted and linked.
    assert page.xpath(f'//blockquote[@class="vote__outcome"]//a[contains(@href, "#{vote.paragraph}")]')


def test_the_record_shows_the_vote_where_it_happens(site: Site, corpus: Corpus) -> None:
    urls = SiteUrls(corpus)
    for vote in votes_of(corpus):
        paragraph = stated(corpus, vote)
        page = site.page(urls.paragraph(paragraph))
        [line] = page.xpath(f'//div[@id="{paragraph.id}"]/p[@class="para__vote"]')
        assert f"{tally_of(vote).in_favour} in favour" in line.text_content()
        [link] = line.xpath("./a/@href")
        assert link.endswith(f"votes/{vote.id}/")


def test_each_delegation_page_lists_its_votes_with_its_position(site: Site, corpus: Corpus) -> None:
    urls = SiteUrls(corpus)
    for delegation_id, votes in corpus.votes_by_delegation.items():
        page_url = urls.delegation(delegation_id)
        rows = site.page(page_url).xpath('//table[@class="votes-table"]/tbody/tr')
        # Each row links the vote's own page, anchored on the delegation in its column.
        shown = {relative_url(page_url, urls.vote(vote)) + f"#vote-{delegation_id}": VOTE_POSITIONS[position]
                 for vote, position in votes}
        assert {row.xpath("./td[2]/a/@href")[0]: row.xpath("./td[3]")[0].text_content() for row in rows} == shown
        assert len(rows) == len(votes), delegation_id  # no delegation here has votes in over 12 meetings


def test_the_meeting_overview_lists_its_decisions_and_links_its_votes(site: Site, corpus: Corpus) -> None:
    urls = SiteUrls(corpus)
    meeting = corpus.meeting_by_id["a-65-pv-71"]
    page = site.page(urls.meeting(meeting))
    rows = page.xpath('//table[@class="decisions-table"]/tbody/tr')
    assert len(rows) == len(meeting.decisions) == 74
    vote_links = [href for href in page.xpath('//table[@class="decisions-table"]//a/@href') if "votes/" in href]
    assert len(vote_links) == VOTES["a-65-pv-71"]


@pytest.mark.parametrize("meeting_id", sorted(VOTES))
def test_votes_in_meeting_json_and_akoma_ntoso(site_dir: Path, corpus: Corpus, meeting_id: str) -> None:
    meeting = corpus.meeting_by_id[meeting_id]
    exported = json.loads((site_dir / meeting.path / "meeting.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in exported["decisions"]] == [d.id for d in meeting.decisions]
    described = {d["id"] for d in exported["delegations"]}
    for data, vote in ((d, v) for d in exported["decisions"] for v in meeting.votes if v.id == d["id"]):
        assert data["tally"] == {"in_favour": tally_of(vote).in_favour, "against": tally_of(vote).against,
                                 "abstaining": tally_of(vote).abstaining}
        assert {position: tuple(data["votes"][position]) for position in VOTE_POSITIONS} == dict(vote.positions())
        assert {d for voted in data["votes"].values() for d in voted} <= described
        assert data["url"].endswith(f"votes/{vote.id}/")
    root = lxml.etree.parse(str(site_dir / meeting.path / "meeting.akn.xml")).getroot()
    ns = {"akn": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "votes": "urn:x-un-meeting-records:votes:1"}
    votings = root.findall(".//akn:analysis/akn:parliamentary/akn:voting", ns)
    assert [v.get("href") for v in votings] == [f"#{v.paragraph}" for v in meeting.votes]
    for voting, vote in zip(votings, meeting.votes, strict=True):
        counts = {c.get("refersTo"): c for c in voting.findall("akn:count", ns)}
        for position, delegations in vote.positions():
            count = counts[f"#vote-{position.replace('_', '-')}"]
            assert int(count.get("value")) == len(delegations)
            assert [v.get("refersTo") for v in count.findall("votes:voter", ns)] == \
                [f"#delegation-{d}" for d in delegations]


def test_a_vote_is_found_by_delegation_and_filtered_by_position(corpus: Corpus) -> None:
    records = [search_record(view) for view in paragraph_views(corpus, SiteUrls(corpus))]
    votes = [r for r in records if r.filters.get("vote")]
    assert len(votes) == sum(len(v.positions()) for v in votes_of(corpus))
    kenya = [r for r in votes if "Kenya" in r.filters.get("delegation", [])]
    assert {r.filters["vote"][0] for r in kenya} == {"In favour", "Abstaining"}
    against = next(r for r in votes if r.url.endswith("votes/decision-2/#against"))
    assert against.filters["vote"] == ["Against"] and against.filters["delegation"] == ["United States of America"]
    assert "Against of The draft resolution" not in against.content  # it reads as a sentence
    assert any("how did" in words for _, words in against.weighted)


# -- decisions.yml that does not hold -------------------------------------------------------------

DECISIONS = "data/meetings/s-pv-3756/decisions.yml"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project.copy_of_repo(tmp_path / "project", meetings={"s-pv-3756"})


def test_counts_that_differ_from_the_lists_stop_the_build_naming_the_vote(project: Project) -> None:
    project.edit(DECISIONS, "    in_favour: 13\n", "    in_favour: 14\n")
    [problem] = project.problems()
    assert problem.file == DECISIONS and problem.field == "decisions[1].votes.in_favour"
    assert problem.line == project.line_of(DECISIONS, "- id: decision-2")
    assert "decision 'decision-2'" in problem.message
    assert "counts 14 in favour but its list names 13 delegations" in problem.message


def test_an_unknown_delegation_in_a_vote_suggests_the_closest(project: Project) -> None:
    project.edit(DECISIONS, "    - costa-rica\n", "    - costa-ricca\n")
    [problem] = project.problems()
    assert problem.field == "decisions[1].votes.abstaining"
    assert "unknown delegation 'costa-ricca'" in problem.message and "costa-rica" in problem.message


def test_a_delegation_listed_in_two_columns(project: Project) -> None:
    project.edit(DECISIONS, "    - costa-rica\n", "    - chile\n")
    messages = [p.message for p in project.problems()]
    assert any("'chile' is listed both In favour and Abstaining" in m for m in messages)


def test_a_decision_on_a_paragraph_of_another_part(project: Project) -> None:
    project.edit(DECISIONS, "  paragraph: p59\n", "  paragraph: p2\n")
    [problem] = project.problems()
    assert problem.field == "decisions[1].part"
    assert "the paragraph 'p2' is in the part 'adoption-agenda', not 'situation-occupied-arab-territories'" \
        in problem.message


def test_a_vote_without_its_tally(project: Project) -> None:
    text = project.read(DECISIONS)
    project.path(DECISIONS).write_text(re.sub(r"  tally:\n(    .*\n)+", "", text), encoding="utf-8")
    messages = [p.message for p in project.problems()]
    assert any("a vote needs its tally" in m for m in messages)
