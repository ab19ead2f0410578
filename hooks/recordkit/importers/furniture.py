"""Page furniture of a UN verbatim record: the running head and the foot, told by what they say.

Where they sit differs by body and era (a 2022 Assembly record runs its body from y=95 to 705
points, a 1993 one down to y=60, a 1997 Council record up to y=710), so a fixed band would cut
text. A line is furniture when it lies in a page's top or bottom band *and* reads as furniture:
page numbers, job numbers ("22-58466", "93-87044 (E)"), barcodes ("*1843649*"), the symbol, a
date, and running heads ("2 General Assembly - Forty-eighth session", "Security Council 3756th
meeting", "Fifty-second year 21 March 1997", "S/PV.8422 The situation in ... 13/12/2018").
A body line in the band ("Against: Iraq, Sudan") never reads as furniture and stays.
"""

from __future__ import annotations

import re

from .words import MONTHS

# Bands (PDF points from the bottom of a 792-point page) where furniture can be.
HEAD_BAND = 715.0
FOOT_BAND = 85.0

_SYMBOL = r"(?:A|S)/(?:\d+/)?PV\.\d+(?: ?\((?:Resumption|Part) ?\d*\))?"
_DATE = r"(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4})"
_TOKEN = rf"(?:{_SYMBOL}|{_DATE}|\d{{2}}-\d{{5}}(?: ?\(E\))?|\*\d+\*|\d{{1,3}}(?:/\d{{1,3}})?|ENGLISH|[. ]+)"
# Lines of tokens only: "10-70469 7", "2/9 18-43649", "A/65/PV.71", "*1843649*".
TOKENS = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN})*")
_ORDINAL_YEAR = r"[A-Z][a-z]+(?:-[a-z]+)? [Yy]ear"
# Running heads: the body's name with its session, year or meeting; the symbol or date beside a title.
RUNNING_HEAD = re.compile(
    rf"^(?:\d+ )?(?:General Assembly|Security Council)\b.*(?:session|[Yy]ear|meeting)\b.*$"
    rf"|^\d+(?:st|nd|rd|th) (?:plenary )?meeting\b.*$"
    rf"|^{_ORDINAL_YEAR}\b.*$"
    rf"|^{_SYMBOL}\b.*$"
    rf"|^.*\b{_DATE}$"
)


def is_furniture(text: str, y: float, page: int) -> bool:
    """Is this line (its text and baseline) a running head or a foot of its page?"""
    text = text.strip()
    if not text:
        return False
    if y >= HEAD_BAND and page > 1:  # page 1 has no running head: its top is the record's header
        return bool(TOKENS.fullmatch(text) or RUNNING_HEAD.match(text))
    if y <= FOOT_BAND + 1:
        return bool(TOKENS.fullmatch(text))
    return False
