"""The record as open data: `meeting.json` (with its JSON Schema) and `meeting.akn.xml`.

Both are built from the same `Record` as the pages, so the ids, numbers, text
and URLs in the files are those of the site. They sit under the meeting's own
path (`records/<meeting>/`), beside its parts, so each meeting added later
brings its own files and no URL has to move.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import akn
from . import urls as site_urls
from .citation import citation_text
from .model import Record
from .render import esc, md_heading
from .urls import Urls, relative_url

SCHEMA_FILE = Path(__file__).parent / "schema" / "meeting.schema.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ExportPaths:
    """Where one meeting's exports live, relative to the site root."""

    json: str
    schema: str
    akn: str
    downloads_src: str

    @classmethod
    def of(cls, record: Record) -> ExportPaths:
        base = record.meeting.path
        return cls(f"{base}/meeting.json", f"{base}/meeting.schema.json", f"{base}/meeting.akn.xml",
                   f"{base}/downloads.md")


def meeting_data(record: Record, urls: Urls) -> dict[str, Any]:
    """Everything the record holds, as plain JSON-ready data (shape: schema/meeting.schema.json)."""
    meeting, paths = record.meeting, ExportPaths.of(record)
    return {
        "$schema": urls.absolute(paths.schema),
        "format_version": FORMAT_VERSION,
        "meeting": {
            "id": meeting.id,
            "url": urls.absolute(urls.page(site_urls.HOME)),
            "title": meeting.title,
            "short_title": meeting.short_title,
            "record_heading": meeting.record_heading,
            "record_title": meeting.record_title,
            "description": meeting.description,
            "body": meeting.body,
            "session": meeting.session,
            "session_label": meeting.session_label,
            "meeting_type": meeting.meeting_type,
            "date": meeting.date.isoformat(),
            "venue": meeting.venue,
            "place": meeting.place,
            "convener": meeting.convener,
            "interventions_from_floor": meeting.interventions_from_floor,
            "documents": list(meeting.documents),
            "citation_title": meeting.citation_title,
            "exports": {
                "json": urls.absolute(paths.json),
                "json_schema": urls.absolute(paths.schema),
                "akoma_ntoso": urls.absolute(paths.akn),
            },
        },
        "parts": [
            {
                "id": section.id,
                "number": section.number,
                "title": section.title,
                "summary": section.summary,
                "url": urls.absolute(urls.page(section.src_uri)),
                "paragraphs": [p.id for p in section.paragraphs],
            }
            for section in record.sections
        ],
        "paragraphs": [
            {
                "number": p.number,
                "id": p.id,
                "part": p.section_id,
                "url": urls.absolute(urls.paragraph(p.id)),
                "text": p.text,
                "speakers": list(p.speakers),
                "mentions": list(p.mentions),
                "themes": list(p.themes),
                "documents": list(p.documents),
                "corrections": [c.id for c in record.corrections_of(p.id)],
                "citation": citation_text(meeting, p),
            }
            for p in record.paragraphs
        ],
        "roles": [
            {"id": r.id, "label": r.label, "plural": r.plural, "description": r.description}
            for r in record.roles.values()
        ],
        "speakers": [
            {
                "id": s.id,
                "name": s.name,
                "honorific": s.honorific,
                "role": s.role,
                "titles": list(s.titles),
                "collective": s.collective,
                "url": urls.absolute(urls.speaker(s.id)),
            }
            for s in record.speakers.values()
        ],
        "themes": [
            {
                "id": t.id,
                "label": t.label,
                "description": t.description,
                "synonyms": list(t.synonyms),
                "url": urls.absolute(urls.theme(t.id)),
            }
            for t in record.themes.values()
        ],
        "documents": [
            {"id": d.id, "symbol": d.symbol, "title": d.title, "url": d.url}
            for d in record.documents.values()
        ],
        "corrections": [
            {"id": c.id, "paragraph": c.paragraph, "original": c.original, "corrected": c.corrected, "why": c.why}
            for c in record.corrections
        ],
    }


def write_exports(record: Record, urls: Urls, site_dir: Path, *, publisher: str) -> list[Path]:
    """Write the meeting's JSON, its schema and its Akoma Ntoso file into the built site."""
    paths = ExportPaths.of(record)
    json_path, schema_path, akn_path = (site_dir / p for p in (paths.json, paths.schema, paths.akn))
    json_path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(meeting_data(record, urls), ensure_ascii=False, indent=2)
    json_path.write_text(text + "\n", encoding="utf-8")
    shutil.copyfile(SCHEMA_FILE, schema_path)
    akn_path.write_bytes(akn.akn_document(record, urls, publisher=publisher))
    return [json_path, schema_path, akn_path]


def downloads_page(record: Record, urls: Urls) -> str:
    """The page that links the exports. Raw HTML links: the files are written after
    MkDocs validates links, so a Markdown link to them would be reported as missing."""
    paths = ExportPaths.of(record)
    here = urls.page(paths.downloads_src)

    def link(target: str, label: str) -> str:
        return f'<a href="{esc(relative_url(here, target))}" download>{esc(label)}</a>'

    meeting = record.meeting
    return "\n".join([
        md_heading(1, "Downloads", "downloads"),
        f"<p>The whole record of {esc(meeting.title_in_sentence)} as open data, "
        "built from the same source as these pages: the same paragraph numbers, the same ids as the "
        "pages' anchors, and the same permanent links.</p>\n",
        '<dl class="downloads">',
        f"<dt>{link(paths.json, 'meeting.json')} (JSON)</dt>"
        "<dd>For programs and data analysis: the meeting, its parts and every paragraph with its number, "
        "id, permanent URL, text, speakers, themes, documents and citation; the speakers, themes, documents "
        "and editorial corrections.</dd>",
        f"<dt>{link(paths.schema, 'meeting.schema.json')} (JSON Schema)</dt>"
        "<dd>The structure of meeting.json, to validate it or generate code from it.</dd>",
        f"<dt>{link(paths.akn, 'meeting.akn.xml')} (Akoma Ntoso 3.0 XML)</dt>"
        "<dd>For parliamentary and legal information systems and libraries: the record as an OASIS "
        "LegalDocML (Akoma Ntoso) <code>debate</code> document, one speech per statement, each identified "
        "by the same id as its paragraph on this site.</dd>",
        "</dl>\n",
    ])
