"""Reading one meeting's folder (data/meetings/<id>/): its facts, parts, corrections and source.

The folder is the meeting: `meeting.yml` (facts, and the order of the parts),
one `<part>.md` per part, `corrections.yml` and `decisions.yml` (both optional)
and the source text.
Adding or removing a meeting is adding or removing its folder.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import entities, fidelity
from .model import MEETING_KINDS, Correction, Decision, Meeting
from .problems import did_you_mean
from .registries import Files
from .sections import RawSection, parse_section
from .yamlio import LineDict, read_text

MEETING_FILE = "meeting.yml"
CORRECTIONS_FILE = "corrections.yml"
DECISIONS_FILE = "decisions.yml"


@dataclass
class RawMeeting:
    """A meeting as read, with what later checks need to name lines."""

    meeting: Meeting
    file: str
    folder: Path
    sections: list[RawSection]
    corrections: list[tuple[Correction, int | None]]
    corrections_file: str
    lines: dict[str, int | None]  # field -> line in meeting.yml
    member_lines: list[int | None]  # line in meeting.yml of each entry of `members:`
    decisions: list[tuple[Decision, int | None]]  # decisions.yml, each with its entry's line
    decisions_file: str


def meeting_folders(meetings_dir: Path) -> list[Path]:
    return sorted(path for path in meetings_dir.iterdir() if path.is_dir()) if meetings_dir.is_dir() else []


def load_meeting(files: Files, folder: Path) -> RawMeeting | None:
    display, data = files.yaml(folder / MEETING_FILE)
    if data is None:
        return None
    meeting, fields = entities.read(Meeting, data, file=display, problems=files.problems, line=1)
    if meeting is None:
        return None
    problems = files.problems
    if meeting.id and meeting.id != folder.name:
        problems.error(display, f"the id '{meeting.id}' must be the folder's name '{folder.name}'",
                       line=fields.line_of("id"), field="id")
    if meeting.kind and meeting.kind not in MEETING_KINDS:
        problems.error(display, f"kind must be one of {', '.join(MEETING_KINDS)}", line=fields.line_of("kind"),
                       field="kind")
    meeting = _with_path(meeting)
    lines = {name: fields.line_of(name) for name in entities.allowed(Meeting)}
    members = fields.mapping.get("members")
    member_lines = [entry.line if isinstance(entry, LineDict) else lines["members"]
                    for entry in (members if isinstance(members, list) else [])]
    corrections_display, corrections = _load_corrections(files, folder)
    decisions_display, decisions = _load_decisions(files, folder, meeting.id)
    return RawMeeting(meeting, display, folder, _load_parts(files, folder, meeting, display, lines),
                      corrections, corrections_display, lines, member_lines, decisions, decisions_display)


def _with_path(meeting: Meeting) -> Meeting:
    return replace(meeting, path=meeting.path.strip("/"))


def _load_parts(files: Files, folder: Path, meeting: Meeting, display: str,
                lines: dict[str, int | None]) -> list[RawSection]:
    listed = set(meeting.parts)
    for path in sorted(folder.glob("*.md")):
        if path.stem not in listed:
            files.problems.error(files.display(path), f"this part is not listed in {display} (parts: [...]): add "
                                 "it there, in its place, or remove the file")
    sections = []
    for part_id in meeting.parts:
        path = folder / f"{part_id}.md"
        if not path.is_file():
            known = [p.stem for p in folder.glob("*.md")]
            files.problems.error(display, f"the part '{part_id}' has no file {files.display(path)}"
                                 f"{did_you_mean(part_id, known)}", line=lines.get("parts"), field="parts")
            continue
        shown = files.display(path)
        text = read_text(path, shown, files.problems)
        if text is None:
            continue
        section = parse_section(text, file=shown, src_uri=f"{meeting.path}/{part_id}.md", meeting_id=meeting.id,
                                problems=files.problems)
        if section is None:
            continue
        sections.append(section)
    if not meeting.parts:
        files.problems.error(display, "the meeting lists no parts", line=lines.get("parts"), field="parts")
    return sections


def _load_corrections(files: Files, folder: Path) -> tuple[str, list[tuple[Correction, int | None]]]:
    display, data = files.yaml(folder / CORRECTIONS_FILE, optional=True)
    corrections: list[tuple[Correction, int | None]] = []
    seen: dict[str, int | None] = {}
    for entry in files.list_under(display, data, "corrections"):
        correction, fields = entities.read(Correction, entry, file=display, problems=files.problems,
                                           where="correction")
        if correction is None:
            continue
        if correction.id in seen:
            where = "" if seen[correction.id] is None else f" at line {seen[correction.id]}"
            files.problems.error(display, f"duplicate correction id '{correction.id}': already used{where}; ids must "
                                 "be unique", line=fields.line, field="id")
        seen.setdefault(correction.id, fields.line)
        corrections.append((correction, fields.line))
    return display, corrections


def _load_decisions(files: Files, folder: Path, meeting_id: str) -> tuple[str, list[tuple[Decision, int | None]]]:
    display, data = files.yaml(folder / DECISIONS_FILE, optional=True)
    decisions: list[tuple[Decision, int | None]] = []
    seen: set[str] = set()
    for index, entry in enumerate(files.list_under(display, data, "decisions")):
        decision, fields = entities.read(Decision, entry, file=display, problems=files.problems,
                                         where=f"decisions[{index}]", extra={"meeting_id": meeting_id})
        if decision is None:
            continue
        if decision.id in seen:
            files.problems.error(display, f"duplicate decision id '{decision.id}': ids must be unique in a meeting "
                                 "(each is the address of its vote's page)", line=fields.line, field="id")
        seen.add(decision.id)
        decisions.append((decision, fields.line))
    return display, decisions


def check_source(files: Files, raw: RawMeeting) -> None:
    """Apply the declared corrections to the source and compare it with what the parts publish."""
    problems, meeting = files.problems, raw.meeting
    path = raw.folder / meeting.source
    source_name = files.display(path)
    source = read_text(path, source_name, problems)
    if source is None:
        return
    paragraph_ids = {p.paragraph.id for s in raw.sections for p in s.paragraphs}
    counts = fidelity.occurrences(source, [c.original for c, _ in raw.corrections])  # one scan for all of them
    for correction, line in raw.corrections:
        count = counts[correction.original]
        if count != 1:
            found = "is no longer in the source" if count == 0 else f"occurs {count} times in the source"
            problems.error(raw.corrections_file,
                           f"correction '{correction.id}': the original text {_quote(correction.original)} {found}"
                           + ("" if count == 0 else "; quote more words so it is unique"),
                           line=line, field="original")
        if correction.paragraph not in paragraph_ids:
            problems.error(raw.corrections_file, f"correction '{correction.id}': unknown paragraph "
                           f"'{correction.paragraph}'{did_you_mean(correction.paragraph, paragraph_ids)}",
                           line=line, field="paragraph")
    corrected = fidelity.apply_corrections(source, [(c.original, c.corrected) for c, _ in raw.corrections])
    for mismatch in fidelity.compare(fidelity.source_blocks(corrected), _published_blocks(raw),
                                     source_name=source_name, corrections_file=raw.corrections_file):
        problems.error(mismatch.file, mismatch.message, line=mismatch.line, field=mismatch.field)


def _published_blocks(raw: RawMeeting) -> list[fidelity.Expected]:
    blocks = [fidelity.Expected(text, raw.file, raw.lines.get("front"), "front", part="")
              for text in raw.meeting.front]
    for section in raw.sections:
        part = section.part
        blocks.extend(fidelity.Expected(text, section.file, section.title_line, "heading", part=part.id)
                      for text in part.source_heading)
        blocks.extend(fidelity.Expected(p.paragraph.text, section.file, p.line + 1,
                                        f"paragraph '{p.paragraph.id}'", part=part.id)
                      for p in section.paragraphs)
    return blocks


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f"'{flat[:60]}...'" if len(flat) > 60 else f"'{flat}'"
