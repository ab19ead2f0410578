"""Write an `ImportedMeeting` as data/meetings/<id>/ and append its new registry entries.

Per the corpus contract (CONTRACT.md): meeting.yml, corrections.yml (when there are any),
source.txt, one <part-id>.md per part with a `{: … }` annotation line above each paragraph.

Safety: everything is built in a temporary folder inside data/ first (same file system, so
the final moves are renames), checked by parsing it back, and only then moved into place. An
existing meeting folder is never overwritten. The registries (speakers.yml, delegations.yml,
documents.yml) get new entries as appended text: existing entries and comments stay byte for
byte (an editor's file, not a dump).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError
from .imported import ImportedMeeting, ImportedParagraph, ImportedPart

# Roles of verbatim records (CONTRACT.md), added to speakers.yml `roles:` when missing.
VERBATIM_ROLES = {
    "president": {"label": "President", "plural": "President",
                  "description": "Presided over the meeting as President of the General Assembly."},
    "acting-president": {"label": "Acting President", "plural": "Acting Presidents",
                         "description": "A Vice-President who took the Chair in the absence of the President."},
    "representative": {"label": "Representative", "plural": "Representatives",
                       "description": "Spoke for a Member State."},
    "observer": {"label": "Observer", "plural": "Observers",
                 "description": "Spoke for an observer State or organization."},
    "official": {"label": "Official", "plural": "Officials",
                 "description": "A United Nations official who spoke at the meeting."},
}
# A paragraph that opens with its speaker ("The President:", "Mr. Kimani (Kenya):") starts a statement.
SPEAKER_LINE = re.compile(r"^(?:The (?:Acting )?President|(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.? [^:]{1,200}?\))[^:]{0,40}:")
DELEGATIONS_HEADER = (
    "# Delegations that speak in the records: Member States, observers, groups and organizations.\n"
    "# `names` are other forms as printed (\"United States of America\"); `search_terms` find their\n"
    "# statements in search. The id is the stable key: records name speakers by surname only.\n"
)


@dataclass
class WriteResult:
    meeting_dir: Path
    files: list[Path] = field(default_factory=list)  # written or changed (paths in place)
    review: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def write_meeting(meeting: ImportedMeeting, data_dir: Path, *, dry_run: bool = False,
                  original: Path | None = None) -> WriteResult:
    """Write the meeting under data_dir/meetings/ and append the registries; dry_run writes nothing.

    `original`, the file imported, is kept beside source.txt under its own name (meeting.yml's
    `imported_from`): the extraction can be checked against it at any time (tests do).
    """
    target = data_dir / "meetings" / meeting.id
    if target.exists():
        raise SourceError(meeting.imported_from, f"{target} already exists: give another ID or remove it first")
    result = WriteResult(meeting_dir=target, review=list(meeting.review), counts=meeting_counts(meeting))
    files = meeting_files(meeting)
    registries = _registry_texts(meeting, data_dir)
    if dry_run:
        result.files = [target / name for name in files] + [data_dir / name for name in registries]
        return result
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=data_dir))
    try:
        _stage(staging, files, registries)
        if original is not None:
            shutil.copyfile(original, staging / "meeting" / meeting.imported_from)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(staging / "meeting", target)  # fails rather than merge if the folder appeared meanwhile
        for name in registries:
            os.replace(staging / name, data_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.files = [target / name for name in files] + [data_dir / name for name in registries]
    if original is not None:
        result.files.append(target / meeting.imported_from)
    return result


def _stage(staging: Path, files: dict[str, str], registries: dict[str, str]) -> None:
    """Write into the staging folder and read every YAML back: nothing moves unless all parse."""
    folder = staging / "meeting"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, text in registries.items():
        (staging / name).write_text(text, encoding="utf-8")
    for path in [*folder.glob("*.yml"), *(staging / n for n in registries)]:
        yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in folder.glob("*.md"):
        read_part(path.read_text(encoding="utf-8"))


# --- the meeting folder ---------------------------------------------------------------------


def meeting_files(meeting: ImportedMeeting) -> dict[str, str]:
    """File name -> text of the meeting folder."""
    files = {"meeting.yml": _dump(_meeting_yaml(meeting)), "source.txt": meeting.source_text}
    if meeting.corrections:
        files["corrections.yml"] = _dump({"corrections": _corrections(meeting)})
    if meeting.decisions:
        files["decisions.yml"] = DECISIONS_HEAD + _dump({"decisions": decisions_data(meeting)})
    number = 0
    for part in meeting.parts:
        files[f"{part.id}.md"] = part_markdown(part, start=number + 1)
        number += len(part.paragraphs)
    return files


def _meeting_yaml(m: ImportedMeeting) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": m.id, "kind": m.kind, "path": f"records/{m.id}", "symbol": m.symbol, "source": "source.txt",
        "imported_from": m.imported_from, "front": m.front, "title": m.title, "short_title": m.short_title,
        "body": m.body, "session": m.session, "session_label": m.session_label,
        "meeting_number": m.meeting_number, "meeting_type": m.meeting_type, "date": m.date, "time": m.time,
        "place": m.place, "venue": m.venue, "convener": m.convener, "president": m.president,
        "acting_president": m.acting_president, "participants": m.participants,
        "members": [{"delegation": x.delegation, "representative": x.representative} for x in m.members],
        "documents": m.documents,
        "citation_title": m.citation_title, "description": m.description, "parts": [p.id for p in m.parts],
    }
    return {k: v for k, v in data.items() if v not in ("", None, [], {})}


DECISIONS_HEAD = (
    "# Every decision taken in the meeting, in record order, as the importer read it from the record\n"
    "# (the paragraph stating the outcome, the lists of a recorded vote). Check each against the PDF.\n"
)


def decisions_data(meeting: ImportedMeeting) -> list[dict[str, Any]]:
    """decisions.yml: paragraphs by id, documents by id (the resolution adopted), votes by delegation id."""
    documents = {d.symbol: d.id for d in meeting.new_documents}
    out = []
    for d in meeting.decisions:
        draft = re.search(r"\b[AS]/\S+?\d(?=\b|$)", d.subject)
        entry: dict[str, Any] = {
            "id": d.id, "paragraph": f"p{d.paragraph_index + 1}", "part": d.part, "title": d.title,
            "draft": d.subject, "draft_document": _document_id(meeting, draft.group(0)) if draft else "",
            "outcome_document": _outcome_document(meeting, d, documents), "method": d.method, "result": d.result,
            "reason": d.reason,
        }
        if d.method != "without-vote":
            entry["tally"] = dict(d.tally)
            entry["votes"] = {position: list(ids) for position, ids in d.votes.items()}
            entry["lists"] = [f"p{i + 1}" for i in d.list_indexes]
            entry["explanations"] = [f"p{i + 1}" for i in d.explanations]
        out.append({k: v for k, v in entry.items() if v not in ("", None) or k in ("title",)})
    return out


def _document_id(meeting: ImportedMeeting, symbol: str) -> str:
    ids = {p_doc for p in meeting.paragraphs for p_doc in p.documents}
    candidate = re.sub(r"[^0-9a-z]+", "-", symbol.lower()).strip("-")
    return candidate if candidate in ids or candidate in meeting.documents else ""


def _outcome_document(meeting: ImportedMeeting, decision: Any, documents: dict[str, str]) -> str:
    if not decision.outcome:
        return ""
    prefix = "S/RES/" if "(" in decision.outcome else ("A/RES/" if decision.outcome_kind == "resolution" else "")
    return _document_id(meeting, prefix + decision.outcome.replace(" ", "")) if prefix else ""


def _corrections(meeting: ImportedMeeting) -> list[dict[str, str]]:
    return [
        {"id": c.id, "paragraph": f"p{c.paragraph_index + 1}", "original": c.original, "corrected": c.corrected,
         "why": c.why}
        for c in meeting.corrections
    ]


def part_markdown(part: ImportedPart, *, start: int) -> str:
    """Front matter, then per paragraph its annotation line and its text (one line)."""
    front: dict[str, Any] = {"id": part.id, "title": part.title}
    if part.number:
        front["number"] = part.number
    if part.agenda_item is not None:
        front["agenda_item"] = part.agenda_item
    front["heading"] = part.heading
    if part.summary:
        front["summary"] = part.summary
    chunks = ["---\n" + _dump(front) + "---\n"]
    for offset, paragraph in enumerate(part.paragraphs):
        chunks.append(annotation(paragraph, f"p{start + offset}") + "\n" + paragraph.text + "\n")
    return "\n".join(chunks)


def annotation(paragraph: ImportedParagraph, paragraph_id: str) -> str:
    """`{: id: p1, speakers: [x], … }` — a YAML flow mapping on one line, quoted by PyYAML."""
    fields: dict[str, Any] = {"id": paragraph_id}
    if paragraph.kind != "statement":
        fields["kind"] = paragraph.kind
    for name in ("speakers", "delegation", "on_behalf_of", "function", "language", "mentions", "themes",
                 "documents"):
        value = getattr(paragraph, name)
        if value:
            fields[name] = value
    if paragraph.page:
        fields["page"] = paragraph.page
    flow = yaml.safe_dump(fields, default_flow_style=True, width=float("inf"), sort_keys=False,
                          allow_unicode=True).strip()
    return "{: " + flow[1:-1] + " }"


def read_part(text: str) -> tuple[dict[str, Any], list[tuple[dict[str, Any], str]]]:
    """Parse a written part back (front matter, [(annotation, text)]): the writer's own check and tests'."""
    _, front, body = text.split("---\n", 2)
    paragraphs = []
    for chunk in body.strip("\n").split("\n\n"):
        head, _, paragraph = chunk.partition("\n")
        if not (head.startswith("{: ") and head.endswith(" }")):
            raise ValueError(f"not an annotation line: {head[:60]!r}")
        paragraphs.append((yaml.safe_load("{" + head[3:-2] + "}"), paragraph))
    return yaml.safe_load(front), paragraphs


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


# --- the registries -------------------------------------------------------------------------


def _registry_texts(meeting: ImportedMeeting, data_dir: Path) -> dict[str, str]:
    """File name -> new text for each registry that gains entries."""
    texts: dict[str, str] = {}
    speakers = [_speaker_entry(s) for s in meeting.new_speakers]
    roles = set(meeting.participants.values()) & set(VERBATIM_ROLES)
    speakers_text = _read(data_dir / "speakers.yml")
    if speakers or roles:
        text = speakers_text if speakers_text is not None else "speakers:\n"
        text = _append_roles(text, sorted(roles, key=list(VERBATIM_ROLES).index))
        texts["speakers.yml"] = append_entries(text, "speakers", _new(speakers, text, "speakers"))
    additions = {
        "delegations.yml": ("delegations", [_delegation_entry(d) for d in meeting.new_delegations]),
        "documents.yml": ("documents", [_document_entry(d) for d in meeting.new_documents]),
    }
    for name, (key, entries) in additions.items():
        current = _read(data_dir / name)
        if current is None and name == "delegations.yml":
            current = DELEGATIONS_HEADER + "delegations:\n"
        entries = _new(entries, current or "", key)
        if entries:
            texts[name] = append_entries(current or f"{key}:\n", key, entries)
    return {name: text for name, text in texts.items() if text != _read(data_dir / name)}


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def _new(entries: list[dict[str, Any]], text: str, key: str) -> list[dict[str, Any]]:
    """Entries whose id the file does not have yet (a second import never duplicates)."""
    loaded = yaml.safe_load(text) if text.strip() else {}
    existing = {e.get("id") for e in (loaded or {}).get(key) or [] if isinstance(e, dict)}
    return [e for e in entries if e["id"] not in existing]


def _speaker_entry(s: Any) -> dict[str, Any]:
    entry = {"id": s.id, "name": s.name, "honorific": s.honorific, "titles": s.titles,
             "delegation": s.delegation, "search_terms": s.search_terms}
    return {k: v for k, v in entry.items() if v}


def _delegation_entry(d: Any) -> dict[str, Any]:
    entry = {"id": d.id, "name": d.name, "kind": d.kind, "names": d.names}
    return {k: v for k, v in entry.items() if v}


def _document_entry(d: Any) -> dict[str, Any]:
    entry = {"id": d.id, "symbol": d.symbol, "title": d.title, "cited_as": d.cited_as}
    return {k: v for k, v in entry.items() if v}


def append_entries(text: str, key: str, entries: list[dict[str, Any]]) -> str:
    """Insert list items at the end of the top-level `key:` list, as text; nothing else changes."""
    if not entries:
        return text
    lines = text.splitlines(keepends=True)
    start = _key_line(lines, key)
    if start is None:
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + f"{key}:\n" + _items(entries, "  ")
    if lines[start].split(":", 1)[1].strip() == "[]":
        lines[start] = f"{key}:\n"  # an empty flow list becomes a block list
    end = _block_end(lines, start)
    indent = next((ln[: len(ln) - len(ln.lstrip())] for ln in lines[start + 1:end] if ln.lstrip().startswith("- ")),
                  "  ")
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    lines.insert(end, _items(entries, indent))
    return "".join(lines)


def _append_roles(text: str, roles: list[str]) -> str:
    """Add the verbatim roles missing from `roles:` (a mapping), as text at the end of that block."""
    loaded = yaml.safe_load(text) or {}
    present = set((loaded.get("roles") or {}).keys()) if isinstance(loaded, dict) else set()
    missing = {r: VERBATIM_ROLES[r] for r in roles if r not in present}
    if not missing:
        return text
    rendered = "".join("  " + ln for ln in _dump(missing).splitlines(keepends=True))
    lines = text.splitlines(keepends=True)
    start = _key_line(lines, "roles")
    if start is None:
        return "roles:\n" + rendered + text
    end = _block_end(lines, start)
    lines.insert(end, rendered)
    return "".join(lines)


def _key_line(lines: list[str], key: str) -> int | None:
    return next((i for i, ln in enumerate(lines) if ln.startswith(f"{key}:")), None)


def _block_end(lines: list[str], start: int) -> int:
    """Index after the block's last content line (comments and blanks before the next key stay after)."""
    end = start + 1
    last = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.startswith((" ", "\t", "#", "-")):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            last = end + 1
        end += 1
    return last


