"""The documents a record cites: symbols in its text ("A/76/L.86", "resolution 2448 (2018)"),
matched to the registry, and the new ones with a title read from the record itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..slug import slugify
from .imported import ImportedPart, NewDocument
from .pdf_text import PdfText
from .registry import Registry
from .turns import is_heading
from .words import fold

DOC_SYMBOL = re.compile(
    r"\bA/(?:RES/|INF/)?\d{2,3}/(?:L\.\d+(?:/Rev\.\d+)?(?:/Add\.\d+)?|\d+(?:/Add\.\d+)?(?:/Rev\.\d+)?)"
    r"|\bS/\d{4}/\d+(?:/Rev\.\d+)?"
)
# The Council's resolutions are cited with their year: "resolution 2448 (2018)".
COUNCIL_RESOLUTION = re.compile(r"\bresolutions? (\d{1,4}) \((\d{4})\)")
RESOLUTIONS = re.compile(r"\bresolutions? ((?:\d{2,3}/\d+(?: [A-Z]\b)?(?:, | and |,? and )?)+)")
RESOLUTION_NUMBER = re.compile(r"(\d{2,3})/(\d+)(?: ([A-Z])\b)?")


def symbols(text: str) -> list[str]:
    """The document symbols `text` cites, each once, in order: printed symbols, then the Council's
    and the Assembly's resolutions cited by number."""
    found: list[str] = []
    for match in DOC_SYMBOL.finditer(text):
        symbol = match.group(0)
        if symbol not in found:
            found.append(symbol)
    for match in COUNCIL_RESOLUTION.finditer(text):
        symbol = f"S/RES/{match.group(1)}({match.group(2)})"
        if symbol not in found:
            found.append(symbol)
    for match in RESOLUTIONS.finditer(text):
        for number in RESOLUTION_NUMBER.finditer(match.group(1)):
            symbol = f"A/RES/{number.group(1)}/{number.group(2)}{number.group(3) or ''}"
            if symbol not in found:
                found.append(symbol)
    return found


def cited_as(symbol: str) -> list[str]:
    """The forms the records cite a document by: "S/RES/2448(2018)" and "resolution 2448 (2018)"."""
    if symbol.startswith("S/RES/"):
        number, year = symbol.removeprefix("S/RES/").rstrip(")").split("(")
        return [symbol, f"resolution {number} ({year})"]
    if symbol.startswith("A/RES/"):
        return [symbol, symbol.removeprefix("A/RES/")]
    return [symbol]


@dataclass
class Documents:
    """The documents of one record: registry ids, and the new ones it introduces."""

    registry: Registry
    pdf: PdfText
    text: str  # the whole record's text (hyphens resolved), where titles are looked up
    new: dict[str, NewDocument] = field(default_factory=dict)

    def cited(self, text: str) -> list[str]:
        return [self.document(symbol) for symbol in symbols(text)]

    def document(self, symbol: str) -> str:
        known = self.registry.document_by_symbol(symbol)
        if known:
            return known.id
        doc_id = slugify(symbol)
        if doc_id not in self.new:
            self.new[doc_id] = NewDocument(id=doc_id, symbol=symbol, title=self._title(symbol),
                                           cited_as=cited_as(symbol))
        return doc_id

    def of_meeting(self, parts: list[ImportedPart]) -> list[str]:
        """What the meeting considers: documents of its headings and its decisions."""
        ids: list[str] = []
        for part in parts:
            texts = [fold(h) for h in part.heading] + [p.text for p in part.paragraphs if p.kind == "decision"]
            for text in texts:
                for doc in self.cited(text):
                    if doc not in ids:
                        ids.append(doc)
        return ids

    def _title(self, symbol: str) -> str:
        """A new document's title as the record gives it: a heading "<title> (A/65/430)", a draft
        "entitled “...”", a resolution adopted from a draft so entitled."""
        text = self.text
        sym = re.escape(symbol)
        for block in (fold(b.text) for b in self.pdf.blocks if is_heading(b, after_heading=False)):
            heading = re.match(rf"^(.+?) \({sym}\)$", block)
            if heading and not heading.group(1).lower().startswith("draft"):
                return f"{heading.group(1)} ({symbol})"
        kind = re.search(rf"\b([Dd]raft (?:resolution|decision))s? \(?{sym}", text)
        entitled = re.search(rf"{sym}\)?,? entitled “([^”]+)”", text)
        if symbol.startswith("S/RES/"):
            number, year = symbol.removeprefix("S/RES/").rstrip(")").split("(")
            return f"Security Council resolution {number} ({year})"
        if symbol.startswith("A/RES/"):
            number = symbol.removeprefix("A/RES/")
            adopted = re.search(rf"([Dd]raft resolution (A/\S+?)) was adopted \(resolution {re.escape(number)}\)", text)
            name = re.search(rf"{re.escape(adopted.group(2))}\)?,? entitled “([^”]+)”", text) if adopted else None
            return f"General Assembly resolution {number}" + (f", {name.group(1).rstrip('.,')}" if name else "")
        label = kind.group(1).capitalize() if kind else "Document"
        return f"{label} {symbol}" + (f", “{entitled.group(1)}”" if entitled else "")
