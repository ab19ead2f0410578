"""What the importers match against: data/speakers.yml, delegations.yml, documents.yml, themes.yml.

Plain `yaml.safe_load` into small dataclasses; fields the importers do not use (a speaker's
per-meeting `role:` on main today, `url`, descriptions) are ignored, and a missing file
(delegations.yml before the corpus restructure) is an empty list. Ids are the stable keys:
SayIt-style, an importer resolves a printed name to an entry here and counts what matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    honorific: str = ""
    titles: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()
    collective: bool = False
    delegation: str = ""


@dataclass(frozen=True)
class Delegation:
    id: str
    name: str
    kind: str = "member-state"
    names: tuple[str, ...] = ()  # forms as printed ("United States of America")
    search_terms: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)


@dataclass(frozen=True)
class Document:
    id: str
    symbol: str = ""
    title: str = ""
    cited_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str = ""
    synonyms: tuple[str, ...] = ()


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
        return next((d for d in self.delegations if key in {_key(n) for n in d.all_names}), None)

    def document_by_symbol(self, symbol: str) -> Document | None:
        key = symbol.upper()
        return next((d for d in self.documents if d.symbol.upper() == key), None)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def load_registry(data_dir: Path) -> Registry:
    """The registries under `data_dir` (the project's data/ folder)."""
    return Registry(
        speakers=[_speaker(e) for e in _list(data_dir / "speakers.yml", "speakers")],
        delegations=[_delegation(e) for e in _list(data_dir / "delegations.yml", "delegations")],
        documents=[_document(e) for e in _list(data_dir / "documents.yml", "documents")],
        themes=[_theme(e) for e in _list(data_dir / "themes.yml", "themes")],
    )


def _list(path: Path, key: str) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = loaded.get(key) or [] if isinstance(loaded, dict) else []
    return [e for e in entries if isinstance(e, dict) and e.get("id")]


def _strings(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))


def _speaker(entry: dict[str, Any]) -> Speaker:
    return Speaker(
        id=str(entry["id"]),
        name=str(entry.get("name", "")),
        honorific=str(entry.get("honorific") or ""),
        titles=_strings(entry.get("titles")),
        search_terms=_strings(entry.get("search_terms")),
        collective=bool(entry.get("collective", False)),
        delegation=str(entry.get("delegation") or ""),
    )


def _delegation(entry: dict[str, Any]) -> Delegation:
    return Delegation(
        id=str(entry["id"]),
        name=str(entry.get("name", "")),
        kind=str(entry.get("kind") or "member-state"),
        names=_strings(entry.get("names")),
        search_terms=_strings(entry.get("search_terms")),
    )


def _document(entry: dict[str, Any]) -> Document:
    return Document(
        id=str(entry["id"]),
        symbol=str(entry.get("symbol") or ""),
        title=str(entry.get("title") or ""),
        cited_as=_strings(entry.get("cited_as")),
    )


def _theme(entry: dict[str, Any]) -> Theme:
    return Theme(
        id=str(entry["id"]),
        label=str(entry.get("label", "")),
        description=str(entry.get("description") or ""),
        synonyms=_strings(entry.get("synonyms")),
    )
