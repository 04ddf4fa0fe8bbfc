"""Read YAML while remembering the line of every key and list item.

PyYAML forgets where values came from once it builds Python objects; the validator needs the line
to tell an author where a problem is. These containers carry it along.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, ProblemCode


class LocatedDict(dict[Hashable, Any]):
    """A YAML mapping that knows its own line and the line of each key. YAML keys need not be
    text (`1:`, `true:`), so neither are these."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[object, int] = {}

    def line_of(self, key: object) -> int:
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


def _value_error(node: yaml.Node, problem: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


# libyaml's parser, which PyYAML's wheels include, reads the content about ten times faster than the
# pure-Python one: parsing was the largest part of the plugin's build time.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LocatingLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader whose mappings and sequences remember lines and refuse duplicate keys."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        # YAML also starts a new line at NEL, LS and PS (and a lone CR), which editors do not
        # number; lines here are counted by '\n' alone, from the character offset in the text.
        self._newlines = [match.start() for match in re.finditer("\n", text)]

    def line(self, mark: yaml.Mark | None) -> int:
        return bisect.bisect_left(self._newlines, mark.index) + 1 if mark else 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML's scalar constructors raise plain ValueErrors for values that look like a type
        # but are not one (`2024-02-30` as a date); give them the node's line like any YAML error.
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            raise _value_error(
                node, f"cannot read this value ({error}); quote it if you meant text"
            ) from None


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    mapping = LocatedDict(loader.line(node.start_mark))
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = loader.line(key_node.start_mark)
        if not isinstance(key, Hashable):
            raise _value_error(key_node, "a list or a mapping cannot be a key")
        if key in mapping:
            raise DuplicateKey(key, key_line, mapping.key_lines[key])
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
    return mapping


def _construct_sequence(loader: _LocatingLoader, node: yaml.SequenceNode) -> LocatedList:
    sequence = LocatedList(loader.line(node.start_mark))
    for item_node in node.value:
        sequence.append(loader.construct_object(item_node, deep=True))
        sequence.item_lines.append(loader.line(item_node.start_mark))
    return sequence


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def read_yaml(path: Path) -> tuple[Any, Problem | None]:
    """Parse one file. Returns the data, or None and the problem that stopped it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, Problem(path, 1, "", f"cannot be read: {error.strerror}",
                             ProblemCode.UNREADABLE)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(path, line, "",
                             f"is not UTF-8 text (byte {error.start}); save the file as UTF-8",
                             ProblemCode.NOT_UTF8)

    def invalid(line: int, what: object) -> tuple[None, Problem]:
        return None, Problem(path, line, "", f"is not valid YAML: {what}", ProblemCode.INVALID_YAML)

    loader = _LocatingLoader(text)  # what yaml.load does, keeping the loader to count lines
    try:
        return loader.get_single_data(), None
    except DuplicateKey as error:
        return None, Problem(path, error.line, "", f"{error}; remove one of them",
                             ProblemCode.DUPLICATE_KEY)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context
        if error.problem and error.context and error.context_mark:
            # Where the unfinished thing began, which is often the line to fix.
            what = f"{error.problem} {error.context} (from line {loader.line(error.context_mark)})"
        return invalid(loader.line(mark), what)
    except yaml.reader.ReaderError as error:  # a character YAML forbids; it knows the position
        return invalid(text[: error.position].count("\n") + 1,
                       f"character #x{error.character:04x} is not allowed in YAML; remove it")
    except yaml.YAMLError as error:
        return invalid(1, error)
    except RecursionError:
        return invalid(1, "lists or mappings nest too deeply")
    finally:
        loader.dispose()
