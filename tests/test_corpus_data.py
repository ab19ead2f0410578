"""The whole corpus as data (issue 18, "Reuse"): /data/ holds every paragraph and every delegation's
vote as CSV and JSON Lines, described by a Frictionless Data Package, and the people and organizations
as Popolo JSON; the Data page links and describes them.

Each file is read by a real reader (the `frictionless` validator for the package and its tables,
the csv and json modules for the rows, EveryPolitician's Popolo reader for popolo.json) and checked
against the model and against the built pages, not against the exporter.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import frictionless
import pytest
from popolo_data.importer import Popolo

from conftest import Site
from recordkit import corpus_data
from recordkit.model import VOTE_POSITIONS, Corpus, Delegation

# One worker validates the package once (about five seconds) for the module's tests.
pytestmark = pytest.mark.xdist_group("corpus-data")

DATA = "data/"
TABLES = ("paragraphs", "votes")
FORMATS = ("csv", "jsonl")


@pytest.fixture(scope="module")
def package(site_dir: Path) -> dict[str, Any]:
    return json.loads((site_dir / DATA / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(site_dir: Path) -> frictionless.Report:
    """frictionless validates the descriptor against the Data Package profile, then every resource: its
    size and hash, each row against its schema's types and constraints, primary and foreign keys."""
    return frictionless.validate(str(site_dir / DATA / "datapackage.json"))


def resource(package: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in package["resources"] if r["name"] == name)


