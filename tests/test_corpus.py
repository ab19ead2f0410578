"""The corpus on the built site: meetings, delegations and presidents across records, and a fourth meeting.

What readers follow across meetings (a delegation, the President of the General
Assembly, a theme) links to every statement, checked against the model; every
statement of a verbatim record is attributed; and adding a meeting is an import
plus a build, with no edit to code or mkdocs.yml.
"""

from __future__ import annotations

import posixpath
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Project, Site

VERBATIM = ("a-64-pv-121", "a-76-pv-102")


def statement_links(site: Site, url: str) -> set[str]:
    """Site-root URLs of the paragraph links under the page's "Statements" heading."""
    links = set()
    for element in site.page(url).get_element_by_id("statements").itersiblings():
        if element.tag == "h2":
            break  # "Mentioned in", "Themes raised"
        for anchor in element.xpath('.//a[@class="para-ref"]'):
            path, _, fragment = anchor.get("href").partition("#")
            links.add(posixpath.normpath(posixpath.join(url, path)) + "/#" + fragment)
    return links


def expected_statements(corpus: Any, paragraphs: list[Any]) -> set[str]:
    from recordkit.urls import SiteUrls

    urls = SiteUrls(corpus)
    return {urls.paragraph(p) for p in corpus.statements(paragraphs)}


@pytest.mark.parametrize("delegation", ["kenya", "japan", "european-union"])
def test_delegation_pages_link_to_each_of_their_statements(site: Site, corpus: Any, delegation: str) -> None:
    expected = expected_statements(corpus, corpus.by_delegation[delegation])
    assert expected, delegation
    assert statement_links(site, f"delegations/{delegation}/") == expected


def test_the_presidents_pages_link_to_each_of_their_statements(site: Site, corpus: Any) -> None:
    presidents = {meeting.presiding for meeting in corpus.meetings}
    # One person a session of the Assembly (Francis 2024, Shahid 2022, Deiss and Treki 2010, Insanally 1993),
    # a month of the Council (Adom 2018, Wlosowicz 1997).
    assert presidents == {"francis", "shahid", "deiss", "treki", "insanally", "adom", "wlosowicz"}
    for speaker in presidents:
        expected = expected_statements(corpus, corpus.by_speaker[speaker])
        assert expected and statement_links(site, f"speakers/{speaker}/") == expected, speaker


def test_a_group_gets_the_statements_made_on_its_behalf(corpus: Any) -> None:
    on_behalf = [p for p in corpus.paragraphs if p.on_behalf_of]
    assert on_behalf
    for paragraph in on_behalf:
        for group in paragraph.on_behalf_of:
            assert paragraph in corpus.by_delegation[group]


def test_a_theme_page_gathers_paragraphs_from_several_meetings(site: Site, corpus: Any) -> None:
    across = [t for t in corpus.themes if len({p.meeting_id for p in corpus.by_theme.get(t, [])}) >= 2]
    assert across
    page = site.page(f"themes/{across[0]}/")
    meetings = [h.get("id") for h in page.xpath('//h3[starts-with(@id, "meeting-")]')]
    assert len(meetings) >= 2, meetings


@pytest.mark.parametrize("meeting_id", VERBATIM)
def test_every_statement_of_a_verbatim_record_has_its_speaker_and_delegation(corpus: Any, meeting_id: str) -> None:
    meeting = corpus.meeting_by_id[meeting_id]
    statements = [p for p in meeting.paragraphs if p.kind == "statement"]
    assert statements
    for paragraph in statements:
        assert paragraph.speakers, paragraph.id
        role = meeting.participants[paragraph.speakers[0]]
        if role in ("representative", "observer"):
            assert paragraph.delegation, paragraph.id


def test_home_lists_the_meetings_newest_first_with_their_statements(site: Site, corpus: Any) -> None:
    rows = site.page("").xpath('//table[@class="meetings-table"]/tbody/tr')
    dates = [row.xpath(".//time/@datetime")[0] for row in rows]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(corpus.meetings) == 7
    counts = [int(row.xpath('./td[@class="count"]')[0].text_content()) for row in rows]
    assert counts == [len(m.statements) for m in corpus.meetings]


def test_the_meeting_page_gives_its_facts_decisions_and_speakers_in_order(site: Site, corpus: Any) -> None:
    meeting = corpus.meeting_by_id["a-76-pv-102"]
    page = site.page("records/a-76-pv-102/")
    facts = page.xpath("//dl[@class='facts']//a/@href")
    assert "https://undocs.org/A/76/PV.102" in facts
    # Its documents open their pages here (their text, and where every meeting cites them).
    assert {f"../../documents/{d}/" for d in meeting.documents} <= set(facts) and meeting.documents
    decisions = [row.text_content() for row in page.xpath('//table[@class="decisions-table"]/tbody/tr')]
    assert len(decisions) == len(meeting.decisions) and any("A/RES/76/305" in row for row in decisions)
    listed = page.xpath('//ol[@class="speaking-order"]/li')
    order = [li.xpath("./a/@href")[0].strip("/").split("/")[-1] for li in listed]
    spoken: dict[str, None] = {}
    for paragraph in meeting.statements:
        spoken.update(dict.fromkeys(paragraph.speakers))
    assert order == list(spoken)


def test_a_fourth_meeting_is_an_import_and_a_build(tmp_path: Path, small_copy: Callable[..., Project]) -> None:
    """`make import` writes a meeting folder the build publishes as it is: no code, no mkdocs.yml edit."""
    project = small_copy(tmp_path / "project")
    pdf = project.path("data/meetings/a-64-pv-121/A-64-PV.121.pdf")
    imported = subprocess.run([sys.executable, "tools/import_record.py", str(pdf), "--id", "a-64-pv-121-again"],
                              cwd=project.root, capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    assert "review:" in imported.stdout
    folder = project.path("data/meetings/a-64-pv-121-again")
    assert (folder / "meeting.yml").is_file() and (folder / "A-64-PV.121.pdf").is_file()
    assert "path: records/a-64-pv-121-again\n" in project.read("data/meetings/a-64-pv-121-again/meeting.yml")
    site = tmp_path / "site"
    result = project.build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "records/a-64-pv-121-again/index.html").is_file()
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert "records/a-64-pv-121-again/" in nav


def test_the_importer_never_overwrites_a_meeting(tmp_path: Path, small_copy: Callable[..., Project]) -> None:
    project = small_copy(tmp_path / "project")
    before = project.read("data/meetings/a-64-pv-121/meeting.yml")
    pdf = project.path("data/meetings/a-64-pv-121/A-64-PV.121.pdf")
    result = subprocess.run([sys.executable, "tools/import_record.py", str(pdf)], cwd=project.root,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "already exists" in result.stderr and "Traceback" not in result.stderr
    assert project.read("data/meetings/a-64-pv-121/meeting.yml") == before
