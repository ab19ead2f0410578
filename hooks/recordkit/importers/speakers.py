"""Who speaks, paragraph by paragraph: the turn a speaker line opens, carried by the paragraphs
after it until the next speaker line or heading.

The state of a record's walk that speakers need is here and nowhere else: who presides (the
President, a Vice-President who took the Chair), the statement under way (its speaker, the
delegation it is made for, the groups it is made on behalf of), the participants and their roles.
Printed names become registry ids through `names.Resolver`; what is new or uncertain is a line
for the editor's review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .header import Header, Person
from .imported import ImportedParagraph, Member
from .names import GROUPS, Resolver, role_for
from .officials import TITLES, holder
from .turns import SpeakerLine, is_function, proper_name, read_speaker_line
from .words import HONORIFICS, OFFICES, fold

TOOK_CHAIR = re.compile(
    r"(?:In the absence of the President, )?(?P<hon>Mr|Mrs|Ms|Miss|Dr)\.? (?P<name>[^(]+?) "
    r"\((?P<country>[^()]+)\), Vice-President, took the Chair"
)
RESUMED_CHAIR = re.compile(r"^The President (?:returned to|resumed) the Chair")
# "Mr. Luiz Inácio Lula da Silva, President of the Federative Republic of Brazil, was escorted into the
# General Assembly Hall.": who "President Lula da Silva:" is, and for whom he speaks.
ESCORTED = re.compile(
    rf"^(?:{HONORIFICS})\.? (?P<name>[^,]+), (?P<title>(?:{OFFICES})[^,]*? of (?:the )?(?P<country>[^,]+)), "
    r"was escorted (?:into|to)"
)
# The Council's President speaking for his country: "I shall now make a statement in my capacity
# as the representative of Poland."
CAPACITY = re.compile(
    r"\bin my (?:national )?capacity as (?:the )?representative of (?:the )?(?P<country>[A-Z][^.,;:]+)"
)
ON_BEHALF = re.compile(
    r"\b(?:I|we)\b[^.;]{0,80}?\b(?:speak|speaking|deliver|delivering|make|making|take the floor|statement)"
    r"[^.;]{0,60}?\bon behalf of (?:the )?(?:States members of (?:the )?)?(?P<group>"
    + "|".join(map(re.escape, GROUPS))
    + r")",
    re.I,
)
NOT_BEHALF = re.compile(r"\b(?:before|associates?|align|aligns|delivered by|made by|representative of)\b", re.I)


@dataclass
class Statement:
    speaker: str
    delegation: str
    on_behalf_of: list[str] = field(default_factory=list)


class Speakers:
    """The turns of one record, as its paragraphs come in order."""

    def __init__(self, resolver: Resolver, header: Header, review: list[str]) -> None:
        self.resolver, self.header, self.review = resolver, header, review
        self.council = header.body.counts_in == "year"
        self.participants: dict[str, str] = {}
        title = header.body.president_title.format(label=header.session_label)
        self.president = self._header_person(header.president, (title,) if title else ())
        self.participants[self.president] = "president"
        self.members = [Member(resolver.delegation(m.country), self._header_person(m, ())) for m in header.members]
        self.acting = ""  # the Vice-President in the Chair, once one took it
        self.first_acting = ""
        self.statement: Statement | None = None
        self.statements = 0
        self.escorted: dict[str, tuple[str, str]] = {}  # full name -> (delegation id, title) of a Head of State

    def _header_person(self, person: Person, titles: tuple[str, ...]) -> str:
        """A person page 1 names (the President, a Council member's representative): the full name."""
        delegation = self.resolver.delegation(person.country)
        speaker = self.resolver.person(person.honorific, proper_name(person.name), delegation, titles)
        self.participants.setdefault(speaker, "representative")
        return speaker

    # What a paragraph is ------------------------------------------------------------------

    def opens(self, paragraph: ImportedParagraph, label: str) -> None:
        """A paragraph opening with a speaker line: a new turn."""
        line = read_speaker_line(paragraph.text)
        assert line is not None  # turns.opens_turn read it
        self.statements += 1
        paragraph.language = line.language
        if line.chair:
            self._chair(paragraph, line.chair, label)
        elif line.title:
            self._office_holder(paragraph, line.title, label)
        else:
            self._named(paragraph, line, label)

    def continues(self, paragraph: ImportedParagraph, label: str) -> None:
        """A paragraph of the turn under way."""
        if self.statement is None:
            self.review.append(
                f"No speaker, {label}: '{paragraph.text[:60]}' — a paragraph before any speaker line; check who speaks."
            )
            return
        self._attribute(paragraph, label)

    def unreadable(self, first_line: str, label: str) -> None:
        """A speaker line this importer cannot read: the paragraph is published without a speaker,
        listed for review, never attributed to the speaker before it."""
        self.statement = None
        self.review.append(f"Speaker line not read, {label}, line 1: {first_line!r} — the paragraph and "
                           "those after it have no speaker until the next speaker line; add `speakers:`.")

    def end_turn(self) -> None:
        """A heading ends the statement before it."""
        self.statement = None

    def stage_note(self, text: str, label: str) -> None:
        """A stage note of who is in the Chair ("Mr. Nyakyi (...), Vice-President, took the Chair.") or
        who is escorted to the rostrum."""
        escorted = ESCORTED.match(text)
        if escorted:
            country = escorted.group("country")
            self.escorted[escorted.group("name")] = (self.resolver.delegation(country), escorted.group("title"))
        chair = TOOK_CHAIR.search(text)
        if chair:
            delegation = self.resolver.delegation(chair.group("country"))
            self.acting = self.resolver.person(
                chair.group("hon") + ".", chair.group("name"), delegation, ("Vice-President of the General Assembly",)
            )
            self.first_acting = self.first_acting or self.acting
            self.participants[self.acting] = "acting-president"
            self.review.append(
                f"Chair, {label}: '{text}' — 'The Acting President' from here on is {self.acting}; check."
            )
        if RESUMED_CHAIR.search(text):
            self.acting = ""

    # Who a speaker line names -------------------------------------------------------------

    def _named(self, paragraph: ImportedParagraph, line: SpeakerLine, label: str) -> None:
        # "(Under-Secretary-General for Political Affairs)": a briefer's function, not a delegation.
        function, printed = (line.delegation, "") if is_function(line.delegation) else (line.function, line.delegation)
        if not printed:
            self._without_delegation(paragraph, line, function, label)
            return
        delegation = self.resolver.delegation(printed)
        before = len(self.resolver.new_speakers)
        speaker = self.resolver.person(line.honorific, line.name, delegation, (function,) if function else ())
        if len(self.resolver.new_speakers) > before:
            self.review.append(
                f"New speaker, {label}: {speaker} — '{line.text}': not in the registry; add the full name and titles."
            )
        self.participants.setdefault(speaker, role_for(self.resolver.kinds.get(delegation, "member-state")))
        self.statement = Statement(speaker, delegation)
        paragraph.function = function
        self._attribute(paragraph, label)

    def _office_holder(self, paragraph: ImportedParagraph, title: str, label: str) -> None:
        """ "The Secretary-General:": whoever held the office on the meeting's date (officials.py)."""
        office = "The Deputy Secretary-General" if "deputy" in title.casefold() else "The Secretary-General"
        held = holder(office, self.header.date)
        if held is None:
            self.statement = None
            self.review.append(f"Office holder unknown, {label}: '{title}' on {self.header.date} — add `speakers:`.")
            return
        speaker = self.resolver.person(held.honorific, held.name, "", (TITLES[office],))
        self.participants.setdefault(speaker, "official")
        self.statement = Statement(speaker, "")
        self._attribute(paragraph, label)

    def _without_delegation(self, paragraph: ImportedParagraph, line: SpeakerLine, function: str,
                            label: str) -> None:
        """A speaker line without a delegation ("Mr. Briz Gutiérrez:"): the one speaker of that name
        seen earlier in the meeting (a Vice-President in the Chair, a speaker resuming); else someone
        who speaks for no delegation (a briefer in the Council, an official), new to the meeting."""
        seen = self.resolver.seen(line.name)
        escorted = next((name for name in self.escorted if name.casefold().endswith(line.name.casefold())), "")
        if seen is None and escorted:
            # "President Lula da Silva:" after he was escorted to the rostrum: his name and country.
            delegation, title = self.escorted[escorted]
            speaker = self.resolver.person("", escorted, delegation, (title,), printed=line.name)
            self.participants.setdefault(speaker, "representative")
            self.statement = Statement(speaker, delegation)
            self.review.append(f"Head of State or Government, {label}: '{line.text}' — taken as {speaker} "
                               f"({title}), escorted to the rostrum before; check.")
            self._attribute(paragraph, label)
            return
        if seen is None:
            before = len(self.resolver.new_speakers)
            speaker = self.resolver.person(line.honorific, line.name, "", (function,) if function else ())
            new = len(self.resolver.new_speakers) > before
            self.participants.setdefault(speaker, "official")
            self.statement = Statement(speaker, "")
            paragraph.function = function
            self.review.append(f"Speaker without a delegation, {label}: '{line.text}' — no one of that name spoke "
                               f"before in this meeting: taken as {speaker}{' (new)' if new else ''}, speaking for "
                               "no delegation (a briefer, an official); check, and add the full name and titles.")
            self._attribute(paragraph, label)
            return
        speaker, delegation = seen
        if speaker in (self.acting, self.president):
            delegation = ""  # the Chair speaks for the Assembly
        self.statement = Statement(speaker, delegation)
        self.review.append(f"Speaker without a delegation, {label}: '{line.text}' — taken as {speaker}, who "
                           "spoke or took the Chair earlier in this meeting; check.")
        self._attribute(paragraph, label)

    def _chair(self, paragraph: ImportedParagraph, chair: str, label: str) -> None:
        """ "The President" is whoever is in the Chair: a Vice-President who took it is "The
        Acting President" since the 2000s but "The PRESIDENT" in the 1990s records."""
        if chair == "The Acting President" and not self.acting:
            self.statement = None
            self.review.append(f"Acting President unknown, {label}: 'The Acting President' speaks but no "
                               "Vice-President took the Chair before; the paragraph has no speaker: add `speakers:`.")
            return
        self.statement = Statement(self.acting or self.president, "")
        self._attribute(paragraph, label)

    # For whom ------------------------------------------------------------------------------

    def _attribute(self, paragraph: ImportedParagraph, label: str) -> None:
        assert self.statement is not None
        capacity = CAPACITY.search(paragraph.text) if self.statement.speaker == self.president else None
        if capacity and self.council:
            # The Council's President speaks for his country from here to the end of his turn.
            self.statement.delegation = self.resolver.delegation(self._capacity_country(capacity.group("country")))
        if self.statement.delegation:
            # From the paragraph that says so: "I now speak on behalf of the Group of 77 and China".
            behalf = self._on_behalf(paragraph.text, self.statement.delegation, label.split(" ")[0])
            self.statement.on_behalf_of = behalf or self.statement.on_behalf_of
        paragraph.speakers = [self.statement.speaker]
        paragraph.delegation = self.statement.delegation
        paragraph.on_behalf_of = list(self.statement.on_behalf_of)

    def _capacity_country(self, printed: str) -> str:
        """ "Côte d’Ivoire and on behalf of the three African members": the President's own country
        where the words open with it, else the words up to "and" / "on behalf"."""
        country = self.header.president.country
        if fold(printed).casefold().startswith(country.casefold()):
            return country
        return re.split(r"\s+(?:and|on behalf)\b", printed.strip())[0]

    def _on_behalf(self, text: str, delegation: str, label: str) -> list[str]:
        groups: list[str] = []
        for match in ON_BEHALF.finditer(text):
            context = text[max(0, match.start() - 20) : match.end()]
            if NOT_BEHALF.search(context):
                continue  # "before I speak on behalf of…", "the statement delivered by X on behalf of…"
            group = self.resolver.delegation(GROUPS[_group_key(match.group("group"))])
            if group != delegation and group not in groups:
                groups.append(group)
                self.review.append(
                    f"On behalf of, {label}: '{match.group(0)}' — this and the statement's next "
                    f"paragraphs are marked on behalf of {group}; check."
                )
        return groups


def _group_key(printed: str) -> str:
    return next(k for k in GROUPS if k.lower() == printed.lower())