@pytest.fixture(scope="module")
def rows(site_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """"paragraphs.csv" -> its rows as the csv module reads them (text cells); ".jsonl" -> the json module's."""
    read: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        with (site_dir / DATA / f"{table}.csv").open(encoding="utf-8", newline="") as file:
            read[f"{table}.csv"] = list(csv.DictReader(file))
        lines = (site_dir / DATA / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        read[f"{table}.jsonl"] = [json.loads(line) for line in lines]
    return read


def listed_votes(corpus: Corpus) -> list[tuple[str, str, str, str]]:
    """(meeting, decision, delegation, position) of every delegation listed in every vote, from the model."""
    return [(meeting.id, vote.id, delegation, position) for meeting in corpus.meetings for vote in meeting.votes
            for position, delegations in vote.positions() for delegation in delegations]


# -- the package -------------------------------------------------------------------------------


def test_frictionless_validates_the_package_and_every_file(report: frictionless.Report,
                                                           package: dict[str, Any]) -> None:
    errors = report.flatten(["type", "note", "resourcePath", "rowNumber", "fieldName"])
    assert report.valid, errors[:20]
    assert [task.name for task in report.tasks] == [r["name"] for r in package["resources"]] == [
        "paragraphs-csv", "paragraphs-jsonl", "votes-csv", "votes-jsonl", "popolo-json"]


def test_the_validator_reads_as_many_rows_as_the_model_holds(report: frictionless.Report, corpus: Corpus) -> None:
    counted = {task.name: task.stats.get("rows") for task in report.tasks}
    paragraphs = len(corpus.paragraphs)
    votes = len(listed_votes(corpus))  # the sum over the votes of the delegations each lists
    assert paragraphs > 1000 and votes > 3000
    assert counted == {"paragraphs-csv": paragraphs, "paragraphs-jsonl": paragraphs, "votes-csv": votes,
                       "votes-jsonl": votes, "popolo-json": None}


def test_the_package_declares_its_tables_keys_and_licence(package: dict[str, Any], site_url: str) -> None:
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["homepage"] == site_url + DATA
    licences = " ".join(licence["title"] for licence in package["licenses"])
    assert "United Nations" in licences and "project" in licences
    assert any("un.org" in licence["path"] for licence in package["licenses"])
    for table in TABLES:
        csv_schema, jsonl_schema = (resource(package, f"{table}-{fmt}")["schema"] for fmt in FORMATS)
        assert csv_schema["fields"] == jsonl_schema["fields"]  # one field list, two formats
        assert csv_schema["primaryKey"] == jsonl_schema["primaryKey"]
    votes = resource(package, "votes-csv")["schema"]
    assert votes["primaryKey"] == ["meeting", "decision", "delegation"]
    assert votes["foreignKeys"] == [{"fields": ["meeting", "paragraph"],
                                     "reference": {"resource": "paragraphs-csv", "fields": ["meeting", "id"]}}]
    positions = next(f for f in votes["fields"] if f["name"] == "position")
    assert positions["constraints"]["enum"] == list(VOTE_POSITIONS)


def test_a_damaged_file_fails_validation(site_dir: Path, tmp_path: Path) -> None:
    """The package's constraints and hashes bite: a vote for an unknown position, on a paragraph that is
    not in the paragraphs table, in a file whose bytes changed."""
    copy = tmp_path / "data"
    shutil.copytree(site_dir / DATA, copy)
    votes = copy / "votes.csv"
    header, first, *rest = votes.read_bytes().decode("utf-8").split("\r\n")
    cells = next(csv.reader([first]))
    names = next(csv.reader([header]))
    cells[names.index("position")] = "in-favor"
    cells[names.index("paragraph")] = "p-not-there"
    with votes.open("w", encoding="utf-8", newline="") as file:
        file.write(header + "\r\n")
        csv.writer(file, lineterminator="\r\n").writerow(cells)
        file.write("\r\n".join(rest))
    package = frictionless.Package(str(copy / "datapackage.json"))
    found = {error_type for [error_type] in package.get_resource("votes-csv").validate().flatten(["type"])}
    assert {"constraint-error", "foreign-key", "hash-count"} <= found


# -- the rows ------------------------------------------------------------------------------------


def as_csv_cell(value: Any, field: dict[str, Any]) -> str:
    """A JSON Lines value as the package says the CSV writes it."""
    if field["type"] == "list":
        return field["delimiter"].join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def test_the_json_lines_rows_equal_the_csv_rows(rows: dict[str, list[dict[str, Any]]],
                                                package: dict[str, Any], site_dir: Path) -> None:
    for table in TABLES:
        fields = resource(package, f"{table}-csv")["schema"]["fields"]
        names = [field["name"] for field in fields]
        with (site_dir / DATA / f"{table}.csv").open(encoding="utf-8", newline="") as file:
            assert next(csv.reader(file)) == names
        from_csv, from_jsonl = rows[f"{table}.csv"], rows[f"{table}.jsonl"]
        assert len(from_csv) == len(from_jsonl)
        for text_row, json_row in zip(from_csv, from_jsonl, strict=True):
            assert list(json_row) == names
            assert {f["name"]: as_csv_cell(json_row[f["name"]], f) for f in fields} == text_row
        lists = [field["name"] for field in fields if field["type"] == "list"]
        assert all(isinstance(row[name], list) for row in from_jsonl for name in lists)


def test_each_paragraph_row_is_the_paragraph_on_its_page(rows: dict[str, list[dict[str, Any]]], corpus: Corpus,
                                                         site: Site, site_url: str) -> None:
    model = {p.key: p for p in corpus.paragraphs}
    listed = rows["paragraphs.jsonl"]
    assert [f"{row['meeting']}/{row['id']}" for row in listed] == list(model)  # every one, in the site's order
    ids = lambda block, kind: [href.rstrip("/").rsplit("/", 1)[-1]  # noqa: E731
                               for href in block.xpath(f'.//a[contains(@class, "chip--{kind}")]/@href')]
    for row in listed:
        paragraph, meeting = model[f"{row['meeting']}/{row['id']}"], corpus.meeting_by_id[row["meeting"]]
        assert row["url"].startswith(site_url), row["url"]
        page, _, anchor = row["url"][len(site_url):].partition("#")
        [block] = site.page(page).xpath(f'//div[contains(@class, "para")][@id="{anchor}"]')
        assert anchor == row["id"] and block.get("data-para") == str(row["number"])
        assert block.xpath('.//button[text()="Copy link"]/@data-copy') == [row["url"]]
        assert ids(block, "speaker") == row["speakers"]
        assert ids(block, "delegation") == list(dict.fromkeys(filter(None, (row["delegation"],
                                                                            *row["on_behalf_of"]))))
        assert ids(block, "theme") == row["themes"]
        words = " ".join(block.xpath('./p[@class="para__text"]')[0].text_content().split())
        assert words == f"{row['number']}. " + " ".join(row["text"].split())
        assert (row["date"], row["body"], row["symbol"] or "") == (meeting.date.isoformat(), meeting.body,
                                                                   meeting.symbol)
        assert row["documents"] == list(paragraph.documents) and row["language"] == (paragraph.language or None)
        assert row["speaker_names"] == [corpus.speakers[s].name for s in paragraph.speakers]


def test_each_vote_row_is_a_delegation_in_its_column_on_the_vote_page(rows: dict[str, list[dict[str, Any]]],
                                                                     corpus: Corpus, site: Site,
                                                                     site_url: str) -> None:
    listed = rows["votes.jsonl"]
    assert [(r["meeting"], r["decision"], r["delegation"], r["position"]) for r in listed] == listed_votes(corpus)
    columns: Counter[tuple[str, str]] = Counter()
    for row in listed:
        page, _, anchor = row["url"][len(site_url):].partition("#")
        assert row["url"].startswith(site_url) and page == f"records/{row['meeting']}/votes/{row['decision']}/"
        position = row["position"].replace("_", "-")
        [item] = site.page(page).xpath(f'//section[contains(@class, "vote-column--{position}")]'
                                       f'//li[@id="{anchor}"]')
        assert anchor == f"vote-{row['delegation']}"
        assert item.text_content() == row["delegation_name"]
        columns[(page, position)] += 1
    for (page, position), count in columns.items():  # no delegation of a column left out
        assert len(site.page(page).xpath(f'//section[contains(@class, "vote-column--{position}")]//li')) == count


# -- people and organizations ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def popolo(site_dir: Path) -> Popolo:
    return Popolo(json.loads((site_dir / DATA / "popolo.json").read_text(encoding="utf-8")))


def pages_under(site_dir: Path, folder: str) -> set[str]:
    """The ids of the pages /<folder>/<id>/ the site publishes (not their year pages)."""
    return {path.parent.name for path in (site_dir / folder).glob("*/index.html")}


def test_popolo_lists_every_speaker_and_delegation_of_the_site(popolo: Popolo, site_dir: Path, site_url: str,
                                                                corpus: Corpus) -> None:
    persons = {person.id: person for person in popolo.persons}
    organizations = {org.id: org for org in popolo.organizations}
    by_kind: dict[str, set[str]] = {}
    for org in popolo.organizations:
        by_kind.setdefault(org.classification, set()).add(org.id)
    # A speaker page is a person's, or the floor's ("Member States and Observers": many delegations).
    assert persons.keys() | by_kind["collective-speaker"] == pages_under(site_dir, "speakers")
    assert len(persons) > 100
    delegations = set().union(*(by_kind.get(kind, set()) for kind in ("member-state", "observer", "group",
                                                                      "organization")))
    assert delegations == pages_under(site_dir, "delegations")
    assert by_kind["united-nations-body"] == {"general-assembly", "security-council"}
    for person_id, person in persons.items():
        assert person.name == corpus.speakers[person_id].name
        assert [link["url"] for link in person.links] == [site_url + f"speakers/{person_id}/"]
    for org_id in by_kind["collective-speaker"]:
        assert [link["url"] for link in organizations[org_id].links] == [site_url + f"speakers/{org_id}/"]
    for org_id in delegations:
        assert organizations[org_id].name == corpus.delegations[org_id].name
        assert [link["url"] for link in organizations[org_id].links] == [site_url + f"delegations/{org_id}/"]
    for org_id in by_kind["united-nations-body"]:
        assert [link["url"] for link in organizations[org_id].links] == [site_url + f"{org_id}/"]
        assert (site_dir / org_id / "index.html").is_file()


def test_popolo_memberships_give_each_speakers_delegation_and_roles(popolo: Popolo, corpus: Corpus) -> None:
    delegation_of, roles = {}, set()
    for membership in popolo.memberships:
        organization = membership.organization  # the reader resolves each id, or raises KeyError
        member = membership.person.id if membership.person_id else membership.data["member"]["id"]
        if membership.on_behalf_of_id:
            assert membership.on_behalf_of.classification in ("member-state", "observer", "group", "organization")
        if membership.role is None:
            delegation_of[member] = organization.id
        else:
            assert organization.classification == "united-nations-body"
            roles.add((member, organization.id, membership.role, membership.data["start_date"]))
    assert delegation_of == {s.id: s.delegation for s in corpus.speakers.values() if s.delegation}
    assert roles == {(speaker, meeting.body, corpus.roles[role].label, meeting.date.isoformat())
                     for meeting in corpus.meetings for speaker, role in meeting.participants.items()}
    # A Council member's representative is there for the member; the Council's President for its own country.
    council = corpus.meeting_by_id["s-pv-8422"]
    on_behalf = {m.person_id: m.on_behalf_of_id for m in popolo.memberships if m.data["id"].startswith("s-pv-8422/")}
    assert all(on_behalf[member.representative] == member.delegation for member in council.members)
    assert on_behalf[council.president] == corpus.speakers[council.president].delegation


def test_two_organizations_with_one_id_stop_the_build(corpus: Corpus) -> None:
    clash = Delegation(id="general-assembly", name="A delegation named like a body", kind="group")
    changed = replace(corpus, delegations={**corpus.delegations, clash.id: clash})
    from recordkit.urls import SiteUrls

    with pytest.raises(corpus_data.CorpusDataError, match="'general-assembly' is both"):
        corpus_data.popolo(changed, SiteUrls(changed))


def test_a_list_item_holding_the_delimiter_stops_the_build() -> None:
    [speakers] = [c for c in corpus_data.columns(corpus_data.ParagraphRow) if c.name == "speaker_names"]
    assert speakers.csv_cell(("Ana", "Bo")) == "Ana;Bo"
    with pytest.raises(corpus_data.CorpusDataError, match="speaker_names"):
        speakers.csv_cell(("Smith; Jones",))


# -- the Data page ---------------------------------------------------------------------------------


def test_the_data_page_links_and_describes_every_file(site: Site, site_dir: Path, package: dict[str, Any]) -> None:
    page = site.page(DATA)
    entries = page.xpath('//dl[contains(@class, "data-files")]/dt')
    names = [dt.xpath("./a")[0].text_content() for dt in entries]
    assert names == ["datapackage.json", *(r["path"] for r in package["resources"])]
    for dt in entries:
        link = dt.xpath("./a")[0]
        assert (site_dir / DATA / link.get("href")).is_file() and link.get("href") == link.text_content()
        described = dt.getnext()
        assert described.tag == "dd" and len(described.text_content().split()) > 10
    labels = {dt.xpath("./a")[0].text_content(): dt.text_content() for dt in entries}
    assert "Frictionless Data Package" in labels["datapackage.json"] and "Popolo" in labels["popolo.json"]
    assert "CSV" in labels["votes.csv"] and "JSON Lines" in labels["votes.jsonl"]
    # Each table's columns, as the package declares them, with their types.
    for table in TABLES:
        fields = resource(package, f"{table}-csv")["schema"]["fields"]
        listed = page.xpath(f'//h2[@id="{table}"]/following-sibling::dl[1]/dt')
        assert [item.xpath("./code")[0].text_content() for item in listed] == [f["name"] for f in fields]
        assert [item.xpath('./span[@class="data-columns__type"]')[0].text_content().split(",")[0]
                for item in listed] == [f["type"] for f in fields]
        assert [item.getnext().text_content() for item in listed] == [f["description"] for f in fields]
    assert page.xpath('//h2[@id="licence"]') and "United Nations" in page.xpath(
        '//h2[@id="licence"]/following-sibling::p[1]')[0].text_content()


def test_the_data_page_is_in_the_nav_and_among_the_home_pages_ways_in(site: Site) -> None:
    home = site.page("")
    assert "data/" in home.xpath('//ul[@class="ways-in"]//a/@href')
    assert any(href.rstrip("/").endswith("data") for href in home.xpath('//nav[contains(@class, "md-nav")]//a/@href'))
