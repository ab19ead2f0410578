"""The one error an importer raises for bad input, shared by the PDF and plain-text importers.

The CLI prints it as one line (file, page or line where known, what is wrong) and exits 2;
nothing is written. Named `SourceError` so that it does not shadow the builtin ImportError.
"""

from __future__ import annotations


class SourceError(Exception):
    """A source that cannot be imported: names the file and, where known, the page or line."""

    def __init__(self, file: str, message: str, page: int | None = None, line: int | None = None) -> None:
        self.file = file
        self.message = message
        self.page = page
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.page is not None:
            where += f", page {self.page}"
        if self.line is not None:
            where += f", line {self.line}"
        return f"{where}: {self.message}"
