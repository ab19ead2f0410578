"""What the importers match against: data/speakers.yml, delegations.yml, documents.yml, themes.yml.

Read by recordkit's own reader into the model's entities (one list of fields, in model.py),
so a mistake in a registry stops an import with the same message a build gives. A missing
file is an empty registry: an import may start a new data folder. Ids are the stable keys:
SayIt-style, an importer resolves a printed name to an entry here and counts what matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Delegation, Document, Speaker, Theme
from ..problems import Problems
from ..registries import Files, load_registries
from .words import fold


@dataclass
class Registry:
    speakers: list[Speaker] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)

    def speaker(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def delegation_named(self, printed: str) -> Delegation | None:
        """The delegation whose name (or a printed form of it) is `printed`, spacing and case aside."""
        key = _key(printed)
        return next((d for d in self.delegations if key in {_key(n) for n in (d.name, *d.names)}), None)

    def document_by_symbol(self, symbol: str) -> Document | None:
        key = symbol.upper()
        return next((d for d in self.documents if d.symbol.upper() == key), None)


def _key(text: str) -> str:
    return name_key(text)


def name_key(printed: str) -> str:
    """One key for the forms a State's name is printed in: "Iran (Islamic Republic of)" and
    "Islamic Republic of Iran", "the former Yugoslav Republic of Macedonia" and "The Former ...",
    "RussianFederation" (a PDF that drops the space) and "Russian Federation"."""
    text = fold(printed).casefold()
    inverted = re.fullmatch(r"(.+?) \((.+)\)", text)
    if inverted and not inverted.group(2).endswith((" of", " de")) and " " not in inverted.group(2):
        inverted = None  # "Congo (Brazzaville)"-like qualifiers stay as printed
    if inverted:
        text = f"{inverted.group(2)} {inverted.group(1)}"
    text = re.sub(r"^the ", "", text)
    return re.sub(r"[\W_]+", "", text)


def load_registry(data_dir: Path) -> Registry:
    """The registries under `data_dir` (the project's data/ folder); InputError lists what is wrong in them."""
    problems = Problems()
    loaded = load_registries(Files(data_dir.parent, problems), data_dir, missing_is_empty=True)
    problems.raise_if_any()
    return Registry(
        speakers=list(loaded.speakers.values()),
        delegations=list(loaded.delegations.values()),
        documents=list(loaded.documents.values()),
        themes=list(loaded.themes.values()),
    )
