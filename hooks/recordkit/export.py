"""Each meeting as open data: `meeting.json` (with its JSON Schema) and `meeting.akn.xml`.

Both are built from the same `Corpus` as the pages, so the ids, numbers, text
and URLs in the files are those of the site. They sit under the meeting's own
path (`records/<meeting>/`), beside its parts, so each meeting brings its own
files and no URL has to move. The fields of each entity are the model's
(`model.fields_of`): a field added there is exported without an edit here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

from . import akn, model
from . import urls as paths
from .citation import citation_text
from .model import Corpus, Meeting
from .schema import FORMAT_VERSION, schema_text
from .urls import SiteUrls


def as_data(entity: Any) -> dict[str, Any]:
    """The entity's data fields as JSON values (tuples as lists, entries as objects, dates as ISO text)."""
    values: dict[str, Any] = {}
    for name in model.fields_of(type(entity)):
        value = getattr(entity, name)
        if isinstance(value, tuple):
            value = [as_data(item) if is_dataclass(item) else item for item in value]
        elif is_dataclass(value):
            value = as_data(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        values[name] = value
    return values


def meeting_data(corpus: Corpus, meeting: Meeting, urls: SiteUrls) -> dict[str, Any]:
    """Everything the meeting's record holds, as JSON-ready data (shape: schema/meeting.schema.json)."""
    files = paths.export_files(meeting)
    speaker_ids = list(meeting.participants)
    for paragraph in meeting.paragraphs:
        speaker_ids += [*paragraph.speakers, *paragraph.mentions]
    speaker_ids += [member.representative for member in meeting.members]
    delegation_ids = [d for p in meeting.paragraphs for d in (p.delegation, *p.on_behalf_of) if d]
    delegation_ids += [member.delegation for member in meeting.members]
    delegation_ids += [d for decision in meeting.decisions for _, voted in decision.positions() for d in voted]
    body = corpus.body_of(meeting)
    document_ids = [*meeting.documents, *(d for p in meeting.paragraphs for d in p.documents)]
    document_ids += [d.outcome_document for d in meeting.decisions if d.outcome_document]
    return {
        "$schema": urls.absolute(files["schema"]),
        "format_version": FORMAT_VERSION,
        "meeting": {
            **as_data(meeting),
            "url": urls.absolute(urls.meeting(meeting)),
            "exports": {"json": urls.absolute(files["json"]), "json_schema": urls.absolute(files["schema"]),
                        "akoma_ntoso": urls.absolute(files["akn"])},
        },
        "body": {**as_data(body), "url": urls.absolute(urls.body(body.id))},
        "parts": [
            {**as_data(part), "url": urls.absolute(urls.page(part.src_uri)),
             "paragraphs": [p.id for p in part.paragraphs]}
            for part in meeting.sections
        ],
        "paragraphs": [
            {**as_data(p), "number": p.number, "part": p.part_id, "url": urls.absolute(urls.paragraph(p)),
             "text": p.text, "corrections": [c.id for c in corpus.corrections_of(p)],
             "citation": citation_text(meeting, p)}
            for p in meeting.paragraphs
        ],
        "roles": [as_data(corpus.roles[r]) for r in dict.fromkeys(meeting.participants.values())],
        "speakers": [
            {**as_data(corpus.speakers[s]), "role": meeting.participants.get(s, ""),
             "url": urls.absolute(urls.speaker(s))}
            for s in dict.fromkeys(speaker_ids)
        ],
        "delegations": [{**as_data(corpus.delegations[d]), "url": urls.absolute(urls.delegation(d))}
                        for d in dict.fromkeys(delegation_ids)],
        "themes": [{**as_data(t), "url": urls.absolute(urls.theme(t.id))}
                   for t in corpus.themes_in(meeting.paragraphs)],
        "documents": [as_data(corpus.documents[d]) for d in dict.fromkeys(document_ids)],
        "corrections": [as_data(c) for c in meeting.corrections],
        "decisions": [{**as_data(d), "url": urls.absolute(urls.vote(d)) if d.is_vote else None}
                      for d in meeting.decisions],
    }


def write_exports(corpus: Corpus, urls: SiteUrls, site_dir: Path, *, publisher: str,
                  meetings: frozenset[str] | None = None) -> list[Path]:
    """Write each meeting's JSON, its schema and its Akoma Ntoso file into the built site (of the
    meetings whose ids are `meetings`, a partition's, or of all)."""
    written = []
    for meeting in corpus.meetings:
        if meetings is not None and meeting.id not in meetings:
            continue
        files = {kind: site_dir / path for kind, path in paths.export_files(meeting).items()}
        files["json"].parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(meeting_data(corpus, meeting, urls), ensure_ascii=False, indent=2)
        files["json"].write_text(text + "\n", encoding="utf-8")
        files["schema"].write_text(schema_text(), encoding="utf-8")
        files["akn"].write_bytes(akn.akn_document(corpus, meeting, urls, publisher=publisher))
        written += list(files.values())
    return written
