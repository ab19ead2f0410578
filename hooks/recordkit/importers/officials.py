"""Who holds a title a record prints instead of a name, on the meeting's date.

"The Secretary-General:" and "The Deputy Secretary-General:" name an office, not a person: the
person is whoever held it that day. The terms are facts of the Organization, kept here as data;
a new term is one line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Holder:
    since: dt.date
    honorific: str
    name: str  # as the registry names people: given names and surname


TERMS: dict[str, tuple[Holder, ...]] = {
    "The Secretary-General": (
        Holder(dt.date(1982, 1, 1), "Mr.", "Javier Pérez de Cuéllar"),
        Holder(dt.date(1992, 1, 1), "Mr.", "Boutros Boutros-Ghali"),
        Holder(dt.date(1997, 1, 1), "Mr.", "Kofi Annan"),
        Holder(dt.date(2007, 1, 1), "Mr.", "Ban Ki-moon"),
        Holder(dt.date(2017, 1, 1), "Mr.", "António Guterres"),
    ),
    "The Deputy Secretary-General": (
        Holder(dt.date(1998, 3, 2), "Ms.", "Louise Fréchette"),
        Holder(dt.date(2006, 4, 1), "Mr.", "Mark Malloch Brown"),
        Holder(dt.date(2007, 2, 5), "Ms.", "Asha-Rose Migiro"),
        Holder(dt.date(2012, 7, 1), "Mr.", "Jan Eliasson"),
        Holder(dt.date(2017, 1, 1), "Ms.", "Amina J. Mohammed"),
    ),
}
TITLES = {"The Secretary-General": "Secretary-General of the United Nations",
          "The Deputy Secretary-General": "Deputy Secretary-General of the United Nations"}


def holder(title: str, on: dt.date) -> Holder | None:
    """Who held `title` ("The Secretary-General") on `on`; None for a title not listed or a date before it."""
    held = [h for h in TERMS.get(title, ()) if h.since <= on]
    return held[-1] if held else None
