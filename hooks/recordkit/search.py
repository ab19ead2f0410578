"""Search entries that land on the paragraph, found by words, speaker or theme.

Material's search splits a page at its headings, so a paragraph would only be
found as part of its page. We give each paragraph its own entry, located at
its anchor, with a `keywords` field (declared in mkdocs.yml's search `fields`)
holding its speakers' names and titles, its themes' labels and synonyms, and
accent-folded spellings: lunr does not fold accents, so "Antonio" would not
find "António" otherwise.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from .model import Paragraph, Record, Section
from .urls import Urls

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)

# Material multiplies the score of a page-level entry by up to 2.5 over a
# section's (its `1 + (1 + coverage)²` against `1 + coverage²`), and folds a
# page's sections that score below the page into "N more on this page". A
# paragraph is what readers look for and cite, so its entry is boosted past
# that factor: a paragraph that matches as well as its part's summary, or as
# a speaker's or theme's page that quotes it, is shown and not folded away.
PARAGRAPH_BOOST = 3


def fold(text: str) -> str:
    """`text` without diacritics: "António" -> "Antonio"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def folded_variants(text: str) -> list[str]:
    """The accent-free spelling of each accented word in `text`, once each."""
    variants: dict[str, None] = {}
    for word in _WORD.findall(text):
        plain = fold(word)
        if plain != word:
            variants.setdefault(plain, None)
    return list(variants)


def paragraph_title(record: Record, paragraph: Paragraph) -> str:
    section = record.section_of[paragraph.id]
    names = ", ".join(record.speakers[s].name for s in paragraph.speakers)
    return f"Para. {paragraph.number} · {names or section.title}"


def paragraph_keywords(record: Record, paragraph: Paragraph) -> str:
    words: list[str] = []
    for speaker_id in paragraph.speakers:
        speaker = record.speakers[speaker_id]
        words += [speaker.name, *speaker.titles, *speaker.search_terms]
    for theme_id in paragraph.themes:
        theme = record.themes[theme_id]
        words += [theme.label, *theme.synonyms]
    for document_id in paragraph.documents:
        document = record.documents[document_id]
        words += [document.symbol, document.title] if document.symbol else [document.title]
    keywords = " ".join(words)
    return " ".join([keywords, *folded_variants(f"{keywords} {paragraph.text}")])


def paragraph_entries(record: Record, urls: Urls, section: Section) -> list[dict[str, Any]]:
    return [
        {
            "location": urls.paragraph(paragraph.id),
            "title": html.escape(paragraph_title(record, paragraph)),
            "text": html.escape(paragraph.text),
            "keywords": html.escape(paragraph_keywords(record, paragraph)),
            "boost": PARAGRAPH_BOOST,
        }
        for paragraph in section.paragraphs
    ]


def add_folded_keywords(entry: dict[str, Any]) -> dict[str, Any]:
    """Give any entry with accented words their accent-free spellings too."""
    variants = folded_variants(f"{entry.get('title', '')} {entry.get('text', '')}")
    if variants:
        entry["keywords"] = " ".join(filter(None, [entry.get("keywords", ""), *variants]))
    return entry
