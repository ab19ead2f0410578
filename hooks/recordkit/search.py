"""Search entries that land on the paragraph, found by words, speaker or theme.

Material's search splits a page at its headings, so a paragraph would only be
found as part of its page. We give each paragraph its own entry, located at
its anchor, and two fields declared in mkdocs.yml's search `fields`:
`speakers` (who speaks: names and search terms), weighted most, so a name
or title finds the statements even where the text says "The Secretary-General";
and `keywords` (its themes' labels and synonyms, its documents, and
accent-folded spellings: lunr does not fold accents, so "Antonio" would not
find "António" otherwise).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from .model import Corpus, Paragraph, Part
from .urls import SiteUrls

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
    if text.isascii():
        return []
    variants: dict[str, None] = {}
    for word in _WORD.findall(text):
        plain = fold(word)
        if plain != word:
            variants.setdefault(plain, None)
    return list(variants)


def paragraph_title(corpus: Corpus, paragraph: Paragraph) -> str:
    part = corpus.part_of[paragraph.key]
    names = ", ".join(corpus.speakers[s].name for s in paragraph.speakers)
    meeting = corpus.meeting_by_id[paragraph.meeting_id]
    return f"{meeting.symbol or meeting.short_title}, para. {paragraph.number} · {names or part.title}"


def paragraph_speakers(corpus: Corpus, paragraph: Paragraph) -> str:
    """Who speaks in the paragraph: names and search terms (the curated short forms of
    their titles; the full titles are searchable on the speaker's own page)."""
    words: list[str] = []
    for speaker_id in paragraph.speakers:
        speaker = corpus.speakers[speaker_id]
        words += [speaker.name, *speaker.search_terms]
    for delegation_id in dict.fromkeys((paragraph.delegation, *paragraph.on_behalf_of)):
        if delegation_id:
            delegation = corpus.delegations[delegation_id]
            words += [delegation.name, *delegation.names, *delegation.search_terms]
    return " ".join(words)


def paragraph_keywords(corpus: Corpus, paragraph: Paragraph) -> str:
    """What the paragraph is about (themes, documents), and accent-free spellings of those words and of
    its speakers' (the entry's title and text are folded with every other entry's, `add_folded_keywords`)."""
    words: list[str] = []
    for theme_id in paragraph.themes:
        theme = corpus.themes[theme_id]
        words += [theme.label, *theme.synonyms]
    for document_id in paragraph.documents:
        document = corpus.documents[document_id]
        words += [document.symbol, document.title] if document.symbol else [document.title]
    about = " ".join(words)
    folded = folded_variants(f"{paragraph_speakers(corpus, paragraph)} {about}")
    return unique_words(" ".join([about, *folded]))


def unique_words(text: str) -> str:
    """Each word once (search matches words, not phrases): keeps the index small."""
    seen: dict[str, str] = {}
    for word in text.split():
        seen.setdefault(word.strip(".,;:()").lower(), word)
    return " ".join(seen.values())


def paragraph_entries(corpus: Corpus, urls: SiteUrls, part: Part) -> list[dict[str, Any]]:
    return [
        {
            "location": urls.paragraph(paragraph),
            # Search shows title and text as HTML: escape markup (quotes are safe in text).
            "title": html.escape(paragraph_title(corpus, paragraph), quote=False),
            "text": html.escape(paragraph.text, quote=False),
            "speakers": html.escape(paragraph_speakers(corpus, paragraph), quote=False),
            "keywords": html.escape(paragraph_keywords(corpus, paragraph), quote=False),
            "boost": PARAGRAPH_BOOST,
        }
        for paragraph in part.paragraphs
    ]


def without_empty_sections(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a heading's entry when nothing stands under it: its page's entry finds it already."""
    return [entry for entry in entries if "#" not in entry["location"] or entry.get("text") or entry.get("keywords")]


def add_folded_keywords(entry: dict[str, Any]) -> dict[str, Any]:
    """Give any entry with accented words their accent-free spellings too."""
    variants = folded_variants(f"{entry.get('title', '')} {entry.get('text', '')}")
    if variants:
        entry["keywords"] = unique_words(" ".join([entry.get("keywords", ""), *variants]))
    return entry


def material_entries(plugins: Any) -> list[dict[str, Any]] | None:
    """Material's search index entries, or None without its search plugin.

    Material offers no public way to shape its index per paragraph: this is the
    one place that reaches into its plugin (`search_index.entries`, a list of
    dicts with `location`, `title`, `text`). tests/test_site.py fails loudly
    when Material changes it.
    """
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index.entries
    return None


def replace_page_entries(entries: list[dict[str, Any]], location: str, title: str, corpus: Corpus,
                         urls: SiteUrls, part: Part | None) -> None:
    """After Material indexed a page: a part's entries become one per paragraph at its anchor."""
    start = len(entries)  # Search has just appended this page's entries: they are the tail of the list.
    while start and (entries[start - 1]["location"] == location
                     or entries[start - 1]["location"].startswith(location + "#")):
        start -= 1
    if part is not None:
        # Search shows entries as HTML: the summary (front matter) is escaped like the paragraphs.
        summary = {"location": location, "title": title, "text": html.escape(part.summary)}
        entries[start:] = [summary, *paragraph_entries(corpus, urls, part)]
    entries[start:] = without_empty_sections(entries[start:])
    for entry in entries[start:]:
        add_folded_keywords(entry)
