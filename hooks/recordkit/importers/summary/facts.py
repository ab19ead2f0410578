"""The meeting's facts, from a summary's front blocks and its text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import SourceError
from ..words import MONTHS, fold, ordinal_value
from .patterns import BODIES, DATE, MEETING_TYPE, SESSION, SLUG_PREPOSITIONS, VENUE
from .structure import Block

# ---------------------------------------------------------------------------
# The meeting's facts, from the front blocks and the text


@dataclass
class Facts:
    title: str
    topic: str
    date: dt.date
    date_text: str
    venue: str
    place: str
    body: str
    session: int
    session_label: str
    meeting_type: str


def meeting_facts(front: list[Block], body_text: str, source_name: str) -> Facts:
    """Title, date, venue and place from the title block; session and kind of meeting from the text."""
    title_block, date_match = _dated_block(front, source_name)
    line_text = fold(title_block.text)
    date = _date(date_match, source_name, title_block.line)
    printed_title, venue, place = _title_venue_place(line_text[: line_text.index(date_match.group(0))])
    title = sentence_case(printed_title, body_text, keep_first=True)
    session_label, session = _session(body_text)
    kind = MEETING_TYPE.search(body_text)
    meeting_type = kind.group(1) if kind else ("informal meeting" if "informal" in title.lower() else "meeting")
    body = next((b for b in BODIES if b in printed_title), "")
    topic = SLUG_PREPOSITIONS.split(title)[-1]
    return Facts(
        title,
        topic,
        date,
        date_match.group(0),
        venue,
        place,
        body,
        session,
        session_label,
        meeting_type[:1].upper() + meeting_type[1:],
    )


def _dated_block(front: list[Block], source_name: str) -> tuple[Block, re.Match[str]]:
    """The front block that carries the date (the title line), and the date in it."""
    for block in front:
        match = DATE.search(fold(block.text))
        if match:
            return block, match
    raise SourceError(
        source_name,
        "no date such as '2 April 2024' in the blocks before the first part (the record's heading and title line)",
        line=front[-1].line if front else 1,
    )


def _date(match: re.Match[str], source_name: str, line: int) -> dt.date:
    try:
        return dt.date(int(match[3]), MONTHS.index(match[2]) + 1, int(match[1]))
    except ValueError:
        raise SourceError(source_name, f"{match.group(0)!r} is not a date", line=line) from None


def _title_venue_place(head: str) -> tuple[str, str, str]:
    """ "Informal Meeting ... on Human Security Trusteeship Council Chamber, United Nations Headquarters,
    New York": the title runs to the room (a known room of Headquarters), the place follows it."""
    head = head.strip().rstrip(",")
    venue = VENUE.search(head)
    if venue:
        return head[: venue.start()].strip(), venue.group(0), head[venue.end() :].strip(" ,")
    title, _, place = head.partition(",")
    return title.strip(), "", place.strip()


def sentence_case(text: str, body_text: str, *, keep_first: bool) -> str:
    """Title case as the text writes it: a word keeps its capital where the text capitalises it more often.

    "Informal Meeting of the Plenary of the General Assembly on Human Security" becomes "Informal
    meeting of the plenary of the General Assembly on human security".
    """
    counts = Counter(re.findall(r"[A-Za-z]+", body_text))
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        lower = word[:1].lower() + word[1:]
        keep = (index == 0 and keep_first) or word == lower or counts[word] > counts[lower] or word.isupper()
        out.append(word if keep else lower)
    return " ".join(out)


def _session(text: str) -> tuple[str, int]:
    match = SESSION.search(text)
    if not match:
        return "", 0
    return f"{match.group(1)} session", ordinal_value(match.group(1))
