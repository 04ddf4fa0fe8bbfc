"""The broken-content corpus: each file under broken/ holds one kind of mistake an author can make.

A case is laid over the small valid content of tests/support/content.py; its header says where it
goes and, word for word, every problem the loader must report:

    # What is wrong, in one line.
    # put: content/demo.yaml        where the file goes (several places: separated by commas)
    # remove: content/demo.yaml     optional: a file of the valid content to take away first
    # expect: [span-overlap] content/demo.yaml:27: stages[1].span: overlaps: 'second' starts at 30
    #   but ...                     a long problem goes on over lines that start with '#   '
    # seeds: seeds                  optional: check excerpts against the source texts in seeds/
    # seed: seeds/demo.txt: Text.   optional: a source text to write there

Paths are relative to a folder that holds `content/` (the valid content) and, when a case puts
something there, `more/` (a second content folder). The header is part of the file, so line numbers
are the lines of the corpus file itself. The code in brackets is the problem's `ProblemCode`.

What a file cannot express (a link, a named pipe, a file over the size limit, a number too long to
commit) is made by a function in MADE_CASES, with its problems written the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mentoring_stages.content import ContentError, ProblemCode, load_content
from mentoring_stages.content.yaml_source import MAX_FILE_BYTES

from tests.support.content import FRAMEWORK, write_content

CORPUS = Path(__file__).parent / "broken"
CASE_FILES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"^\[(?P<code>[a-z0-9-]+)\] (?P<problem>.+)$")


@dataclass
class Case:
    puts: list[str] = field(default_factory=list)
    removes: list[str] = field(default_factory=list)
    seeds: str | None = None
    seed_texts: dict[str, str] = field(default_factory=dict)
    expected: list[tuple[str, str]] = field(default_factory=list)  # (code, problem as printed)


def read_case(path: Path) -> Case:
    case = Case()
    expects: list[str] = []
    # The not-UTF-8 case has a byte that only its body may hold; the header is plain ASCII.
    for line in path.read_bytes().decode("utf-8", errors="replace").split("\n"):
        if not line.startswith("#"):
            break
        if line.startswith("# put: "):
            case.puts = line.removeprefix("# put: ").split(",")
        elif line.startswith("# remove: "):
            case.removes = line.removeprefix("# remove: ").split(",")
        elif line.startswith("# seeds: "):
            case.seeds = line.removeprefix("# seeds: ")
        elif line.startswith("# seed: "):
            name, _, text = line.removeprefix("# seed: ").partition(": ")
            case.seed_texts[name] = text
        elif line.startswith("# expect: "):
            expects.append(line.removeprefix("# expect: "))
        elif line.startswith("#   ") and expects:
            expects[-1] += " " + line.removeprefix("#   ")
    for expect in expects:
        match = EXPECT.match(expect)
        assert match, f"{path.name}: cannot read the expectation {expect!r}"
        case.expected.append((match["code"], match["problem"]))
    assert case.puts and case.expected, f"{path.name}: a case needs a 'put:' and an 'expect:'"
    return case


def test_the_corpus_is_there() -> None:
    assert len(CASE_FILES) >= 25


def reported_problems(
    folders: list[Path], root: Path, seeds: Path | None = None
) -> list[tuple[str, str]]:
    """Each problem load_content reports, as (code, problem) with paths relative to `root`."""
    with pytest.raises(ContentError) as caught:
        load_content(folders, seeds=seeds)
    return [
        (problem.code.value, str(problem).replace(f"{root}/", ""))
        for problem in caught.value.problems
    ]


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda path: path.stem)
def test_every_problem_is_reported_with_file_line_field_and_what_to_do(
    case_file: Path, tmp_path: Path
) -> None:
    case = read_case(case_file)
    write_content(tmp_path / "content")
    for removed in case.removes:
        (tmp_path / removed).unlink()
    for put in case.puts:
        (tmp_path / put).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / put).write_bytes(case_file.read_bytes())
    for name, text in case.seed_texts.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    folders = [tmp_path / "content"]
    if (tmp_path / "more").exists():
        folders.append(tmp_path / "more")

    seeds = tmp_path / case.seeds if case.seeds else None
    assert reported_problems(folders, tmp_path, seeds) == case.expected


# -- cases a file cannot express: each function makes its case in the valid `content/` folder -----

OUTSIDE = ("outside the content folder content; copy the file into the folder instead of "
           "linking to it")
NOT_A_FILE = "not a file; a content file must be a regular file"
TOO_LONG = ("0xffffffffffffffffff... is out of range: whole numbers here lie between "
            "-9007199254740991 and 9007199254740991; quote it if you meant text")


def link_to_device(content: Path) -> None:
    (content / "zero.yaml").symlink_to("/dev/zero")  # read, it never ends


def link_to_system_file(content: Path) -> None:
    (content / "passwd.yaml").symlink_to("/etc/passwd")


def link_out_of_the_folder(content: Path) -> None:
    (content.parent / "elsewhere.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (content / "guidance" / "elsewhere.yaml").symlink_to("../../elsewhere.yaml")


def named_pipe(content: Path) -> None:
    os.mkfifo(content / "pipe.yaml")  # opened to read, it waits for a writer that never comes


def link_to_nothing(content: Path) -> None:
    (content / "gone.yaml").symlink_to("removed.yaml")


def file_over_the_size_limit(content: Path) -> None:
    # Valid YAML all through: only the size is wrong.
    (content / "demo.yaml").write_text(FRAMEWORK + "#" * MAX_FILE_BYTES, encoding="utf-8")


def twenty_thousand_hex_digits(content: Path) -> None:
    (content / "demo.yaml").write_text(f"{FRAMEWORK}order: 0x{'f' * 20_000}\n", encoding="utf-8")


def twenty_thousand_hex_digits_as_a_key(content: Path) -> None:
    (content / "demo.yaml").write_text(f"? 0x{'f' * 20_000}\n: 1\n{FRAMEWORK}", encoding="utf-8")


MADE_CASES: dict[Callable[[Path], None], list[tuple[str, str]]] = {
    link_to_device: [("outside-folder", f"content/zero.yaml:1: leads to /dev/zero, {OUTSIDE}")],
    link_to_system_file: [
        ("outside-folder", f"content/passwd.yaml:1: leads to /etc/passwd, {OUTSIDE}")
    ],
    link_out_of_the_folder: [
        ("outside-folder", f"content/guidance/elsewhere.yaml:1: leads to elsewhere.yaml, {OUTSIDE}")
    ],
    named_pipe: [("not-a-file", f"content/pipe.yaml:1: is a named pipe, {NOT_A_FILE}")],
    link_to_nothing: [
        ("unreadable", "content/gone.yaml:1: cannot be read: No such file or directory")
    ],
    file_over_the_size_limit: [
        ("too-large", "content/demo.yaml:1: is larger than 1,000,000 bytes, the most a content "
                      "file may hold; split it into smaller files")
    ],
    twenty_thousand_hex_digits: [
        ("number-out-of-range", f"content/demo.yaml:{FRAMEWORK.count(chr(10)) + 1}: the number "
                                f"{TOO_LONG}")
    ],
    twenty_thousand_hex_digits_as_a_key: [
        ("number-out-of-range", f"content/demo.yaml:1: the number {TOO_LONG}")
    ],
}


@pytest.mark.parametrize("make", MADE_CASES, ids=lambda make: make.__name__)
def test_what_is_not_a_content_file_is_refused_with_its_path(
    make: Callable[[Path], None], tmp_path: Path
) -> None:
    make(write_content(tmp_path / "content"))
    assert reported_problems([tmp_path / "content"], tmp_path) == MADE_CASES[make]


def test_every_kind_of_problem_has_a_case() -> None:
    """A new ProblemCode fails here until a case shows what its message looks like."""
    covered = {code for path in CASE_FILES for code, _ in read_case(path).expected}
    covered |= {code for expected in MADE_CASES.values() for code, _ in expected}
    assert covered == {code.value for code in ProblemCode}
