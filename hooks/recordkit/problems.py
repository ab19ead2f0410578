"""Problems found in the input, collected so that one build reports all of them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One mistake in one input file, worded for the person who edits that file."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        what = f" [{self.field}]" if self.field else ""
        return f"{where}{what}: {self.message}"


class InputError(Exception):
    """The input has problems; the message lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the record's sources:\n{lines}")


@dataclass
class Problems:
    """Accumulates errors and warnings while loading; raises once at the end."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, file: str, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.errors.append(Problem(file, message, line, field))

    def warn(self, file: str, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.warnings.append(Problem(file, message, line, field))

    def raise_if_any(self) -> None:
        if self.errors:
            raise InputError(self.errors)


def did_you_mean(unknown: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest known ids, or '' when none is close."""
    close = difflib.get_close_matches(unknown, sorted(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{name}'" for name in close) + "?)"
