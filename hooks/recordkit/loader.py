"""Loading and validating data/ and the record's section files into a `Record`.

Every mistake is collected as a `Problem` naming the file, the field and the
line; `load_record` raises one `InputError` listing all of them, so an editor
fixes everything in one round. Nothing here writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fidelity
from .fields import ID_PATTERN, Fields
from .links import DocumentLinker
from .model import Correction, Document, Meeting, Paragraph, Record, Role, Section, Speaker, Theme
from .problems import Problem, Problems, did_you_mean
from .sections import RawSection, parse_section
from .yamlio import parse_yaml, read_text

MEETING_FIELDS = {
    "id", "path", "source", "record_heading", "record_title", "title", "short_title", "body", "session",
    "session_label", "meeting_type", "date", "venue", "place", "convener", "documents",
    "interventions_from_floor", "citation_title", "description",
}
ROLE_FIELDS = {"label", "plural", "description"}
SPEAKER_FIELDS = {"id", "name", "honorific", "role", "titles", "collective", "search_terms"}
THEME_FIELDS = {"id", "label", "description", "synonyms"}
DOCUMENT_FIELDS = {"id", "symbol", "title", "url", "cited_as"}
CORRECTION_FIELDS = {"id", "paragraph", "original", "corrected", "why"}


@dataclass
class Loaded:
    record: Record
    warnings: list[Problem]


class _Context:
    """Where files are and how to name them in messages."""

    def __init__(self, root: Path, data_dir: Path, docs_dir: Path, problems: Problems) -> None:
        self.root = root
        self.data_dir = data_dir
        self.docs_dir = docs_dir
        self.problems = problems
        # Lines of what later checks report on: meeting fields, speaker and theme ids.
        self.meeting_lines: dict[str, int | None] = {}
        self.id_lines: dict[tuple[str, str], int | None] = {}

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def yaml_file(self, name: str) -> tuple[str, Any]:
        path = self.data_dir / name
        display = self.display(path)
        text = read_text(path, display, self.problems)
        return display, (None if text is None else parse_yaml(text, display, self.problems))

    def entries(self, name: str, key: str) -> tuple[str, list[Any]]:
        """The list under `key` in a data file, or [] with a problem."""
        display, data = self.yaml_file(name)
        return display, self.list_under(display, data, key)

    def list_under(self, display: str, data: Any, key: str) -> list[Any]:
        if data is None:
            return []
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            self.problems.error(display, f"expected a top-level '{key}:' list", line=1, field=key)
            return []
        return data[key]


def load_record(*, root: Path, data_dir: Path, docs_dir: Path) -> Loaded:
    problems = Problems()
    context = _Context(root, data_dir, docs_dir, problems)
    meeting = _load_meeting(context)
    roles, speakers = _load_speakers(context)
    themes = _load_themes(context)
    documents = _load_documents(context)
    corrections_file, corrections = _load_corrections(context)
    raw_sections = _load_sections(context, meeting) if meeting else []
    problems.raise_if_any()  # cross-checks below need well-formed input

    assert meeting is not None
    _check_references(context, raw_sections, meeting, speakers, themes, documents)
    _check_source(context, meeting, raw_sections, corrections, corrections_file)
    problems.raise_if_any()

    linker = DocumentLinker(documents.values())
    record = Record(
        meeting=meeting,
        sections=_numbered_sections(raw_sections, linker),
        roles=roles,
        speakers=speakers,
        themes=themes,
        documents=documents,
        corrections=tuple(correction for correction, _ in corrections),
    )
    _warn_unreferenced(record, problems, context.id_lines, speakers_file=context.display(data_dir / "speakers.yml"),
                       themes_file=context.display(data_dir / "themes.yml"))
    return Loaded(record=record, warnings=problems.warnings)


# -- data files --------------------------------------------------------------


def _load_meeting(context: _Context) -> Meeting | None:
    display, data = context.yaml_file("meeting.yml")
    if data is None:
        return None
    fields = Fields(data, file=display, problems=context.problems, allowed=MEETING_FIELDS, line=1)
    if not fields.ok:
        return None
    context.meeting_lines = {key: fields.line_of(key) for key in ("convener", "documents", "record_title")}
    return Meeting(
        id=fields.identifier("id"),
        path=fields.text("path").strip("/"),
        source=fields.text("source"),
        record_heading=fields.text("record_heading"),
        record_title=fields.text("record_title"),
        title=fields.text("title"),
        short_title=fields.text("short_title"),
        body=fields.text("body"),
        session=fields.integer("session"),
        session_label=fields.text("session_label"),
        meeting_type=fields.text("meeting_type"),
        date=fields.date("date"),
        venue=fields.text("venue"),
        place=fields.text("place"),
        convener=fields.identifier("convener"),
        documents=fields.identifiers("documents"),
        interventions_from_floor=fields.integer("interventions_from_floor"),
        citation_title=fields.text("citation_title"),
        description=fields.text("description"),
    )


def _check_unique(ids: list[tuple[str, int | None]], *, what: str, file: str, problems: Problems) -> None:
    """Report each repeat of an id at its own line, naming where the id was first used."""
    first_line: dict[str, int | None] = {}
    for identifier, line in ids:
        if not identifier:
            continue
        if identifier in first_line:
            where = "" if first_line[identifier] is None else f" at line {first_line[identifier]}"
            problems.error(file, f"duplicate {what} id '{identifier}': already used{where}; ids must be unique",
                           line=line, field="id")
        else:
            first_line[identifier] = line


def _load_speakers(context: _Context) -> tuple[dict[str, Role], dict[str, Speaker]]:
    display, data = context.yaml_file("speakers.yml")
    roles: dict[str, Role] = {}
    if data is None:
        return roles, {}
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        context.problems.error(display, "expected a top-level 'roles:' mapping", line=1, field="roles")
    else:
        for role_id, entry in data["roles"].items():
            line = data["roles"].line_of(str(role_id))
            if not ID_PATTERN.match(str(role_id)):
                context.problems.error(display, f"'{role_id}' is not a valid role id: use lowercase letters, digits "
                                       "and hyphens", line=line, field="roles")
            fields = Fields(entry, file=display, problems=context.problems, allowed=ROLE_FIELDS,
                            where=f"roles.{role_id}", line=line)
            roles[str(role_id)] = Role(str(role_id), fields.text("label"), fields.text("plural"),
                                       fields.text("description"))
    entries = context.list_under(display, data, "speakers")  # parsed once, with the roles
    speakers: list[tuple[Speaker, int | None]] = []
    for entry in entries:
        fields = Fields(entry, file=display, problems=context.problems, allowed=SPEAKER_FIELDS, where="speaker")
        if not fields.ok:
            continue
        speaker = Speaker(
            id=fields.identifier("id"),
            name=fields.text("name"),
            role=fields.identifier("role"),
            titles=fields.texts("titles", required=True),
            honorific=fields.text("honorific", required=False),
            collective=fields.boolean("collective"),
            search_terms=fields.texts("search_terms"),
        )
        if speaker.role and roles and speaker.role not in roles:
            context.problems.error(
                display, f"unknown role '{speaker.role}'{did_you_mean(speaker.role, roles)}",
                line=fields.line_of("role"), field="role",
            )
        speakers.append((speaker, fields.line_of("id")))
    _check_unique([(s.id, line) for s, line in speakers], what="speaker", file=display, problems=context.problems)
    for speaker, line in speakers:
        context.id_lines.setdefault(("speaker", speaker.id), line)
    return roles, {s.id: s for s, _ in speakers}


def _load_themes(context: _Context) -> dict[str, Theme]:
    display, entries = context.entries("themes.yml", "themes")
    themes: list[tuple[Theme, int | None]] = []
    for entry in entries:
        fields = Fields(entry, file=display, problems=context.problems, allowed=THEME_FIELDS, where="theme")
        if fields.ok:
            theme = Theme(fields.identifier("id"), fields.text("label"), fields.text("description"),
                          fields.texts("synonyms"))
            themes.append((theme, fields.line_of("id")))
    _check_unique([(t.id, line) for t, line in themes], what="theme", file=display, problems=context.problems)
    for theme, line in themes:
        context.id_lines.setdefault(("theme", theme.id), line)
    return {t.id: t for t, _ in themes}


def _load_documents(context: _Context) -> dict[str, Document]:
    display, entries = context.entries("documents.yml", "documents")
    documents: list[tuple[Document, int | None]] = []
    for entry in entries:
        fields = Fields(entry, file=display, problems=context.problems, allowed=DOCUMENT_FIELDS, where="document")
        if not fields.ok:
            continue
        symbol = fields.text("symbol", required=False)
        url = fields.text("url", required=not symbol) or f"https://undocs.org/{symbol}"
        if not url.startswith("https://"):
            context.problems.error(display, f"the url '{url}' must start with https://",
                                   line=fields.line_of("url"), field="url")
        document = Document(fields.identifier("id"), fields.text("title"), url, symbol, fields.texts("cited_as"))
        documents.append((document, fields.line_of("id")))
    _check_unique([(d.id, line) for d, line in documents], what="document", file=display, problems=context.problems)
    return {d.id: d for d, _ in documents}


def _load_corrections(context: _Context) -> tuple[str, list[tuple[Correction, int | None]]]:
    display, entries = context.entries("corrections.yml", "corrections")
    corrections: list[tuple[Correction, int | None]] = []
    for entry in entries:
        fields = Fields(entry, file=display, problems=context.problems, allowed=CORRECTION_FIELDS, where="correction")
        if fields.ok:
            correction = Correction(
                id=fields.identifier("id"),
                paragraph=fields.identifier("paragraph"),
                original=fields.text("original"),
                corrected=fields.text("corrected"),
                why=fields.text("why"),
            )
            corrections.append((correction, fields.line))
    _check_unique([(c.id, line) for c, line in corrections], what="correction", file=display,
                  problems=context.problems)
    return display, corrections


# -- section files -----------------------------------------------------------


def _load_sections(context: _Context, meeting: Meeting) -> list[RawSection]:
    folder = context.docs_dir / meeting.path
    if not folder.is_dir():
        context.problems.error(context.display(context.data_dir / "meeting.yml"),
                               f"the record's folder '{context.display(folder)}' does not exist", field="path")
        return []
    sections = []
    for path in sorted(folder.glob("*.md")):
        display = context.display(path)
        text = read_text(path, display, context.problems)
        if text is None:
            continue
        src_uri = path.relative_to(context.docs_dir).as_posix()
        section = parse_section(text, file=display, src_uri=src_uri, problems=context.problems)
        if section:
            sections.append(section)
    if not sections:
        context.problems.error(context.display(folder), "the record has no section files (*.md)")
    return sorted(sections, key=lambda s: s.order)


def _check_references(
    context: _Context,
    sections: list[RawSection],
    meeting: Meeting,
    speakers: dict[str, Speaker],
    themes: dict[str, Theme],
    documents: dict[str, Document],
) -> None:
    problems = context.problems
    meeting_file = context.display(context.data_dir / "meeting.yml")
    if meeting.convener not in speakers:
        problems.error(meeting_file, f"unknown speaker '{meeting.convener}'{did_you_mean(meeting.convener, speakers)}",
                       line=context.meeting_lines.get("convener"), field="convener")
    for document_id in meeting.documents:
        if document_id not in documents:
            problems.error(meeting_file, f"unknown document '{document_id}'{did_you_mean(document_id, documents)}",
                           line=context.meeting_lines.get("documents"), field="documents")
    _check_sections_unique(sections, problems)
    for section in sections:
        for paragraph in section.paragraphs:
            for key, known, what in (
                ("speakers", speakers, "speaker"),
                ("mentions", speakers, "speaker"),
                ("themes", themes, "theme"),
                ("documents", documents, "document"),
            ):
                for identifier in getattr(paragraph, key):
                    if identifier not in known:
                        problems.error(
                            section.file,
                            f"paragraph '{paragraph.id}': unknown {what} '{identifier}'{did_you_mean(identifier, known)}",
                            line=paragraph.line, field=key,
                        )


def _check_sections_unique(sections: list[RawSection], problems: Problems) -> None:
    first_seen: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for section in sections:
        if section.number in numbers:
            problems.error(section.file, f"duplicate section number '{section.number}', also in {numbers[section.number]}",
                           line=section.number_line,
                           field="number")
        numbers.setdefault(section.number, section.file)
        anchors = [(section.id, section.id_line, "section")]
        for paragraph in section.paragraphs:
            anchors.append((paragraph.id, paragraph.line, "paragraph"))
            anchors.extend((alias, paragraph.line, "paragraph alias") for alias in paragraph.aliases)
        for anchor, line, what in anchors:
            if anchor in first_seen:
                problems.error(section.file, f"duplicate {what} id '{anchor}': already used in {first_seen[anchor]}",
                               line=line, field="id")
            else:
                first_seen[anchor] = section.file if line is None else f"{section.file}, line {line}"


def _check_source(
    context: _Context,
    meeting: Meeting,
    sections: list[RawSection],
    corrections: list[tuple[Correction, int | None]],
    corrections_file: str,
) -> None:
    """Apply the declared corrections to the source and compare it with docs/."""
    path = context.data_dir / meeting.source
    source = read_text(path, context.display(path), context.problems)
    if source is None:
        return
    paragraph_ids = {p.id for s in sections for p in s.paragraphs}
    counts = fidelity.occurrences(source, [c.original for c, _ in corrections])  # one scan for all of them
    for correction, line in corrections:
        count = counts[correction.original]
        if count != 1:
            found = "is no longer in the source" if count == 0 else f"occurs {count} times in the source"
            context.problems.error(
                corrections_file,
                f"correction '{correction.id}': the original text {_quote(correction.original)} {found}"
                + ("" if count == 0 else "; quote more words so it is unique"),
                line=line, field="original",
            )
        if correction.paragraph not in paragraph_ids:
            context.problems.error(
                corrections_file,
                f"correction '{correction.id}': unknown paragraph '{correction.paragraph}'"
                f"{did_you_mean(correction.paragraph, paragraph_ids)}",
                line=line, field="paragraph",
            )
    corrected = fidelity.apply_corrections(source, [(c.original, c.corrected) for c, _ in corrections])
    _compare_with_source(context, meeting, fidelity.source_blocks(corrected), sections)


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f"'{flat[:60]}...'" if len(flat) > 60 else f"'{flat}'"


def _compare_with_source(
    context: _Context, meeting: Meeting, blocks: list[fidelity.SourceBlock], sections: list[RawSection]
) -> None:
    problems = context.problems
    source_name = context.display(context.data_dir / meeting.source)
    meeting_file = context.display(context.data_dir / "meeting.yml")
    front = [b.text for b in blocks if b.kind == "front"]
    expected_front = [fidelity.normalise(meeting.record_heading), fidelity.normalise(meeting.record_title)]
    if front != expected_front:
        problems.error(meeting_file, f"record_heading and record_title must be the first two blocks of {source_name}",
                       field="record_title")
    # Pair the source's parts with the section files, in order.
    source_parts: list[tuple[str, list[str]]] = []
    for block in blocks:
        if block.kind == "heading":
            source_parts.append((block.text, []))
        elif block.kind == "paragraph":
            if not source_parts:
                problems.error(source_name, f"a paragraph before the first part heading: {_quote(block.text)}")
                continue
            source_parts[-1][1].append(block.text)
    if len(source_parts) != len(sections):
        problems.error(
            context.display(context.docs_dir / meeting.path),
            f"the source has {len(source_parts)} parts but docs/ has {len(sections)} section files",
        )
    for (heading, texts), section in zip(source_parts, sections):
        title = fidelity.normalise(f"{section.number}. {section.title}")
        if title != heading:
            problems.error(section.file, f"the title '{title}' does not match the source's heading '{heading}'",
                           line=section.title_line, field="title")
        _compare_paragraphs(section, texts, problems)


def _compare_paragraphs(section: RawSection, texts: list[str], problems: Problems) -> None:
    for index, expected in enumerate(texts):
        if index >= len(section.paragraphs):
            problems.error(section.file, f"a paragraph of the source is missing here: {_quote(expected)}")
            return
        paragraph = section.paragraphs[index]
        found = fidelity.normalise(paragraph.text)
        if found != expected:
            problems.error(
                section.file,
                f"paragraph '{paragraph.id}' no longer matches the source: {fidelity.first_difference(expected, found)}"
                " (declare an editorial correction in data/corrections.yml, or restore the text)",
                line=paragraph.line + 1,
            )
            return
    if len(section.paragraphs) > len(texts):
        extra = section.paragraphs[len(texts)]
        problems.error(section.file, f"paragraph '{extra.id}' is not in the source", line=extra.line + 1)


# -- the model ---------------------------------------------------------------


def _numbered_sections(raw_sections: list[RawSection], linker: DocumentLinker) -> tuple[Section, ...]:
    """Sections with paragraphs numbered 1..N across the record, as UN reports do."""
    number = 0
    sections = []
    for raw in raw_sections:
        paragraphs = []
        for raw_paragraph in raw.paragraphs:
            number += 1
            cited = linker.cited(raw_paragraph.text)
            paragraphs.append(
                Paragraph(
                    id=raw_paragraph.id,
                    number=number,
                    section_id=raw.id,
                    text=fidelity.normalise(raw_paragraph.text),
                    speakers=raw_paragraph.speakers,
                    mentions=raw_paragraph.mentions,
                    themes=raw_paragraph.themes,
                    documents=tuple(dict.fromkeys(cited + list(raw_paragraph.documents))),
                    line=raw_paragraph.line,
                    aliases=raw_paragraph.aliases,
                )
            )
        sections.append(Section(raw.id, raw.number, raw.title, raw.summary, raw.src_uri, tuple(paragraphs)))
    return tuple(sections)


def _warn_unreferenced(record: Record, problems: Problems, lines: dict[tuple[str, str], int | None], *,
                       speakers_file: str, themes_file: str) -> None:
    for speaker_id in record.speakers:
        if not record.by_speaker.get(speaker_id) and not record.by_mention.get(speaker_id):
            problems.warn(speakers_file, f"speaker '{speaker_id}' is not referenced by any paragraph",
                          line=lines.get(("speaker", speaker_id)), field="speakers")
    for theme_id in record.themes:
        if not record.by_theme.get(theme_id):
            problems.warn(themes_file, f"theme '{theme_id}' is not referenced by any paragraph",
                          line=lines.get(("theme", theme_id)), field="themes")

