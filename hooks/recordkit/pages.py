"""The generated pages, each a view: plain values for its template (templates/<kind>.md).

`Site` holds what every view needs (the corpus, its URLs, the template
environment, the document linker); each `*_page` function returns the page's
Markdown. Values are plain: the templates escape them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import Any

from jinja2 import Environment, Template
from markupsafe import Markup

from . import corpus_data, listings, navigation
from . import urls as paths
from .citation import citation_with_url
from .links import DocumentLinker
from .model import (
    DECISION_METHODS,
    DECISION_RESULTS,
    VOTE_POSITIONS,
    Body,
    Corpus,
    Decision,
    Delegation,
    Document,
    Meeting,
    Paragraph,
    Part,
    Speaker,
    Theme,
)
from .render import environment, render
from .urls import SiteUrls

EXCERPT_WORDS = 32
# "Mr. Dai Bing (China) (spoke in Chinese):", "The Acting President:" at the start of a statement.
SPEAKER_INTRO = re.compile(r"^(?:The (?:Acting )?President|[A-Z][^:]{1,150}?\)):\s")
DELEGATION_KIND_TITLES = {"member-state": "Member States", "observer": "Observers", "group": "Groups of States",
                          "organization": "Organizations"}


@dataclass
class Site:
    corpus: Corpus
    urls: SiteUrls
    env: Environment = field(default_factory=environment)
    linker: DocumentLinker = field(init=False)
    text_template: Template = field(init=False)
    # What a listing's pages share (its years, its groups by year, its chips): computed once for the
    # listing's own page and all its year pages, so a long listing costs no more than one pass each.
    _memo: dict[tuple[str, ...], Any] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.linker = DocumentLinker(self.corpus.documents.values())
        self.text_template = self.env.get_template("text.html")

    @cached_property
    def generated(self) -> dict[str, tuple[str, Any, bool]]:
        """src_uri -> (kind, subject, listed in the nav) of every page made from data
        (navigation.generated_pages): the build's pages, its metadata and its anchors share one."""
        return navigation.generated_pages(self.corpus)

    def memo(self, key: tuple[str, ...], compute: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def text_html(self, text: str) -> Markup:
        """The text escaped, each document citation a link (templates/text.html)."""
        return Markup(self.text_template.render(segments=self.linker.segments(text)))


def date_text(meeting: Meeting) -> str:
    return f"{meeting.date.day} {meeting.date:%B %Y}"


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


# -- pieces shared by views ------------------------------------------------------


def _ref(site: Site, paragraph: Paragraph, *, more: int = 0) -> dict[str, Any]:
    """A paragraph as a listing shows it: number, link, part, excerpt with document links."""
    return {
        "number": paragraph.number,
        "url": site.urls.paragraph(paragraph),
        "part": site.corpus.part_of[paragraph.key].display_title,
        "excerpt": site.text_html(excerpt(paragraph.text)),
        "more": more,
        "language": paragraph.language,
    }


def _statement_refs(site: Site, paragraphs: list[Paragraph]) -> list[dict[str, Any]]:
    """One entry per statement: its first paragraph, and how many more it runs to."""
    return [_ref(site, run[0], more=len(run) - 1) for run in site.corpus.statement_runs(paragraphs)]


def _meeting_groups(site: Site, paragraphs: list[Paragraph]) -> list[tuple[Meeting, list[Paragraph]]]:
    """Paragraphs grouped by meeting, newest meeting first (the corpus' order), each in record order."""
    order = {m.id: i for i, m in enumerate(site.corpus.meetings)}
    ordered = sorted(paragraphs, key=lambda p: (order[p.meeting_id], p.number))
    return [(site.corpus.meeting_by_id[meeting_id], list(items))
            for meeting_id, items in groupby(ordered, key=lambda p: p.meeting_id)]


def _by_meeting(site: Site, paragraphs: list[Paragraph], *, statements: bool) -> list[dict[str, Any]]:
    """Listings by meeting: a statement or a paragraph each."""
    return [{"id": meeting.id, "title": meeting.short_title,
             "refs": _statement_refs(site, listed) if statements else [_ref(site, p) for p in listed]}
            for meeting, listed in _meeting_groups(site, paragraphs)]


def _year_links(site: Site, src_uri: str, years: list[int], year: int | None,
                counts: Mapping[int, int]) -> list[dict[str, Any]]:
    """A split listing's years, newest first: each with its count and its page (listings.py); on a
    year page, that year is the current page."""
    return [{"year": each, "count": counts.get(each, 0), "url": _listing_url(site, src_uri, each),
             "current": "page" if each == year else ""} for each in years]


# What a split listing's own page lists (a year page lists its year).
LATEST = f"the {listings.MAX_LISTED_MEETINGS} latest meetings"


@dataclass(frozen=True)
class _Split:
    """A listing's paragraphs by year, and its latest meetings (listings.py); `years` is [] when it
    is listed whole."""

    years: list[int]
    groups: dict[int, list[Paragraph]]
    latest: frozenset[str]

    def shown(self, paragraphs: list[Paragraph], year: int | None) -> list[Paragraph]:
        """What a page of the listing lists: a year page its year; the listing's own page, once split,
        its latest meetings' (as many meetings at any size of the corpus); else everything."""
        if year is not None:
            return self.groups.get(year, [])
        return [p for p in paragraphs if p.meeting_id in self.latest] if self.years else paragraphs

    def scope(self, year: int | None) -> str | None:
        """What the page lists, for its headings ("Statements in 2024"); None when it lists everything."""
        return str(year) if year is not None else (LATEST if self.years else None)


def _split(site: Site, key: tuple[str, ...], paragraphs: list[Paragraph]) -> _Split:
    corpus = site.corpus
    return site.memo(("split", *key), lambda: _Split(listings.paragraph_years(corpus, paragraphs),
                                                     listings.by_year(corpus, paragraphs),
                                                     listings.latest_meetings(corpus, paragraphs)))


def _listing_url(site: Site, src_uri: str, year: int | None) -> str:
    """A listing page's URL: its year page's for a year, else its own."""
    return site.urls.page(listings.year_src(src_uri, year) if year else src_uri)


def _chips(site: Site, speakers: Iterable[Speaker] = (), themes: Iterable[Theme] = ()) -> list[dict[str, str]]:
    return [{"url": site.urls.speaker(s.id), "label": s.name} for s in speakers] + \
        [{"url": site.urls.theme(t.id), "label": t.label} for t in themes]


# -- the record's parts ---------------------------------------------------------------


def part_page(site: Site, part: Part) -> str:
    meeting = site.corpus.meeting_by_id[part.meeting_id]
    here = site.urls.page(part.src_uri)
    return render(site.env, "part.md", here=here,
                  part={"id": part.id, "title": part.display_title, "heading": part.heading or (),
                        "summary": part.summary},
                  paragraphs=[paragraph_view(site, meeting, p) for p in part.paragraphs])


def paragraph_view(site: Site, meeting: Meeting, paragraph: Paragraph) -> dict[str, Any]:
    corpus, urls = site.corpus, site.urls
    permalink = urls.absolute(urls.paragraph(paragraph))
    corrections = corpus.corrections_of(paragraph)
    intro, text = split_intro(meeting, paragraph)
    delegations = [corpus.delegations[d] for d in dict.fromkeys((paragraph.delegation, *paragraph.on_behalf_of)) if d]
    return {
        "id": paragraph.id,
        "number": paragraph.number,
        "kind": paragraph.kind,
        "aliases": paragraph.aliases,
        "intro": intro,
        "text_html": site.text_html(text),
        "speakers": _chips(site, speakers=(corpus.speakers[s] for s in paragraph.speakers)),
        "delegations": [{"url": urls.delegation(d.id), "label": d.name} for d in delegations],
        "language": paragraph.language if paragraph.opens_statement else "",
        "themes": _chips(site, themes=(corpus.themes[t] for t in paragraph.themes)),
        "correction": f"{urls.notes(meeting)}#{corrections[0].id}" if corrections else "",
        "vote": _vote_summary(site, corpus.decision_at.get(paragraph.key)),
        "permalink": permalink,
        "citation": citation_with_url(meeting, paragraph, permalink),
    }


def split_intro(meeting: Meeting, paragraph: Paragraph) -> tuple[str, str]:
    """A verbatim statement opens with its speaker ("Mr. Kimani (Kenya):"), shown apart; the words stay."""
    if meeting.kind != "verbatim" or not paragraph.speakers or not paragraph.opens_statement:
        return "", paragraph.text
    match = SPEAKER_INTRO.match(paragraph.text)
    if not match:
        return "", paragraph.text
    return match.group(0), paragraph.text[match.end():]


# -- meetings and home --------------------------------------------------------------------


def meeting_page(site: Site, meeting: Meeting) -> str:
    corpus, urls = site.corpus, site.urls
    order: dict[str, Paragraph] = {}
    speaks_for: dict[str, str] = {}  # speaker -> the delegation of their first statement made for one
    for paragraph in meeting.statements:
        for speaker_id in paragraph.speakers:
            order.setdefault(speaker_id, paragraph)
            if paragraph.delegation:
                # The Council's President opens as "The President:" and speaks later "in my capacity as the
                # representative of ...": the delegation is that of their first statement made for one.
                speaks_for.setdefault(speaker_id, paragraph.delegation)
    speakers = []
    for speaker_id, first in order.items():
        speaker, role = corpus.speakers[speaker_id], corpus.role_in(meeting, speaker_id)
        delegation = corpus.delegations.get(speaks_for.get(speaker_id, ""))
        speakers.append({"url": urls.speaker(speaker_id), "name": speaker.name, "role": role.label if role else "",
                         "delegation": delegation.name if delegation else "",
                         "delegation_url": urls.delegation(delegation.id) if delegation else "",
                         "first": _ref(site, first)})
    return render(site.env, "meeting.md", here=urls.meeting(meeting),
                  meeting=_meeting_facts(site, meeting), presiding=_presiding(site, meeting),
                  members=_members(site, meeting),
                  documents=[{"label": corpus.documents[d].label, "title": corpus.documents[d].title,
                              "page": urls.document(d)} for d in meeting.documents],
                  parts=[{"url": urls.page(p.src_uri), "title": p.display_title, "range": p.paragraph_range}
                         for p in meeting.sections],
                  decisions=[_decision_row(site, d) for d in meeting.decisions], speakers=speakers,
                  corrections=len(meeting.corrections), notes_url=urls.notes(meeting),
                  downloads_url=urls.page(paths.downloads_src(meeting)))


def _meeting_facts(site: Site, meeting: Meeting) -> dict[str, Any]:
    body = site.corpus.body_of(meeting)
    return {"title": meeting.title, "front": meeting.front, "body": body.name, "body_url": site.urls.body(body.id),
            "session_label": meeting.session_label, "symbol": meeting.symbol, "meeting_type": meeting.meeting_type,
            "date_iso": meeting.date.isoformat(), "date_text": date_text(meeting), "time": meeting.time,
            "venue": meeting.venue, "place": meeting.place}


def _presiding(site: Site, meeting: Meeting) -> list[dict[str, Any]]:
    """Who convened or presided, each with their delegation (the Council's President is a member's
    representative) and their title as the records give it."""
    corpus, officers = site.corpus, []
    for label, speaker_id in (("Convened by", meeting.convener), ("President", meeting.president),
                              ("Acting President", meeting.acting_president)):
        if speaker_id:
            speaker = corpus.speakers[speaker_id]
            officers.append({"label": label, "url": site.urls.speaker(speaker_id), "name": speaker.name,
                             "delegation": _delegation_link(site, speaker.delegation),
                             "detail": speaker.titles[0] if speaker.titles else ""})
    return officers


def _delegation_link(site: Site, delegation_id: str) -> dict[str, str] | None:
    delegation = site.corpus.delegations.get(delegation_id)
    return {"name": delegation.name, "url": site.urls.delegation(delegation.id)} if delegation else None


def _members(site: Site, meeting: Meeting) -> list[dict[str, Any]]:
    """The Council's members present and their representatives, in the order of the record's first page."""
    corpus, urls = site.corpus, site.urls
    return [{"delegation": _delegation_link(site, member.delegation),
             "name": corpus.speakers[member.representative].name, "url": urls.speaker(member.representative)}
            for member in meeting.members]


def _meeting_rows(site: Site, meetings: Iterable[Meeting]) -> list[dict[str, Any]]:
    return [{"url": site.urls.meeting(m), "title": m.title,
             "body": f"{site.corpus.body_of(m).name}, {m.session_label}",
             "record": m.symbol or ("Summary" if m.kind == "summary" else "Verbatim record"),
             "statements": len(m.statements), "date_iso": m.date.isoformat(), "date_text": date_text(m)}
            for m in meetings]


def _meeting_years(site: Site, src_uri: str, meetings: Iterable[Meeting],
                   year: int | None) -> tuple[list[int], list[dict[str, Any]]]:
    """A listing of meetings' years once it is split (listings.py), with their links."""
    listed = list(meetings)
    years = listings.years_of(listed)
    return years, _year_links(site, src_uri, years, year, Counter(m.date.year for m in listed))


def home_page(site: Site, *, title: str, intro: str) -> str:
    corpus, urls = site.corpus, site.urls
    split, years = _meeting_years(site, paths.HOME, corpus.meetings, None)
    # Once split, the latest meetings (the corpus lists the newest first); each year has its page.
    meetings = _meeting_rows(site, corpus.meetings[:listings.MAX_LISTED_MEETINGS] if split else corpus.meetings)
    ways = [
        {"url": urls.page(paths.SPEAKERS_INDEX), "label": "Speakers",
         "text": f"{len(corpus.speakers)} speakers and every statement they made"},
        {"url": urls.page(paths.DELEGATIONS_INDEX), "label": "Delegations",
         "text": f"{len(corpus.delegations)} Member States, observers and groups, each with its statements"},
        {"url": urls.page(paths.THEMES_INDEX), "label": "Themes",
         "text": f"{len(corpus.themes)} themes, each with its paragraphs across meetings"},
        {"url": urls.page(paths.DOCUMENTS), "label": "Documents",
         "text": f"{len(corpus.documents)} documents the records cite"},
        {"url": urls.page(paths.DATA), "label": "Data",
         "text": "every paragraph and every vote as CSV and JSON Lines, the speakers and delegations as Popolo "
                 "JSON, for analysis and reuse"},
    ]
    return render(site.env, "home.md", here=urls.page(paths.HOME), title=title, intro=Markup(intro),
                  meetings=meetings, ways=ways, years=years, shown=LATEST if split else None,
                  bodies=_body_links(site), follow=paths.SITE_FEED)


def _body_links(site: Site) -> list[dict[str, Any]]:
    """Each body that has meetings, with their count and its listing."""
    corpus = site.corpus
    return [{"url": site.urls.body(body.id), "name": body.name,
             "count": len(corpus.meetings_by_body[body.id])} for body in corpus.bodies_with_meetings]


def meetings_year_page(site: Site, year: int) -> str:
    """The meetings of one year (the home page lists the latest meetings once there are many)."""
    _, years = _meeting_years(site, paths.HOME, site.corpus.meetings, year)
    return render(site.env, "meetings_year.md", here=_listing_url(site, paths.HOME, year), year=year,
                  meetings=_meeting_rows(site, (m for m in site.corpus.meetings if m.date.year == year)), years=years,
                  follow=paths.SITE_FEED)


def body_page(site: Site, body: Body, year: int | None = None) -> str:
    """A body's meetings, newest first: its latest meetings and a page per year once there are many, as
    on the home page."""
    every = site.corpus.meetings_by_body.get(body.id, [])
    src_uri = paths.body_src(body.id)
    split, years = _meeting_years(site, src_uri, every, year)
    if year is not None:
        listed = [m for m in every if m.date.year == year]
    else:
        listed = every[:listings.MAX_LISTED_MEETINGS] if split else every
    return render(site.env, "body.md", here=_listing_url(site, src_uri, year), body=body, year=year,
                  shown=str(year) if year is not None else (LATEST if split else None), count=len(listed),
                  meetings=_meeting_rows(site, listed), years=years, home_url=site.urls.page(paths.HOME),
                  follow=paths.body_feed(body.id))


# -- decisions and votes ----------------------------------------------------------------------


def _tally_text(decision: Decision) -> str:
    return decision.tally.text if decision.tally else ""


def _vote_summary(site: Site, decision: Decision | None) -> dict[str, str] | None:
    """What the record shows under the paragraph stating a vote's outcome: its tally and its page."""
    if decision is None or not decision.is_vote:
        return None
    return {"url": site.urls.vote(decision), "tally": _tally_text(decision),
            "result": DECISION_RESULTS[decision.result], "lists": "yes" if decision.votes else ""}


def _decision_row(site: Site, decision: Decision) -> dict[str, Any]:
    """A decision as the meeting's overview lists it."""
    corpus, urls = site.corpus, site.urls
    paragraph = _paragraph(site, decision.meeting_id, decision.paragraph)
    document = corpus.documents.get(decision.outcome_document)
    # A decision the record states without naming a draft ("It was so decided.") is named by its words.
    label = decision.label if decision.draft or decision.title else excerpt(paragraph.text, 16)
    return {"label": label, "ref": _ref(site, paragraph), "method": DECISION_METHODS[decision.method],
            "result": DECISION_RESULTS[decision.result], "reason": decision.reason, "tally": _tally_text(decision),
            "vote_url": urls.vote(decision) if decision.is_vote else "",
            "document": {"label": document.label, "url": urls.document(document.id)} if document else None}


def _paragraph(site: Site, meeting_id: str, paragraph_id: str) -> Paragraph:
    return next(p for p in site.corpus.meeting_by_id[meeting_id].paragraphs if p.id == paragraph_id)


def vote_page(site: Site, decision: Decision) -> str:
    """A vote: the decision, its tally, each delegation in its column, the explanations of vote made
    before and after it (linked to their paragraphs) and where the record states it."""
    corpus, urls = site.corpus, site.urls
    meeting = corpus.meeting_by_id[decision.meeting_id]
    stated = _paragraph(site, meeting.id, decision.paragraph)
    explanations = [_paragraph(site, meeting.id, p) for p in decision.explanations]
    columns = [{"id": position.replace("_", "-"), "label": VOTE_POSITIONS[position],
                "count": getattr(decision.tally, position) if decision.tally else len(ids),
                "delegations": sorted(({"id": d, "name": corpus.delegations[d].name, "url": urls.delegation(d)}
                                       for d in ids), key=lambda d: d["name"].lower())}
               for position, ids in decision.positions()]
    return render(site.env, "vote.md", here=urls.vote(decision), decision=_decision_row(site, decision),
                  meeting={"title": meeting.title, "url": urls.meeting(meeting), "date": date_text(meeting)},
                  part={"title": corpus.part_of[stated.key].display_title,
                        "url": urls.page(corpus.part_of[stated.key].src_uri)},
                  stated={"ref": _ref(site, stated), "text": site.text_html(stated.text)},
                  lists=[_ref(site, _paragraph(site, meeting.id, p)) for p in decision.lists],
                  columns=columns, before=_explanations(site, [p for p in explanations if p.number < stated.number]),
                  after=_explanations(site, [p for p in explanations if p.number > stated.number]))


def _explanations(site: Site, paragraphs: list[Paragraph]) -> list[dict[str, Any]]:
    """Explanations of vote: who made each, for which delegation, and its opening words."""
    corpus = site.corpus
    return [{**_ref(site, p), "speaker": ", ".join(corpus.speakers[s].name for s in p.speakers),
             "delegation": corpus.delegations[p.delegation].name if p.delegation else ""} for p in paragraphs]


def _delegation_votes(site: Site, delegation: Delegation, year: int | None) -> list[dict[str, Any]]:
    """A delegation's votes, newest meeting first: a year's on a year page, else those of its latest
    meetings with votes (as many as a split listing shows, listings.delegation_years), so the page does
    not grow with the archive."""
    corpus, urls = site.corpus, site.urls
    every = corpus.votes_by_delegation.get(delegation.id, [])
    if year is not None:
        listed = [(d, p) for d, p in every if corpus.meeting_by_id[d.meeting_id].date.year == year]
    else:
        latest = list(dict.fromkeys(d.meeting_id for d, _ in every))[:listings.MAX_LISTED_MEETINGS]
        listed = [(d, p) for d, p in every if d.meeting_id in latest]
    rows = []
    for decision, position in listed:
        meeting, tally = corpus.meeting_by_id[decision.meeting_id], decision.tally
        rows.append({"meeting": meeting.symbol or meeting.short_title, "meeting_url": urls.meeting(meeting),
                     "date_iso": meeting.date.isoformat(), "date_text": date_text(meeting), "label": decision.label,
                     "url": f"{urls.vote(decision)}#vote-{delegation.id}", "position": VOTE_POSITIONS[position],
                     "position_id": position, "result": DECISION_RESULTS[decision.result],
                     "tally": f"{tally.in_favour}–{tally.against}–{tally.abstaining}" if tally else ""})
    return rows


# -- people and delegations ------------------------------------------------------------------


def speakers_index(site: Site) -> str:
    corpus, urls = site.corpus, site.urls
    first_role: dict[str, str] = {}
    for meeting in corpus.meetings:
        for speaker_id, role_id in meeting.participants.items():
            first_role.setdefault(speaker_id, role_id)  # the role in the newest meeting
    groups = []
    for role in corpus.roles.values():
        speakers = sorted((s for s in corpus.speakers.values() if first_role.get(s.id) == role.id),
                          key=lambda s: s.name.lower())
        if speakers:
            groups.append({"id": role.id, "title": role.plural, "speakers": [
                {"url": urls.speaker(s.id), "name": s.name, "titles": "; ".join(s.titles),
                 "delegation": corpus.delegations[s.delegation].name if s.delegation in corpus.delegations else "",
                 "count": len(corpus.statements(corpus.by_speaker.get(s.id, [])))} for s in speakers]})
    return render(site.env, "speakers_index.md", here=urls.page(paths.SPEAKERS_INDEX), groups=groups)


def speaker_page(site: Site, speaker: Speaker, year: int | None = None) -> str:
    corpus, urls = site.corpus, site.urls
    every_statement, every_mention = listings.speaker_listing(corpus, speaker.id)
    spoken = {p.key for p in every_statement}
    # Statements and mentions share the page's years and latest meetings: a year may hold only mentions.
    every = [*every_statement, *every_mention]
    split = _split(site, ("speaker", speaker.id), every)
    listed = split.shown(every, year)
    statements = [p for p in listed if p.key in spoken]
    mentions = [p for p in listed if p.key not in spoken]
    in_scope = {p.meeting_id for p in listed} if split.years else None
    roles = []
    for meeting in corpus.meetings:  # the roles of the meetings the page lists
        if in_scope is not None and meeting.id not in in_scope:
            continue
        role = corpus.role_in(meeting, speaker.id)
        if role:
            roles.append({"meeting": meeting.short_title, "label": role.label, "description": role.description,
                          "url": f"{urls.page(paths.SPEAKERS_INDEX)}#role-{role.id}"})
    delegation = corpus.delegations.get(speaker.delegation)
    src_uri = paths.speaker_src(speaker.id)
    return render(site.env, "speaker.md", here=_listing_url(site, src_uri, year),
                  year=year, shown=split.scope(year), follow=paths.speaker_feed(speaker.id),
                  years=_year_links(site, src_uri, split.years, year, site.memo(
                                        ("speaker-counts", speaker.id), lambda: listings.year_counts(
                                            corpus, [*corpus.statements(every_statement), *every_mention]))),
                  speaker={"name": speaker.name, "full_name": speaker.full_name if speaker.honorific else "",
                           "titles": speaker.titles, "collective": speaker.collective},
                  delegation={"name": delegation.name, "url": urls.delegation(delegation.id)} if delegation else None,
                  roles=roles, count=len(corpus.statements(statements)),
                  groups=_by_meeting(site, statements, statements=True),
                  mentions=_by_meeting(site, mentions, statements=False), mention_count=len(mentions),
                  themes=site.memo(("speaker-themes", speaker.id),
                                   lambda: _chips(site, themes=corpus.themes_in(every_statement))))


def delegations_index(site: Site) -> str:
    corpus, urls = site.corpus, site.urls
    groups = []
    for kind, title in DELEGATION_KIND_TITLES.items():
        members = sorted((d for d in corpus.delegations.values() if d.kind == kind), key=lambda d: d.name.lower())
        if members:
            groups.append({"id": kind, "title": title, "delegations": [
                {"url": urls.delegation(d.id), "name": d.name,
                 "count": len(corpus.statements(corpus.by_delegation.get(d.id, [])))} for d in members]})
    return render(site.env, "delegations_index.md", here=urls.page(paths.DELEGATIONS_INDEX), groups=groups)


def delegation_page(site: Site, delegation: Delegation, year: int | None = None) -> str:
    corpus = site.corpus
    every = corpus.by_delegation.get(delegation.id, [])
    split = _split(site, ("delegation", delegation.id), every)
    paragraphs = split.shown(every, year)
    src_uri = paths.delegation_src(delegation.id)
    return render(site.env, "delegation.md", here=_listing_url(site, src_uri, year),
                  delegation=delegation, kind=DELEGATION_KIND_TITLES.get(delegation.kind, delegation.kind)[:-1],
                  year=year, shown=split.scope(year), follow=paths.delegation_feed(delegation.id),
                  years=_year_links(site, src_uri, listings.delegation_years(corpus, delegation.id), year, site.memo(
                                        ("delegation-counts", delegation.id),
                                        lambda: listings.year_counts(corpus, corpus.statements(every)))),
                  speakers=site.memo(("delegation-speakers", delegation.id),
                                     lambda: _chips(site, speakers=corpus.speakers_of(every))),
                  count=len(corpus.statements(paragraphs)), groups=_by_meeting(site, paragraphs, statements=True),
                  votes=_delegation_votes(site, delegation, year),
                  vote_count=len(corpus.votes_by_delegation.get(delegation.id, [])),
                  themes=site.memo(("delegation-themes", delegation.id),
                                   lambda: _chips(site, themes=corpus.themes_in(every))))


# -- themes ---------------------------------------------------------------------------------


# The themes index counts each theme per meeting while a row of counts stays readable;
# past that, per year (a thousand meetings would be a thousand columns).
MAX_COUNT_COLUMNS = 6


def themes_index(site: Site) -> str:
    corpus, urls = site.corpus, site.urls
    ranked = sorted(corpus.themes.values(), key=lambda t: (-len(corpus.by_theme.get(t.id, [])), t.label.lower()))
    columns = _count_columns(corpus)
    rows = []
    for theme in ranked:
        paragraphs = corpus.by_theme.get(theme.id, [])
        counted = Counter(columns.key(p) for p in paragraphs)
        rows.append({"url": urls.theme(theme.id), "label": theme.label, "count": len(paragraphs),
                     "per_meeting": [counted[key] for key, _, _ in columns.heads],
                     "description": site.text_html(theme.description)})
    return render(site.env, "themes_index.md", here=urls.page(paths.THEMES_INDEX), themes=rows,
                  meetings=[{"title": title, "short": short} for _, short, title in columns.heads])


@dataclass
class _Columns:
    key: Callable[[Paragraph], str]  # the column a paragraph counts in
    heads: list[tuple[str, str, str]]  # (key, short heading, full title), in order


def _count_columns(corpus: Corpus) -> _Columns:
    meetings = corpus.meetings
    if len(meetings) <= 1:
        return _Columns(lambda p: "", [])
    if len(meetings) <= MAX_COUNT_COLUMNS:
        return _Columns(lambda p: p.meeting_id, [(m.id, m.symbol or m.short_title, m.title) for m in meetings])
    years = sorted({m.date.year for m in meetings}, reverse=True)
    return _Columns(lambda p: str(corpus.meeting_by_id[p.meeting_id].date.year),
                    [(str(year), str(year), f"Meetings of {year}") for year in years])


def theme_page(site: Site, theme: Theme, year: int | None = None) -> str:
    corpus, urls = site.corpus, site.urls
    every = corpus.by_theme.get(theme.id, [])
    split = _split(site, ("theme", theme.id), every)
    paragraphs = split.shown(every, year)
    groups = []
    for meeting, in_meeting in _meeting_groups(site, paragraphs):
        parts = []
        for part_id, items in groupby(in_meeting, key=lambda p: p.part_id):  # in record order
            listed = list(items)
            part = corpus.part_of[listed[0].key]
            parts.append({"id": part_id, "title": part.display_title, "refs": [_ref(site, p) for p in listed]})
        groups.append({"id": meeting.id, "title": meeting.short_title, "parts": parts})
    related = site.memo(("theme-related", theme.id), lambda: [
        {"url": urls.theme(other.id), "label": other.label, "count": count}
        for other, count in corpus.related_themes(theme.id)])
    src_uri = paths.theme_src(theme.id)
    return render(site.env, "theme.md", here=_listing_url(site, src_uri, year),
                  theme=theme, year=year, shown=split.scope(year), follow=paths.theme_feed(theme.id),
                  years=_year_links(site, src_uri, split.years, year,
                                    site.memo(("theme-counts", theme.id), lambda: listings.year_counts(corpus, every))),
                  description=site.text_html(theme.description), count=len(paragraphs), groups=groups,
                  speakers=site.memo(("theme-speakers", theme.id),
                                     lambda: _chips(site, speakers=corpus.speakers_of(every))), related=related)


# -- documents, notes, downloads ----------------------------------------------------------------------


def documents_page(site: Site) -> str:
    """Every document with how often it is cited; its citations are on its own page (a list of every
    citing paragraph here would grow with the corpus)."""
    corpus, urls = site.corpus, site.urls
    documents = []
    for document in corpus.documents.values():
        citing = corpus.by_document.get(document.id, [])
        meetings = {p.meeting_id for p in citing}
        latest = next((m for m in corpus.meetings if m.id in meetings), None)  # the corpus lists the newest first
        documents.append({"id": document.id, "label": document.label, "title": document.title, "url": document.url,
                          "page": urls.document(document.id), "count": len(citing), "meetings": len(meetings),
                          "latest": {"title": latest.short_title, "url": urls.meeting(latest)} if latest else None})
    return render(site.env, "documents.md", here=urls.page(paths.DOCUMENTS), documents=documents)


def document_page(site: Site, document: Document, year: int | None = None) -> str:
    """A document's citations, by meeting, newest first: split by year like a theme's paragraphs."""
    corpus = site.corpus
    every = corpus.by_document.get(document.id, [])
    split = _split(site, ("document", document.id), every)
    paragraphs = split.shown(every, year)
    src_uri = paths.document_src(document.id)
    return render(site.env, "document.md", here=_listing_url(site, src_uri, year),
                  document=document, year=year, shown=split.scope(year), follow=paths.document_feed(document.id),
                  years=_year_links(site, src_uri, split.years, year,
                                    site.memo(("document-counts", document.id),
                                              lambda: listings.year_counts(corpus, every))),
                  count=len(paragraphs), groups=_by_meeting(site, paragraphs, statements=False),
                  index_url=f"{site.urls.page(paths.DOCUMENTS)}#doc-{document.id}")


def notes_page(site: Site, meeting: Meeting) -> str:
    by_id = {p.id: p for p in meeting.paragraphs}
    corrections = [{"id": c.id, "why": c.why, "original": c.original, "corrected": c.corrected,
                    "paragraph": _ref(site, by_id[c.paragraph])} for c in meeting.corrections]
    return render(site.env, "notes.md", here=site.urls.notes(meeting), kind=meeting.kind, corrections=corrections)


def downloads_page(site: Site, meeting: Meeting) -> str:
    return render(site.env, "downloads.md", here=site.urls.page(paths.downloads_src(meeting)),
                  meeting_phrase=meeting.title_in_sentence, files=paths.export_files(meeting))


def _and(words: Iterable[str]) -> str:
    """"meeting, decision and delegation"."""
    *first, last = words
    return f"{', '.join(first)} and {last}" if first else last


def data_page(site: Site) -> str:
    """The whole corpus as data: each file (corpus_data.py) with its format and what it holds, each
    table's columns as datapackage.json declares them, and the licence note."""
    counts = corpus_data.row_counts(site.corpus)
    files = [{"url": paths.data_file(f.name), "name": f.name, "label": f.label, "description": f.description,
              "rows": counts[f.table.name] if f.table else None} for f in corpus_data.data_files()]
    tables = [{"id": table.name, "title": table.title, "rows": counts[table.name],
               "files": [{"name": f.name, "url": paths.data_file(f.name)}
                         for f in corpus_data.data_files() if f.table == table],
               "key": _and(table.primary_key),
               "columns": [{"name": c.name, "type": c.type, "description": c.description,
                            "required": c.required} for c in table.columns]}
              for table in corpus_data.TABLES]
    return render(site.env, "data.md", here=site.urls.page(paths.DATA), files=files, tables=tables,
                  licence=corpus_data.LICENCE_NOTE, terms=corpus_data.UN_TERMS_OF_USE,
                  meetings=len(site.corpus.meetings), home_url=site.urls.page(paths.HOME))


_VIEWS: dict[str, Callable[[Site, Any], str]] = {
    "speakers_index": lambda site, _: speakers_index(site),
    "delegations_index": lambda site, _: delegations_index(site),
    "themes_index": lambda site, _: themes_index(site),
    "documents": lambda site, _: documents_page(site),
    "data": lambda site, _: data_page(site),
    "meeting": meeting_page,
    "part": part_page,
    "notes": notes_page,
    "downloads": downloads_page,
    "speaker": speaker_page,
    "delegation": delegation_page,
    "theme": theme_page,
    "document": document_page,
    # A long listing's year pages (listings.py): the subject is (what is listed, year).
    "speaker_year": lambda site, subject: speaker_page(site, *subject),
    "delegation_year": lambda site, subject: delegation_page(site, *subject),
    "theme_year": lambda site, subject: theme_page(site, *subject),
    "document_year": lambda site, subject: document_page(site, *subject),
    "meetings_year": meetings_year_page,
    "body": body_page,
    "body_year": lambda site, subject: body_page(site, *subject),
    "vote": vote_page,
}


def render_page(site: Site, kind: str, subject: Any) -> str:
    """The Markdown of a generated page (navigation.generated_pages names its kind and subject)."""
    return _VIEWS[kind](site, subject)
