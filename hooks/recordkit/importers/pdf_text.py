"""The text of a UN verbatim record PDF: lines, blocks and page furniture, in reading order.

Library: pdfminer.six (MIT, maintained). Its layout analysis exposes every character with
its position and font name, which is what a two-column record needs: the column a word
belongs to, the first-line indent that opens a paragraph, bold speaker names and italic
stage notes. (pypdf has no layout analysis; pdfplumber is a wrapper around pdfminer;
pymupdf is AGPL.)

Why not pdfminer's own text boxes: UN records are justified, and the PDFs draw some words
of a line out of order (a line's middle is painted after the line's ends). pdfminer then
makes several boxes of one line, and `extract_text` interleaves them. So this module takes
pdfminer's characters and builds lines itself: one line = the characters of one column
that share a baseline, ordered by x. Blocks (paragraphs, headings, stage notes) are runs
of lines with the normal line spacing; a larger gap or a first-line indent starts a new
block. A block at the top of a column that starts flush left, in the body font, continues
the block before it (a paragraph running across a column or a page).

Page furniture, left out of the blocks and listed in `PdfText.furniture`: the running head
(symbol, date), the foot (job number like `22-58466`, barcode, page `3/31` or `8`), the
corrections note at the foot of page 1, and the leader dots of the President line.
Logos are drawings, not text, and never reach the text.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from .errors import SourceError

# Bands of the page (PDF points from the bottom) holding the running head and the foot.
# The body of both records runs from about y=95 to y=705 on a 792-point page.
HEAD_BAND = 715.0
FOOT_BAND = 85.0
# A first line indented by more than this (points) opens a paragraph (the records indent 18).
INDENT = 8.0
# The corrections note at the foot of page 1 starts with these words.
BOILERPLATE_START = "This record contains the text of speeches"
# Lines that take the style of the block they are in.
NEUTRAL = re.compile(r"^\((?:resolution|decision)s? [^()]*\)\W*$")
LEADER = re.compile(r"(?:\s*\.){3,}\s*")  # ". . . . ." between the President's name and country


@dataclass(frozen=True)
class Line:
    text: str  # the characters of the line, words separated by one space
    page: int  # 1-based
    column: int  # 0 left, 1 right, -1 across the page (page-1 header)
    x0: float
    x1: float
    y: float  # baseline (points from the bottom of the page)
    bold_prefix: str  # the leading run in a bold font ("The President", "Mr. Kimani (Kenya)")
    style: str  # "bold" (all letters bold/bold-italic), "italic" (mostly italic), "roman", "" (no letters)


@dataclass
class Block:
    lines: list[Line]
    style: str  # style of the first line: bold (heading), italic (stage note), roman (text)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def text(self) -> str:
        """The block as in source.txt: the PDF's lines joined with newlines."""
        return "\n".join(line.text for line in self.lines)

    @property
    def bold_prefix(self) -> str:
        return self.lines[0].bold_prefix


@dataclass
class PdfText:
    file: str  # file name, for messages
    pages: int
    front: list[Block]  # page-1 header blocks (symbol, body, session, meeting, date, President)
    blocks: list[Block]  # the body in reading order, paragraphs across columns/pages joined
    furniture: list[str] = field(default_factory=list)  # removed text, for review and the fidelity test


def read_pdf(path: Path) -> PdfText:
    """Extract a verbatim record's text; SourceError for an empty, damaged or encrypted file."""
    pages = _page_chars(path)
    furniture: list[str] = []
    front: list[Block] = []
    column_lines: list[Line] = []
    for number, (width, chars) in enumerate(pages, start=1):
        body = _drop_bands(chars, number, furniture)
        if number == 1:
            body, front = _split_front(body, width, furniture)
        column_lines.extend(_column_lines(body, number, width))
    if not front:
        raise SourceError(path.name, "no page-1 header with 'President:' (not a UN verbatim record?)", page=1)
    blocks = _blocks(column_lines)
    return PdfText(file=path.name, pages=len(pages), front=front, blocks=blocks, furniture=furniture)


# --- characters ---------------------------------------------------------------------------


def _page_chars(path: Path) -> list[tuple[float, list[LTChar]]]:
    """Every page's width and characters; pdfminer's errors become one clear SourceError."""
    if not path.exists():
        raise SourceError(path.name, "file not found")
    if path.stat().st_size == 0:
        raise SourceError(path.name, "empty file")
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)  # characters only; lines are built here
    interpreter = PDFPageInterpreter(manager, device)
    result: list[tuple[float, list[LTChar]]] = []
    try:
        with path.open("rb") as handle:
            for page in PDFPage.get_pages(handle, check_extractable=False):
                interpreter.process_page(page)
                layout: LTPage = device.get_result()
                result.append((layout.width, list(_chars(layout))))
    except SourceError:
        raise
    except Exception as error:  # pdfminer raises many kinds: PSEOF, PDFSyntaxError, PDFPasswordIncorrect…
        raise SourceError(path.name, _pdf_problem(error), page=len(result) + 1 if result else None) from None
    if not result:
        raise SourceError(path.name, "not a readable PDF (no pages)")
    return result


