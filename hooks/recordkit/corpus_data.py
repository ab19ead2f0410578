"""The whole corpus as open data, beside the Data page (`/data/`): every paragraph and every
delegation's vote as CSV and JSON Lines, described by a Frictionless Data Package
(`datapackage.json`), and the people and organizations as Popolo JSON (`popolo.json`).

Each table's columns are written once, as the fields of its row dataclass (`column(...)`: the
Table Schema type, a description, constraints): the CSV header, the JSON Lines keys, the Data
Package's schema and the Data page's list of columns all come from that one list. The rows are
made from the same `Corpus` as the pages, so their ids, numbers, text and URLs are the site's.

The files are a function of the corpus alone (no clock, no set order), so two builds of the same
sources write the same bytes; `datapackage.json` gives each file's size and SHA-256.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from . import urls as paths
from .model import DECISION_METHODS, DECISION_RESULTS, PARAGRAPH_KINDS, VOTE_POSITIONS, Corpus, Meeting
from .urls import SiteUrls

# Data Package v2 (datapackage.org): its Table Schema has the `list` type the CSV files use.
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PACKAGE_NAME = "un-meeting-records"
# Changes when a column is removed or changes meaning (adding one does not).
FORMAT_VERSION = "1.0.0"
# Between the items of a list in a CSV cell ("takasu;chinchilla"); no id or name holds one.
LIST_DELIMITER = ";"
UN_TERMS_OF_USE = "https://www.un.org/en/about-us/terms-of-use"
LICENCE_NOTE = ("The text of the records is the United Nations' (its terms of use apply); their structure, "
                "annotations and indexes (ids, speakers, delegations, themes, documents, links) are the "
                "project's editors'.")

# Table Schema field types (datapackage.org/standard/table-schema) the columns use.
STRING, INTEGER, DATE, BOOLEAN, LIST = "string", "integer", "date", "boolean", "list"


class CorpusDataError(ValueError):
    """The corpus cannot be written as these files as it stands (a list item holding the delimiter,
    two organizations with one id): the message names what to change."""


def column(kind: str, description: str, *, required: bool = False, enum: tuple[str, ...] = (),
           url: bool = False) -> Any:
    """A column of a table: a row dataclass's field, with its Table Schema type and description."""
    return field(metadata={"type": kind, "description": description, "required": required, "enum": enum,
                           "format": "uri" if url else ""})


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool
    enum: tuple[str, ...]
    format: str

    def schema(self) -> dict[str, Any]:
        """The column as a Table Schema field."""
        described: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            described["format"] = self.format
        if self.type == LIST:
            described.update(delimiter=LIST_DELIMITER, itemType=STRING)
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            described["constraints"] = constraints
        return described

    def csv_cell(self, value: Any) -> str:
        """The value as CSV text: a list joined by LIST_DELIMITER, true/false, a date in ISO form."""
        if self.type == LIST:
            for item in value:
                if LIST_DELIMITER in item:
                    raise CorpusDataError(f"column {self.name}: {item!r} holds {LIST_DELIMITER!r}, "
                                          "the CSV files' list delimiter")
            return LIST_DELIMITER.join(value)
        if self.type == BOOLEAN:
            return "true" if value else "false"
        if self.type == DATE:
            return value.isoformat()
        return "" if value is None else str(value)

    def json_value(self, value: Any) -> Any:
        """The value in JSON: a list as an array, a date in ISO form, an empty optional value as null."""
        if self.type == LIST:
            return list(value)
        if self.type == DATE:
            return value.isoformat()
        if not self.required and value == "":
            return None
        return value


def columns(row_type: type) -> list[Column]:
    """The table's columns, in order: the fields of its row dataclass."""
    return [Column(f.name, f.metadata["type"], f.metadata["description"], f.metadata["required"],
                   f.metadata["enum"], f.metadata["format"]) for f in fields(row_type)]


