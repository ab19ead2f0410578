"""The built site as readers reach it: pages, indexes, links, anchors and search entries."""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict

from conftest import PARTS, RECORD, Site
from recordkit.urls import SiteUrls


def record_paragraph_chips(site: Site) -> dict[str, dict[str, set[str]]]:
    """From the record's pages: paragraph anchor -> {"speaker": {...}, "theme": {...}} as linked by its chips."""
    found: dict[str, dict[str, set[str]]] = {}
    for part in PARTS:
        for block in site.page(RECORD + part + "/").xpath('//div[@class="para"]'):
            chips: dict[str, set[str]] = defaultdict(set)
            for chip in block.xpath('.//a[contains(@class,"chip")]'):
                kind = "speaker" if "chip--speaker" in chip.get("class") else "theme"
                target = posixpath.normpath(posixpath.join(RECORD + part + "/", chip.get("href")))
                chips[kind].add(target.rsplit("/", 1)[-1])
            found[f"{RECORD}{part}/#{block.get('id')}"] = chips
    return found


def links_under(site: Site, url: str, heading_id: str) -> set[str]:
    """Site-root URLs of the paragraph links listed under one heading of a page."""
    page = site.page(url)
    heading = page.get_element_by_id(heading_id)
    links = set()
    for element in heading.itersiblings():
        if element.tag in ("h1", "h2") or (element.tag == "h3" and heading.tag == "h3"):
            break
        for anchor in element.xpath('.//a[@class="para-ref"]'):
            links.add(posixpath.normpath(posixpath.join(url, anchor.get("href").split("#")[0])) + "/#"
                      + anchor.get("href").split("#")[1])
    return links


def test_no_page_has_two_elements_with_one_id(site: Site) -> None:
    """An id is an anchor a link lands on: two of them and the second is unreachable."""
    repeated = {}
    for url in site.html_pages():
        counts = Counter(re.findall(r'\sid="([^"]+)"', site.file_for(url).read_text(encoding="utf-8")))
        if any(count > 1 for count in counts.values()):
            repeated[url] = [anchor for anchor, count in counts.items() if count > 1]
    assert not repeated


def test_seven_speaker_pages_fifteen_theme_pages_and_documents(site: Site, corpus) -> None:
    speaker_pages = [u for u in site.html_pages() if re.fullmatch(r"speakers/[^/]+/", u)]
    theme_pages = [u for u in site.html_pages() if re.fullmatch(r"themes/[^/]+/", u)]
    assert len(speaker_pages) == len(corpus.speakers) > 7  # the summary's seven and the verbatim records' speakers
    assert len(theme_pages) >= 15
    assert "Member States and Observers" in site.page("speakers/member-states/").xpath("//h1")[0].text_content()
    documents = site.page("documents/")
    hrefs = set(documents.xpath("//a/@href"))
    assert "https://undocs.org/A/78/665" in hrefs and "https://undocs.org/A/RES/66/290" in hrefs


def test_each_speaker_page_links_exactly_to_that_speakers_statements(site: Site) -> None:
    chips = record_paragraph_chips(site)
    for speaker in ["francis", "guterres", "takasu", "chinchilla", "chambas", "fatima", "member-states"]:
        expected = {anchor for anchor, kinds in chips.items() if speaker in kinds["speaker"]}
        assert expected, speaker
        assert links_under(site, f"speakers/{speaker}/", "statements") == expected, speaker


def test_a_shared_paragraph_counts_for_both_speakers(site: Site) -> None:
    anchor = f"{RECORD}panel-discussion/#p-panel-opening"
    assert anchor in links_under(site, "speakers/takasu/", "statements")
    assert anchor in links_under(site, "speakers/chinchilla/", "statements")


def test_mentions_are_listed_apart_from_statements(site: Site) -> None:
    mentions = links_under(site, "speakers/guterres/", "mentions")
    assert mentions == {f"{RECORD}overview/#p-overview-meeting"}
    assert not mentions & links_under(site, "speakers/guterres/", "statements")


def test_each_theme_page_links_exactly_to_its_paragraphs(site: Site, corpus) -> None:
    chips = record_paragraph_chips(site)
    for theme in corpus.themes:
        expected = {anchor for anchor, kinds in chips.items() if theme in kinds["theme"]}
        listed = {link for link in links_under(site, f"themes/{theme}/", "paragraphs") if link.startswith(RECORD)}
        assert listed == expected, theme


def test_each_document_page_links_exactly_to_the_paragraphs_citing_it(site: Site, corpus) -> None:
    urls, index = SiteUrls(corpus), site.page("documents/")
    cited = 0
    for document in corpus.documents:
        expected = {urls.paragraph(p) for p in corpus.by_document.get(document, [])}
        assert links_under(site, f"documents/{document}/", "citations") == expected, document
        cited += bool(expected)
        entry = index.get_element_by_id(f"doc-{document}").getparent()  # the index keeps each document's anchor
        assert (f"{document}/" in entry.xpath(".//a/@href")) == bool(expected), document
    assert cited >= 30


def test_themes_index_counts_match_theme_pages(site: Site, corpus) -> None:
    rows = site.page("themes/").xpath("//table//tbody/tr")
    assert len(rows) == len(corpus.themes)
    for row in rows:
        theme = row.xpath(".//a/@href")[0].strip("/").split("/")[-1]
        count = int(row.xpath('./td[@class="count"]')[0].text_content())
        assert count == len(links_under(site, f"themes/{theme}/", "paragraphs"))


def test_speakers_index_groups_by_part_in_the_meeting(site: Site) -> None:
    page = site.page("speakers/")
    groups = [h.get("id") for h in page.xpath("//article//h2")]
    assert groups[:5] == ["role-chair", "role-keynote", "role-moderator", "role-panellist", "role-floor"]
    assert "role-representative" in groups
    panellists = page.get_element_by_id("role-panellist").getnext()
    assert [a.text_content() for a in panellists.xpath(".//a")] == [
        "Laura Chinchilla", "Mohamed Ibn Chambas", "Rabab Fatima"]


def test_every_paragraph_has_a_fixed_id_and_a_permalink(site: Site, corpus) -> None:
    for part in PARTS:
        page = site.page(RECORD + part + "/")
        for block in page.xpath('//div[@class="para"]'):
            permalink = block.xpath('.//a[@class="para__num"]')[0]
            assert permalink.get("href") == "#" + block.get("id")
        heading = page.xpath("//h1")[0]
        assert heading.xpath('./a[@class="headerlink"]/@href') == ["#" + heading.get("id")]
    published = {b.get("id") for p in PARTS for b in site.page(RECORD + p + "/").xpath('//div[@class="para"]')}
    assert published == {p.id for p in corpus.meeting_by_id["2024-04-02-human-security"].paragraphs}


def test_document_symbols_in_the_text_link_to_undocs(site: Site) -> None:
    page = site.page(RECORD + "overview/")
    links = page.xpath('//a[@class="doc-ref"]')
    assert ("A/78/665", "https://undocs.org/A/78/665") in {(a.text_content(), a.get("href")) for a in links}
    closing = site.page(RECORD + "concluding-remarks/")
    assert closing.xpath('//a[@class="doc-ref"]/@href') == ["https://undocs.org/A/RES/66/290"]


# Links, fragments and origins are checked in test_integrity.py.


# Search (Pagefind's index, one record per paragraph) is checked in test_search_index.py.
