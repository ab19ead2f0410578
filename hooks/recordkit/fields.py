"""Typed reading of one YAML mapping, reporting each bad field with file and line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .problems import Problems, did_you_mean
from .yamlio import LineDict

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Fields:
    """Reads fields from `mapping`; every mistake becomes a problem, never an exception."""

    def __init__(
        self,
        mapping: Any,
        *,
        file: str,
        problems: Problems,
        allowed: set[str],
        where: str = "",
        line: int | None = None,
    ) -> None:
        self.file = file
        self.problems = problems
        self.where = where
        self.ok = isinstance(mapping, dict)
        self.mapping: dict = mapping if self.ok else {}
        self.line = mapping.line if isinstance(mapping, LineDict) else line
        if not self.ok:
            problems.error(file, f"{where or 'this entry'} must be a mapping of fields (key: value)", line=line)
            return
        for key in self.mapping:
            if key not in allowed:
                problems.error(
                    file,
                    f"unknown field '{key}'{did_you_mean(str(key), allowed)}",
                    line=self._line_of(str(key)),
                    field=self.name_of(str(key)),
                )

    def _line_of(self, key: str) -> int | None:
        if isinstance(self.mapping, LineDict):
            return self.mapping.line_of(key)
        return self.line

    def name_of(self, key: str) -> str:
        """The field as messages name it: "votes.in_favour" inside an entry."""
        return f"{self.where}.{key}" if self.where else key

    def _fail(self, key: str, expected: str) -> None:
        self.problems.error(self.file, expected, line=self._line_of(key), field=self.name_of(key))

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.mapping or self.mapping[key] is None:
            if required and self.ok:
                self.problems.error(
                    self.file, f"the required field '{key}' is missing", line=self.line, field=self.name_of(key)
                )
            return None
        return self.mapping[key]

    def text(self, key: str, *, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self._fail(key, f"expected text, found {type(value).__name__}")
            return ""
        text = str(value).strip()
        if required and not text:
            self._fail(key, "must not be empty")
        return text

    def identifier(self, key: str, *, required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and not ID_PATTERN.match(value):
            self._fail(key, f"'{value}' is not a valid id: use lowercase letters, digits and hyphens")
        return value

    def integer(self, key: str, *, required: bool = True) -> int | None:
        value = self._get(key, required)
        if value is None:
            return 0 if required else None
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(key, f"expected a whole number, found '{value}'")
            return 0
        return value

    def boolean(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self._fail(key, f"expected true or false, found '{value}'")
            return False
        return value

    def date(self, key: str) -> dt.date:
        value = self._get(key, True)
        if isinstance(value, dt.date):
            return value
        if value is not None:
            self._fail(key, f"expected a date as YYYY-MM-DD, found '{value}'")
        return dt.date(1970, 1, 1)

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list of texts; a single text is accepted as a list of one."""
        value = self._get(key, required)
        if value is None:
            return ()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value
        ):
            self._fail(key, "expected a list of texts, e.g. [a, b]")
            return ()
        return tuple(str(item).strip() for item in value)

    def identifiers(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        values = self.texts(key, required=required)
        for value in values:
            if not ID_PATTERN.match(value):
                self._fail(key, f"'{value}' is not a valid id: use lowercase letters, digits and hyphens")
        if len(set(values)) != len(values):
            self._fail(key, "lists the same id twice")
        return values

    def blocks(self, key: str, *, required: bool = False) -> tuple[str, ...] | None:
        """Blocks of source text, as written (None when absent and not required; [] is a value)."""
        if key not in self.mapping and not required:
            return None
        if self.mapping.get(key) == []:
            return ()
        return self.texts(key, required=required)

    def role_map(self, key: str) -> dict[str, str]:
        """A mapping of ids to ids (speaker -> role)."""
        value = self._get(key, False)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and ID_PATTERN.match(k) and ID_PATTERN.match(v)
            for k, v in value.items()
        ):
            self._fail(key, "expected a mapping of ids to ids, e.g. {francis: chair}")
            return {}
        return dict(value)

    def entries(self, key: str, *, required: bool = False) -> list[Any]:
        """A list of entries (mappings, each read by entities.read): the raw items."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self._fail(key, "expected a list of entries, each a mapping of fields (- key: value)")
            return []
        return value

    def line_of(self, key: str) -> int | None:
        return self._line_of(key)