# -- the tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphRow:
    """A paragraph of a record: statement, decision or procedural line, as the site numbers and links it."""

    meeting: str = column(STRING, "The meeting's id: its record is at /records/<meeting>/.", required=True)
    id: str = column(STRING, "The paragraph's id, unique within its meeting: its anchor on the page "
                             "(after the # of its url).", required=True)
    number: int = column(INTEGER, "The paragraph's number in its record, 1 to N.", required=True)
    url: str = column(STRING, "The paragraph's permanent URL.", required=True, url=True)
    body: str = column(STRING, "The body that met (general-assembly, security-council): the id of its page "
                               "and of its organization in popolo.json.", required=True)
    date: dt.date = column(DATE, "The date of the meeting.", required=True)
    symbol: str = column(STRING, "The record's UN document symbol (A/65/PV.71); empty for a summary.")
    part: str = column(STRING, "The id of the part of the record (an agenda item, a section).", required=True)
    part_title: str = column(STRING, "The part's title as the site shows it.", required=True)
    kind: str = column(STRING, "statement, decision (a decision's outcome, a stage note) or procedural.",
                       required=True, enum=PARAGRAPH_KINDS)
    opens_statement: bool = column(BOOLEAN, "Whether the paragraph opens a statement; a verbatim statement "
                                            "runs on over the paragraphs that follow it.", required=True)
    speakers: tuple[str, ...] = column(LIST, "The ids of who speaks (persons in popolo.json, each with a page "
                                             "at /speakers/<id>/).")
    speaker_names: tuple[str, ...] = column(LIST, "Their names, in the same order.")
    delegation: str = column(STRING, "The id of the delegation the speaker speaks for (an organization in "
                                     "popolo.json, a page at /delegations/<id>/).")
    delegation_name: str = column(STRING, "Its name.")
    on_behalf_of: tuple[str, ...] = column(LIST, "The ids of the groups the statement is made on behalf of.")
    language: str = column(STRING, "The language the speaker spoke, where the record notes it (\"spoke in "
                                   "Chinese\"); the text is the record's English.")
    themes: tuple[str, ...] = column(LIST, "The ids of the paragraph's themes (/themes/<id>/).")
    documents: tuple[str, ...] = column(LIST, "The ids of the documents it cites (/documents/<id>/).")
    text: str = column(STRING, "The paragraph's text, as the record prints it with the declared "
                               "editorial corrections.", required=True)


@dataclass(frozen=True)
class VoteRow:
    """One delegation's vote on a decision taken by vote, as the record lists it."""

    meeting: str = column(STRING, "The meeting's id: its record is at /records/<meeting>/.", required=True)
    decision: str = column(STRING, "The decision's id, unique within its meeting: its vote's page is "
                                   "/records/<meeting>/votes/<decision>/.", required=True)
    url: str = column(STRING, "The delegation's vote on the vote's page: its permanent URL.", required=True,
                      url=True)
    date: dt.date = column(DATE, "The date of the meeting.", required=True)
    body: str = column(STRING, "The body that voted (general-assembly, security-council).", required=True)
    symbol: str = column(STRING, "The record's UN document symbol.")
    paragraph: str = column(STRING, "The id of the paragraph stating the outcome (with meeting, a row of "
                                    "the paragraphs table).", required=True)
    decided: str = column(STRING, "What was decided: the draft and its title as the record names them.",
                          required=True)
    outcome_document: str = column(STRING, "The id of the resolution or decision adopted (/documents/<id>/), "
                                           "where the record gives it.")
    method: str = column(STRING, "How: recorded-vote (the General Assembly) or council-vote (the Security "
                                 "Council, by show of hands).", required=True, enum=tuple(DECISION_METHODS))
    result: str = column(STRING, "adopted or not-adopted.", required=True, enum=tuple(DECISION_RESULTS))
    delegation: str = column(STRING, "The id of the delegation that voted (/delegations/<id>/).", required=True)
    delegation_name: str = column(STRING, "Its name.", required=True)
    position: str = column(STRING, "in_favour, against or abstaining.", required=True,
                           enum=tuple(VOTE_POSITIONS))


