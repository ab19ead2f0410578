"""One search record per paragraph (a result lands on the paragraph's anchor), and one per column
of a vote (in favour, against, abstaining: a result lands on that column of the vote's page).

Plain Python, no MkDocs. Two steps, so the model can change without touching
the search:

1. `paragraph_views(record, urls)` reads the model: the only function here that
   knows `Record`, `Section`, `Speaker`... It returns `ParagraphView`s, flat
   plain data (texts and labels). Port this function when the model changes.
2. `search_records(views)` turns views into `SearchRecord`s: what the index
   (search_index.py) holds: the text, weighted blocks of words it is also found
   by, what each result shows (`meta`) and what it can be filtered by (`filters`).

What a paragraph is found by, and how much each counts (a weighted word
frequency, 1 for the text; measured on the query table):

- its text (weight 1), as published;
- who speaks in it, names and search terms ("Secretary-General", "SG"),
  and for whom (delegation), weight `SPEAKER_WEIGHT`: a name finds the
  statements even where the text says "The Secretary-General";
- its themes' labels and synonyms, its documents' symbols and titles,
  weight `ABOUT_WEIGHT` (below the text: the words said come first);
- the title of its part (a summary's section, a verbatim record's agenda item), weight
  `TITLE_WEIGHT`: a reader who remembers who spoke and on what ("Pieper strengthening",
  "Guterres opening") finds the statement although its text never names the item.

A vote's column holds the decision, the tally and the delegations' names, and is also
found by the other names of its delegations and by the words of a question about a vote
("how did Kenya vote", "voted against"), weight `ABOUT_WEIGHT`, and by the title of the part
where the vote was taken, weight `TITLE_WEIGHT`; it is filtered by its position (the `vote`
filter) and by each of its delegations.

Accents are folded by the index itself ("Antonio" finds "António").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import DECISION_METHODS, DECISION_RESULTS, VOTE_POSITIONS

if TYPE_CHECKING:
    from .model import Corpus, Meeting
    from .urls import SiteUrls

# Weights (the text is 1.0). A verbatim statement runs over several paragraphs,
# each indexed with its speaker; the name counts most on the statement's first paragraph, where the
# record prints it, so a speaker's name lands on the start of each statement.
SPEAKER_WEIGHT = 2.0
CONTINUATION_SPEAKER_WEIGHT = 1.2
ABOUT_WEIGHT = 0.5
# The part's title is said of every paragraph of the part, in the text of few: it counts least.
# Measured on the query table (tests/browser/test_search.py): every row holds from 0.02 to 0.25; from
# 0.5 a procedural paragraph under "... the Iraqi nuclear installations and its grave consequences ..."
# comes before the statements that say "Iraqi" or "consequences". Over the whole corpus, the best
# paragraph saying a word of a title outranks every paragraph holding it from its title alone up to
# 0.3 (by 9 levels of 99 at 0.25; tests/test_search_index.py), no longer at 0.4.
TITLE_WEIGHT = 0.25

# Filter names, in the order the search dialog shows them.
FILTERS = ("body", "meeting", "year", "kind", "part", "speaker", "delegation", "theme", "vote")
# A vote's column is found by the words a reader asks about a vote with, and its position's.
VOTE_WORDS = "vote voted voting how did"
POSITION_WORDS = {"In favour": "for supported yes", "Against": "opposed no", "Abstaining": "abstained abstention"}



@dataclass(frozen=True)
class ParagraphView:
    """Everything search needs about one paragraph, as plain text (no model objects)."""

    url: str  # site-root-relative, with the paragraph's anchor: "records/<m>/<part>/#<id>"
    number: str  # the paragraph's number as readers see it ("12")
    text: str
    meeting: str  # the meeting's short title, shown and filtered on
    meeting_id: str
    date: str  # ISO date of the meeting
    kind: str  # "summary" or "verbatim record"
    body: str  # the meeting's body ("Security Council"), filtered on
    part: str  # the part's display title ("II. Opening statements"), shown and filtered on
    part_title: str = ""  # the part's title, without its number ("Opening statements"): indexed
    speakers: tuple[str, ...] = ()  # display names
    speaker_terms: tuple[str, ...] = ()  # search terms and titles of the speakers (indexed, not shown)
    delegations: tuple[str, ...] = ()  # delegation names
    delegation_terms: tuple[str, ...] = ()  # their other forms (indexed, not shown)
    themes: tuple[str, ...] = ()  # theme labels
    theme_terms: tuple[str, ...] = ()  # synonyms (indexed, not shown)
    documents: tuple[str, ...] = ()  # symbols or titles of the documents cited
    paragraph_kind: str = "statement"  # statement, decision, procedural
    opens_statement: bool = True  # False for the later paragraphs of a verbatim statement
    vote: str = ""  # a vote's column: its position ("In favour"), shown and filtered on


@dataclass(frozen=True)
class SearchRecord:
    """One paragraph as the index holds it."""

    url: str
    content: str  # the paragraph's text: what results show
    meta: dict[str, str]  # title, meeting, part, speaker, number, date
    filters: dict[str, list[str]]  # body, meeting, year, speaker, delegation, theme, part, kind
    # Indexed, never shown: (weight, words), e.g. speaker names at SPEAKER_WEIGHT.
    weighted: tuple[tuple[float, str], ...] = field(default=())


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(word for word in words if word))


def search_record(view: ParagraphView) -> SearchRecord:
    speaker_words = " ".join(_unique([*view.speakers, *view.speaker_terms, *view.delegations, *view.delegation_terms]))
    about_words = " ".join(_unique([*view.themes, *view.theme_terms, *view.documents]))
    weighted: tuple[tuple[float, str], ...] = (
        (SPEAKER_WEIGHT if view.opens_statement else CONTINUATION_SPEAKER_WEIGHT, speaker_words),
        (ABOUT_WEIGHT, about_words),
        (TITLE_WEIGHT, view.part_title),
    )
    speaker = ", ".join(view.speakers)
    if view.vote:
        words = [VOTE_WORDS, POSITION_WORDS.get(view.vote, ""), *view.delegation_terms, *view.documents]
        weighted = ((ABOUT_WEIGHT, " ".join(_unique(words))), (TITLE_WEIGHT, view.part_title))
    meta = {
        "title": f"Vote · {view.vote}" if view.vote else f"Para. {view.number} · {speaker or view.part}",
        "meeting": view.meeting,
        "part": view.part,
        "speaker": speaker,
        "number": view.number,
        "date": view.date,
    }
    filters = {
        "body": [view.body] if view.body else [],
        "meeting": [view.meeting],
        "year": [view.date[:4]] if view.date else [],
        "kind": [view.kind] if view.kind else [],
        "part": [view.part],
        "speaker": list(_unique(view.speakers)),
        "delegation": list(_unique(view.delegations)),
        "theme": list(_unique(view.themes)),
        "vote": [view.vote] if view.vote else [],
    }
    return SearchRecord(
        url=view.url,
        content=view.text,
        meta=meta,
        filters={name: values for name, values in filters.items() if values},
        weighted=tuple((weight, words) for weight, words in weighted if words),
    )


def search_records(views: Iterable[ParagraphView]) -> list[SearchRecord]:
    return [search_record(view) for view in views]


# -- the model -------------------------------------------------------------
# The one place that reads the model.

_KINDS = {"summary": "Summary", "verbatim": "Verbatim record"}


def paragraph_views(corpus: Corpus, urls: SiteUrls) -> Iterator[ParagraphView]:
    """A `ParagraphView` per paragraph of every meeting, newest meeting first, each in record order."""
    for meeting in corpus.meetings:
        kind = _KINDS.get(meeting.kind, meeting.kind)
        body = corpus.body_of(meeting).name
        for part in meeting.sections:
            for paragraph in part.paragraphs:
                speakers = [corpus.speakers[s] for s in paragraph.speakers]
                delegations = [corpus.delegations[d] for d in dict.fromkeys((paragraph.delegation,
                                                                            *paragraph.on_behalf_of)) if d]
                themes = [corpus.themes[t] for t in paragraph.themes]
                documents = [corpus.documents[d] for d in paragraph.documents]
                yield ParagraphView(
                    url=urls.paragraph(paragraph),
                    number=str(paragraph.number),
                    text=paragraph.text,
                    meeting=meeting.symbol or meeting.short_title,
                    meeting_id=meeting.id,
                    date=meeting.date.isoformat(),
                    kind=kind,
                    body=body,
                    part=part.display_title,
                    part_title=part.title,
                    speakers=tuple(s.name for s in speakers),
                    speaker_terms=tuple(term for s in speakers for term in (*s.search_terms, *s.titles)),
                    delegations=tuple(d.name for d in delegations),
                    delegation_terms=tuple(term for d in delegations for term in (*d.names, *d.search_terms)),
                    themes=tuple(t.label for t in themes),
                    theme_terms=tuple(term for t in themes for term in t.synonyms),
                    documents=tuple(term for d in documents
                                    for term in ([d.symbol, d.title] if d.symbol else [d.title])),
                    paragraph_kind=paragraph.kind,
                    opens_statement=paragraph.opens_statement,
                )
        yield from vote_views(corpus, urls, meeting)


def vote_views(corpus: Corpus, urls: SiteUrls, meeting: Meeting) -> Iterator[ParagraphView]:
    """A view per column of each vote of the meeting that lists how delegations voted."""
    for vote in meeting.votes:
        stated = corpus.part_of[f"{meeting.id}/{vote.paragraph}"]
        document = corpus.documents.get(vote.outcome_document)
        outcome = f"{DECISION_RESULTS[vote.result]}{', ' + vote.reason if vote.reason else ''}"
        if vote.tally:
            outcome += (f" by {vote.tally.in_favour} votes in favour, {vote.tally.against} against and "
                        f"{vote.tally.abstaining} abstaining")
        for position, delegation_ids in vote.positions():
            delegations = sorted((corpus.delegations[d] for d in delegation_ids), key=lambda d: d.name.lower())
            names = ", ".join(d.name for d in delegations) or "none"
            label = VOTE_POSITIONS[position]
            yield ParagraphView(
                url=f"{urls.vote(vote)}#{position.replace('_', '-')}",
                number="",
                text=f"{label} ({len(delegations)}): {names}. Vote on {vote.label}"
                     f"{' (' + document.label + ')' if document else ''}, {DECISION_METHODS[vote.method]}: "
                     f"{outcome[:1].lower()}{outcome[1:]}.",
                meeting=meeting.symbol or meeting.short_title,
                meeting_id=meeting.id,
                date=meeting.date.isoformat(),
                kind=_KINDS.get(meeting.kind, meeting.kind),
                body=corpus.body_of(meeting).name,
                part=stated.display_title,
                part_title=stated.title,
                delegations=tuple(d.name for d in delegations),
                delegation_terms=tuple(term for d in delegations for term in (*d.names, *d.search_terms)),
                documents=(document.symbol, document.title) if document and document.symbol else (),
                paragraph_kind="vote",
                vote=label,
            )
