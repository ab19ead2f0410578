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
from .furniture import FOOT_BAND, HEAD_BAND, is_furniture
from .words import HONORIFICS, OFFICES

# A first line indented by more than this (points) opens a paragraph (the records indent 18).
INDENT = 8.0
# The corrections note at the foot of page 1 opens with these words ("This record contains the
# text of speeches", "... the original text of speeches"; 1993: "This record is subject to
# correction"), after the job number on some records ("97-85299 (E) This record contains").
NOTE = re.compile(r"\bThis record (?:contains the|is subject to correction)")
# The first stage note of a meeting: where the Council's page-1 header ends, if the body starts there.
OPENING = ("The meeting was called to order", "The meeting was resumed", "The meeting opened")
# Under the President's name in the older layout: "(Guyana)" and a rule.
UNDER_PRESIDENT = re.compile(r"^(?:\([^()]+\)|_{3,})$")
# Lines that take the style of the block they are in.
NEUTRAL = re.compile(r"^(?:[\w,]+ ){0,3}\((?:resolution|decision)s? [^()]*\)\W*$")  # "54 (resolution 65/216)."
# How a speaker line opens: "Mr. Kimani", "The President", "Mr. INDERFURTH", "Sir John Weston".
SPEAKER_START = re.compile(rf"^(?:(?:{HONORIFICS})\.?\s*[A-Z]|(?:{OFFICES}) [A-Z]|The )")
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
    """Remove the running head and the foot (job number, barcode, page number): the lines of the
    page's top and bottom bands that read as furniture (see furniture.py); body lines there stay."""
    banded = [c for c in chars if c.y0 >= HEAD_BAND or c.y1 <= FOOT_BAND + 1]
    dropped: set[int] = set()
    for row in _char_rows(banded):
        line = _line(sorted(row, key=lambda c: c.x0), page, -1)
        if is_furniture(line.text, line.y, page):
            furniture.append(line.text)
            dropped.update(id(c) for c in row)
    return [c for c in chars if id(c) not in dropped]


# --- lines --------------------------------------------------------------------------------


def _lines(chars: list[LTChar], page: int, column: int) -> list[Line]:
    """Group characters that share a baseline into lines, top to bottom."""
    lines = [_line(sorted(row, key=lambda c: c.x0), page, column) for row in _char_rows(chars)]
    return [line for line in lines if line.text]


