"""Import the plain-text summary of an informal meeting into an `ImportedMeeting`.

The source is the text of the official summary, blocks separated by blank
lines: the record's heading ("Summary"), its title line (title, venue, place,
date), then parts headed by Roman numerals ("I. Overview") and their
paragraphs. The text is sacred: every paragraph is a source block, and the
only differences are *proposed* corrections (`ImportedCorrection`) that the
editor confirms: paragraphs split by a page break, hyphens lost at a line end.

Everything else (speakers, mentions, themes, documents, roles, the meeting's
facts) is a suggestion read from the text and the registry, and whatever is
uncertain goes to `ImportedMeeting.review`. Pure: no I/O but
`import_summary_file`, no MkDocs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...slug import slugify
from ..errors import SourceError
from ..imported import ImportedCorrection, ImportedMeeting, ImportedParagraph, ImportedPart
from ..words import fold
from .corrections import Edit, Proposal, edit_of, hyphen_proposals, merge_overlaps, page_break_proposals
from .entries import Registry, field_of, registry_entries
from .facts import Facts, meeting_facts, sentence_case
from .mentions import SpeakerFinder, Speakers, document_forms, find_speakers, speaker_forms, theme_forms, unique
from .patterns import PART_ROLES
from .structure import Block, SourcePart, short_slug, split_blocks, structure

# ---------------------------------------------------------------------------
# Import


def import_summary_file(path: Path, *, registry: Registry) -> ImportedMeeting:
    """Read a summary from disk (UTF-8, a BOM allowed) and import it; unreadable input is a SourceError."""
    data = path.read_bytes()
    if b"\x00" in data:
        raise SourceError(
            path.name, "a binary file, not a plain-text summary", line=data[: data.index(b"\x00")].count(b"\n") + 1
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            path.name,
            f"not UTF-8 text ({error.reason} at byte {error.start})",
            line=data[: error.start].count(b"\n") + 1,
        ) from None
    return import_summary(text, source_name=path.name, registry=registry)


def import_summary(text: str, *, source_name: str, registry: Registry) -> ImportedMeeting:
    """The meeting a plain-text summary records, with proposed corrections and a review list."""
    source = _checked_source(text, source_name)
    blocks = split_blocks(source)
    front, source_parts = structure(blocks, source_name)
    spans = [(b[0].start, b[-1].end) for part in source_parts for b in part.paragraphs]
    vocabulary = _vocabulary(registry)
    proposals = merge_overlaps(
        source, page_break_proposals(source, source_parts) + hyphen_proposals(source, vocabulary, spans)
    )
    corrections = _corrections(proposals, spans)
    body_text = " ".join(fold(source[a:b]) for a, b in spans)
    facts = meeting_facts(front, body_text, source_name)
    review: list[str] = []
    parts, roles = _parts(source, source_parts, [edit_of(p) for p in proposals], registry, body_text, review)
    participants = _participants(parts, roles, registry, review)
    documents = _meeting_documents(registry, body_text)
    review += [
        f"correction {c.id} in p{c.paragraph_index + 1}: {c.original!r} -> {c.corrected!r}: {c.why}"
        for c in corrections
    ]
    return _meeting(
        source, source_name, front, facts, parts, participants, documents, corrections, roles, body_text, review
    )


def _checked_source(text: str, source_name: str) -> str:
    """The text with a BOM and CRLFs normalised; empty or binary input refused with its line."""
    source = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not source.strip():
        raise SourceError(source_name, "the file is empty: no summary to import", line=1)
    control = re.search(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]", source)
    if control:
        raise SourceError(
            source_name,
            f"binary data (character U+{ord(control.group(0)):04X}), not a plain-text summary",
            line=source.count("\n", 0, control.start()) + 1,
        )
    return source


def _vocabulary(registry: Registry) -> list[str]:
    """The curated spellings: speakers' names, titles and search terms, themes, documents."""
    words: list[str] = []
    for speaker in registry_entries(registry.speakers):
        words += speaker_forms(speaker)
    for theme in registry_entries(registry.themes):
        words += [str(field_of(theme, "label"))] + [str(s) for s in field_of(theme, "synonyms", [])]
    for document in registry_entries(registry.documents):
        words += [str(field_of(document, "title"))] + [str(s) for s in field_of(document, "cited_as", [])]
    return words


def _corrections(proposals: list[Proposal], spans: list[tuple[int, int]]) -> list[ImportedCorrection]:
    """The proposals as corrections of the paragraph where each makes its change."""
    corrections = []
    for proposal in proposals:
        edit = edit_of(proposal)
        index = next(i for i, (a, b) in enumerate(spans) if a <= edit.start <= b)
        corrections.append(
            ImportedCorrection(proposal.slug, index, proposal.original, proposal.corrected, proposal.why)
        )
    _unique_ids(corrections)
    return corrections


def _unique_ids(corrections: list[ImportedCorrection]) -> None:
    seen: Counter[str] = Counter()
    for correction in corrections:
        seen[correction.id] += 1
        if seen[correction.id] > 1:
            correction.id = f"{correction.id}-{seen[correction.id]}"


@dataclass
class Roles:
    """What the text says of the speakers' roles: cues ("convened", "moderated by") and the parts they speak in."""

    cues: dict[str, str] = field(default_factory=dict)
    spoke_in: dict[str, str] = field(default_factory=dict)  # speaker id -> title of the first part they speak in


