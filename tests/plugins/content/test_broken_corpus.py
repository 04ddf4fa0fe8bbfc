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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mentoring_stages.content import ContentError, ProblemCode, load_content

from tests.support.content import write_content

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

    with pytest.raises(ContentError) as caught:
        load_content(folders, seeds=tmp_path / case.seeds if case.seeds else None)

    reported = [
        (problem.code.value, str(problem).replace(f"{tmp_path}/", ""))
        for problem in caught.value.problems
    ]
    assert reported == case.expected


def test_every_kind_of_problem_has_a_case() -> None:
    """A new ProblemCode fails here until the corpus shows what its message looks like."""
    covered = {code for path in CASE_FILES for code, _ in read_case(path).expected}
    assert covered == {code.value for code in ProblemCode}
