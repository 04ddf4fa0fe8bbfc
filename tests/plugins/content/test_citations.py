"""Citations carry their evidence: an excerpt is found in its source's text whatever the
typography, a word left out is marked with an ellipsis, and a text without the words it needs, or
with words the source does not have, is reported with file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from mentoring_stages.content import ContentError, Problem, ProblemCode, load_content
from mentoring_stages.content.citations import missing_fragment, normalise, word_count
from mentoring_stages.content.model import Citation, Diagnostic

from tests.support.content import write_tree

SEED = (
    "Phase 1: Rapport-building \u2013 mentor and mentee decide whether they want to work together."
    " Nick finds this frustrating and doesn\u2019t feel like he\u2019s had a chance to get to know"
    " her. It\u2019s \u201cnot static\u201d\u2026 and can move back and forth."
)


def found(excerpt: str) -> bool:
    return missing_fragment(excerpt, normalise(SEED)) is None


@pytest.mark.parametrize("excerpt", [
    "mentor and mentee decide whether they want to work together",
    "Rapport-building - mentor and mentee decide",  # a hyphen for the source's dash
    "doesn't feel like he's had a chance",  # straight apostrophes for curly ones
    "MENTOR AND  MENTEE\n decide",  # case and spacing
    "It's not static",  # the source's own quotation marks left out
    "not static ... back and forth",  # the source's ellipsis, and one of ours
    "Rapport-building … work together",  # a cut marked with the ellipsis character
])
def test_an_excerpt_is_found_whatever_its_typography(excerpt: str) -> None:
    assert found(excerpt)


@pytest.mark.parametrize(("excerpt", "missing"), [
    ("mentor and mentee agree whether they want", "mentor and mentee agree whether they want"),
    ("work together ... Rapport-building", "Rapport-building"),  # the parts out of order
    ("entor and mentee", "entor and mentee"),  # only whole words
    ("a chance to get to know him", "a chance to get to know him"),
])
def test_an_excerpt_the_source_does_not_have_is_not_found(excerpt: str, missing: str) -> None:
    assert missing_fragment(excerpt, normalise(SEED)) == missing


def test_words_are_counted_without_the_ellipsis() -> None:
    assert word_count("one two ... three") == 3
    assert word_count("one two … three four") == 4


SOURCES = """\
kinds:
  - id: course
    label: A course
    weight: Teaching material that reports others' work.
sources:
  - id: course-text
    citation: "A course (2020)."
    kind: course
    seed: course.txt
  - id: old-book
    citation: "Elder, A. (1985). A book."
    as_cited_in: course-text
"""

FRAMEWORK = """\
id: demo
name: Demo
summary: A framework.
sources: [{id: course-text, excerpt: move back and forth}]
stages:
  - id: only
    name: Only
    span: [0, 100]
    phase: [early, middle]
    summary: Everything.
    source: old-book
    excerpt: not static
    duration: Two to five years.
    duration_source: course-text
    duration_excerpt: between two and five years
    duration_months: [24, 60]
    characteristics:
      - text: The pair decide whether to go on together.
        source: course-text
        excerpt: decide whether they want to work together
    mentor_does: [{text: Listens, own: true}]
    mentee_does: [{text: Talks, own: true}]
    signs: [{text: Early days, own: true}]
    moves_on_when: [{text: Never, own: true}]