def _parts(
    source: str,
    source_parts: list[SourcePart],
    edits: list[Edit],
    registry: Registry,
    body_text: str,
    review: list[str],
) -> tuple[list[ImportedPart], Roles]:
    """The parts with their paragraphs annotated; and the role cues found on the way."""
    finder = SpeakerFinder(registry_entries(registry.speakers), context=body_text)
    themes = theme_forms(registry_entries(registry.themes))
    documents = document_forms(registry_entries(registry.documents))
    parts: list[ImportedPart] = []
    roles = Roles()
    index, previous, ids = 0, "", set[str]()
    for source_part in source_parts:
        part = _part(source_part, ids)
        collective = next(
            (r.speaker for r in finder.references(source_part.title) if r.speaker in finder.collective), ""
        )
        for blocks in source_part.paragraphs:
            text = _paragraph_text(source, blocks, edits)
            found = find_speakers(text, finder, part_collective=collective, previous=previous)
            paragraph = ImportedParagraph(
                text=text,
                speakers=found.speakers,
                mentions=found.mentions,
                themes=[t for t, regex in themes if regex.search(text)],
                documents=[d for d, regex, _ in documents if regex.search(text)],
            )
            part.paragraphs.append(paragraph)
            _review_paragraph(index, source_part, paragraph, found, review)
            for speaker in found.speakers:
                roles.spoke_in.setdefault(speaker, source_part.title)
            for speaker, role in found.roles.items():
                roles.cues.setdefault(speaker, role)
            previous = found.speakers[-1] if found.speakers else previous
            index += 1
        parts.append(part)
    return parts, roles


def _part(source_part: SourcePart, ids: set[str]) -> ImportedPart:
    """A part, its id the short slug of its title (the full slug if that is taken)."""
    part_id = short_slug(source_part.title)
    if part_id in ids:
        part_id = slugify(source_part.title)
    ids.add(part_id)
    return ImportedPart(
        id=part_id, title=source_part.title, heading=[fold(source_part.heading.text)], number=source_part.number
    )


def _paragraph_text(source: str, blocks: list[Block], edits: list[Edit]) -> str:
    """The paragraph's source (its blocks and what lies between) with the changes made in it, folded."""
    start, end = blocks[0].start, blocks[-1].end
    text = source[start:end]
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):  # from the end: offsets stay true
        if start <= edit.start and edit.end <= end:
            text = text[: edit.start - start] + edit.replacement + text[edit.end - start :]
    return fold(text)


def _review_paragraph(
    index: int, part: SourcePart, paragraph: ImportedParagraph, found: Speakers, review: list[str]
) -> None:
    where = f"p{index + 1} (part {part.number})"
    if not paragraph.themes:
        review.append(f"{where}: no theme suggested")
    review += [f"{where}: speaker uncertain: {doubt}" for doubt in found.doubts]


def _participants(parts: list[ImportedPart], roles: Roles, registry: Registry, review: list[str]) -> dict[str, str]:
    """Speaker id -> role: a cue of the text ("convened" -> chair, "moderated by" -> moderator), the
    collective floor, the part they speak in ("panel" -> panellist, "Opening statements" -> keynote),
    or the registry's role where it still has one."""
    speakers = {str(field_of(s, "id")): s for s in registry_entries(registry.speakers)}
    participants: dict[str, str] = {}
    for speaker in unique(s for part in parts for p in part.paragraphs for s in p.speakers):
        entry = speakers.get(speaker)
        collective = entry is not None and field_of(entry, "collective", False)
        role = roles.cues.get(speaker) or ("floor" if collective else "")
        role = role or _part_role(roles.spoke_in.get(speaker, ""))
        role = role or (str(field_of(entry, "role")) if entry is not None else "")
        if not role:
            role = "floor"
            review.append(f"participant {speaker}: role not found in the text, 'floor' assumed")
        participants[speaker] = role
    return participants


def _part_role(title: str) -> str:
    return next((role for regex, role in PART_ROLES if regex.search(title)), "")


def _meeting_documents(registry: Registry, body_text: str) -> list[str]:
    """The documents the text cites by symbol (A/78/665, 66/290): those the meeting considered."""
    return [
        d
        for d, regex, by_symbol in document_forms(registry_entries(registry.documents))
        if by_symbol and regex.search(body_text)
    ]


def _meeting(
    source: str,
    source_name: str,
    front: list[Block],
    facts: Facts,
    parts: list[ImportedPart],
    participants: dict[str, str],
    documents: list[str],
    corrections: list[ImportedCorrection],
    roles: Roles,
    body_text: str,
    review: list[str],
) -> ImportedMeeting:
    heading = fold(front[0].text) if front else "Summary"
    city = facts.place.split(",")[-1].strip()
    titles = [sentence_case(p.title, body_text, keep_first=False) for p in parts]
    title_lc = facts.title[:1].lower() + facts.title[1:]
    where = ", ".join(filter(None, [city, facts.date_text]))
    return ImportedMeeting(
        id=f"{facts.date.isoformat()}-{slugify(facts.topic)}",
        kind="summary",
        source_text=source,
        imported_from=Path(source_name).name,
        front=[fold(b.text) for b in front],
        title=facts.title,
        short_title=f"{facts.topic[:1].upper()}{facts.topic[1:]}, {facts.date_text}",
        body=slugify(facts.body),  # the data/bodies.yml id: "General Assembly" -> "general-assembly"
        session=facts.session,
        session_label=facts.session_label,
        meeting_type=facts.meeting_type,
        date=facts.date,
        place=facts.place,
        venue=facts.venue,
        convener=next((s for s, role in roles.cues.items() if role == "chair"), ""),
        citation_title=f"{heading} of the {title_lc}, {where}",
        description=f"{heading} of the {title_lc} held on {facts.date_text}: {_listing(titles)}.",
        parts=parts,
        participants=participants,
        documents=documents,
        corrections=corrections,
        review=review,
    )


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