@dataclass(frozen=True)
class Table:
    """A table of the package: written as `<name>.csv` and `<name>.jsonl`."""

    name: str
    title: str
    description: str
    row: type
    primary_key: tuple[str, ...]
    # (columns, the referenced table, its columns)
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    @property
    def columns(self) -> list[Column]:
        return columns(self.row)


PARAGRAPHS = Table("paragraphs", "Paragraphs",
                   "Every paragraph of every record: statements, decisions and procedural lines, each with its "
                   "id, permanent URL, meeting, body, date, part, speakers, delegation, language, themes, "
                   "documents and text. Newest meeting first, then in record order.",
                   ParagraphRow, ("meeting", "id"))
VOTES = Table("votes", "Votes",
              "Every delegation's vote on every decision taken by vote whose lists the record prints: the "
              "decision, the meeting, what was decided, how, the result, the delegation and its position. "
              "Newest meeting first, then in record order, each vote's positions in the record's order.",
              VoteRow, ("meeting", "decision", "delegation"),
              foreign_keys=((("meeting", "paragraph"), "paragraphs", ("meeting", "id")),))
TABLES = (PARAGRAPHS, VOTES)


def paragraph_rows(corpus: Corpus, urls: SiteUrls) -> list[ParagraphRow]:
    rows = []
    for meeting in corpus.meetings:
        for paragraph in meeting.paragraphs:
            delegation = corpus.delegations.get(paragraph.delegation)
            rows.append(ParagraphRow(
                meeting=meeting.id, id=paragraph.id, number=paragraph.number,
                url=urls.absolute(urls.paragraph(paragraph)), body=meeting.body, date=meeting.date,
                symbol=meeting.symbol, part=paragraph.part_id, part_title=corpus.part_of[paragraph.key].display_title,
                kind=paragraph.kind, opens_statement=paragraph.opens_statement, speakers=paragraph.speakers,
                speaker_names=tuple(corpus.speakers[s].name for s in paragraph.speakers),
                delegation=paragraph.delegation, delegation_name=delegation.name if delegation else "",
                on_behalf_of=paragraph.on_behalf_of, language=paragraph.language, themes=paragraph.themes,
                documents=paragraph.documents, text=paragraph.text))
    return rows


def vote_rows(corpus: Corpus, urls: SiteUrls) -> list[VoteRow]:
    rows = []
    for meeting in corpus.meetings:
        for decision in meeting.votes:
            page = urls.absolute(urls.vote(decision))
            for position, delegation_ids in decision.positions():
                rows += [VoteRow(meeting=meeting.id, decision=decision.id, url=f"{page}#vote-{delegation_id}",
                                 date=meeting.date, body=meeting.body, symbol=meeting.symbol,
                                 paragraph=decision.paragraph, decided=decision.label,
                                 outcome_document=decision.outcome_document, method=decision.method,
                                 result=decision.result, delegation=delegation_id,
                                 delegation_name=corpus.delegations[delegation_id].name, position=position)
                         for delegation_id in delegation_ids]
    return rows


def row_counts(corpus: Corpus) -> dict[str, int]:
    """How many rows each table holds, without making them (for the Data page)."""
    return {PARAGRAPHS.name: len(corpus.paragraphs),
            VOTES.name: sum(len(ids) for m in corpus.meetings for d in m.votes for _, ids in d.positions())}


def csv_text(table: Table, rows: list[Any]) -> str:
    """RFC 4180 CSV: a header of the columns' names, then a line per row (fields quoted where needed)."""
    return csv_header(table) + csv_rows(table, rows)


def csv_header(table: Table) -> str:
    return _csv_lines([[c.name for c in table.columns]])


