"""What the summary importer needs of the registry (data/*.yml): any object with these attributes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

# ---------------------------------------------------------------------------
# What the importer needs from the registry (data/*.yml). registry.py's classes
# fit it; any object with these attributes does (tests, other callers).


class SpeakerEntry(Protocol):
    id: str
    name: str
    honorific: str
    titles: Sequence[str]
    search_terms: Sequence[str]
    collective: bool


class ThemeEntry(Protocol):
    id: str
    label: str
    synonyms: Sequence[str]


class DocumentEntry(Protocol):
    id: str
    symbol: str
    cited_as: Sequence[str]


class Registry(Protocol):
    speakers: Any  # Sequence[SpeakerEntry] or Mapping[id, SpeakerEntry]
    themes: Any
    documents: Any


def registry_entries(collection: Any) -> list[Any]:
    """A registry collection as a list, whether it is kept as a list or as a mapping by id."""
    if collection is None:
        return []
    if isinstance(collection, Mapping):
        return list(collection.values())
    return list(collection)


def field_of(entry: Any, name: str, default: Any = "") -> Any:
    """An entry's field, from an object or a dict; missing or None as `default`."""
    value = entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)
    return default if value is None else value
