"""Parsing a section file: YAML front matter, then annotated paragraphs.

A section file looks like this::

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
derived from its text, so editing the text never moves an anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .fields import Fields
from .problems import Problems
from .yamlio import parse_yaml

FRONT_MATTER_FIELDS = {"id", "number", "title", "summary"}
# `aliases`: former ids of the paragraph, kept as extra anchors so old links still land.
ANNOTATION_FIELDS = {"id", "speakers", "mentions", "themes", "documents", "aliases"}
ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


@dataclass
class RawParagraph:
    """A paragraph as written in the file, before ids are checked against data/."""

    id: str
    text: str
    line: int
    speakers: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass
class RawSection:
    file: str
    src_uri: str
    id: str
    number: str
    title: str
    summary: str
    order: int
    paragraphs: list[RawParagraph]
    id_line: int | None = None
    number_line: int | None = None
    title_line: int | None = None


def roman_to_int(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for current, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = values[current]
        total += -value if values.get(following, 0) > value else value
    return total


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


def parse_section(text: str, *, file: str, src_uri: str, problems: Problems) -> RawSection | None:
    parts = split_front_matter(text, file, problems)
    if parts is None:
        return None
    front_text, body, body_line = parts
    front = parse_yaml(front_text, file, problems, first_line=2)
    if front is None and not front_text.strip():
        problems.error(file, "the front matter is empty: it needs id, number, title and summary", line=1)
        return None
    if front is None:
        return None
    fields = Fields(front, file=file, problems=problems, allowed=FRONT_MATTER_FIELDS, where="front matter", line=2)
    number = fields.text("number")
    if number and not ROMAN.match(number):
        problems.error(file, f"'{number}' is not a Roman numeral (I, II, III ...)",
                       line=fields.line_of("number"), field="number")
    section = RawSection(
        file=file,
        src_uri=src_uri,
        id=fields.identifier("id"),
        number=number,
        title=fields.text("title"),
        summary=fields.text("summary"),
        order=roman_to_int(number) if number and ROMAN.match(number) else 0,
        paragraphs=parse_paragraphs(body, file=file, first_line=body_line, problems=problems),
        id_line=fields.line_of("id"),
        number_line=fields.line_of("number"),
        title_line=fields.line_of("title"),
    )
    if not body.strip():  # (paragraphs that failed to parse are reported on their own)
        problems.error(file, "the section has no paragraphs: an empty part would publish an empty page", line=body_line)
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


def parse_paragraphs(body: str, *, file: str, first_line: int, problems: Problems) -> list[RawParagraph]:
    paragraphs = []
    for line, lines in _blocks(body, first_line):
        head = lines[0].strip()
        if not (head.startswith("{:") and head.endswith("}")):
            problems.error(
                file,
                "this paragraph has no annotation: "
                "put a line '{: id: p-..., speakers: [...], themes: [...] }' before it",
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
            paragraphs.append(paragraph)
    return paragraphs


def _paragraph_from(annotation: Any, *, text: str, line: int, file: str, problems: Problems) -> RawParagraph | None:
    if annotation is None:
        return None
    fields = Fields(annotation, file=file, problems=problems, allowed=ANNOTATION_FIELDS, where="paragraph", line=line)
    if not fields.ok:
        return None
    paragraph_id = fields.identifier("id")
    themes = fields.identifiers("themes", required=True)
    if fields.ok and "themes" in fields.mapping and not themes:
        problems.error(file, f"paragraph '{paragraph_id}' has no themes: give it at least one",
                       line=line, field="themes")
    return RawParagraph(
        id=paragraph_id,
        text=text,
        line=line,
        speakers=fields.identifiers("speakers"),
        mentions=fields.identifiers("mentions"),
        themes=themes,
        documents=fields.identifiers("documents"),
        aliases=fields.identifiers("aliases"),
    )
