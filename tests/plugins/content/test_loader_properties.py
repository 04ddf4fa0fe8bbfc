"""Whatever a content file holds, the loader returns a model or raises ContentError, never any other
exception, and each problem names a file of the content and a line inside it.

Three kinds of input, each put in place of one file of the real content (the others stay as they
are, linked): any structure YAML can write, a real file with one thing changed in its data, and a
real file with bytes changed in its text.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mentoring_stages import shipped
from mentoring_stages.content import ContentError, ProblemCode, content_files, load_content

REAL_CONTENT = shipped.content_dir()
REAL_FILES = [path.relative_to(REAL_CONTENT) for path in content_files([REAL_CONTENT])]
# Where a generated file can go: in place of each kind of real file, or as a new framework.
TARGETS = ["kram.yaml", "sources.yaml", "diagnostic.yaml", "guidance/roles.yaml", "new.yaml"]

SETTINGS = settings(max_examples=150, deadline=None)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.dates(),
    st.sampled_from(["kram", "kram/initiation", "icas-stages", "[0, 100]", "", " "]),
)
keys = st.one_of(
    st.sampled_from(["id", "name", "summary", "stages", "span", "sources", "source", "text",
                     "questions", "options", "sections", "flags", "points_to", "stage"]),
    st.text(max_size=8), st.integers(), st.booleans(),
)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


@contextmanager
def content_with(target: str, data: bytes) -> Iterator[Path]:
    """The real content, with `data` as the file `target` (links to the real files otherwise)."""
    with tempfile.TemporaryDirectory(prefix="content-") as temp:
        folder = Path(temp)
        for relative in REAL_FILES:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            if str(relative) != target:
                (folder / relative).symlink_to(REAL_CONTENT / relative)
        (folder / target).write_bytes(data)
        yield folder


def assert_loads_or_reports(folder: Path) -> None:
    try:
        load_content([folder])
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.is_relative_to(folder), problem
            lines = problem.path.read_bytes().count(b"\n") + 1 if problem.path.is_file() else 1
            assert 1 <= problem.line <= lines, problem
            assert problem.message and isinstance(problem.code, ProblemCode), problem


@SETTINGS
@given(target=st.sampled_from(TARGETS), data=structures)
def test_any_yaml_structure(target: str, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    with content_with(target, text.encode()) as folder:
        assert_loads_or_reports(folder)


# -- one change to the data of a real file ---------------------------------------------------------


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a parsed file, as the keys and indexes that lead there."""
    yield here
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*here, index))


def _changed(value: Any, path: tuple[Any, ...], change: Any) -> Any:
    """A copy of `value` with `change` applied to what `path` leads to (copied along the way)."""
    if not path:
        return change(value)
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _changed(value[head], rest, change)
    return copy


DROPPED = object()


def _without_dropped(value: Any) -> Any:
    if value is DROPPED:  # the whole file: nothing left
        return None
    if isinstance(value, dict):
        return {k: _without_dropped(v) for k, v in value.items() if v is not DROPPED}
    if isinstance(value, list):
        return [_without_dropped(v) for v in value if v is not DROPPED]
    return value


PARSED = {
    str(path): yaml.safe_load((REAL_CONTENT / path).read_text("utf-8")) for path in REAL_FILES
}


@SETTINGS
@given(target=st.sampled_from(sorted(PARSED)), choices=st.data())
def test_one_change_to_a_real_file(target: str, choices: st.DataObject) -> None:
    original = PARSED[target]
    path = choices.draw(st.sampled_from(list(_paths(original))), label="where")
    replacement = choices.draw(structures, label="replacement")
    junk_key = choices.draw(keys, label="junk key")
    changes = {
        "drop": lambda _: DROPPED,
        "replace": lambda _: replacement,
        "insert junk": lambda v: {**v, junk_key: replacement} if isinstance(v, dict)
        else [*v, replacement] if isinstance(v, list) else replacement,
        "empty": lambda v: type(v)() if isinstance(v, dict | list | str) else None,
        "repeat": lambda v: [*v, *v] if isinstance(v, list) else v,
    }
    change = changes[choices.draw(st.sampled_from(sorted(changes)), label="change")]
    data = _without_dropped(_changed(original, path, change))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with content_with(target, text.encode()) as folder:
        assert_loads_or_reports(folder)


# -- bytes changed in the text of a real file ------------------------------------------------------

YAML_BYTES = st.binary(max_size=6) | st.sampled_from(
    [b":", b"- ", b"[", b"]", b"{", b"}", b"#", b"&a", b"*a", b"!!", b"|", b">", b"'", b'"', b"%",
     b"@", b"`", b"\t", b"\n", b"\x00", b"\xff", b"\xef\xbb\xbf", b"---\n", b"<<: *a\n", b"? "]
)


@SETTINGS
@given(target=st.sampled_from([str(path) for path in REAL_FILES]), choices=st.data())
def test_bytes_changed_in_a_real_file(target: str, choices: st.DataObject) -> None:
    text = (REAL_CONTENT / target).read_bytes()
    for _ in range(choices.draw(st.integers(1, 4), label="changes")):
        start = choices.draw(st.integers(0, len(text)), label="at")
        end = choices.draw(st.integers(start, min(len(text), start + 40)), label="to")
        text = text[:start] + choices.draw(YAML_BYTES, label="bytes") + text[end:]
    with content_with(target, text) as folder:
        assert_loads_or_reports(folder)
