"""Parsing a part file: YAML front matter, then annotated paragraphs.

A part file (data/meetings/<meeting>/<part>.md) looks like this::

    ---
    id: opening-statements
    number: II
    title: Opening statements
    summary: One line on what the part covers.
    ---

    {: id: p-pga-statement, speakers: [francis], themes: [prevention] }
    The text of the paragraph, verbatim from the source.

Each paragraph is preceded by its annotation, a YAML flow mapping written
between `{:` and `}` on one line. The paragraph's id is fixed there, never
derived from its text, so editing the text never moves an anchor. The fields
of both are the model's (`Part`, `Paragraph`): see model.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from . import entities
from .model import PARAGRAPH_KINDS, Paragraph, Part
from .problems import Problems
from .yamlio import parse_yaml

ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


@dataclass
class RawParagraph:
    """A paragraph as written, with the line of its annotation (for messages), before numbering."""

    paragraph: Paragraph
    line: int


@dataclass
class RawSection:
    file: str
    part: Part
    paragraphs: list[RawParagraph]
    id_line: int | None = None
    number_line: int | None = None
    title_line: int | None = None


def split_front_matter(text: str, file: str, problems: Problems) -> tuple[str, str, int] | None:
    """(front matter, body, line where the body starts), or None with a problem."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        problems.error(file, "must start with YAML front matter between two '---' lines", line=1)
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    problems.error(file, "the front matter is not closed by a '---' line", line=1)
    return None


def parse_section(text: str, *, file: str, src_uri: str, meeting_id: str, problems: Problems) -> RawSection | None:
    parts = split_front_matter(text, file, problems)
    if parts is None:
        return None
    front_text, body, body_line = parts
    front = parse_yaml(front_text, file, problems, first_line=2)
    if front is None and not front_text.strip():
        problems.error(file, "the front matter is empty: it needs at least id and title", line=1)
        return None
    if front is None:
        return None
    part, fields = entities.read(Part, front, file=file, problems=problems, where="front matter", line=2,
                                 extra={"meeting_id": meeting_id, "src_uri": src_uri})
    if part is None:
        return None
    if part.heading is None and part.number and not ROMAN.match(part.number):
        problems.error(file, f"'{part.number}' is not a Roman numeral (I, II, III ...): give the part's source "
                       "heading in `heading:`", line=fields.line_of("number"), field="number")
    section = RawSection(
        file=file,
        part=part,
        paragraphs=parse_paragraphs(body, file=file, first_line=body_line, meeting_id=meeting_id,
                                    part_id=part.id, problems=problems),
        id_line=fields.line_of("id"),
        number_line=fields.line_of("number"),
        title_line=fields.line_of("title"),
    )
    if not body.strip():  # (paragraphs that failed to parse are reported on their own)
        problems.error(file, "the part has no paragraphs: an empty part would publish an empty page", line=body_line)
    return section


def _blocks(body: str, first_line: int) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the file line each run starts on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first_line
    for offset, line in enumerate(body.splitlines()):
        if line.strip():
            if not current:
                start = first_line + offset
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def parse_paragraphs(body: str, *, file: str, first_line: int, meeting_id: str, part_id: str,
                     problems: Problems) -> list[RawParagraph]:
    paragraphs = []
    for line, lines in _blocks(body, first_line):
        head = lines[0].strip()
        if not (head.startswith("{:") and head.endswith("}")):
            problems.error(
                file,
                "this paragraph has no annotation: put a line "
                "'{: id: p-..., speakers: [...], themes: [...] }' before it",
                line=line,
            )
            continue
        text = " ".join(part.strip() for part in lines[1:])
        if not text:
            problems.error(file, "an annotation with no paragraph text after it", line=line)
            continue
        annotation = parse_yaml("{" + head[2:], file, problems, first_line=line)
        paragraph = _paragraph_from(annotation, text=text, line=line, file=file, problems=problems)
        if paragraph:
            paragraph = replace(paragraph, meeting_id=meeting_id, part_id=part_id)
            paragraphs.append(RawParagraph(paragraph, line))
    return paragraphs


def _paragraph_from(annotation: Any, *, text: str, line: int, file: str, problems: Problems) -> Paragraph | None:
    if annotation is None:
        return None
    paragraph, fields = entities.read(Paragraph, annotation, file=file, problems=problems, where="paragraph",
                                      line=line, extra={"text": text})
    if paragraph is None:
        return None
    if "themes" in fields.mapping and not paragraph.themes:
        problems.error(file, f"paragraph '{paragraph.id}' has no themes: give it at least one", line=line,
                       field="themes")
    if paragraph.kind not in PARAGRAPH_KINDS:
        problems.error(file, f"paragraph '{paragraph.id}': kind must be one of {', '.join(PARAGRAPH_KINDS)}",
                       line=line, field="kind")
    return paragraph
