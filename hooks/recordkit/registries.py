"""Reading the shared registries in data/: speakers (with roles), delegations, themes, documents, bodies.

Each file is read into the model's entities (fields from model.py); every
mistake is a problem naming the file, the field and the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from . import entities
from .fields import ID_PATTERN
from .model import DELEGATION_KINDS, Body, Delegation, Document, Role, Speaker, Theme
from .problems import Problems
from .urls import SITE_FOLDERS
from .yamlio import parse_yaml, read_text

T = TypeVar("T")

SPEAKERS_FILE = "speakers.yml"
DELEGATIONS_FILE = "delegations.yml"
THEMES_FILE = "themes.yml"
DOCUMENTS_FILE = "documents.yml"
BODIES_FILE = "bodies.yml"


@dataclass
class Registries:
    roles: dict[str, Role]
    speakers: dict[str, Speaker]
    delegations: dict[str, Delegation]
    themes: dict[str, Theme]
    documents: dict[str, Document]
    lines: dict[tuple[str, str], int | None]  # (kind, id) -> line of its entry, for later messages
    files: dict[str, str]  # kind -> file as shown in messages
    bodies: dict[str, Body] = field(default_factory=dict)


class Files:
    """Where files are and how to name them in messages."""

    def __init__(self, root: Path, problems: Problems) -> None:
        self.root = root
        self.problems = problems

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def yaml(self, path: Path, *, optional: bool = False) -> tuple[str, Any]:
        """(file as shown, parsed YAML or None). An empty file is a problem: it holds nothing the site needs."""
        display = self.display(path)
        if optional and not path.exists():
            return display, None
        text = read_text(path, display, self.problems)
        if text is None:
            return display, None
        data = parse_yaml(text, display, self.problems)
        if data is None and not text.strip():
            self.problems.error(display, "the file is empty", line=1)
        return display, data

    def list_under(self, display: str, data: Any, key: str) -> list[Any]:
        if data is None:
            return []
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            self.problems.error(display, f"expected a top-level '{key}:' list", line=1, field=key)
            return []
        return data[key]


def load_registries(files: Files, data_dir: Path, *, missing_is_empty: bool = False) -> Registries:
    """The registries; a missing file is a problem, or (for an importer starting a new
    data folder) an empty registry with `missing_is_empty`."""
    lines: dict[tuple[str, str], int | None] = {}
    shown = {kind: files.display(data_dir / name) for kind, name in (
        ("speaker", SPEAKERS_FILE), ("delegation", DELEGATIONS_FILE), ("theme", THEMES_FILE),
        ("document", DOCUMENTS_FILE), ("body", BODIES_FILE))}
    display, data = files.yaml(data_dir / SPEAKERS_FILE, optional=missing_is_empty)
    roles = _roles(files, display, data)
    speakers = _entries(files, display, files.list_under(display, data, "speakers"), Speaker, "speaker", lines)
    display, data = files.yaml(data_dir / DELEGATIONS_FILE, optional=True)
    delegations = _entries(files, display, files.list_under(display, data, "delegations") if data else [],
                           Delegation, "delegation", lines)
    for delegation in delegations.values():
        if delegation.kind and delegation.kind not in DELEGATION_KINDS:
            files.problems.error(display, f"delegation '{delegation.id}': kind must be one of "
                                 f"{', '.join(DELEGATION_KINDS)}", line=lines.get(("delegation", delegation.id)),
                                 field="kind")
    display, data = files.yaml(data_dir / THEMES_FILE, optional=missing_is_empty)
    themes = _entries(files, display, files.list_under(display, data, "themes"), Theme, "theme", lines)
    display, data = files.yaml(data_dir / DOCUMENTS_FILE, optional=missing_is_empty)
    documents = _entries(files, display, files.list_under(display, data, "documents"), Document, "document", lines)
    documents = {key: _with_url(files, display, doc, lines) for key, doc in documents.items()}
    display, data = files.yaml(data_dir / BODIES_FILE, optional=missing_is_empty)
    bodies = _entries(files, display, files.list_under(display, data, "bodies"), Body, "body", lines)
    for body in bodies.values():
        if body.id in SITE_FOLDERS:
            # A body's listing is the page /<id>/: that folder must be its own.
            files.problems.error(display, f"body '{body.id}': the id is the folder of the body's page (/{body.id}/), "
                                 "which the site uses for other pages: choose another id",
                                 line=lines.get(("body", body.id)), field="id")
    return Registries(roles, speakers, delegations, themes, documents, lines, shown, bodies)


def _roles(files: Files, display: str, data: Any) -> dict[str, Role]:
    roles: dict[str, Role] = {}
    if data is None:
        return roles
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        files.problems.error(display, "expected a top-level 'roles:' mapping", line=1, field="roles")
        return roles
    for role_id, entry in data["roles"].items():
        line = data["roles"].line_of(str(role_id))
        if not ID_PATTERN.match(str(role_id)):
            files.problems.error(display, f"'{role_id}' is not a valid role id: use lowercase letters, digits "
                                 "and hyphens", line=line, field="roles")
        mapping = {"id": str(role_id), **entry} if isinstance(entry, dict) else entry
        role, _ = entities.read(Role, mapping, file=display, problems=files.problems, where=f"roles.{role_id}",
                                line=line)
        if role is not None:
            roles[role.id] = role
    return roles


def _entries(files: Files, display: str, entries: list[Any], entity: type[T], what: str,
             lines: dict[tuple[str, str], int | None]) -> dict[str, T]:
    """Entities by id; a repeated id is reported at its own line, naming where it was first used."""
    found: dict[str, T] = {}
    for entry in entries:
        item, fields = entities.read(entity, entry, file=display, problems=files.problems, where=what)
        if item is None:
            continue
        identifier: str = item.id  # type: ignore[attr-defined]
        line = fields.line_of("id")
        if identifier in found:
            first = lines.get((what, identifier))
            where = "" if first is None else f" at line {first}"
            files.problems.error(display, f"duplicate {what} id '{identifier}': already used{where}; ids must be "
                                 "unique", line=line, field="id")
            continue
        if identifier:
            found[identifier] = item
            lines[(what, identifier)] = line
    return found


def _with_url(files: Files, display: str, document: Document, lines: dict[tuple[str, str], int | None]) -> Document:
    line = lines.get(("document", document.id))
    if not document.url and not document.symbol:
        files.problems.error(display, f"document '{document.id}': give a symbol or a url", line=line, field="url")
        return document
    url = document.url or f"https://undocs.org/{document.symbol}"
    if not url.startswith("https://"):
        files.problems.error(display, f"the url '{url}' must start with https://", line=line, field="url")
    return replace(document, url=url)