def _pdf_problem(error: Exception) -> str:
    name = type(error).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted PDF (needs a password); save an unencrypted copy first"
    return f"damaged or unreadable PDF ({name}: {error})".rstrip(": )") + ")"


def _chars(container: LTContainer) -> Iterator[LTChar]:
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):  # figures (barcode) hold characters too
            yield from _chars(item)


def _drop_bands(chars: list[LTChar], page: int, furniture: list[str]) -> list[LTChar]:
    """Remove the running head and the foot (job number, barcode, page number).

    Page 1 has no running head: its top band is the record's header, kept for `front`."""
    kept: list[LTChar] = []
    dropped: list[LTChar] = []
    for char in chars:
        in_band = (char.y0 >= HEAD_BAND and page > 1) or char.y1 <= FOOT_BAND
        (dropped if in_band else kept).append(char)
    furniture.extend(line.text for line in _lines(dropped, page, -1) if line.text)
    return kept


# --- lines --------------------------------------------------------------------------------


def _lines(chars: list[LTChar], page: int, column: int) -> list[Line]:
    """Group characters that share a baseline into lines, top to bottom.

    A character joins the line above it while its vertical centre is above that line's
    lowest bottom: superscripts ("102nd") and a larger first letter stay on their line."""
    rows: list[list[LTChar]] = []
    bottom = 0.0
    for char in sorted(chars, key=lambda c: -(c.y0 + c.y1) / 2):
        centre = (char.y0 + char.y1) / 2
        if rows and centre > bottom:
            rows[-1].append(char)
            bottom = min(bottom, char.y0)
        else:
            rows.append([char])
            bottom = char.y0
    lines = [_line(sorted(row, key=lambda c: c.x0), page, column) for row in rows]
    return [line for line in lines if line.text]


def _line(chars: list[LTChar], page: int, column: int) -> Line:
    text = _line_text(chars)
    letters = [c for c in chars if c.get_text().isalpha()]
    bold = [_is_bold(c) for c in letters]
    italic = sum(_is_italic(c) for c in letters)
    roman_letters = "".join(c.get_text() for c in letters if not _is_bold(c))
    if letters and (all(bold) or (any(bold) and roman_letters == "continued")):
        style = "bold"  # a heading; "Agenda item 66 (continued)" has "continued" in italics
    elif letters and italic * 2 > len(letters):
        style = "italic"
    elif NEUTRAL.match(text):
        style = ""  # "(resolution 64/300)." is roman inside an italic decision
    elif letters:
        style = "roman"
    else:
        style = ""  # digits-free punctuation only or "64/299).": takes the style of its block
    ink = [c for c in chars if not c.get_text().isspace()] or chars  # leading space glyphs are not indent
    return Line(
        text=text,
        page=page,
        column=column,
        x0=min(c.x0 for c in ink),
        x1=max(c.x1 for c in ink),
        y=statistics.median(c.y0 for c in ink),
        bold_prefix=_bold_prefix(chars),
        style=style,
    )


def _line_text(chars: list[LTChar]) -> str:
    """The line's characters; a space where the PDF has one or leaves a word-sized gap."""
    out: list[str] = []
    previous: LTChar | None = None
    for char in chars:
        glyph = char.get_text()
        if (previous is not None and not glyph.isspace() and not previous.get_text().isspace()
                and char.x0 - previous.x1 > 0.2 * char.size):  # a gap without a space glyph
            out.append(" ")
        out.append(glyph)
        previous = char
    return " ".join("".join(out).split())  # justified lines: runs of spaces are layout


def _bold_prefix(chars: list[LTChar]) -> str:
    prefix: list[LTChar] = []
    for char in chars:
        if char.get_text().isspace() or _is_bold(char):
            prefix.append(char)
        else:
            break
    return _line_text(prefix) if any(_is_bold(c) for c in prefix) else ""


def _is_bold(char: LTChar) -> bool:
    return "Bold" in char.fontname and "Barcode" not in char.fontname


def _is_italic(char: LTChar) -> bool:
    return "Italic" in char.fontname or "Oblique" in char.fontname


# --- page 1 header ------------------------------------------------------------------------


def _split_front(chars: list[LTChar], width: float, furniture: list[str]) -> tuple[list[LTChar], list[Block]]:
    """Page 1: the header (down to the President line) as blocks, the corrections note out."""
    lines = _lines(chars, 1, -1)
    president = next((line for line in lines if line.text.startswith("President:")), None)
    if president is None:
        return chars, []
    note = next((line for line in lines if line.text.startswith(BOILERPLATE_START)), None)
    if note:
        furniture.extend(line.text for line in lines if line.y <= note.y + 1.0)
    cut_bottom = note.y + 3.0 if note else -1.0  # the note's first line and all below it
    cut_top = president.y - 3.0
    header = [c for c in chars if c.y0 >= cut_top]
    body = [c for c in chars if cut_bottom < c.y0 < cut_top]
    return body, _front_blocks(header, president.y, width, furniture)


