"""Reading YAML with line numbers, so that every problem can name its line.

MkDocs' own front-matter reader swallows YAML errors and returns `{}`; we parse
ourselves with a SafeLoader (no arbitrary objects) that remembers where each
mapping and key starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml

from .problems import Problems


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
            ) from None
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


# libyaml's parser (CSafeLoader) is several times faster than PyYAML's pure-Python
# one; both build nodes with line marks and use the same safe constructor. Its
# error messages are terser, so a document that fails is parsed again by the
# pure-Python loader, whose message and line we report.
_FastLineLoader: type[yaml.CSafeLoader] | type[_LineLoader] = (
    cast("type[yaml.CSafeLoader]", type("_FastLineLoader", (yaml.CSafeLoader,), {})) if yaml.__with_libyaml__
    else _LineLoader)

for _loader in {_LineLoader, _FastLineLoader}:
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """The file's text, or None (and a problem) when it is missing or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.error(display, f"cannot be read: {error.strerror}")
        return None
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is not text (editors on Windows add one)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.error(
            display,
            f"is not UTF-8 text: byte 0x{raw[error.start]:02x} cannot be decoded; save the file as UTF-8",
            line=line,
        )
        return None


def parse_yaml(text: str, display: str, problems: Problems, *, first_line: int = 1) -> Any:
    """Parsed YAML, or None (and a problem naming the line) when it is malformed.

    `first_line` is the file line the text starts on, for YAML embedded in a
    Markdown file (front matter, paragraph annotations).
    """
    try:
        return shift_lines(yaml.load(text, Loader=_FastLineLoader), first_line - 1)  # safe loaders
    except yaml.YAMLError:
        pass  # parsed again below for the clearer message
    try:
        return shift_lines(yaml.load(text, Loader=_LineLoader), first_line - 1)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else None
        reason = error.problem or error.context or "malformed YAML"
        problems.error(display, f"malformed YAML: {reason}", line=line)
    except yaml.YAMLError as error:
        problems.error(display, f"malformed YAML: {error}")
    return None


def shift_lines(value: Any, offset: int) -> Any:
    """Move the recorded lines of every mapping in `value` down by `offset`."""
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {key: line + offset for key, line in value.key_lines.items()}
        for item in value.values():
            shift_lines(item, offset)
    elif isinstance(value, list):
        for item in value:
            shift_lines(item, offset)
    return value
