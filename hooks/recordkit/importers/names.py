"""Printed names -> registry ids: delegations ("Iran (Islamic Republic of)") and people
("Mr. Kimani" speaking for Kenya), SayIt-style: the delegation is the stable key, printed names
are surnames. What is not in the registry becomes a new entry for the editor to review."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..slug import slugify
from .imported import NewDelegation, NewSpeaker
from .registry import Registry, name_key
from .words import fold

# Named groups a delegation speaks for: printed forms -> the group's registry name.
GROUPS = {
    "Group of 77 and China": "Group of 77 and China",
    "Movement of Non-Aligned Countries": "Movement of Non-Aligned Countries",
    "Non-Aligned Movement": "Movement of Non-Aligned Countries",
    "Group of African States": "Group of African States",
    "African Group": "Group of African States",
    "Alliance of Small Island States": "Alliance of Small Island States",
    "European Union": "European Union",
    "Caribbean Community": "Caribbean Community",
    "Group of Arab States": "Group of Arab States",
    "Arab Group": "Group of Arab States",
    "Organization of Islamic Cooperation": "Organization of Islamic Cooperation",
    "Association of Southeast Asian Nations": "Association of Southeast Asian Nations",
    "Nordic countries": "Nordic countries",
    "Group of Friends in Defence of the Charter of the United Nations": (
        "Group of Friends in Defence of the Charter of the United Nations"
    ),
}
# What a State's formal name prints before its name: "Federative Republic of", "Kingdom of the".
FORMAL = re.compile(r"(?:the )?(?:[\w'’-]+ )*?(?:Republic|Kingdom|State|Federation|Principality|Sultanate"
                    r"|Commonwealth|Grand Duchy|Union) of(?: the)?", re.I)
OBSERVERS = {"Holy See", "State of Palestine", "European Union", "Sovereign Order of Malta"}
KINDS = {"European Union": "observer", "Holy See": "observer", "State of Palestine": "observer"}

@dataclass
class Resolver:
    """Printed names and delegations -> registry ids, new entries for what is not there."""

    registry: Registry
    new_speakers: list[NewSpeaker] = field(default_factory=list)
    new_delegations: list[NewDelegation] = field(default_factory=list)
    matched: Counter[str] = field(default_factory=Counter)
    cache: dict[tuple[str, str], str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # delegation id -> kind

    def delegation(self, printed: str) -> str:
        printed = fold(printed)
        known = self.registry.delegation_named(printed)
        if known:
            self.kinds[known.id] = known.kind
            return known.id
        new = next((d for d in self.new_delegations if name_key(printed) in map(name_key, (d.name, *d.names))), None)
        if new:
            return new.id
        short = self._short_form(printed) or self._long_form(printed)
        if short:
            return short
        kind = delegation_kind(printed)
        new = NewDelegation(id=slugify(printed), name=printed, kind=kind)
        self.new_delegations.append(new)
        self.kinds[new.id] = kind
        return new.id

    def _short_form(self, printed: str) -> str:
        """ "United Kingdom" for "United Kingdom of Great Britain and Northern Ireland": the one State
        whose name opens with these words (two or more, so that "Congo" is never a short form)."""
        if len(printed.split()) < 2:
            return ""
        key = name_key(printed)
        names = [(d.id, n) for d in self.registry.delegations for n in (d.name, *d.names)]
        names += [(d.id, d.name) for d in self.new_delegations]
        found = {delegation_id for delegation_id, name in names
                 if name_key(name).startswith(key) and fold(name).casefold().startswith(printed.casefold() + " ")}
        return found.pop() if len(found) == 1 else ""

    def _long_form(self, printed: str) -> str:
        """ "Brazil" for "Federative Republic of Brazil", "Jordan" for "Hashemite Kingdom of Jordan": the
        formal name a Head of State's title prints. Not where it could name another State ("Democratic
        Republic of the Congo" is not the Congo, "Democratic People's Republic of Korea" not Korea)."""
        text = fold(printed)
        for delegation in sorted(self.registry.delegations, key=lambda d: -len(d.name)):
            for name in (delegation.name, *delegation.names):
                prefix = text[: -len(name)].strip() if text.casefold().endswith(" " + name.casefold()) else ""
                if prefix and FORMAL.fullmatch(prefix) and not re.search(r"democratic|people", prefix, re.I):
                    return delegation.id
        return ""

    def person(self, honorific: str, name: str, delegation: str, titles: tuple[str, ...] = (),
               *, printed: str = "") -> str:
        """The speaker id for a printed name; the same surname + delegation is one person in a meeting.
        `printed`: the surname as the record prints it, where the full name is known too ("Lula da Silva")."""
        key = ((printed or surname(name)).casefold(), delegation)
        if key in self.cache:
            return self.cache[key]
        speaker_id = self._registered(name, delegation) or self._new(honorific, name, delegation, titles, printed)
        self.cache[key] = speaker_id
        return speaker_id

    def seen(self, name: str) -> tuple[str, str] | None:
        """(speaker id, delegation id) of the one speaker of this meeting with this surname, so far:
        "Mr. Briz Gutiérrez:" after "Mr. Briz Gutiérrez (Guatemala), Vice-President, took the Chair"."""
        wanted = surname(name).casefold()
        found = {(speaker_id, delegation) for (key, delegation), speaker_id in self.cache.items() if key == wanted}
        return found.pop() if len(found) == 1 else None

    def matched_count(self) -> int:
        return len(self.matched)

    def _registered(self, name: str, delegation: str) -> str:
        """A registry speaker with this name (or surname) speaking for this delegation."""
        printed, last = fold(name).casefold(), surname(name).casefold()
        for speaker in self.registry.speakers:
            full = speaker.name.casefold()
            if speaker.delegation == delegation and (full in (printed, last) or full.endswith(" " + last)):
                self.matched[speaker.id] += 1
                return speaker.id
        return ""

    def _new(self, honorific: str, name: str, delegation: str, titles: tuple[str, ...], printed: str = "") -> str:
        base = slugify(printed or surname(name))
        taken = {s.id for s in self.registry.speakers} | {s.id for s in self.new_speakers}
        speaker_id = base if base not in taken else f"{base}-{delegation}"
        number = 2
        while speaker_id in taken:
            speaker_id, number = f"{base}-{delegation}-{number}", number + 1
        self.new_speakers.append(
            NewSpeaker(id=speaker_id, name=fold(name), honorific=honorific, titles=list(titles), delegation=delegation)
        )
        return speaker_id


def delegation_kind(printed: str) -> str:
    if printed in GROUPS.values():
        return KINDS.get(printed, "group")
    if printed in OBSERVERS:
        return "observer"
    if re.search(r"\b(?:Department|Office|Secretariat|Committee|Commission|Court|Programme|Fund)\b", printed):
        return "organization"
    return "member-state"


def role_for(kind: str) -> str:
    return {"observer": "observer", "organization": "official"}.get(kind, "representative")


def surname(name: str) -> str:
    """Statements print surnames ("Mr. Kimani"); the header may print a full name ("Mr. Ali Abdussalam
    Treki"): three words or more are taken as given names + surname, and the id is the last word."""
    words = fold(name).split()
    return words[-1] if len(words) >= 3 else " ".join(words)
