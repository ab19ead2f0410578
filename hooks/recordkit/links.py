"""Finding the documents a paragraph cites, and linking them in its text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .fidelity import any_of
from .model import Document


class DocumentLinker:
    """One compiled pattern for every phrase that cites a document.

    The phrases are shaped as a trie (`fidelity.any_of`), so a scan costs
    about the same however many documents there are.
    """

    def __init__(self, documents: Iterable[Document]) -> None:
        self.by_phrase: dict[str, Document] = {}
        for document in documents:
            for phrase in document.cited_as:
                self.by_phrase.setdefault(phrase, document)
        # Symbols contain "/", so a phrase must not sit inside a longer symbol.
        self.pattern = (
            re.compile(rf"(?<![\w/])(?:{any_of(self.by_phrase)})(?![\w/])") if self.by_phrase else None
        )

    def cited(self, text: str) -> list[str]:
        """Ids of the documents `text` cites, in order of first citation."""
        if self.pattern is None:
            return []
        found: dict[str, None] = {}
        for match in self.pattern.finditer(text):
            found.setdefault(self.by_phrase[match.group(0)].id, None)
        return list(found)

    def segments(self, text: str) -> list[tuple[str, Document | None]]:
        """The text cut at each citation: (words, the document they cite, or None), in order.
        templates/text.html renders them, escaped, each citation a link to its document."""
        if self.pattern is None:
            return [(text, None)]
        parts: list[tuple[str, Document | None]] = []
        position = 0
        for match in self.pattern.finditer(text):
            parts.append((text[position : match.start()], None))
            parts.append((match.group(0), self.by_phrase[match.group(0)]))
            position = match.end()
        parts.append((text[position:], None))
        return [(words, document) for words, document in parts if words]
