"""Content errors that name the file, the line and the field, so an author can fix them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class ProblemCode(StrEnum):
    """What kind of problem it is: one code per kind of message the loader writes.

    Stable, so tests (and tools) can tell problems apart without matching on the wording; the
    broken-content corpus under tests/ holds at least one case of each.
    """

    UNREADABLE = "unreadable"
    NOT_A_FILE = "not-a-file"
    OUTSIDE_FOLDER = "outside-folder"
    TOO_LARGE = "too-large"
    NOT_UTF8 = "not-utf8"
    INVALID_YAML = "invalid-yaml"
    DUPLICATE_KEY = "duplicate-key"
    TOO_DEEP = "too-deep"
    ANCHOR_OR_ALIAS = "anchor-or-alias"
    NUMBER_OUT_OF_RANGE = "number-out-of-range"
    NOT_A_MAPPING = "not-a-mapping"
    NOT_A_DIRECTORY = "not-a-directory"
    NO_FRAMEWORKS = "no-frameworks"
    MISSING_FIELD = "missing-field"
    UNKNOWN_FIELD = "unknown-field"
    WRONG_TYPE = "wrong-type"
    EMPTY_TEXT = "empty-text"
    EMPTY_LIST = "empty-list"
    INVALID_ID = "invalid-id"
    BELOW_MINIMUM = "below-minimum"
    DUPLICATE_ID = "duplicate-id"
    SOURCE_AND_SOURCES = "source-and-sources"
    NO_PROVENANCE = "no-provenance"
    OWN_AND_SOURCE = "own-and-source"
    UNKNOWN_SOURCE = "unknown-source"
    UNKNOWN_FRAMEWORK = "unknown-framework"
    UNKNOWN_STAGE = "unknown-stage"
    UNKNOWN_FLAG = "unknown-flag"
    STAGE_REFERENCE_FORMAT = "stage-reference-format"
    SPAN_FORMAT = "span-format"
    SPAN_OUTSIDE_TIMELINE = "span-outside-timeline"
    SPAN_OVERLAP = "span-overlap"
    SPAN_GAP = "span-gap"
    SPANS_END_EARLY = "spans-end-early"
    MOVE_BACK_NOT_EARLIER = "move-back-not-earlier"
    SECTION_WITHOUT_CONTENT = "section-without-content"
    ANSWER_WITHOUT_QUESTION = "answer-without-question"
    DURATION_SCALE_FORMAT = "duration-scale-format"
    DURATION_SCALE_ORDER = "duration-scale-order"
    URL_SCHEME = "url-scheme"
    REFERENCES_NOT_CHECKED = "references-not-checked"
    # Citations and their excerpts
    EXCERPT_TOO_LONG = "excerpt-too-long"
    EXCERPT_WITHOUT_SOURCE = "excerpt-without-source"
    EXCERPT_MISSING = "excerpt-missing"
    EXCERPT_NOT_FOUND = "excerpt-not-found"
    SEED_MISSING = "seed-missing"
    UNKNOWN_SOURCE_KIND = "unknown-source-kind"
    AS_CITED_IN_UNREAD = "as-cited-in-unread"
    # Where a stage comes, in order (the comparison's order view)
    INVALID_PHASE = "invalid-phase"
    PHASE_ORDER = "phase-order"


# A file with one of these problems was not read at all: reported first, since every other
# problem may follow from it (an id it declares looks unknown everywhere it is named).
UNREAD_FILE = frozenset({
    ProblemCode.UNREADABLE, ProblemCode.NOT_A_FILE, ProblemCode.OUTSIDE_FOLDER,
    ProblemCode.TOO_LARGE, ProblemCode.NOT_UTF8, ProblemCode.INVALID_YAML,
    ProblemCode.DUPLICATE_KEY, ProblemCode.TOO_DEEP, ProblemCode.ANCHOR_OR_ALIAS,
    ProblemCode.NUMBER_OUT_OF_RANGE, ProblemCode.NOT_A_MAPPING, ProblemCode.NOT_A_DIRECTORY,
})


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file."""

    path: Path
    line: int
    field: str
    message: str
    code: ProblemCode

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


def _reading_order(problem: Problem) -> tuple[int, Problem]:
    """Files that could not be read, then the line saying what waits for them, then the rest."""
    if problem.code in UNREAD_FILE:
        return (0, problem)
    if problem.code is ProblemCode.REFERENCES_NOT_CHECKED:
        return (1, problem)
    return (2, problem)


class ContentError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_reading_order)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the content files:"
        super().__init__("\n".join([heading, *(f"  {problem}" for problem in self.problems)]))
