"""Turns of speech: reading the line that opens one, and what each kind of block of a record is.

A speaker line is printed in many ways over the years and bodies, all read here:
`Mr. Kimani (Kenya):`, `The President (spoke in French):`, `The PRESIDENT:` (1993),
`Mr. INDERFURTH (United States of America):`, `Mr. Wang Xuexian (China) (interpretation from
Chinese):`, `Mr. Garayev (Azerbaijan), Rapporteur of the Third Committee:`, `Mrs. X (Peru),
Vice-President:`, `Mr. Briz Gutiérrez:` (a speaker whose delegation was named earlier),
`Mr.VORONTSOV(RussianFederation)(interpretation from Russian):` (a PDF without spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pdf_text import Block
from .words import HONORIFICS, OFFICES, fold

INTRO = re.compile(
    r"^(?:(?P<chair>(?i:The (?:Acting |Temporary )?President))|(?P<title>(?i:The (?:Deputy )?Secretary-General))"
    rf"|(?P<hon>(?:{HONORIFICS})\.?|(?:{OFFICES})(?= ))\s*(?P<name>[A-Z][^():,]*?))"
    r"\s*(?P<rest>(?:\([^()]*(?:\([^()]*\)[^()]*)?\)\s*|,\s*[^():,]+?\s*)*):\s*"
)
# What a briefer's or an official's line prints in parentheses where a delegate's names a State:
# "Ms. DiCarlo (Under-Secretary-General for Political and Peacebuilding Affairs):".
FUNCTION = re.compile(
    r"\b(?:Secretary-General|Under-Secretary|Assistant Secretary|Special (?:Representative|Envoy|Adviser|Coordinator"
    r"|Rapporteur)|Envoy|Director|Commissioner|Coordinator|Chair(?:man|person|woman)? of|President of|Prosecutor"
    r"|Registrar|Head of|Chef de Cabinet|Executive Secretary|Administrator|Force Commander|Chief of)\b"
)
LANGUAGE = re.compile(r"^(?:spoke in|interpretation from(?: the)?) (\w+)$", re.I)
SPOKE_ONLY = re.compile(r"^\((?:spoke in|interpretation from) (\w+)\)$", re.I)
# Stage notes and decisions, whatever their type style (italic since the 2000s, bold in 1993).
DECISION = re.compile(
    r"\b(?:was|were) (?:adopted|rejected|approved|elected|appointed|withdrawn|retained|not adopted)\b"
    r"|^It was so decided|^A (?:recorded )?vote was taken|^A vote was taken by show of hands"
    r"|^(?:In favour|Against|Abstaining|Abstentions|Absent|Not participating):"
)
PROCEDURAL = re.compile(
    r"^The meeting (?:was called to order|rose|was suspended|resumed|was resumed)|took the Chair|resumed the Chair"
    r"|returned to the Chair|observed a minute of (?:silence|silent)|^\((?:spoke in|interpretation from) \w+\)$"
    r"|^At the invitation of the President|^The agenda was adopted|took (?:a|the) seat|was escorted (?:in|from|to)"
)


@dataclass(frozen=True)
class SpeakerLine:
    chair: str  # "The President", "The Acting President" ("" for anyone else)
    title: str  # "The Secretary-General"
    honorific: str
    name: str  # as a name reads: "Inderfurth" for the printed "INDERFURTH"
    delegation: str  # as printed, "" when the line names none
    function: str  # "Rapporteur of the Third Committee", "Vice-President"
    language: str  # "French" from "(spoke in French)" or "(interpretation from French)"
    text: str  # the speaker line as printed, up to its colon


def read_speaker_line(text: str) -> SpeakerLine | None:
    """The speaker line opening `text` (a paragraph, folded), or None when it opens none."""
    match = INTRO.match(text)
    if not match:
        return None
    rest = match.group("rest") or ""
    groups = re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)?)\)", rest)
    languages = [m.group(1) for m in map(LANGUAGE.match, groups) if m]
    printed = [g for g in groups if not LANGUAGE.match(g)]
    function = ", ".join(f.strip() for f in re.findall(r",\s*([^():,]+)", rest))
    chair = match.group("chair") or ""
    return SpeakerLine(
        chair=_chair(chair), title=(match.group("title") or "").replace("SECRETARY-GENERAL", "Secretary-General"),
        honorific=match.group("hon") or "", name=proper_name(match.group("name") or ""),
        delegation=printed[0] if printed else "", function=function,
        language=languages[0].capitalize() if languages else "", text=match.group(0).strip(),
    )


def is_function(printed: str) -> bool:
    """Does the parenthesis of a speaker line name a function rather than a delegation?"""
    return bool(printed) and FUNCTION.search(printed) is not None


def _chair(printed: str) -> str:
    return " ".join(word.capitalize() if word.isupper() else word for word in printed.split())


def proper_name(printed: str) -> str:
    """Surnames printed in capitals read as names: "RIVERO ROSARIO" -> "Rivero Rosario",
    "WU Chengjiang" -> "Wu Chengjiang", "McNEE" stays as the record prints it."""
    words = fold(printed).split()
    return " ".join("-".join(p.capitalize() for p in w.split("-")) if w.isupper() and len(w) > 1 else w
                    for w in words)


def is_stage_note(text: str) -> bool:
    return bool(DECISION.search(text) or PROCEDURAL.search(text))


def opens_turn(block: Block) -> bool:
    """Does the block open with a speaker line (its name printed bold, whatever the rest's style)?"""
    prefix = block.bold_prefix
    return bool(prefix) and block.text.startswith(prefix.split(" ")[0]) and INTRO.match(fold(block.text)) is not None


def is_heading(block: Block, after_heading: bool) -> bool:
    """A heading: bold, no colon, not a stage note printed bold (1993); or, right under one, a
    title printed in capitals in roman ("REPORT OF THE INTERNATIONAL ATOMIC ENERGY AGENCY")."""
    text = fold(block.text)
    if block.style == "bold":
        return not text.endswith(":") and not is_stage_note(text)
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) > 8 and sum(c.isupper() for c in letters) > 0.9 * len(letters)
    return after_heading and capitals and not block.bold_prefix
