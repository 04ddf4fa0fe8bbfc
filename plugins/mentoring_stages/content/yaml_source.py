"""Read YAML while remembering the line of every key and list item.

PyYAML forgets where values came from once it builds Python objects; the validator needs the line
to tell an author where a problem is. These containers carry it along.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem


class LocatedDict(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, line: int, first_line: int) -> None:
        super().__init__(f"the key '{key}' appears twice (first on line {first_line})")
        self.line = line


# libyaml's parser, which PyYAML's wheels include, reads the content about ten times faster than the
# pure-Python one: parsing was the largest part of the plugin's build time.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LocatingLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader whose mappings and sequences remember lines and refuse duplicate keys."""


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    mapping = LocatedDict(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in mapping:
            raise DuplicateKey(key, key_line, mapping.key_lines[key])
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
    return mapping


def _construct_sequence(loader: _LocatingLoader, node: yaml.SequenceNode) -> LocatedList:
    sequence = LocatedList(node.start_mark.line + 1)
    for item_node in node.value:
        sequence.append(loader.construct_object(item_node, deep=True))
        sequence.item_lines.append(item_node.start_mark.line + 1)
    return sequence


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def read_yaml(path: Path) -> tuple[Any, Problem | None]:
    """Parse one file. Returns the data, or None and the problem that stopped it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, Problem(path, 1, "", f"cannot be read: {error.strerror}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(
            path, line, "", f"is not UTF-8 text (byte {error.start}); save the file as UTF-8"
        )
    try:
        return yaml.load(text, Loader=_LocatingLoader), None  # noqa: S506 - a SafeLoader subclass
    except DuplicateKey as error:
        return None, Problem(path, error.line, "", f"{error}; remove one of them")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (error.context, error.problem) if part)
        return None, Problem(path, line, "", f"is not valid YAML: {what}")
    except yaml.YAMLError as error:
        return None, Problem(path, 1, "", f"is not valid YAML: {error}")
