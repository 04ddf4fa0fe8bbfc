"""Read YAML while remembering the line of every key and list item, within limits.

PyYAML forgets where values came from once it builds Python objects; the validator needs the line
to tell an author where a problem is. These containers carry it along.

A content file is read only if it is a regular file inside its content folder and no larger than
content needs, and it may not use what only an attacker needs: nesting deeper than content goes,
anchors and aliases (one anchored item repeated a thousand times makes a page a thousand times
larger), or numbers no field can hold. Each is refused with the file and line.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Hashable
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .errors import Problem, ProblemCode

# The limits, each with the reason for its size. The shipped files are at most 60 KB and nest at
# most 7 levels (the diagnostic: questions, options, points_to, ...).
MAX_FILE_BYTES = 1_000_000
MAX_NESTING = 20
# The largest whole number a field may hold: the largest a JavaScript number holds exactly, since
# the numbers reach the browser. Longer number text is refused before it is converted at all.
MAX_INTEGER = 2**53 - 1
MAX_NUMBER_TEXT = 100

_FILE_KINDS = {
    stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket",
}


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


class Refused(yaml.YAMLError):
    """Something content never needs, at a line: one of the limits above."""

    def __init__(self, code: ProblemCode, line: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.line = line


def _value_error(node: yaml.Node, problem: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


class _Mark(Protocol):
    """Where an event or node starts or ends: PyYAML's marks and libyaml's both have these."""

    index: int


class _PythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


# libyaml's parser, which PyYAML's wheels include, reads the content about ten times faster than the
# pure-Python one: parsing was the largest part of the plugin's build time. Only its parser: its
# composer recurses in C without a limit (30,000 nested '[' crash the process), so the nodes are
# built by PyYAML's Python composer, which counts the depth and refuses anchors.
_Parser: Any
try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # a PyYAML built without libyaml
    _Parser = _PythonParser


class _LocatingLoader(Composer, _Parser, SafeConstructor, Resolver):  # type: ignore[misc]
    """A safe loader whose mappings and sequences remember lines, which refuses duplicate keys,
    anchors and aliases, nesting deeper than MAX_NESTING and whole numbers beyond MAX_INTEGER."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0
        # YAML also starts a new line at NEL, LS and PS (and a lone CR), which editors do not
        # number; lines here are counted by '\n' alone, from the character offset in the text.
        self._newlines = [match.start() for match in re.finditer("\n", text)]

    def line(self, mark: _Mark | None) -> int:
        return bisect.bisect_left(self._newlines, mark.index) + 1 if mark else 1

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise Refused(
                ProblemCode.ANCHOR_OR_ALIAS, self.line(event.start_mark),
                f"uses the {'alias' if isinstance(event, yaml.AliasEvent) else 'anchor'} "
                f"'{event.anchor}'; content files may not use anchors (&) or aliases (*): write "
                "the value out where it is needed",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_NESTING:
                raise Refused(
                    ProblemCode.TOO_DEEP, self.line(event.start_mark),
                    f"lists and mappings nest more than {MAX_NESTING} levels deep here; content "
                    "needs far fewer: close the brackets or undo the indentation",
                )
        try:
            return super().compose_node(parent, index)
        finally:
            if isinstance(event, yaml.CollectionStartEvent):
                self._depth -= 1

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


def _construct_integer(loader: _LocatingLoader, node: yaml.ScalarNode) -> int:
    # Refused by the length of its text first: converting 20,000 digits (or a long `1:2:3:...`,
    # which YAML 1.1 reads in base 60) is slow, or an error of Python's own.
    value = (
        loader.construct_yaml_int(node) if len(node.value) <= MAX_NUMBER_TEXT else MAX_INTEGER + 1
    )
    if abs(value) > MAX_INTEGER:
        shown = node.value if len(node.value) <= 24 else f"{node.value[:20]}..."
        raise Refused(
            ProblemCode.NUMBER_OUT_OF_RANGE, loader.line(node.start_mark),
            f"the number {shown} is out of range: whole numbers here lie between "
            f"-{MAX_INTEGER} and {MAX_INTEGER}; quote it if you meant text",
        )
    return value


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_LocatingLoader.add_constructor("tag:yaml.org,2002:int", _construct_integer)


def read_file(path: Path, folder: Path) -> tuple[bytes | None, Problem | None]:
    """The bytes of a content file found in `folder`, or the problem that stops it being read:
    it leads out of the folder (a link to /etc/passwd), is not a regular file (a named pipe that
    never ends, /dev/zero that never stops) or is larger than MAX_FILE_BYTES."""

    def refused(code: ProblemCode, message: str) -> tuple[None, Problem]:
        return None, Problem(path, 1, "", message, code)

    real_path, real_folder = os.path.realpath(path), os.path.realpath(folder)
    if os.path.commonpath([real_path, real_folder]) != real_folder:
        return refused(ProblemCode.OUTSIDE_FOLDER,
                       f"leads to {real_path}, outside the content folder {folder}; copy the file "
                       "into the folder instead of linking to it")
    try:
        # Opened without waiting, so a named pipe with no writer cannot hang the build; checked
        # once open, so what was checked is what is read.
        descriptor = os.open(real_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return refused(ProblemCode.UNREADABLE, f"cannot be read: {error.strerror}")
    try:
        kind = stat.S_IFMT(os.fstat(descriptor).st_mode)
        if kind != stat.S_IFREG:
            return refused(ProblemCode.NOT_A_FILE,
                           f"is {_FILE_KINDS.get(kind, 'not a regular file')}, not a file; a "
                           "content file must be a regular file")
        with open(descriptor, "rb", closefd=False) as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return refused(ProblemCode.UNREADABLE, f"cannot be read: {error.strerror}")
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        return refused(ProblemCode.TOO_LARGE,
                       f"is larger than {MAX_FILE_BYTES:,} bytes, the most a content file may "
                       "hold; split it into smaller files")
    return raw, None


def read_yaml(path: Path, folder: Path) -> tuple[Any, Problem | None]:
    """Parse one file found in `folder`. Returns the data, or None and the problem that stopped
    it."""
    raw, problem = read_file(path, folder)
    if raw is None:
        return None, problem
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
    except Refused as error:
        return None, Problem(path, error.line, "", str(error), error.code)
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
    finally:
        loader.dispose()
