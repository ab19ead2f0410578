"""Rendering the record's pages and the index pages to Markdown with HTML blocks.

Headings are Markdown (so `toc` gives them permalinks and the TOC lists them);
everything built from data is raw HTML, escaped here, so that a name like
`<script>` or `*x*` is shown as written and the record's text is never
reinterpreted as Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from itertools import groupby

from . import urls as site_urls
from .citation import citation_with_url
from .links import DocumentLinker
from .model import Paragraph, Record, Section, Speaker, Theme
from .urls import Urls, relative_url

EXCERPT_WORDS = 32
# Lists of excerpts, chips and related themes repeat what search already finds
# at its source (the paragraph, the speaker's or theme's own page): Material's
# `data-search-exclude` keeps them out of the index, which stays small.
NOT_SEARCHED = 'data-search-exclude="listing"'
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def md_heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with a fixed id; text escaped for HTML and Markdown."""
    safe = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))
    return f"{'#' * level} {safe} {{#{anchor}}}\n"


def paragraph_range(section: Section) -> str:
    first, last = section.paragraphs[0].number, section.paragraphs[-1].number
    return f"para. {first}" if first == last else f"paras. {first}–{last}"


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


class Renderer:
    """Renders every page of one record; `here` is the URL of the page being written."""

    def __init__(self, record: Record, urls: Urls) -> None:
        self.record = record
        self.urls = urls
        self.linker = DocumentLinker(record.documents.values())

    # -- small pieces ------------------------------------------------------

    def _href(self, here: str, target: str) -> str:
        return esc(relative_url(here, target))

    def _chip(self, here: str, target: str, label: str, kind: str) -> str:
        return f'<a class="chip chip--{kind}" href="{self._href(here, target)}">{esc(label)}</a>'

    def _speaker_chips(self, here: str, speakers: Iterable[Speaker]) -> str:
        return " ".join(self._chip(here, self.urls.speaker(s.id), s.name, "speaker") for s in speakers)

    def _theme_chips(self, here: str, themes: Iterable[Theme]) -> str:
        return " ".join(self._chip(here, self.urls.theme(t.id), t.label, "theme") for t in themes)

    def _paragraph_link(self, here: str, paragraph: Paragraph) -> str:
        return (
            f'<a class="para-ref" href="{self._href(here, self.urls.paragraph(paragraph.id))}">'
            f"para.&nbsp;{paragraph.number}</a>"
        )

    def _excerpt_item(self, here: str, paragraph: Paragraph, *, show_section: bool = True) -> str:
        section = self.record.section_of[paragraph.id]
        where = f' <span class="excerpt__part">{esc(section.display_title)}</span>' if show_section else ""
        return (
            f'<li class="excerpt" value="{paragraph.number}">'
            f"<p>{self._paragraph_link(here, paragraph)}{where}</p>"
            f'<blockquote class="excerpt__text"><p>{esc(excerpt(paragraph.text))}</p></blockquote></li>'
        )

    def _excerpts(self, here: str, paragraphs: Iterable[Paragraph], *, show_section: bool = True) -> str:
        items = "\n".join(self._excerpt_item(here, p, show_section=show_section) for p in paragraphs)
        return f'<ol class="excerpts" {NOT_SEARCHED}>\n{items}\n</ol>\n'

    # -- the record's parts ------------------------------------------------

    def section_page(self, section: Section) -> str:
        here = self.urls.page(section.src_uri)
        blocks = [md_heading(1, section.display_title, section.id)]
        blocks.append(f'<p class="part-summary">{esc(section.summary)}</p>\n')
        blocks.extend(self.paragraph_block(here, paragraph) for paragraph in section.paragraphs)
        return "\n".join(blocks)

    @staticmethod
    def section_anchors(section: Section) -> set[str]:
        """Every id `section_page` puts in the page: its heading, each paragraph and each former id."""
        anchors = {section.id}
        for paragraph in section.paragraphs:
            anchors.add(paragraph.id)
            anchors.update(paragraph.aliases)
        return anchors

    def paragraph_block(self, here: str, paragraph: Paragraph) -> str:
        speakers = [self.record.speakers[s] for s in paragraph.speakers]
        themes = [self.record.themes[t] for t in paragraph.themes]
        meta = []
        if speakers:
            meta.append(f'<span class="para__label">Speaker{"s" if len(speakers) > 1 else ""}:</span> '
                        + self._speaker_chips(here, speakers))
        meta.append('<span class="para__label">Themes:</span> ' + self._theme_chips(here, themes))
        corrections = self.record.corrections_of(paragraph.id)
        if corrections:
            note = f"{self.urls.notes()}#{corrections[0].id}"
            meta.append(f'<a class="para__note" href="{self._href(here, note)}">Editorial correction</a>')
        anchor = esc(paragraph.id)
        # A former id stays an anchor inside the paragraph, so links citing it still land (anchors.lock).
        aliases = "".join(f'<span class="para__alias" id="{esc(alias)}"></span>' for alias in paragraph.aliases)
        return (
            f'<div class="para" id="{anchor}" data-para="{paragraph.number}">{aliases}\n'
            f'<p class="para__text"><a class="para__num" href="#{anchor}" '
            f'title="Link to paragraph {paragraph.number}">{paragraph.number}.</a> '
            f"{self.linker.to_html(paragraph.text)}</p>\n"
            f'<p class="para__meta">{" ".join(meta)}</p>\n'
            f"{self.paragraph_tools(paragraph)}"
            f"</div>\n"
        )

    def paragraph_tools(self, paragraph: Paragraph) -> str:
        """Copy-link and cite buttons; record.js wires them (without JS the number is the permalink)."""
        url = self.urls.absolute(self.urls.paragraph(paragraph.id))
        cite = citation_with_url(self.record.meeting, paragraph, url)
        return (
            f'<p class="para__tools" hidden>'
            f'<button type="button" class="para__tool" data-copy="{esc(url)}" '
            f'aria-label="Copy the link to paragraph {paragraph.number}">Copy link</button> '
            f'<button type="button" class="para__tool" data-copy="{esc(cite)}" '
            f'aria-label="Copy a citation of paragraph {paragraph.number}">Cite</button></p>\n'
        )

    # -- speakers ----------------------------------------------------------

    def speakers_index(self) -> str:
        here = self.urls.page(site_urls.SPEAKERS_INDEX)
        out = [md_heading(1, "Speakers", "speakers")]
        out.append(f"<p>Who spoke at {esc(self.record.meeting.title_in_sentence)}, by their part in the "
                   "meeting. Each page lists every statement, linked to its paragraph.</p>\n")
        for role in self.record.roles.values():
            speakers = [s for s in self.record.speakers.values() if s.role == role.id]
            if not speakers:
                continue
            out.append(md_heading(2, role.plural, f"role-{role.id}"))
            items = []
            for speaker in speakers:
                count = len(self.record.by_speaker.get(speaker.id, []))
                items.append(
                    f'<li><a href="{self._href(here, self.urls.speaker(speaker.id))}">{esc(speaker.name)}</a>'
                    f' <span class="speaker__titles">{esc("; ".join(speaker.titles))}</span>'
                    f' <span class="count">{count} statement{"s" if count != 1 else ""}</span></li>'
                )
            out.append('<ul class="speaker-list">\n' + "\n".join(items) + "\n</ul>\n")
        return "\n".join(out)

    def speaker_page(self, speaker: Speaker) -> str:
        here = self.urls.speaker(speaker.id)
        role = self.record.roles[speaker.role]
        statements = self.record.by_speaker.get(speaker.id, [])
        spoken = {p.id for p in statements}
        mentions = [p for p in self.record.by_mention.get(speaker.id, []) if p.id not in spoken]
        out = [md_heading(1, speaker.name, "speaker")]
        titles = "".join(f"<li>{esc(title)}</li>" for title in speaker.titles)
        out.append(
            '<dl class="facts">'
            + (f"<dt>Form of address</dt><dd>{esc(speaker.full_name)}</dd>" if speaker.honorific else "")
            + f'<dt>Part in the meeting</dt><dd><a href="{self._href(here, self.urls.page(site_urls.SPEAKERS_INDEX))}'
            f'#role-{esc(role.id)}">{esc(role.label)}</a>: {esc(role.description)}</dd>'
            + f'<dt>As the record gives {"them" if speaker.collective else "the title"}</dt>'
            f'<dd><ul class="titles">{titles}</ul></dd></dl>\n'
        )
        out.append(md_heading(2, f"Statements ({len(statements)})", "statements"))
        if statements:
            out.append(self._excerpts(here, statements))
        else:
            out.append("<p>No statement of this speaker is reported in the record.</p>\n")
        if mentions:
            out.append(md_heading(2, f"Mentioned in ({len(mentions)})", "mentions"))
            out.append(self._excerpts(here, mentions))
        themes = self.record.themes_in(statements)
        if themes:
            out.append(md_heading(2, "Themes raised", "themes"))
            out.append(f'<p class="chips" {NOT_SEARCHED}>{self._theme_chips(here, themes)}</p>\n')
        return "\n".join(out)

    # -- themes ------------------------------------------------------------

    def themes_index(self) -> str:
        here = self.urls.page(site_urls.THEMES_INDEX)
        ranked = sorted(self.record.themes.values(),
                        key=lambda t: (-len(self.record.by_theme.get(t.id, [])), t.label.lower()))
        rows = []
        for theme in ranked:
            count = len(self.record.by_theme.get(theme.id, []))
            rows.append(
                f'<tr><td><a href="{self._href(here, self.urls.theme(theme.id))}">{esc(theme.label)}</a></td>'
                f'<td class="count">{count}</td><td>{esc(theme.description)}</td></tr>'
            )
        return (
            md_heading(1, "Themes", "themes")
            + f"\n<p>The {len(ranked)} themes of the record, most discussed first, with the number of "
            "paragraphs on each.</p>\n\n"
            '<table class="themes-table"><thead><tr><th scope="col">Theme</th>'
            '<th scope="col">Paragraphs</th><th scope="col">What it covers</th></tr></thead>\n<tbody>\n'
            + "\n".join(rows)
            + "\n</tbody></table>\n"
        )

    def theme_page(self, theme: Theme) -> str:
        here = self.urls.theme(theme.id)
        paragraphs = self.record.by_theme.get(theme.id, [])
        out = [md_heading(1, theme.label, "theme")]
        out.append(f'<p class="theme__description">{esc(theme.description)}</p>\n')
        out.append(md_heading(2, f"Paragraphs ({len(paragraphs)})", "paragraphs"))
        for section_id, in_section in groupby(paragraphs, key=lambda p: p.section_id):  # in record order
            section = self.record.section_of_id[section_id]
            out.append(md_heading(3, section.display_title, f"part-{section.id}"))
            out.append(self._excerpts(here, list(in_section), show_section=False))
        speakers = self.record.speakers_of_theme(theme.id)
        if speakers:
            out.append(md_heading(2, "Raised by", "speakers"))
            out.append(f'<p class="chips" {NOT_SEARCHED}>{self._speaker_chips(here, speakers)}</p>\n')
        related = self.record.related_themes(theme.id)
        if related:
            out.append(md_heading(2, "Related themes", "related"))
            items = "".join(
                f'<li><a href="{self._href(here, self.urls.theme(other.id))}">{esc(other.label)}</a> '
                f'<span class="count">{count} shared paragraph{"s" if count != 1 else ""}</span></li>'
                for other, count in related
            )
            out.append(f'<ul class="related" {NOT_SEARCHED}>{items}</ul>\n')
        return "\n".join(out)

    # -- documents and notes -----------------------------------------------

    def documents_page(self) -> str:
        here = self.urls.page(site_urls.DOCUMENTS)
        out = [md_heading(1, "Documents", "documents"),
               "<p>Documents the record names, with the paragraphs that cite them. Symbols link to the "
               "United Nations Official Document System.</p>\n"]
        for document in self.record.documents.values():
            out.append(md_heading(2, document.label, f"doc-{document.id}"))
            citing = self.record.by_document.get(document.id, [])
            refs = ", ".join(self._paragraph_link(here, p) for p in citing) or "none"
            out.append(
                f'<p class="document__title">{esc(document.title)}</p>\n'
                f'<p><a class="document__link" href="{esc(document.url)}">{esc(document.url)}</a></p>\n'
                f'<p class="document__cited">Cited in {refs}</p>\n'
            )
        return "\n".join(out)

    def notes_page(self) -> str:
        here = self.urls.notes()
        out = [md_heading(1, "Editorial notes", "notes"),
               "<p>The record reproduces the text of the official summary word for word. These are the only "
               "changes: each mends an artefact of the PDF, and is declared here with the reason.</p>\n"]
        for correction in self.record.corrections:
            paragraph = self.record.paragraph_by_id[correction.paragraph]
            out.append(
                f'<div class="correction" id="{esc(correction.id)}">\n'
                f"<p>{self._paragraph_link(here, paragraph)}: {esc(correction.why)}</p>\n"
                f'<dl class="correction__diff"><dt>Source</dt><dd><del>{esc(correction.original)}</del></dd>'
                f"<dt>Published</dt><dd><ins>{esc(correction.corrected)}</ins></dd></dl>\n</div>\n"
            )
        return "\n".join(out)

    # -- home --------------------------------------------------------------

    def home_facts(self) -> str:
        meeting = self.record.meeting
        here = self.urls.page(site_urls.HOME)
        convener = self.record.speakers[meeting.convener]
        documents = ", ".join(
            f'<a href="{esc(self.record.documents[d].url)}">{esc(self.record.documents[d].label)}</a>'
            for d in meeting.documents
        )
        parts = "".join(
            f'<li><a href="{self._href(here, self.urls.page(s.src_uri))}">{esc(s.display_title)}</a> '
            f'<span class="count">{paragraph_range(s)}</span></li>'
            for s in self.record.sections
        )
        date = f"{meeting.date.day} {meeting.date:%B %Y}"
        return (
            f'<p class="record-heading">{esc(meeting.record_heading)}</p>\n'
            f'<p class="record-title">{esc(meeting.record_title)}</p>\n\n'
            '<dl class="facts">'
            f"<dt>Body</dt><dd>{esc(meeting.body)}, {esc(meeting.session_label)}</dd>"
            f"<dt>Meeting</dt><dd>{esc(meeting.meeting_type)}</dd>"
            f'<dt>Date</dt><dd><time datetime="{meeting.date.isoformat()}">{date}</time></dd>'
            f"<dt>Venue</dt><dd>{esc(meeting.venue)}, {esc(meeting.place)}</dd>"
            f'<dt>Convened by</dt><dd><a href="{self._href(here, self.urls.speaker(convener.id))}">'
            f"{esc(convener.name)}</a>, {esc(convener.titles[0])}</dd>"
            f"<dt>Documents</dt><dd>{documents}</dd></dl>\n\n"
            + md_heading(2, "The record", "the-record")
            + f'\n<ol class="parts">{parts}</ol>\n\n'
            + md_heading(2, "Ways in", "ways-in")
            + '\n<ul class="ways-in">'
            f'<li><a href="{self._href(here, self.urls.page(site_urls.SPEAKERS_INDEX))}">Speakers</a>: '
            f"{len(self.record.speakers)} speakers and every statement they made</li>"
            f'<li><a href="{self._href(here, self.urls.page(site_urls.THEMES_INDEX))}">Themes</a>: '
            f"{len(self.record.themes)} themes, each with its paragraphs</li>"
            f'<li><a href="{self._href(here, self.urls.page(site_urls.DOCUMENTS))}">Documents</a>: '
            f"{len(self.record.documents)} documents the record cites</li>"
            f'<li><a href="{self._href(here, self.urls.notes())}">Editorial notes</a>: '
            f"the {len(self.record.corrections)} declared corrections to the source text</li></ul>\n"
        )
