"""Meetings of several bodies: the Security Council beside the General Assembly (issue 17).

No Council meeting is in data/ yet, so these build a small corpus in Python (a Council meeting
shaped as S/PV.8422's first page and its President's statements, and a General Assembly meeting)
and check what the site makes of it: each body's listing, the nav, the home page, the Council
meeting's President and members, the President's statements in their national capacity, the
search filter, the exports and the pages' metadata.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import lxml.html
import pytest

from recordkit import export, listings, navigation, pages
from recordkit.akn import akn_tree
from recordkit.metadata import Describer
from recordkit.model import Body, Corpus, Delegation, Meeting, Member, Paragraph, Part, Role, Speaker
from recordkit.schema import SCHEMA_FILE
from recordkit.search_records import paragraph_views, search_record
from recordkit.urls import SiteUrls

COUNCIL = "s-pv-8422"
ASSEMBLY = "a-1-pv-1"
BODIES = {
    "general-assembly": Body("general-assembly", "General Assembly", "GA", "The plenary of all Member States."),
    "security-council": Body("security-council", "Security Council", "SC", "Fifteen members."),
    # Registered, no meeting yet: no page, no nav entry, no filter value.
    "economic-and-social-council": Body("economic-and-social-council", "Economic and Social Council", "ECOSOC",
                                        "Fifty-four members."),
}


def _paragraph(meeting_id: str, part_id: str, number: int, text: str, **fields: Any) -> Paragraph:
    return Paragraph(id=f"p{number}", number=number, part_id=part_id, meeting_id=meeting_id, text=text, **fields)


def _meeting(meeting_id: str, body: str, date: dt.date, paragraphs: tuple[Paragraph, ...], **facts: Any) -> Meeting:
    part = Part(id="agenda", title="The situation", meeting_id=meeting_id, src_uri=f"records/{meeting_id}/agenda.md",
                paragraphs=paragraphs)
    values: dict[str, Any] = dict(
        id=meeting_id, kind="verbatim", path=f"records/{meeting_id}", source="source.txt", front=("United Nations",),
        title=f"Meeting {meeting_id}", short_title=f"{meeting_id.upper()}, {date:%Y}", body=body, session=73,
        session_label="seventy-third year", meeting_type="8422nd meeting", date=date, place="New York",
        citation_title=f"Meeting {meeting_id}", description=f"The record of {meeting_id}.", parts=("agenda",),
        sections=(part,))
    return Meeting(**{**values, **facts})


def council_meeting(meeting_id: str = COUNCIL, date: dt.date = dt.date(2018, 12, 19)) -> Meeting:
    """The President (Côte d'Ivoire) presides, gives the floor, then speaks for Côte d'Ivoire and resumes."""
    para = lambda number, text, **fields: _paragraph(meeting_id, "agenda", number, text, **fields)  # noqa: E731
    return _meeting(
        meeting_id, "security-council", date,
        (
            para(1, "The President: I give the floor to the representative of the Russian Federation.",
                 speakers=("adom",)),
            para(2, "Mr. Nebenzia (Russian Federation) (spoke in Russian): We abstained.", speakers=("nebenzia",),
                 delegation="russian-federation", language="Russian"),
            para(3, "The President: I shall now make a statement in my capacity as the representative of "
                    "Côte d'Ivoire.", speakers=("adom",), delegation="cote-d-ivoire"),
            para(4, "Côte d'Ivoire voted in favour of the resolution.", speakers=("adom",),
                 delegation="cote-d-ivoire", opens_statement=False),
            para(5, "The President: I now resume my functions as President of the Council.", speakers=("adom",)),
        ),
        symbol="S/PV.8422", president="adom", meeting_number=8422,
        participants={"adom": "president", "nebenzia": "representative"},
        # As the first page prints them; Mr. Ma Zhaoxu (China) does not speak.
        members=(Member("china", "ma-zhaoxu"), Member("russian-federation", "nebenzia")),
    )


def assembly_meeting() -> Meeting:
    return _meeting(ASSEMBLY, "general-assembly", dt.date(2010, 9, 13),
                    (_paragraph(ASSEMBLY, "agenda", 1, "The President: The meeting is open.", speakers=("treki",)),),
                    session_label="sixty-fifth session", president="treki", participants={"treki": "president"})


def corpus_of(*meetings: Meeting) -> Corpus:
    return Corpus(
        meetings=tuple(sorted(meetings, key=lambda m: (m.date, m.id), reverse=True)),
        roles={"president": Role("president", "President", "Presidents", "Presided over the meeting."),
               "representative": Role("representative", "Representative", "Representatives", "Spoke.")},
        speakers={"adom": Speaker("adom", "Adom", honorific="Mr.", delegation="cote-d-ivoire"),
                  "nebenzia": Speaker("nebenzia", "Nebenzia", honorific="Mr.", delegation="russian-federation"),
                  "ma-zhaoxu": Speaker("ma-zhaoxu", "Ma Zhaoxu", honorific="Mr.", delegation="china"),
                  "treki": Speaker("treki", "Treki", ("President of the General Assembly",))},
        delegations={"cote-d-ivoire": Delegation("cote-d-ivoire", "Côte d'Ivoire", "member-state"),
                     "russian-federation": Delegation("russian-federation", "Russian Federation", "member-state"),
                     "china": Delegation("china", "China", "member-state")},
        themes={}, documents={}, bodies=BODIES,
    )


@pytest.fixture
def corpus() -> Corpus:
    return corpus_of(council_meeting(), assembly_meeting())


def site_of(corpus: Corpus) -> pages.Site:
    return pages.Site(corpus, SiteUrls(corpus, site_url="https://example.org/"))


def html(markdown: str) -> lxml.html.HtmlElement:
    """A generated page's HTML blocks (its Markdown headings stay text)."""
    return lxml.html.fromstring(f"<div>{markdown}</div>")


def links(element: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    return [(a.text_content(), a.get("href")) for a in element.xpath(".//a")]


def fact(page: lxml.html.HtmlElement, term: str) -> lxml.html.HtmlElement:
    (definition,) = page.xpath(f'//dl[@class="facts"]/dt[text()="{term}"]/following-sibling::dd[1]')
    return definition


# -- the Council meeting's overview ------------------------------------------------------------


def test_a_council_meeting_shows_its_president_with_delegation_and_its_members_in_printed_order(corpus) -> None:
    page = html(pages.meeting_page(site_of(corpus), corpus.meeting_by_id[COUNCIL]))
    president = fact(page, "President")
    assert links(president) == [("Adom", "../../speakers/adom/"), ("Côte d'Ivoire", "../../delegations/cote-d-ivoire/")]
    body = fact(page, "Body")
    assert body.text_content() == "Security Council, seventy-third year"
    assert links(body) == [("Security Council", "../../security-council/")]
    (table,) = page.xpath('//table[@class="members-table"]')
    rows = [links(row) for row in table.xpath("./tbody/tr")]
    assert rows == [
        [("China", "../../delegations/china/"), ("Ma Zhaoxu", "../../speakers/ma-zhaoxu/")],
        [("Russian Federation", "../../delegations/russian-federation/"), ("Nebenzia", "../../speakers/nebenzia/")],
    ]
    assert "{#members}" in page.text_content()


def test_an_assembly_meeting_lists_no_members(corpus) -> None:
    page = html(pages.meeting_page(site_of(corpus), corpus.meeting_by_id[ASSEMBLY]))
    assert not page.xpath('//table[@class="members-table"]') and "{#members}" not in page.text_content()
    assert fact(page, "President").text_content() == "Treki, President of the General Assembly"


def test_the_president_is_listed_as_president_speaking_for_their_delegation(corpus) -> None:
    """The President opens as "The President:"; the speakers' list still says whom they speak for
    (their statement "in my capacity as the representative of Côte d'Ivoire")."""
    page = html(pages.meeting_page(site_of(corpus), corpus.meeting_by_id[COUNCIL]))
    (order,) = page.xpath('//ol[@class="speaking-order"]')
    first, second = order.xpath("./li")
    assert links(first)[:2] == [("Adom", "../../speakers/adom/"), ("Côte d'Ivoire", "../../delegations/cote-d-ivoire/")]
    assert first.xpath('./span[@class="speaker__titles"]')[0].text == "President"
    assert links(first)[2][1].endswith("#p1")  # the list links to where they first speak
    assert links(second)[1] == ("Russian Federation", "../../delegations/russian-federation/")


def test_the_presidents_statement_in_national_capacity_is_shown_for_the_delegation(corpus) -> None:
    meeting = corpus.meeting_by_id[COUNCIL]
    page = html(pages.part_page(site_of(corpus), meeting.sections[0]))
    chips = './/a[contains(@class, "chip--delegation")]'
    delegations = {block.get("id"): [a.text_content() for a in block.xpath(chips)]
                   for block in page.xpath('//div[contains(@class, "para")]')}
    assert delegations == {"p1": [], "p2": ["Russian Federation"], "p3": ["Côte d'Ivoire"], "p4": ["Côte d'Ivoire"],
                           "p5": []}
    # As President, then for Côte d'Ivoire (two paragraphs), then as President again: three statements,
    # the middle one on Côte d'Ivoire's page.
    assert [[p.id for p in run] for run in corpus.statement_runs(corpus.by_speaker["adom"])] == [
        ["p1"], ["p3", "p4"], ["p5"]]
    assert [p.id for p in corpus.statements(corpus.by_delegation["cote-d-ivoire"])] == ["p3"]


def test_the_presidents_speaker_page_gives_the_role_at_that_meeting_and_the_delegation(corpus) -> None:
    markdown = pages.speaker_page(site_of(corpus), corpus.speakers["adom"])
    page = html(markdown)
    assert links(fact(page, "Delegation")) == [("Côte d'Ivoire", "../../delegations/cote-d-ivoire/")]
    role = fact(page, f"{COUNCIL.upper()}, 2018")
    assert role.text_content() == "President: Presided over the meeting."
    assert "## Statements \\(3\\) {#statements}" in markdown


def test_a_member_who_does_not_speak_is_on_the_overview_and_in_the_export(corpus) -> None:
    meeting = corpus.meeting_by_id[COUNCIL]
    data = export.meeting_data(corpus, meeting, SiteUrls(corpus))
    assert data["meeting"]["members"] == [{"delegation": "china", "representative": "ma-zhaoxu"},
                                          {"delegation": "russian-federation", "representative": "nebenzia"}]
    assert {"ma-zhaoxu", "nebenzia", "adom"} <= {s["id"] for s in data["speakers"]}
    assert {"china", "russian-federation", "cote-d-ivoire"} <= {d["id"] for d in data["delegations"]}


# -- each body's listing, the nav, the home page -------------------------------------------------


def test_each_body_with_meetings_has_its_listing_newest_first(corpus) -> None:
    later = council_meeting("s-pv-8500", dt.date(2019, 4, 2))
    corpus = corpus_of(council_meeting(), later, assembly_meeting())
    site = site_of(corpus)
    council = html(pages.body_page(site, corpus.bodies["security-council"]))
    listed = [href for _, href in links(council.xpath('//table[@class="meetings-table"]')[0])]
    assert listed == ["../records/s-pv-8500/", "../records/s-pv-8422/"]
    assert [span.text for span in council.xpath('//span[@class="meeting__body"]')] == [
        "Security Council, seventy-third year"] * 2
    assert "Meetings \\(2\\)" in council.text_content() and "Fifteen members." in council.text_content()
    assembly = html(pages.body_page(site, corpus.bodies["general-assembly"]))
    assert [href for _, href in links(assembly.xpath('//table[@class="meetings-table"]')[0])] == [
        "../records/a-1-pv-1/"]


def test_only_bodies_with_meetings_get_a_page_and_a_nav_entry(corpus) -> None:
    generated = navigation.generated_pages(corpus)
    body_pages = {src: subject.id for src, (kind, subject, _) in generated.items() if kind == "body"}
    assert body_pages == {"general-assembly/index.md": "general-assembly",
                          "security-council/index.md": "security-council"}
    assert site_of(corpus).urls.body("security-council") == "security-council/"
    nav = navigation.nav(corpus)
    assert nav[1] == {"Bodies": [{"General Assembly": "general-assembly/index.md"},
                                 {"Security Council": "security-council/index.md"}]}


def test_the_home_page_lists_each_body_with_its_count(corpus) -> None:
    page = html(pages.home_page(site_of(corpus), title="Records", intro="Intro."))
    (bodies,) = page.xpath('//p[@class="bodies"]')
    assert bodies.text_content() == "By body: General Assembly (1 meeting), Security Council (1 meeting)."
    assert links(bodies) == [("General Assembly", "general-assembly/"), ("Security Council", "security-council/")]
    rows = [span.text for span in page.xpath('//span[@class="meeting__body"]')]
    assert rows == ["Security Council, seventy-third year", "General Assembly, sixty-fifth session"]


def test_a_long_body_listing_has_a_page_per_year() -> None:
    count = listings.MAX_LISTED_MEETINGS + 2
    meetings = [council_meeting(f"s-pv-{8000 + n}", dt.date(2017 + n % 2, 1, 1 + n)) for n in range(count)]
    corpus = corpus_of(*meetings, assembly_meeting())
    years = {src: subject for src, (kind, subject, _) in navigation.year_pages(corpus).items() if kind == "body_year"}
    assert years == {"security-council/2018.md": (corpus.bodies["security-council"], 2018),
                     "security-council/2017.md": (corpus.bodies["security-council"], 2017)}
    site = site_of(corpus)
    own = html(pages.body_page(site, corpus.bodies["security-council"]))
    assert len(own.xpath('//table[@class="meetings-table"]/tbody/tr')) == listings.MAX_LISTED_MEETINGS
    assert [a.get("href") for a in own.xpath('//nav[@class="years"]//a')] == ["2018/", "2017/"]
    year = html(pages.body_page(site, corpus.bodies["security-council"], 2017))
    assert len(year.xpath('//table[@class="meetings-table"]/tbody/tr')) == count // 2
    assert year.xpath('//nav[@class="years"]//a[@aria-current="page"]')[0].text == "2017"


# -- search, exports, metadata ------------------------------------------------------------------


def test_search_records_can_be_filtered_by_body(corpus) -> None:
    records = [search_record(view) for view in paragraph_views(corpus, SiteUrls(corpus))]
    by_body = {record.url: record.filters["body"] for record in records}
    assert by_body == {**{f"records/{COUNCIL}/agenda/#p{n}": ["Security Council"] for n in range(1, 6)},
                       f"records/{ASSEMBLY}/agenda/#p1": ["General Assembly"]}
    national = next(r for r in records if r.url.endswith(f"{COUNCIL}/agenda/#p4"))
    assert national.filters["delegation"] == ["Côte d'Ivoire"] and national.filters["speaker"] == ["Adom"]


def test_meeting_json_names_its_body_and_validates_against_the_schema(corpus) -> None:
    meeting = corpus.meeting_by_id[COUNCIL]
    data = json.loads(json.dumps(export.meeting_data(corpus, meeting, SiteUrls(corpus, site_url="https://x.org/"))))
    assert data["meeting"]["body"] == "security-council"
    assert data["body"] == {"id": "security-council", "name": "Security Council", "short_name": "SC",
                            "description": "Fifteen members.", "url": "https://x.org/security-council/"}
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(data)] == []
    data["meeting"]["members"][0]["seat"] = "permanent"  # a member holds what the model declares, nothing else
    assert len(list(validator.iter_errors(data))) == 1


def test_akoma_ntoso_names_the_body_as_author(corpus) -> None:
    meeting = corpus.meeting_by_id[COUNCIL]
    root = akn_tree(corpus, meeting, SiteUrls(corpus), publisher="Editors")
    ns = {"akn": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    work = root.find(".//akn:FRBRWork/akn:FRBRuri", ns)
    assert work is not None and work.get("value") == f"/akn/un/debate/security-council/2018-12-19/{COUNCIL}"
    organizations = {o.get("eId"): o.get("showAs") for o in root.iterfind(".//akn:TLCOrganization", ns)}
    assert organizations["security-council"] == "Security Council"


def test_page_titles_and_descriptions_name_the_bodies(corpus) -> None:
    describer = Describer(corpus, SiteUrls(corpus), language="en")
    assert describer.title("security-council/index.md") == "Security Council"
    described = describer.page("security-council/index.md")
    assert described is not None
    assert described.description == ("The 1 meeting record of the United Nations Security Council, newest first: "
                                     "Fifteen members.")
    assert "meetings of the United Nations General Assembly and Security Council" in describer.corpus_description()
    assert describer.speaker_description(corpus.speakers["adom"]) == (
        "Adom: 3 statements in the records of the United Nations Security Council.")
    only_assembly = Describer(corpus_of(assembly_meeting()), SiteUrls(corpus), language="en")
    assert "meetings of the United Nations General Assembly, newest" in only_assembly.corpus_description()



def test_a_long_year_lists_its_meetings_by_month_in_the_nav() -> None:
    """A page's nav holds its own year's meetings: a year of the UN's, some 300 meetings, by month."""
    count = navigation.MONTHS_ABOVE + 1
    long_year = [council_meeting(f"s-pv-{8000 + n}", dt.date(2018, 1 + n % 3, 1 + n // 3)) for n in range(count)]
    corpus = corpus_of(*long_year, assembly_meeting())
    years = {year: entries for entry in navigation.nav(corpus)[2]["Meetings"] for year, entries in entry.items()}
    assert [next(iter(entry)) for entry in years["2018"]] == ["Meetings of 2018", "March", "February", "January"]
    months = {month: [next(iter(meeting)) for meeting in meetings]
              for entry in years["2018"][1:] for month, meetings in entry.items()}
    by_month = {month: [m.short_title for m in corpus.meetings if m.date.year == 2018 and f"{m.date:%B}" == month]
                for month in months}
    assert months == by_month  # newest first, as the corpus orders them
    assert [len(listed) for listed in months.values()] == [10, 11, 11]
    # a year of few meetings lists them as they are
    assert years["2010"][1:] == [{corpus.meetings[-1].short_title: [
        {"Overview": "records/a-1-pv-1/index.md"}, "records/a-1-pv-1/agenda.md",
        {"Editorial notes": "records/a-1-pv-1/notes.md"}, {"Downloads": "records/a-1-pv-1/downloads.md"}]}]
