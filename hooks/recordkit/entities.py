"""Reading one entity of the model from a YAML mapping, by the fields the model declares.

`model.data(...)` gives each field its kind; this module is the only place
that turns a kind into a reader, so no list of fields is written twice.
"""

from __future__ import annotations

from typing import Any, TypeVar

from . import model
from .fields import Fields
from .problems import Problems

T = TypeVar("T")


def allowed(entity: type) -> set[str]:
    return set(model.fields_of(entity))


def read(entity: type[T], mapping: Any, *, file: str, problems: Problems, where: str = "",
         line: int | None = None, extra: dict[str, Any] | None = None) -> tuple[T | None, Fields]:
    """The entity, or None when `mapping` is not a mapping; each bad field is a problem."""
    fields = Fields(mapping, file=file, problems=problems, allowed=allowed(entity), where=where, line=line)
    if not fields.ok:
        return None, fields
    values = {
        name: _value(fields, name, spec)
        for name, spec in model.fields_of(entity).items()
        # An optional field left out keeps the model's default.
        if spec["required"] or fields.mapping.get(name) is not None
    }
    return entity(**values, **(extra or {})), fields


def _value(fields: Fields, name: str, spec: dict[str, Any]) -> Any:
    kind, required = spec["kind"], spec["required"]
    if kind == model.TEXT:
        return fields.text(name, required=required)
    if kind == model.ID:
        return fields.identifier(name, required=required)
    if kind == model.INT:
        return fields.integer(name, required=required)
    if kind == model.DATE:
        return fields.date(name)
    if kind == model.BOOL:
        return fields.boolean(name)
    if kind == model.TEXTS:
        return fields.texts(name, required=required)
    if kind == model.IDS:
        return fields.identifiers(name, required=required)
    if kind == model.BLOCKS:
        return fields.blocks(name, required=required)
    if kind == model.ROLE_MAP:
        return fields.role_map(name)
    if kind == model.ENTRIES:
        return _entries(fields, name, spec["of"], required)
    if kind == model.ENTRY:
        return read(spec["of"], fields.mapping[name], file=fields.file, problems=fields.problems,
                    where=fields.name_of(name), line=fields.line_of(name))[0]
    raise ValueError(f"unknown field kind {kind!r}")  # a mistake in model.py, not in the data


def _entries(fields: Fields, name: str, entity: type, required: bool) -> tuple[Any, ...]:
    """Each entry of the list `name` read as `entity`; a bad entry is a problem named "name[i]"."""
    read_entries = (read(entity, entry, file=fields.file, problems=fields.problems,
                         where=f"{fields.where + '.' if fields.where else ''}{name}[{index}]",
                         line=fields.line_of(name))[0]
                    for index, entry in enumerate(fields.entries(name, required=required)))
    return tuple(entry for entry in read_entries if entry is not None)
