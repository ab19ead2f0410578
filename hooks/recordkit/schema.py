"""The JSON Schema of `meeting.json`, derived from the model's field lists (`model.fields_of`).

`export.meeting_data` writes each entity's data fields plus a few computed
ones (URLs, numbers, citations); this module says the same in JSON Schema, so
a field added to the model is in the export and in its schema with no other
edit. `python hooks/recordkit/schema.py` rewrites schema/meeting.schema.json
(published beside each meeting.json); a test checks the two agree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import model

SCHEMA_FILE = Path(__file__).parent / "schema" / "meeting.schema.json"
# 3: `meeting.body` is a body's id ("general-assembly"), described under `body`; it was its name.
# `decisions` (added in 3): the decisions and votes, each delegation's vote by delegation id.
FORMAT_VERSION = 3

_ID = {"$ref": "#/$defs/id"}
_IDS = {"$ref": "#/$defs/ids"}
_TEXT = {"type": "string"}
_URL = {"$ref": "#/$defs/url"}
_TEXTS = {"type": "array", "items": {"type": "string"}}


def _field(kind: str, required: bool, of: type | None = None) -> dict[str, Any]:
    if kind == model.ENTRIES and of is not None:
        return _list_of(entity(of, " ".join((of.__doc__ or "").split())))
    if kind == model.ENTRY and of is not None:
        one = entity(of, " ".join((of.__doc__ or "").split()))
        return one if required else {"anyOf": [one, {"type": "null"}]}
    kinds: dict[str, dict[str, Any]] = {
        model.TEXT: _TEXT, model.ID: _ID if required else {"type": "string"}, model.INT: {"type": "integer"},
        model.DATE: {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        model.BOOL: {"type": "boolean"}, model.TEXTS: _TEXTS, model.IDS: _IDS, model.BLOCKS: _TEXTS,
        model.ROLE_MAP: {"type": "object", "additionalProperties": _ID},
    }
    schema = kinds[kind]
    if not required and kind in (model.INT, model.BLOCKS):
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def entity(cls: type, description: str, **extra: dict[str, Any]) -> dict[str, Any]:
    """An object holding `cls`'s data fields and the computed ones in `extra`, nothing else."""
    properties = {name: _field(spec["kind"], spec["required"], spec.get("of"))
                  for name, spec in model.fields_of(cls).items()}
    properties.update(extra)
    return {"type": "object", "description": description, "additionalProperties": False,
            "required": list(properties), "properties": properties}


def _list_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def meeting_schema() -> dict[str, Any]:
    exports = {"type": "object", "additionalProperties": False, "required": ["json", "json_schema", "akoma_ntoso"],
               "properties": {"json": _URL, "json_schema": _URL, "akoma_ntoso": _URL}}
    properties = {
        "$schema": {"type": "string", "description": "Where this schema is published."},
        "format_version": {"const": FORMAT_VERSION,
                           "description": "Changes when a field is removed or changes meaning."},
        "meeting": entity(model.Meeting, "The meeting: its facts as its folder's meeting.yml gives them.",
                          url=_URL, exports=exports),
        "body": entity(model.Body, "The body the meeting belongs to (meeting.body is its id), with the page "
                                   "listing its meetings.", url=_URL),
        "parts": _list_of(entity(model.Part, "A part of the record (a section, an agenda item).", url=_URL,
                                 paragraphs=_IDS)),
        "paragraphs": _list_of(entity(
            model.Paragraph, "A paragraph, numbered 1..N across the record; its id is its anchor.",
            number={"type": "integer", "minimum": 1}, part=_ID, url=_URL, text={"type": "string", "minLength": 1},
            corrections=_IDS, citation=_TEXT)),
        "roles": _list_of(entity(model.Role, "A part a speaker plays in the meeting.")),
        "speakers": _list_of(entity(model.Speaker, "A person (or the floor as one voice) named in the record.",
                                    role={"type": "string"}, url=_URL)),
        "delegations": _list_of(entity(model.Delegation, "A delegation a statement is made for.", url=_URL)),
        "themes": _list_of(entity(model.Theme, "A theme of the record's paragraphs.", url=_URL)),
        "documents": _list_of(entity(model.Document, "A document the record names.")),
        "corrections": _list_of(entity(model.Correction, "A declared editorial correction to the source text.")),
        "decisions": _list_of(entity(
            model.Decision, "A decision taken in the meeting (decisions.yml), in record order: paragraph, lists "
            "and explanations are paragraph ids; a vote's page is `url` (null for a decision without a vote).",
            url={"anyOf": [_URL, {"type": "null"}]})),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "UN meeting record",
        "description": "One meeting's record as published on the site: the meeting, its parts, every paragraph with "
                       "its permanent URL and citation, and the speakers, delegations, themes, documents and "
                       "editorial corrections it refers to. Ids are the site's anchors and page names.",
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
        "$defs": {
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
            "ids": {"type": "array", "items": {"$ref": "#/$defs/id"}, "uniqueItems": True},
            "url": {"type": "string", "format": "uri-reference",
                    "description": "Absolute when the site is built with a site_url."},
        },
    }


def schema_text() -> str:
    return json.dumps(meeting_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
