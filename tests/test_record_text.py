"""The text of the record is sacred: the site shows every word of the source, in order.

These tests read the source and the declared corrections themselves (not
through the hooks' loader), so they check the build rather than restate it.
"""

from __future__ import annotations

import re

import yaml

from conftest import PARTS, RECORD, ROOT, Site


def expected_blocks() -> list[str]:
    source = (ROOT / "data/meetings/2024-04-02-human-security/source.txt").read_text(encoding="utf-8")
    corrections_file = ROOT / "data/meetings/2024-04-02-human-security/corrections.yml"
    corrections = yaml.safe_load(corrections_file.read_text(encoding="utf-8"))["corrections"]
    for correction in corrections:
        assert source.count(correction["original"]) == 1, correction["id"]
        source = source.replace(correction["original"], correction["corrected"])
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", source) if block.strip()]


def expected_paragraphs() -> list[str]:
    blocks = expected_blocks()[2:]  # the record's heading and title line are on the home page
    return [block for block in blocks if not re.match(r"^[IVX]+\. ", block)]


def published_paragraphs(site: Site) -> list[tuple[str, str, str]]:
    """(part, paragraph id, text without its number) in reading order."""
    found = []
    for part in PARTS:
        for block in site.page(RECORD + part + "/").xpath('//div[@class="para"]'):
            text = " ".join(block.xpath('./p[@class="para__text"]')[0].text_content().split())
            number, _, body = text.partition(" ")
            assert number == f"{block.get('data-para')}.", text[:40]
            found.append((part, block.get("id"), body))
    return found


def test_every_source_paragraph_is_published_whole_and_in_order(site: Site) -> None:
    published = [text for _, _, text in published_paragraphs(site)]
    assert published == expected_paragraphs()
    assert len(published) == 15


def test_paragraphs_are_numbered_one_to_n_across_the_record(site: Site) -> None:
    numbers = []
    for part in PARTS:
        numbers += [int(b.get("data-para")) for b in site.page(RECORD + part + "/").xpath('//div[@class="para"]')]
    assert numbers == list(range(1, 16))


def test_the_two_paragraphs_broken_by_a_page_break_are_whole(site: Site) -> None:
    texts = [text for _, _, text in published_paragraphs(site)]
    pga = [t for t in texts if "highlighting the upcoming Summit of the Future" in t]
    fatima = [t for t in texts if "Small Island Developing States (SIDS) expressed the value" in t]
    assert len(pga) == 1 and pga[0].startswith("The President of the General Assembly underscored")
    assert pga[0].endswith("on the way forward.")
    assert len(fatima) == 1 and fatima[0].startswith("Emphasizing how the challenges")
    assert fatima[0].endswith("effective implementation.")


def test_part_headings_and_record_title_match_the_source(site: Site) -> None:
    blocks = expected_blocks()
    headings = [b for b in blocks if re.match(r"^[IVX]+\. ", b)]
    published = [" ".join(site.page(RECORD + p + "/").xpath("//h1")[0].text_content().replace("¶", "").split())
                 for p in PARTS]
    assert published == headings
    front = site.page(RECORD).xpath('//div[@class="record-front"]/p')
    assert [" ".join(p.text_content().split()) for p in front] == blocks[:2]


def test_lost_hyphens_are_mended_and_declared(site: Site) -> None:
    text = " ".join(t for _, _, t in published_paragraphs(site))
    assert "peoplecentred" not in text and "cochair" not in text
    assert "people-centred process" in text and "co-chair of the High-Level" in text
    notes = site.page(RECORD + "notes/")
    ids = set(notes.xpath('//div[@class="correction"]/@id'))
    assert ids == {"page-break-pga", "page-break-fatima", "hyphen-people-centred", "hyphen-co-chair"}
