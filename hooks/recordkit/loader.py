"""Loading and validating data/ into a `Corpus`: the registries, then every meeting's folder.

Every mistake is collected as a `Problem` naming the file, the field and the
line; `load_corpus` raises one `InputError` listing all of them, so an editor
fixes everything in one round (problems of form first; cross-references and
the text-vs-source check once every file parses). Nothing here writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import references
from .links import DocumentLinker
from .meetings import RawMeeting, check_source, load_meeting, meeting_folders
from .model import Corpus, Meeting, Paragraph
from .problems import Problem, Problems
from .registries import Files, load_registries

MEETINGS_DIR = "meetings"


@dataclass
class Loaded:
    corpus: Corpus
    warnings: list[Problem]


def load_corpus(*, root: Path, data_dir: Path, folders: list[Path] | None = None) -> Loaded:
    """Every meeting of data/, or only those of `folders` (a partition's: a partitioned build checks
    what is said of the whole corpus, the registry entries no meeting refers to, in its shared job)."""
    problems = Problems()
    files = Files(root, problems)
    registries = load_registries(files, data_dir)
    whole = folders is None
    if folders is None:
        folders = meeting_folders(data_dir / MEETINGS_DIR)
    if not folders and whole:
        problems.error(files.display(data_dir / MEETINGS_DIR), "no meeting: each meeting is a folder here "
                       "(make import SRC=... creates one)")
    raw_meetings = [raw for raw in (load_meeting(files, folder) for folder in folders) if raw is not None]
    problems.raise_if_any()  # cross-checks below need well-formed input

    references.check(raw_meetings, registries, files)
    for raw in raw_meetings:
        check_source(files, raw)
    problems.raise_if_any()

    linker = DocumentLinker(registries.documents.values())
    meetings = sorted((_assembled(raw, linker) for raw in raw_meetings), key=lambda m: (m.date, m.id), reverse=True)
    corpus = Corpus(
        meetings=tuple(meetings),
        roles=registries.roles,
        speakers=registries.speakers,
        delegations=registries.delegations,
        themes=registries.themes,
        documents=registries.documents,
        bodies=registries.bodies,
    )
    if whole:
        references.warn_unreferenced(corpus, registries, problems)
    return Loaded(corpus=corpus, warnings=problems.warnings)


def load_registry_corpus(*, root: Path, data_dir: Path, meetings: list[Meeting], whole: bool) -> Loaded:
    """The registries of data/ (checked) with meetings loaded before, by a partitioned build's jobs;
    registry entries no meeting refers to are warned of when `meetings` are all of them (`whole`)."""
    problems = Problems()
    registries = load_registries(Files(root, problems), data_dir)
    problems.raise_if_any()
    corpus = Corpus(meetings=tuple(meetings), roles=registries.roles, speakers=registries.speakers,
                    delegations=registries.delegations, themes=registries.themes, documents=registries.documents,
                    bodies=registries.bodies)
    if whole:
        references.warn_unreferenced(corpus, registries, problems)
    return Loaded(corpus=corpus, warnings=problems.warnings)


def _assembled(raw: RawMeeting, linker: DocumentLinker) -> Meeting:
    """The meeting with its parts, paragraphs numbered 1..N across the record as UN records are."""
    number = 0
    parts = []
    for section in raw.sections:
        paragraphs: list[Paragraph] = []
        for raw_paragraph in section.paragraphs:
            number += 1
            paragraph = raw_paragraph.paragraph
            cited = linker.cited(paragraph.text)
            previous = paragraphs[-1] if paragraphs else None
            paragraphs.append(replace(
                paragraph,
                number=number,
                text=" ".join(paragraph.text.split()),
                documents=tuple(dict.fromkeys(cited + list(paragraph.documents))),
                opens_statement=_opens_statement(raw.meeting, previous, paragraph),
            ))
        parts.append(replace(section.part, paragraphs=tuple(paragraphs)))
    return replace(raw.meeting, sections=tuple(parts), corrections=tuple(c for c, _ in raw.corrections),
                   decisions=tuple(d for d, _ in raw.decisions))


def _opens_statement(meeting: Meeting, previous: Paragraph | None, paragraph: Paragraph) -> bool:
    """A summary reports each paragraph on its own; a verbatim statement runs until someone else speaks."""
    if meeting.kind != "verbatim" or previous is None:
        return True
    return (previous.speakers, previous.delegation) != (paragraph.speakers, paragraph.delegation)