def csv_rows(table: Table, rows: list[Any]) -> str:
    """The rows' lines without the header: a partitioned build concatenates its partitions' (partitions.py)."""
    cols = table.columns
    return _csv_lines([c.csv_cell(getattr(row, c.name)) for c in cols] for row in rows)


def _csv_lines(lines: Iterable[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    return out.getvalue()


def table_texts(corpus: Corpus, urls: SiteUrls) -> dict[str, tuple[str, str]]:
    """Each table's rows as CSV lines (no header) and as JSON Lines."""
    rows: dict[str, list[Any]] = {PARAGRAPHS.name: paragraph_rows(corpus, urls), VOTES.name: vote_rows(corpus, urls)}
    return {table.name: (csv_rows(table, rows[table.name]), jsonl_text(table, rows[table.name])) for table in TABLES}


def jsonl_text(table: Table, rows: list[Any]) -> str:
    """JSON Lines: an object per row, its keys the columns' names in order."""
    cols = table.columns
    return "".join(json.dumps({c.name: c.json_value(getattr(row, c.name)) for c in cols}, ensure_ascii=False) + "\n"
                   for row in rows)


# -- people and organizations (Popolo) ------------------------------------------------------------


def _link(url: str, note: str) -> list[dict[str, str]]:
    return [{"url": url, "note": note}]


def _speaks_for(meeting: Meeting) -> dict[str, str]:
    """Speaker id -> the delegation they represent in this meeting: a Council member's representative's
    member, else the delegation of their first statement made for one (the Council's President speaks
    "in my capacity as the representative of ..."); none for those who speak for no delegation."""
    delegations = {member.representative: member.delegation for member in meeting.members}
    for paragraph in meeting.statements:
        for speaker_id in paragraph.speakers:
            if paragraph.delegation:
                delegations.setdefault(speaker_id, paragraph.delegation)
    return delegations


def popolo(corpus: Corpus, urls: SiteUrls) -> dict[str, Any]:
    """Persons (the speakers), organizations (the bodies, the delegations and a collective speaker such
    as the floor) and memberships (a speaker's delegation; each role a speaker plays in a meeting, for
    the delegation they represent there) in the Popolo JSON that SayIt and EveryPolitician exchange.
    Ids are the site's: a person's or delegation's id is that of its page."""
    persons: list[dict[str, Any]] = []
    organizations: list[dict[str, Any]] = [{"id": body.id, "name": body.name, "abbreviation": body.short_name,
                      "classification": "united-nations-body",
                      "links": _link(urls.absolute(urls.body(body.id)), "Its meetings on this site")}
                     for body in corpus.bodies_with_meetings]
    for d in corpus.delegations.values():
        other_names = {"other_names": [{"name": name} for name in d.names]} if d.names else {}
        organizations.append({"id": d.id, "name": d.name, "classification": d.kind, **other_names,
                              "links": _link(urls.absolute(urls.delegation(d.id)),
                                             "Its statements and votes on this site")})
    memberships: list[dict[str, Any]] = []
    for speaker in corpus.speakers.values():
        link = _link(urls.absolute(urls.speaker(speaker.id)), "Statements on this site")
        if speaker.collective:
            # The floor ("Member States and Observers") is many delegations, not a person.
            organizations.append({"id": speaker.id, "name": speaker.name, "classification": "collective-speaker",
                                  "links": link})
            continue
        person: dict[str, Any] = {"id": speaker.id, "name": speaker.name}
        if speaker.honorific:
            person["honorific_prefix"] = speaker.honorific
        if speaker.titles:
            person["summary"] = "; ".join(speaker.titles)
        persons.append({**person, "links": link})
        if speaker.delegation:
            delegation = corpus.delegations[speaker.delegation]
            memberships.append({"id": f"{speaker.id}/delegation", "person_id": speaker.id,
                                "organization_id": delegation.id,
                                "label": f"{speaker.full_name} ({delegation.name})"})
    for meeting in corpus.meetings:
        speaks_for = _speaks_for(meeting)
        meeting_link = _link(urls.absolute(urls.meeting(meeting)), meeting.citation_title)
        for speaker_id, role_id in meeting.participants.items():
            speaker, role = corpus.speakers[speaker_id], corpus.roles[role_id]
            member: dict[str, Any] = {"member": {"@type": "Organization", "id": speaker_id}} if speaker.collective \
                else {"person_id": speaker_id}
            membership: dict[str, Any] = {"id": f"{meeting.id}/{speaker_id}", **member, "organization_id": meeting.body,
                          "role": role.label, "label": f"{role.label}, {meeting.short_title}"}
            if speaks_for.get(speaker_id):
                membership["on_behalf_of_id"] = speaks_for[speaker_id]
            memberships.append({**membership, "start_date": meeting.date.isoformat(),
                                "end_date": meeting.date.isoformat(), "links": meeting_link})
    seen: dict[str, str] = {}
    for organization in organizations:
        if organization["id"] in seen:
            raise CorpusDataError(f"popolo.json: the organization id {organization['id']!r} is both "
                                  f"{seen[organization['id']]!r} and {organization['name']!r}: rename one")
        seen[organization["id"]] = organization["name"]
    return {"persons": persons, "organizations": organizations, "memberships": memberships}


def popolo_text(corpus: Corpus, urls: SiteUrls) -> str:
    return json.dumps(popolo(corpus, urls), ensure_ascii=False, indent=2) + "\n"


# -- the files and their package ---------------------------------------------------------------------


@dataclass(frozen=True)
class DataFile:
    """A file of the package, as the Data page and datapackage.json describe it."""

    name: str  # the file's name in /data/
    format: str  # the Data Package `format`
    mediatype: str
    label: str  # the format as a reader names it
    description: str
    table: Table | None = None

    @property
    def resource(self) -> str:
        """Its resource's name in datapackage.json ("paragraphs-csv")."""
        return self.name.replace(".", "-")


DATAPACKAGE = "datapackage.json"
POPOLO = "popolo.json"


def data_files() -> list[DataFile]:
    """Every file of the corpus' open data, datapackage.json first."""
    files = [DataFile(DATAPACKAGE, "json", "application/json", "Frictionless Data Package",
                      "Describes the files below: each table's columns with their types, constraints and keys, "
                      "each file's size and SHA-256, and the licence note. Frictionless tools validate and load "
                      "the package (frictionless validate, Python, R, JavaScript).")]
    for table in TABLES:
        lists = any(c.type == LIST for c in table.columns)
        files.append(DataFile(f"{table.name}.csv", "csv", "text/csv", "CSV",
                              f"{table.description} UTF-8, a header line"
                              + (f"; a list holds its items separated by \"{LIST_DELIMITER}\"." if lists else "."),
                              table))
        files.append(DataFile(f"{table.name}.jsonl", "jsonl", "application/jsonl", "JSON Lines",
                              f"The same rows as {table.name}.csv, one JSON object a line: lists as arrays, "
                              "numbers and booleans as such, an empty value as null.", table))
    files.append(DataFile(POPOLO, "json", "application/json", "Popolo JSON",
                          "The people and organizations of the records in the Popolo format that SayIt and "
                          "EveryPolitician exchange: persons (the speakers), organizations (the bodies, the "
                          "delegations and the floor), and memberships (a speaker's delegation; each role a "
                          "speaker plays in a meeting, on behalf of the delegation they represent there, with its "
                          "date). Ids are those of the site's speaker and delegation pages."))
    return files


def _resource(data_file: DataFile, written: Written) -> dict[str, Any]:
    table = data_file.table
    resource: dict[str, Any] = {"name": data_file.resource, "path": data_file.name}
    if table is not None:
        resource["type"] = "table"
    resource.update(title=f"{table.title} ({data_file.label})" if table else data_file.label,
                    description=data_file.description, format=data_file.format, mediatype=data_file.mediatype,
                    encoding="utf-8", bytes=written.size, hash=f"sha256:{written.sha256}")
    if table is None:
        return resource
    if data_file.format == "csv":
        resource["dialect"] = {"header": True, "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"",
                               "doubleQuote": True}
    suffix = data_file.resource[len(table.name):]  # the same format's table: "-csv", "-jsonl"
    schema: dict[str, Any] = {"fields": [c.schema() for c in table.columns], "missingValues": [""],
                              "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(own), "reference": {"resource": other + suffix,
                                                                     "fields": list(theirs)}}
                                 for own, other, theirs in table.foreign_keys]
    return {**resource, "schema": schema}


