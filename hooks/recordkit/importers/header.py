"""The facts a verbatim record's first page prints: which body, symbol, session or year, meeting,
date, place, President and (in the Council) the members present with their representatives.

What differs between bodies is data (`BODIES`); what differs between eras is in the patterns:
the Assembly prints "Sixty-fifth session" / "71st plenary meeting" since the 2000s and
"FORTY-EIGHTH SESSION" / "46th" + "PLENARY MEETING" in the 1990s (symbol at the page's foot);
the Council prints "Fifty-second Year" / "3756th Meeting" and a list of members. Adding a body
is one `BodyStyle` entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .errors import SourceError
from .words import HONORIFICS, MONTHS, fold, ordinal_value


@dataclass(frozen=True)
class BodyStyle:
    id: str  # data/bodies.yml id
    name: str
    symbol: re.Pattern[str]  # group 1: the symbol, group "number": the meeting's number
    counts_in: str  # "session" (the Assembly) or "year" (the Council)
    meeting_words: str  # "plenary meeting", "meeting"
    president_title: str  # the President's title, {label} is the session label; "" when it rotates


BODIES = (
    BodyStyle("general-assembly", "General Assembly", re.compile(r"\b(A/(?P<session>\d+)/PV\.(?P<number>\d+))\b"),
              "session", "plenary meeting", "President of the General Assembly at its {label}"),
    BodyStyle("security-council", "Security Council",
              re.compile(r"\b(S/PV\.(?P<number>\d+)(?: ?\((?:Resumption|Part) ?\d*\))?)"), "year", "meeting", ""),
)
HONORIFIC = rf"(?:{HONORIFICS})\.?"
LABEL = re.compile(r"^([A-Z][A-Za-z]+(?:-[A-Za-z]+)?) (session|year)$", re.M | re.I)
MEETING = re.compile(r"^(\d+)(?:st|nd|rd|th)(?:\s+(plenary meeting|meeting))?$", re.M | re.I)
PLENARY = re.compile(r"^plenary meeting$", re.M | re.I)
# The time may be on the date's line, on the next ("at 3 p.m."), or not printed at all.
DATE = re.compile(
    r"^[A-Z][a-z]+day, (\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})(?:(?:,\s*|\s*\n\s*at\s+)(.+))?$", re.M
)
# Dot leaders between a name and its country ("Mr. Adom . . . . (Côte d'Ivoire)"): layout, not words.
LEADERS = re.compile(r"(?:\s*\.){2,}\s*(?=\(|\s|$)")
PRESIDENT = re.compile(rf"^President:\s*(?P<hon>{HONORIFIC})\s+(?P<name>.+?)\s*\((?P<country>[^()]+(?:\([^()]*\))?)\)$")
MEMBER = re.compile(rf"^(?:Members:\s*)?(?P<country>.+?)\s+(?P<hon>{HONORIFIC})\s+(?P<name>\S.*)$")
PLACES = ("New York", "Geneva", "Paris", "London", "Addis Ababa", "Nairobi", "Panama City")


@dataclass(frozen=True)
class Person:
    honorific: str
    name: str  # as printed ("Wang Xuexian", "John Weston", "INSANALLY")
    country: str  # as printed ("Côte d’Ivoire")


@dataclass
class Header:
    body: BodyStyle
    symbol: str
    session: int  # the Assembly's session; the Council's year of existence (52 in 1997)
    session_label: str  # "sixty-fifth session", "fifty-second year"
    meeting_number: int
    date: dt.date
    time: str
    place: str
    president: Person
    members: list[Person] = field(default_factory=list)  # the Council's members present, as printed
    agenda: list[str] = field(default_factory=list)  # the Council's agenda, as printed on page 1

    @property
    def meeting_type(self) -> str:
        return f"{ordinal(self.meeting_number)} {self.body.meeting_words}"


def read_header(front: list[str], furniture: list[str], file: str) -> Header:
    """The facts of page 1's header blocks (the symbol may be in the furniture: 1993's foot)."""
    text = "\n".join(fold(line) for block in front for line in block.split("\n"))
    body, symbol = _body_and_symbol(text, furniture, file)
    label, meeting, date = LABEL.search(text), MEETING.search(text), DATE.search(text)
    president = next((PRESIDENT.match(_without_leaders(fold(block))) for block in front
                      if block.startswith("President:")), None)
    missing = [name for name, found in (("meeting number", meeting), ("date", date), ("President", president))
               if not found]
    if missing:
        what = ", no ".join(missing)
        raise SourceError(file, f"{body.name} record {symbol.group(1)}: no {what} in the page-1 header", page=1)
    assert meeting and date and president  # for mypy: checked just above
    label_text = f"{label.group(1).lower()} {label.group(2).lower()}" if label else ""
    return Header(
        body=body, symbol=symbol.group(1), session=_session(body, symbol, label_text),
        session_label=label_text, meeting_number=int(meeting.group(1)),
        date=dt.date(int(date.group(3)), MONTHS.index(date.group(2)) + 1, int(date.group(1))),
        time=(date.group(4) or "").strip(), place=_place(text, date),
        president=Person(president.group("hon"), president.group("name"), president.group("country")),
        members=_members(front), agenda=_agenda(front),
    )


def _body_and_symbol(text: str, furniture: list[str], file: str) -> tuple[BodyStyle, re.Match[str]]:
    for where in (text, "\n".join(furniture)):
        for body in BODIES:
            symbol = body.symbol.search(where)
            if symbol:
                return body, symbol
    raise SourceError(file, "not a UN verbatim record: no symbol such as A/65/PV.71 or S/PV.8422 on page 1 "
                            f"(this importer reads {' and '.join(b.name for b in BODIES)} records)", page=1)


def _session(body: BodyStyle, symbol: re.Match[str], label: str) -> int:
    if body.counts_in == "session" and symbol.groupdict().get("session"):
        return int(symbol.group("session"))
    return ordinal_value(label.split()[0]) if label else 0


def _place(text: str, date: re.Match[str]) -> str:
    after = text[date.end():].strip().splitlines()
    for line in after[:1] + text.splitlines():
        for place in PLACES:
            if line.strip().casefold() == place.casefold():
                return place
    return after[0].strip() if after else ""


def _members(front: list[str]) -> list[Person]:
    block = next((b for b in front if b.startswith("Members:")), "")
    members = []
    for line in map(fold, block.splitlines()):
        match = MEMBER.match(_without_leaders(line).strip())
        if match:
            members.append(Person(match.group("hon"), match.group("name"), match.group("country")))
    return members


def _without_leaders(text: str) -> str:
    return LEADERS.sub(" ", text).strip()


def _agenda(front: list[str]) -> list[str]:
    blocks = [fold(b) for b in front]
    if "Agenda" not in blocks:
        return []
    return [b for b in blocks[blocks.index("Agenda") + 1:] if b.strip(". ")]


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def check_session(header: Header) -> list[str]:
    """Review lines where the printed session or year disagrees with the symbol or the date."""
    if not header.session_label:
        return [f"Session: no session or year printed in the header of {header.symbol}; check."]
    printed = ordinal_value(header.session_label.split()[0])
    expected = header.session if header.body.counts_in == "session" else header.date.year - 1945
    if printed != expected:
        return [f"Session: the header says '{header.session_label}' but the "
                f"{'symbol' if header.body.counts_in == 'session' else 'date'} gives {expected}; check."]
    return []
