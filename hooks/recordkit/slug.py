"""The one way an id is made from text: "A/76/PV.102" -> "a-76-pv-102", "Côte d'Ivoire" -> "cote-d-ivoire".

Ids become URLs and anchors that are published and locked (anchors.lock), so every importer and
export makes them the same way. Plain Python, no MkDocs.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII letters and digits, runs of anything else as one hyphen; accents dropped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ID.sub("-", ascii_text.lower()).strip("-")