def data_package(urls: SiteUrls, contents: dict[str, Written], *, title: str) -> dict[str, Any]:
    """The Data Package describing the files (`contents`: file name -> its size and hash, in data_files' order)."""
    described = {f.name: f for f in data_files()}
    package: dict[str, Any] = {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": PACKAGE_NAME,
        "title": title,
        "description": "The whole corpus of United Nations meeting records published on the site, as data: every "
                       "paragraph and every delegation's vote (CSV and JSON Lines, the same rows), and the people "
                       "and organizations (Popolo JSON). Rebuilt with the site: the ids, numbers, text and "
                       f"permanent URLs are the site's. {LICENCE_NOTE}",
        "homepage": urls.absolute(urls.page(paths.DATA)),
        "version": FORMAT_VERSION,
        "keywords": ["United Nations", "meeting records", "General Assembly", "Security Council", "votes",
                     "parliamentary debates"],
        "licenses": [
            {"path": UN_TERMS_OF_USE, "title": "Text of the records: United Nations, under its terms of use"},
            {"path": urls.absolute(urls.page(paths.DATA)) + "#licence",
             "title": "Structure, annotations and indexes: the project's editors"},
        ],
        "resources": [_resource(described[name], content) for name, content in contents.items()],
    }
    return package


@dataclass(frozen=True)
class Written:
    size: int
    sha256: str


