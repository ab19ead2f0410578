"""Finding the documents a paragraph cites, and linking them in its text."""

from __future__ import annotations

import html
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

    def to_html(self, text: str) -> str:
        """The text HTML-escaped, with each citation a link to the document."""
        if self.pattern is None:
            return html.escape(text, quote=False)
        parts: list[str] = []
        position = 0
        for match in self.pattern.finditer(text):
            document = self.by_phrase[match.group(0)]
            parts.append(html.escape(text[position : match.start()], quote=False))
            parts.append(
                f'<a class="doc-ref" href="{html.escape(document.url)}" '
                f'title="{html.escape(document.title)}">{html.escape(match.group(0), quote=False)}</a>'
            )
            position = match.end()
        parts.append(html.escape(text[position:], quote=False))
        return "".join(parts)