def _items(entries: list[dict[str, Any]], indent: str) -> str:
    text = _dump(entries)
    return "".join(indent + ln if ln.strip() else ln for ln in text.splitlines(keepends=True))


# --- counts ---------------------------------------------------------------------------------


def meeting_counts(meeting: ImportedMeeting) -> dict[str, int]:
    """What the CLI prints: statements (runs of one speaker's paragraphs), speakers, documents…"""
    statements, previous = 0, None
    for part in meeting.parts:
        previous = None  # a heading ends a statement
        for paragraph in part.paragraphs:
            key = tuple(paragraph.speakers) if paragraph.kind == "statement" and paragraph.speakers else None
            if key and (key != previous or SPEAKER_LINE.match(paragraph.text)):
                statements += 1
            previous = key
    speakers = {s for p in meeting.paragraphs for s in p.speakers}
    new = {s.id for s in meeting.new_speakers}
    return {
        "parts": len(meeting.parts),
        "paragraphs": len(meeting.paragraphs),
        "statements": statements,
        "speakers": len(speakers),
        "speakers matched": len(speakers - new),
        "speakers new": len(new),
        "delegations new": len(meeting.new_delegations),
        "documents": len({d for p in meeting.paragraphs for d in p.documents} | set(meeting.documents)),
        "documents new": len(meeting.new_documents),
        "decision paragraphs": sum(p.kind == "decision" for p in meeting.paragraphs),
        "decisions": len(meeting.decisions),
        "recorded votes": sum(d.method != "without-vote" for d in meeting.decisions),
    }