def _char_rows(chars: list[LTChar]) -> list[list[LTChar]]:
    """The characters of each baseline, top to bottom.

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
    return rows


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
    """Page 1: the record's header as blocks, the body below it, the corrections note out.

    Three layouts: the Assembly's since the 2000s (header across the page down to the President
    line), its older one (header in both columns, the President and his country under it in the
    left column beside the body's first lines) and the Council's (President, members and agenda:
    the whole page is the header)."""
    rows = [sorted(row, key=lambda c: c.x0) for row in _char_rows(chars)]
    texts = [_line_text(row) for row in rows]
    president = next((i for i, text in enumerate(texts) if text.startswith("President:")), None)
    if president is None:
        return chars, []
    note = next((i for i, text in enumerate(texts) if i > president and NOTE.search(text)), len(rows))
    furniture.extend(text for text in texts[note:] if text)
    header = [c for row in rows[:president] for c in row]
    president_y = min(c.y0 for c in rows[president])
    if any(text.startswith("Members:") for text in texts[president:note]):
        opening = next((i for i in range(president, note) if texts[i].startswith(OPENING)), note)
        header += [c for row in rows[president:opening] for c in row]
        body = [c for row in rows[opening:note] for c in row]
        return body, _front_blocks(header, president_y, width, furniture)
    left, right = _halves(rows[president], width)
    header += left
    body = list(right)
    under = True  # the President's country and a rule under his name, in his column
    for row in rows[president + 1 : note]:
        left, right = _halves(row, width) if right_of_header(rows[president], width) else (row, [])
        if under and UNDER_PRESIDENT.match(_line_text(left)) and president_y - max(c.y0 for c in left) < 40:
            header += left
        else:
            under = False
            body += left
        body += right
    return body, _front_blocks(header, president_y, width, furniture)


def right_of_header(president_row: list[LTChar], width: float) -> bool:
    """Does the body's right column start beside the President line (the older Assembly layout)?"""
    return bool(_halves(president_row, width)[1])


def _halves(row: list[LTChar], width: float) -> tuple[list[LTChar], list[LTChar]]:
    """A row cut at the page's middle where a column gap lies there; else the whole row is one."""
    middle = width / 2
    left = [c for c in row if c.x1 <= middle]
    right = [c for c in row if c.x0 >= middle]
    gap = (min(c.x0 for c in right) - max(c.x1 for c in left)) if left and right else 0.0
    if left and right and len(left) + len(right) == len(row) and gap > 10.0:
        return left, right
    return row, []


def _front_blocks(chars: list[LTChar], president_y: float, width: float, furniture: list[str]) -> list[Block]:
    """Header blocks: the left stack, the right stack, read by rows, then the President line and
    what follows it (the Council's members and agenda), stacked."""
    top = [c for c in chars if c.y0 >= president_y + 3.0]
    left = _lines([c for c in top if c.x0 < width / 2], 1, 0)
    right = _lines([c for c in top if c.x0 >= width / 2], 1, 1)
    blocks = _rows(_stack_blocks(left) + _stack_blocks(right))
    below: list[Line] = []
    for line in _lines([c for c in chars if c.y0 < president_y + 3.0], 1, -1):
        leader = LEADER.search(line.text)
        if leader:
            furniture.extend(match.group().strip() for match in LEADER.finditer(line.text))
        below.append(_replace_text(line, LEADER.sub(" ", line.text).strip()))
    if below:
        # The President line, with his country where it is printed under his name ("(Guyana)").
        count = 1 + next((i for i, line in enumerate(below[1:]) if not line.text.startswith("(")), len(below) - 1)
        blocks.append(Block(below[:count], below[0].style))
        blocks.extend(_stack_blocks(below[count:]))
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
        if same_column and previous is not None and (
            not _starts_block(previous, line, spacing, margins) or _open_speaker_line(blocks[-1], spacing, line)
        ):
            blocks[-1].lines.append(line)
        elif not same_column and blocks and (_continues(blocks[-1], line, margins) or _open_speaker_line(blocks[-1])):
            blocks[-1].lines.append(line)  # a paragraph running on in the next column or page
        else:
            blocks.append(Block([line], line.style))
        previous = line
    return blocks


def _open_speaker_line(block: Block, spacing: float = 0.0, line: Line | None = None) -> bool:
    """Is the block a speaker line still waiting for its colon? "Mr. Mukongo (Democratic Republic" /
    "of the Congo) (spoke in French):", "Mr. RIVERO ROSARIO (Cuba) (interpretation from" / "Spanish):"
    wrap onto a next line in another style, or at the foot of a column onto the next one."""
    first, text = block.lines[0], block.text
    if first.style == "bold" or not first.bold_prefix or not SPEAKER_START.match(first.text) or len(block.lines) > 3:
        return False  # a heading, a paragraph, or more lines than a speaker line wraps onto
    if line is not None and block.lines[-1].y - line.y > spacing * 1.6:
        return False  # a paragraph break: not the same line wrapping
    return ":" not in text and text.count("(") > text.count(")")


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
    if _kind(line) == "bold" or line.bold_prefix:
        return False
    if block.style == "italic" and not last.text.rstrip().endswith((".", ":", ")")):
        # A stage note runs on, whatever the style of its end ("was adopted by 132 votes to" /
        # "54 (resolution 65/216).": the resolution's number is printed in roman).
        return True
    if _kind(line) != _kind(last):
        return False
    margin = margins.get(line.column, line.x0)
    if _kind(line) == "italic":
        # Stage notes are indented throughout: carry on only a note that has not ended.
        return not last.text.rstrip().endswith((".", ":"))
    return line.x0 <= margin + INDENT and not line.bold_prefix