def _front_blocks(chars: list[LTChar], president_y: float, width: float, furniture: list[str]) -> list[Block]:
    """Header blocks: the left stack, the right stack, read by rows, then the President line."""
    top = [c for c in chars if c.y0 >= president_y + 3.0]
    left = _lines([c for c in top if c.x0 < width / 2], 1, 0)
    right = _lines([c for c in top if c.x0 >= width / 2], 1, 1)
    blocks = _rows(_stack_blocks(left) + _stack_blocks(right))
    for line in _lines([c for c in chars if c.y0 < president_y + 3.0], 1, -1):
        leader = LEADER.search(line.text)
        if leader:
            furniture.append(leader.group().strip())
        blocks.append(Block([_replace_text(line, LEADER.sub(" ", line.text).strip())], line.style))
    return blocks


def _rows(blocks: list[Block]) -> list[Block]:
    """Top to bottom; blocks whose first lines are within 10 points form a row, read left to right."""
    ordered = sorted(blocks, key=lambda b: -b.lines[0].y)
    rows: list[list[Block]] = []
    for block in ordered:
        if rows and rows[-1][0].lines[0].y - block.lines[0].y < 10.0:
            rows[-1].append(block)
        else:
            rows.append([block])
    return [block for row in rows for block in sorted(row, key=lambda b: b.lines[0].column)]


def _stack_blocks(lines: list[Line]) -> list[Block]:
    """A header stack split where the gap between lines is wider than a line and a half."""
    blocks: list[Block] = []
    for line in lines:
        if blocks and blocks[-1].lines[-1].y - line.y < 16.0:
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block([line], line.style))
    return blocks


def _replace_text(line: Line, text: str) -> Line:
    return Line(text, line.page, line.column, line.x0, line.x1, line.y, line.bold_prefix, line.style)


# --- columns and blocks -------------------------------------------------------------------


def _column_lines(chars: list[LTChar], page: int, width: float) -> list[Line]:
    """The page's lines, left column then right column, each top to bottom."""
    middle = width / 2
    left = [c for c in chars if (c.x0 + c.x1) / 2 < middle]
    right = [c for c in chars if (c.x0 + c.x1) / 2 >= middle]
    return _lines(left, page, 0) + _lines(right, page, 1)


def _blocks(lines: list[Line]) -> list[Block]:
    """Split lines into blocks at wide gaps, indents and style changes; join continuations."""
    if not lines:
        return []
    spacing = _line_spacing(lines)
    margins = {col: min(line.x0 for line in lines if line.column == col) for col in (0, 1) if _has(lines, col)}
    blocks: list[Block] = []
    previous: Line | None = None
    for line in lines:
        same_column = previous is not None and (previous.page, previous.column) == (line.page, line.column)
        if same_column and previous is not None and not _starts_block(previous, line, spacing, margins):
            blocks[-1].lines.append(line)
        elif not same_column and blocks and _continues(blocks[-1], line, margins):
            blocks[-1].lines.append(line)  # a paragraph running on in the next column or page
        else:
            blocks.append(Block([line], line.style))
        previous = line
    return blocks


def _has(lines: list[Line], column: int) -> bool:
    return any(line.column == column for line in lines)


def _line_spacing(lines: list[Line]) -> float:
    gaps = [
        a.y - b.y
        for a, b in itertools.pairwise(lines)
        if (a.page, a.column) == (b.page, b.column) and 0 < a.y - b.y < 30
    ]
    return statistics.median(gaps) if gaps else 12.0


def _starts_block(previous: Line, line: Line, spacing: float, margins: dict[int, float]) -> bool:
    if previous.y - line.y > spacing * 1.3:
        return True
    if _kind(line) and _kind(previous) and _kind(previous) != _kind(line):
        return True
    margin = margins.get(line.column, line.x0)
    # A first-line indent after a flush line opens a paragraph even without extra space.
    # Only in text: headings have hanging indents ("(b) Follow-up to…" over indented lines).
    return _kind(line) == "roman" and line.x0 > margin + INDENT and previous.x0 <= margin + INDENT


def _kind(line: Line) -> str:
    """Heading, stage note or text; a speaker's bold name does not make a line a heading."""
    if line.style == "bold" and not line.text.rstrip().endswith(":"):
        return "bold"
    return line.style if line.style != "bold" else "roman"


def _continues(block: Block, line: Line, margins: dict[int, float]) -> bool:
    """Does the first line of a column carry on the last block of the previous column?"""
    last = block.lines[-1]
    if _kind(line) != _kind(last) or _kind(line) == "bold":
        return False
    margin = margins.get(line.column, line.x0)
    if _kind(line) == "italic":
        # Stage notes are indented throughout: carry on only a note that has not ended.
        return not last.text.rstrip().endswith((".", ":"))
    return line.x0 <= margin + INDENT and not line.bold_prefix
