"""The vocabulary of a summary's text: the patterns and word lists the other stages read it with."""

from __future__ import annotations

import re

from ..words import MONTHS

# ---------------------------------------------------------------------------
# Vocabulary of the text

DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# A part heading is a block of one short line: "IV. Key messages from interventions by Member States".
PART_HEADING = re.compile(r"(?P<number>[IVXLC]+)\.[ \t]+(?P<title>[^\n]{1,150}?)[ \t]*")
# Rooms of United Nations Headquarters that a title line names before the place ("..., New York").
VENUE = re.compile(
    r"(?:Trusteeship Council|Security Council|Economic and Social Council) Chamber"
    r"|General Assembly Hall|Conference Room \w+"
)
BODIES = (
    "General Assembly",
    "Security Council",
    "Economic and Social Council",
    "Human Rights Council",
    "Trusteeship Council",
)
SESSION = re.compile(r"\bat its ((?:[a-z]+-)?[a-z]+) session\b")
MEETING_TYPE = re.compile(r"\b(?:convened|held) an? ((?:informal |formal )?(?:plenary )?meeting)\b")

# Words that end a phrase the editor would read as cut in two (used to frame a page-break correction).
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "its",
        "their",
        "his",
        "her",
    ]
)
# A paragraph ends with one of these (closing quotes and brackets aside); a block that does not was cut.
TERMINAL = ".!?:;…"
CLOSERS = "\"'”’)]"
# Boundaries of the phrase a page break cut: a sentence or clause end, a list's "and", a dash.
PHRASE_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+|[,;:]\s+|\s+(?:and|or|but)\s+|\s+[-–—]\s+")

# Summaries report statements in the past tense: "X noted that", "Member States underlined".
REPORTING_VERBS = frozenset(
    [
        "noted",
        "stressed",
        "highlighted",
        "said",
        "stated",
        "underscored",
        "underlined",
        "emphasized",
        "emphasised",
        "expressed",
        "recognized",
        "recognised",
        "welcomed",
        "recalled",
        "reiterated",
        "appreciated",
        "acknowledged",
        "thanked",
        "reflected",
        "outlined",
        "urged",
        "appealed",
        "called",
        "voiced",
        "shared",
        "discussed",
        "identified",
        "questioned",
        "reminded",
        "observed",
        "pointed",
        "added",
        "explained",
        "described",
        "proposed",
        "suggested",
        "recommended",
        "commended",
        "affirmed",
        "reaffirmed",
        "opened",
        "closed",
        "concluded",
        "argued",
        "warned",
        "agreed",
        "cautioned",
        "insisted",
        "asserted",
        "mentioned",
        "spoke",
        "remarked",
        "focused",
        "indicated",
        "announced",
        "invited",
        "requested",
        "asked",
        "praised",
        "referred",
        "addressed",
        "pledged",
        "reported",
        "delivered",
    ]
)
ADVERB = r"(?:also|further|then|again|too|[a-z]+ly)"
VERB = re.compile(r"\b(?:" + ADVERB + r"\s+)?(?P<verb>[a-z]+)\b")
# What may stand between a speaker's name or title and the verb: commas, the rest of a title
# ("High Representative for the Least Developed Countries (LDCs), ... (SIDS) expressed"), an adverb.
TITLE_TAIL = (
    r"(?:[\s,]*(?:(?:of|for|the|and|on|to|in|at)\s+)*"
    r"(?:[A-Z][\w.'’-]*|\([A-Z][A-Za-z]*\)))*"
)
SUBJECT_GAP = re.compile(TITLE_TAIL + r"[\s,]*(?:" + ADVERB + r"\s+)?")
PRONOUN_SUBJECT = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:" + ADVERB + r"\s+)?$")
# Unnamed subjects of the floor's statements: "Many underscored", "Others reiterated", "some participants".
GENERIC_SUBJECT = re.compile(
    r"(?:\b(?:[Mm]any|[Oo]thers|[Ss]everal|[Mm]ost|[Ss]ome)(?: (?:participants|speakers|delegations|countries))?"
    r"|\b(?:participants|speakers|delegations))\s+(?:" + ADVERB + r"\s+)?$"
)
# "the Secretary-General's report", "the report of the Secretary-General": the document, not the person.
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
REPORT_OF_BEFORE = re.compile(r"\breport of (?:the )?$")
# Cues of a meeting role: "X convened", "moderated by X".
ROLE_VERBS = {"convened": "chair", "chaired": "chair", "presided": "chair", "moderated": "moderator"}
ROLE_BY_BEFORE = re.compile(r"\b(convened|chaired|presided over|moderated) by (?:the )?$")
# Part titles that say who speaks in them.
PART_ROLES = (
    (re.compile(r"\bpanel", re.I), "panellist"),
    (re.compile(r"\b(?:opening|keynote|high-level)", re.I), "keynote"),
    (re.compile(r"\b(?:floor|interventions|Member States)", re.I), "floor"),
)
SLUG_PREPOSITIONS = re.compile(r"\b(?:of|from|by|on|for|in|about)\s+(?:the\s+)?", re.I)
HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
CLOSED_WORD = re.compile(r"(?<![\w-])[A-Za-z]{4,}(?![\w-])")
