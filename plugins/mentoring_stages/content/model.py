"""The content model: plain, immutable objects built from validated YAML.

Everything else (pages, the comparison, the diagnostic model) reads these objects, never the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The comparison's geometry draws whole-number ticks; the engine owns the bounds themselves.
from stage_diagnostic.bounds import TIMELINE_END as _END
from stage_diagnostic.bounds import TIMELINE_START as _START

TIMELINE_START = int(_START)
TIMELINE_END = int(_END)

# Where a stage comes in a relationship, in order: the comparison's order view. Not time: a
# framework's stage is early or late whatever its length.
PHASES = ("early", "middle", "late", "after")


@dataclass(frozen=True)
class SourceKind:
    """What sort of work a source is (research, a course, a forum post...) and so how much weight
    its word carries, in words for readers."""

    id: str
    label: str
    weight: str


@dataclass(frozen=True)
class Location:
    """Where a field is in a content file, for a problem found after loading."""

    path: Path
    line: int
    field: str


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str | None
    note: str | None
    number: int  # position in the bibliography, shown as [n] where the source is cited
    short: str | None = None  # a name for the citation's pop-up: "Kram (1985)"
    kind: str | None = None  # a SourceKind id
    seed: str | None = None  # the file name of the text the site was built from, if it keeps one
    seed_at: Location | None = None  # where `seed` is given
    at: Location | None = None  # where the source is listed
    as_cited_in: str | None = None  # a work not read: known only from this source's report of it

    @property
    def name(self) -> str:
        return self.short or self.citation


@dataclass(frozen=True)
class Excerpt:
    """A source's own words that support a text, where the content file gives them."""

    text: str
    path: Path
    line: int
    field: str


@dataclass(frozen=True)
class Citation:
    """One source cited for a text, with the excerpts that show it says so (none in older files,
    and none needed where the site keeps no copy of the source)."""

    source: str
    excerpts: tuple[Excerpt, ...]
    path: Path
    line: int
    field: str


def source_ids(citations: tuple[Citation, ...]) -> tuple[str, ...]:
    """The sources cited, each once, in the order first cited."""
    return tuple(dict.fromkeys(citation.source for citation in citations))


@dataclass(frozen=True)
class Cited:
    """A piece of text and where it comes from: the sources that say it, or, when `own` is true,
    none, because it is this site's own suggestion (shown to readers as such)."""

    text: str
    citations: tuple[Citation, ...]
    own: bool = False

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.citations)


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    span: tuple[int, int]
    phases: tuple[str, ...]  # from PHASES, in order: where the stage comes (the order view)
    summary: str
    citations: tuple[Citation, ...]  # for the summary and the critical task
    duration: Cited | None
    duration_months: tuple[float, float | None] | None  # the duration's numbers (None: no end)
    critical_task: str | None
    characteristics: tuple[Cited, ...]
    mentor_does: tuple[Cited, ...]
    mentee_does: tuple[Cited, ...]
    signs: tuple[Cited, ...]
    moves_on_when: tuple[Cited, ...]
    listening_prompts: tuple[Cited, ...]
    cues: tuple[str, ...]

    @property
    def length(self) -> int:
        return self.span[1] - self.span[0]

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.citations)


@dataclass(frozen=True)
class MoveBack:
    from_stage: str
    to_stage: str
    text: Cited


@dataclass(frozen=True)
class Risk:
    title: str
    stage: str | None
    text: Cited


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    author: str | None
    summary: str
    citations: tuple[Citation, ...]
    order: int
    alignment_note: str | None
    moves_back: tuple[MoveBack, ...]
    risks: tuple[Risk, ...]
    stages: tuple[Stage, ...]
    path: Path

    def stage(self, stage_id: str) -> Stage:
        return next(stage for stage in self.stages if stage.id == stage_id)

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.citations)


@dataclass(frozen=True)
class Section:
    heading: str
    citations: tuple[Citation, ...]  # empty when the section's text is this site's own (`own`)
    own: bool
    text: str | None
    items: tuple[Cited, ...]
    question: str | None
    answer: str | None

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.citations)


@dataclass(frozen=True)
class Guidance:
    id: str
    title: str
    summary: str
    citations: tuple[Citation, ...]
    order: int
    sections: tuple[Section, ...]
    path: Path
    blocks: tuple[str, ...] = ()  # blocks shown after the topic, like "listening-prompts"

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.citations)


@dataclass(frozen=True)
class Pointer:
    """Evidence that points at one stage, by reference `framework/stage`."""

    framework: str
    stage: str
    weight: float


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    points_to: tuple[Pointer, ...]
    months: tuple[float, float | None] | None  # time together: from, to (None: open-ended)
    flags: tuple[str, ...]
    reason: str
    phrases: tuple[str, ...]  # words in a description that give this answer


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str | None
    options: tuple[Option, ...]


@dataclass(frozen=True)
class StageMonths:
    """How long after the first meeting a framework's source places one of its stages."""

    framework: str
    stage: str
    start: float
    end: float | None  # None: open-ended
    citation: Citation  # the source's words the months are read from

    @property
    def source(self) -> str:
        return self.citation.source


@dataclass(frozen=True)
class Flag:
    id: str
    title: str
    advice: str  # what the sources say, then any advice of this site's, said to be ours in words
    citations: tuple[Citation, ...]
    framework: str | None
    stage: str | None  # the stage of `framework` the flag speaks of

    @property
    def sources(self) -> tuple[str, ...]:
        return source_ids(self.citations)


@dataclass(frozen=True)
class Diagnostic:
    duration_scale: tuple[tuple[float, float], ...]
    stage_months: tuple[StageMonths, ...]
    questions: tuple[Question, ...]
    flags: tuple[Flag, ...]
    path: Path


@dataclass(frozen=True)
class GlossaryTerm:
    """A word readers may not know: the glossary page lists it, and other pages show its
    definition where it is first used."""

    term: str
    match: tuple[str, ...]  # the words that are this term in running text
    definition: str
    source: str | None  # the source id that says it; None when it is the site's own
    page: str | None  # a page of the site that says more (a source path, `guidance/roles.md`)
    citations: tuple[Citation, ...] = ()  # the source with its words (`excerpt`)


@dataclass(frozen=True)
class Content:
    """Everything under the content directories, validated and cross-checked."""

    frameworks: tuple[Framework, ...]
    guidance: tuple[Guidance, ...]
    sources: dict[str, Source]
    diagnostic: Diagnostic | None
    glossary: tuple[GlossaryTerm, ...] = ()
    kinds: dict[str, SourceKind] = field(default_factory=dict)

    def framework(self, framework_id: str) -> Framework:
        return next(framework for framework in self.frameworks if framework.id == framework_id)
