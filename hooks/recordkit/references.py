"""Cross-references: every id a meeting or a paragraph names must be in a registry.

Checked once every file parses; each unknown id is a problem at its line,
with the closest known ids suggested.
"""

from __future__ import annotations

from collections.abc import Mapping

from .decisions import check_decisions
from .meetings import RawMeeting
from .model import Corpus
from .problems import Problems, did_you_mean
from .registries import Files, Registries

# Annotation field -> (registry, what it names)
_PARAGRAPH_REFERENCES = (
    ("speakers", "speakers", "speaker"),
    ("mentions", "speakers", "speaker"),
    ("themes", "themes", "theme"),
    ("documents", "documents", "document"),
    ("delegation", "delegations", "delegation"),
    ("on_behalf_of", "delegations", "delegation"),
)


def check(meetings: list[RawMeeting], registries: Registries, files: Files) -> None:
    problems = files.problems
    _check_unique_paths(meetings, problems)
    for raw in meetings:
        _check_meeting(raw, registries, problems)
        _check_anchors_unique(raw, problems)
        for section in raw.sections:
            for raw_paragraph in section.paragraphs:
                paragraph = raw_paragraph.paragraph
                for key, registry, what in _PARAGRAPH_REFERENCES:
                    value = getattr(paragraph, key)
                    for identifier in (value,) if isinstance(value, str) else value:
                        if identifier:
                            _known(identifier, getattr(registries, registry), what, problems, file=section.file,
                                   line=raw_paragraph.line, field=key, prefix=f"paragraph '{paragraph.id}': ")


def _known(identifier: str, known: Mapping[str, object], what: str, problems: Problems, *, file: str,
           line: int | None, field: str, prefix: str = "") -> None:
    if identifier not in known:
        problems.error(file, f"{prefix}unknown {what} '{identifier}'{did_you_mean(identifier, known)}",
                       line=line, field=field)


def _check_meeting(raw: RawMeeting, registries: Registries, problems: Problems) -> None:
    meeting = raw.meeting
    _known(meeting.body, registries.bodies, "body", problems, file=raw.file, line=raw.lines.get("body"), field="body")
    _check_members(raw, registries, problems)
    check_decisions(raw, registries, problems)
    for key in ("president", "acting_president", "convener"):
        identifier = getattr(meeting, key)
        if identifier:
            _known(identifier, registries.speakers, "speaker", problems, file=raw.file, line=raw.lines.get(key),
                   field=key)
    for document_id in meeting.documents:
        _known(document_id, registries.documents, "document", problems, file=raw.file,
               line=raw.lines.get("documents"), field="documents")
    for speaker_id, role_id in meeting.participants.items():
        _known(speaker_id, registries.speakers, "speaker", problems, file=raw.file,
               line=raw.lines.get("participants"), field="participants")
        _known(role_id, registries.roles, "role", problems, file=raw.file, line=raw.lines.get("participants"),
               field="participants")
    spoke = {s for section in raw.sections for p in section.paragraphs for s in p.paragraph.speakers}
    for speaker_id in sorted((spoke - set(meeting.participants)) & set(registries.speakers)):
        problems.error(raw.file, f"speaker '{speaker_id}' speaks in this meeting but has no role in "
                       "`participants:`", line=raw.lines.get("participants"), field="participants")


def _check_members(raw: RawMeeting, registries: Registries, problems: Problems) -> None:
    """Each member present is a known delegation, once, represented by a known speaker of that
    delegation; the President is listed apart (`president:`), as the record's first page prints them."""
    meeting = raw.meeting
    delegations: dict[str, int] = {}
    representatives: dict[str, int] = {}
    for index, (member, line) in enumerate(zip(meeting.members, raw.member_lines, strict=True)):
        where = f"members[{index}]"
        _known(member.delegation, registries.delegations, "delegation", problems, file=raw.file, line=line,
               field=f"{where}.delegation", prefix=f"{where}: ")
        _known(member.representative, registries.speakers, "speaker", problems, file=raw.file, line=line,
               field=f"{where}.representative", prefix=f"{where}: ")
        for seen, value, what in ((delegations, member.delegation, "delegation"),
                                  (representatives, member.representative, "representative")):
            if value in seen:
                problems.error(raw.file, f"{where}: the {what} '{value}' is already listed in members[{seen[value]}]",
                               line=line, field=f"{where}.{what}")
            seen.setdefault(value, index)
        if member.representative and member.representative == meeting.president:
            problems.error(raw.file, f"{where}: '{member.representative}' is the President (president:), who is "
                           "listed apart from the members, as on the record's first page", line=line,
                           field=f"{where}.representative")
        speaker = registries.speakers.get(member.representative)
        if speaker is not None and member.delegation in registries.delegations \
                and speaker.delegation != member.delegation:
            registered = f"'{speaker.delegation}'" if speaker.delegation else "no delegation"
            problems.error(raw.file, f"{where}: the representative '{speaker.id}' has {registered} in "
                           f"{registries.files['speaker']}, not the member's '{member.delegation}'", line=line,
                           field=f"{where}.representative")


def _check_unique_paths(meetings: list[RawMeeting], problems: Problems) -> None:
    seen: dict[str, str] = {}
    for raw in meetings:
        path = raw.meeting.path
        if path in seen:
            problems.error(raw.file, f"the path '{path}' is already the path of {seen[path]}",
                           line=raw.lines.get("path"), field="path")
        seen.setdefault(path, raw.file)


def _check_anchors_unique(raw: RawMeeting, problems: Problems) -> None:
    """Ids are anchors: unique within a meeting (a meeting's parts are cited as one record)."""
    first_seen: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for section in raw.sections:
        part = section.part
        # An agenda item may come in several parts (53 (b), 53 (f)): only numbered sections are unique.
        if part.number and part.heading is None and part.number in numbers:
            problems.error(section.file, f"duplicate part number '{part.number}', also in {numbers[part.number]}",
                           line=section.number_line, field="number")
        numbers.setdefault(part.number, section.file)
        anchors = [(part.id, section.id_line, "part")]
        for raw_paragraph in section.paragraphs:
            paragraph = raw_paragraph.paragraph
            anchors.append((paragraph.id, raw_paragraph.line, "paragraph"))
            anchors.extend((alias, raw_paragraph.line, "paragraph alias") for alias in paragraph.aliases)
        for anchor, line, what in anchors:
            if anchor in first_seen:
                problems.error(section.file, f"duplicate {what} id '{anchor}': already used in {first_seen[anchor]}",
                               line=line, field="id")
            else:
                first_seen[anchor] = section.file if line is None else f"{section.file}, line {line}"


def warn_unreferenced(corpus: Corpus, registries: Registries, problems: Problems) -> None:
    # A member's representative is named on the record's first page, whether or not they speak.
    representatives = {member.representative for meeting in corpus.meetings for member in meeting.members}
    for speaker_id in corpus.speakers:
        if not corpus.by_speaker.get(speaker_id) and not corpus.by_mention.get(speaker_id) \
                and speaker_id not in representatives:
            problems.warn(registries.files["speaker"], f"speaker '{speaker_id}' is not referenced by any paragraph",
                          line=registries.lines.get(("speaker", speaker_id)), field="speakers")
    for theme_id in corpus.themes:
        if not corpus.by_theme.get(theme_id):
            problems.warn(registries.files["theme"], f"theme '{theme_id}' is not referenced by any paragraph",
                          line=registries.lines.get(("theme", theme_id)), field="themes")