def _write(path: Path, chunks: Iterable[bytes]) -> Written:
    """Write `chunks` to `path`, measuring them on the way: a table of millions of rows is never whole in memory."""
    digest, size = hashlib.sha256(), 0
    with path.open("wb") as out:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Written(size, digest.hexdigest())


def _chunks(paths: Iterable[Path]) -> Iterator[bytes]:
    for path in paths:
        yield path.read_bytes()


def write_corpus_data(corpus: Corpus, urls: SiteUrls, site_dir: Path, *, title: str,
                      tables: dict[str, tuple[list[Path], list[Path]]] | None = None) -> list[Path]:
    """Write the tables, popolo.json and datapackage.json into the built site's /data/ folder. `tables`:
    each table's files of CSV rows and of JSON Lines, made apart (a partitioned build's), concatenated in
    their order; by default the tables are made from `corpus`."""
    texts = table_texts(corpus, urls) if tables is None else {}
    folder = site_dir / paths.DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    contents: dict[str, Written] = {}
    for data_file in data_files():
        table, path = data_file.table, folder / data_file.name
        if table is not None:
            csv_file = data_file.format == "csv"
            header = [csv_header(table).encode("utf-8")] if csv_file else []
            rows: Iterable[bytes]
            if tables is None:
                rows = [texts[table.name][0 if csv_file else 1].encode("utf-8")]
            else:
                rows = _chunks(tables[table.name][0 if csv_file else 1])
            contents[data_file.name] = _write(path, itertools.chain(header, rows))
        elif data_file.name == POPOLO:
            contents[data_file.name] = _write(path, [popolo_text(corpus, urls).encode("utf-8")])
    package = json.dumps(data_package(urls, contents, title=title), ensure_ascii=False, indent=2) + "\n"
    (folder / DATAPACKAGE).write_text(package, encoding="utf-8")
    return [folder / DATAPACKAGE, *(folder / name for name in contents)]