"""

COURSE = "They decide whether they want to work together. It is not static and can move back and " \
         "forth. Cultivation lasts between two and five years."


def content_and_seeds(tmp_path: Path, framework: str = FRAMEWORK) -> tuple[Path, Path]:
    content = write_tree(tmp_path / "content", {"sources.yaml": SOURCES, "demo.yaml": framework})
    seeds = write_tree(tmp_path / "seeds", {"course.txt": COURSE})
    return content, seeds


def test_citations_load_with_their_excerpts_kinds_and_the_work_they_were_read_in(
    tmp_path: Path,
) -> None:
    content_dir, seeds = content_and_seeds(tmp_path)
    content = load_content([content_dir], seeds=seeds)
    stage = content.frameworks[0].stages[0]
    assert stage.phases == ("early", "middle")
    assert [excerpt.text for excerpt in stage.citations[0].excerpts] == ["not static"]
    assert content.sources["old-book"].as_cited_in == "course-text"
    assert content.sources["course-text"].kind == "course"
    assert content.kinds["course"].label == "A course"
    assert stage.duration and stage.duration.citations[0].excerpts[0].text.startswith("between")
    assert stage.duration_months == (24.0, 60.0)
    (item,) = stage.characteristics
    assert item.sources == ("course-text",)
    assert item.citations[0].excerpts[0].line == 20


def test_an_excerpt_not_in_its_source_fails_with_file_and_line_when_the_seeds_are_at_hand(
    tmp_path: Path,
) -> None:
    content_dir, seeds = content_and_seeds(
        tmp_path, FRAMEWORK.replace("excerpt: not static", "excerpt: not at all static")
    )
    load_content([content_dir])  # a site's build: the shape is checked, the source is not at hand
    with pytest.raises(ContentError) as caught:
        load_content([content_dir], seeds=seeds)
    (problem,) = caught.value.problems
    assert problem.code is ProblemCode.EXCERPT_NOT_FOUND
    assert str(problem).startswith(f"{content_dir / 'demo.yaml'}:12: stages[0].excerpt: ")
    # A work the site has not read is quoted in the words of the source that reports it.
    assert "is not in the text of 'course-text' (course.txt)" in str(problem)


def only_problem(tmp_path: Path, framework: str) -> Problem:
    content_dir, _ = content_and_seeds(tmp_path, framework)
    with pytest.raises(ContentError) as caught:
        load_content([content_dir])
    (problem,) = caught.value.problems
    return problem


def test_a_source_with_a_seed_is_never_cited_without_its_words(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, FRAMEWORK.replace("    excerpt: not static\n", ""))
    assert problem.code is ProblemCode.EXCERPT_MISSING
    assert "cites 'old-book', as cited in 'course-text', without an excerpt" in str(problem)


def test_a_stage_that_inherits_its_sources_does_not_inherit_their_excerpts(tmp_path: Path) -> None:
    problem = only_problem(
        tmp_path, FRAMEWORK.replace("    source: old-book\n    excerpt: not static\n", "")
    )
    assert problem.code is ProblemCode.EXCERPT_MISSING
    assert ":6: stages[0]: cites 'course-text' without an excerpt" in str(problem)


DIAGNOSTIC = """\
duration_scale: [[0, 0], [60, 100]]
questions:
  - id: time-together
    text: How long have you been working together?
    options:
      - id: years
        label: Years
        months: 36
        flags: [drifting]
        reason: You have worked together for years.
flags:
  - id: drifting
    title: Drifting apart
    advice: The course says a pair can move back and forth. Our suggestion (it gives no more) ...
    source: course-text
    excerpt: can move back and forth
"""


STAGE_MONTHS = """\
stage_months:
  - stage: demo/only
    from: 24
    to: 60
    source: course-text
    excerpt: between two and five years
"""

# What in diagnostic.yaml cites a source: the file, its excerpt line, where that citation is read.
DIAGNOSTIC_CITATIONS: dict[str, tuple[str, str, Callable[[Diagnostic], Citation]]] = {
    "flags[0]": (DIAGNOSTIC, "can move back and forth",
                 lambda diagnostic: diagnostic.flags[0].citations[0]),
    "stage_months[0]": (DIAGNOSTIC.replace("flags:\n", STAGE_MONTHS + "flags:\n", 1),
                        "between two and five years",
                        lambda diagnostic: diagnostic.stage_months[0].citation),
}


@pytest.mark.parametrize("cited", DIAGNOSTIC_CITATIONS)
@pytest.mark.parametrize(("excerpt", "code", "where"), [
    (None, ProblemCode.EXCERPT_MISSING, "diagnostic.yaml:15: {cited}.source"),
    ("between two and six years", ProblemCode.EXCERPT_NOT_FOUND,
     "diagnostic.yaml:16: {cited}.excerpt"),
])
def test_what_the_diagnostic_cites_carries_the_sources_words_like_any_other_text(
    tmp_path: Path, cited: str, excerpt: str | None, code: ProblemCode, where: str,
) -> None:
    text, words, citation_of = DIAGNOSTIC_CITATIONS[cited]
    content_dir, seeds = content_and_seeds(tmp_path)
    diagnostic_file = content_dir / "diagnostic.yaml"
    diagnostic_file.write_text(text, encoding="utf-8")
    diagnostic = load_content([content_dir], seeds=seeds).diagnostic
    assert diagnostic
    citation = citation_of(diagnostic)
    assert citation.source == "course-text"
    assert [e.text for e in citation.excerpts] == [words]
    replacement = "" if excerpt is None else f"    excerpt: {excerpt}\n"
    diagnostic_file.write_text(text.replace(f"    excerpt: {words}\n", replacement),
                               encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content([content_dir], seeds=seeds)
    (problem,) = caught.value.problems
    assert problem.code is code
    assert where.format(cited=cited) in str(problem)
