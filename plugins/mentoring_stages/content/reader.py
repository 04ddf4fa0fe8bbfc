"""Field-by-field reading of one YAML mapping, collecting problems instead of stopping at the first.

A `Reader` wraps one mapping from `yaml_source`. Each typed getter returns the value, or None after
recording a `Problem` with the file, the line and the dotted field path. `finish()` flags fields the
format does not know, so a misspelt key never disappears silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stage_diagnostic.bounds import TIMELINE_END, TIMELINE_START, on_timeline

from .citations import shape_problem
from .errors import Problem, ProblemCode
from .model import Citation, Cited, Excerpt
from .yaml_source import LocatedDict, LocatedList

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_HINT = "use lowercase letters, digits and single hyphens, like 'moving-on'"
NO_PROVENANCE_FIX = (
    "cites no source and is not marked as this site's own; add 'source: <id>' if a source says "
    "it, or 'own: true' if it is this site's own suggestion"
)


@dataclass(frozen=True)
class Reference:
    """An id of another thing (a source, a stage, a flag), checked once every file is read."""

    kind: str  # "source", "stage" (as "framework/stage"), "flag" or "framework"
    target: str
    path: Path
    line: int
    field: str


@dataclass(frozen=True)
class Declaration:
    """An id given to a thing, checked for uniqueness among the things of its kind and scope."""

    kind: str  # "framework", "source", "option", ...
    scope: str  # where it must be unique: "" for everywhere, or e.g. the question of an option
    id: str
    path: Path
    line: int
    field: str
    reference: str  # how other places name it: the id, or 'framework-id/stage-id' for a stage


@dataclass
class ReadContext:
    """What all readers of one load share: the problems found, the references to check, and the
    ids declared."""

    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)


def finite_number(value: object) -> bool:
    """An int or a float, not a boolean, `.inf`, `.nan` or an int too large for a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (quote it if you meant text)"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


class Reader:
    def __init__(
        self, data: LocatedDict, path: Path, prefix: str, context: ReadContext
    ) -> None:
        self.data = data
        self.path = path
        self.prefix = prefix
        self.context = context
        self._read: set[str] = set()

    # -- helpers -------------------------------------------------------------------------------

    def field_name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def line(self, key: str | None = None) -> int:
        return self.data.line_of(key) if key else self.data.line

    def problem(self, key: str, code: ProblemCode, message: str, line: int | None = None) -> None:
        self.context.problems.append(
            Problem(self.path, line or self.line(key), self.field_name(key), message, code)
        )

    def _get(self, key: str, required: bool) -> Any:
        self._read.add(key)
        if key not in self.data or self.data[key] is None:
            if required:
                self.problem(key, ProblemCode.MISSING_FIELD, "is missing; add it", self.data.line)
            return None
        return self.data[key]

    # -- scalars -------------------------------------------------------------------------------

    def text(self, key: str, required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(key, ProblemCode.WRONG_TYPE, f"should be text, not {_type_name(value)}")
            return None
        if not value.strip():
            self.problem(key, ProblemCode.EMPTY_TEXT,
                         "is empty; write the text or remove the field")
            return None
        return value.strip()

    def ident(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(key, ProblemCode.INVALID_ID, f"'{value}' is not a valid id: {ID_HINT}")
            return None
        return value

    def number(
        self, key: str, required: bool = True, minimum: float = 0, integer: bool = False
    ) -> float | None:
        value = self._get(key, required)
        if value is None:
            return None
        wanted = int if integer else (int, float)
        if not isinstance(value, wanted) or not finite_number(value):
            kind = "a whole number" if integer else "a number"
            self.problem(key, ProblemCode.WRONG_TYPE, f"should be {kind}, not {_type_name(value)}")
            return None
        if value < minimum:
            self.problem(key, ProblemCode.BELOW_MINIMUM,
                         f"should be at least {minimum}, not {value}")
            return None
        return value

    def span(self, key: str) -> tuple[int, int] | None:
        value = self._get(key, True)
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(end, int) and not isinstance(end, bool) for end in value)
        ):
            self.problem(key, ProblemCode.SPAN_FORMAT,
                         "should be two whole numbers [start, end], like [0, 20]")
            return None
        start, end = value
        if not on_timeline(start, end):
            self.problem(
                key, ProblemCode.SPAN_OUTSIDE_TIMELINE,
                f"[{start}, {end}] falls outside the timeline: it needs "
                f"{TIMELINE_START:g} <= start < end <= {TIMELINE_END:g}",
            )
            return None
        return (start, end)

    # -- lists ---------------------------------------------------------------------------------

    def _list(self, key: str, required: bool) -> LocatedList | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, list):
            self.problem(key, ProblemCode.WRONG_TYPE, f"should be a list, not {_type_name(value)}")
            return None
        if required and not value:
            self.problem(key, ProblemCode.EMPTY_LIST, "is an empty list; add at least one item")
            return None
        if not isinstance(value, LocatedList):
            # `!!omap` and `!!pairs` build plain lists, whose items have no lines of their own.
            located = LocatedList(self.line(key))
            located.extend(value)
            return located
        return value

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        values = self._list(key, required) or LocatedList(self.line(key))
        result = []
        for index, value in enumerate(values):
            if isinstance(value, str) and value.strip():
                result.append(value.strip())
            else:
                self.problem(
                    f"{key}[{index}]", ProblemCode.WRONG_TYPE,
                    f"should be text, not {_type_name(value)}", values.line_of(index),
                )
        return tuple(result)

    def idents(self, key: str, required: bool = True) -> tuple[str, ...]:
        result = []
        values = self._list(key, required) or LocatedList(self.line(key))
        for index, value in enumerate(values):
            if isinstance(value, str) and ID_PATTERN.match(value):
                result.append(value)
            else:
                self.problem(
                    f"{key}[{index}]", ProblemCode.INVALID_ID,
                    f"{value!r} is not a valid id: {ID_HINT}", values.line_of(index),
                )
        return tuple(result)

    def records(self, key: str, required: bool = True) -> Iterator[Reader]:
        """A reader for each mapping in a list of mappings."""
        values = self._list(key, required) or LocatedList(self.line(key))
        for index, value in enumerate(values):
            name = f"{self.field_name(key)}[{index}]"
            if isinstance(value, LocatedDict):  # every mapping yaml_source builds
                yield Reader(value, self.path, name, self.context)
            else:
                self.context.problems.append(
                    Problem(self.path, values.line_of(index), name,
                            f"should be a mapping of fields, not {_type_name(value)}",
                            ProblemCode.WRONG_TYPE)
                )

    # -- citations -----------------------------------------------------------------------------

    def citations(
        self, required: bool = True, inherited: tuple[Citation, ...] = ()
    ) -> tuple[Citation, ...]:
        """`source: id` (with an optional `excerpt`), or `sources:` a list of ids and
        `{id, excerpt}` mappings; falls back to `inherited` when neither is given."""
        self._read.update({"source", "sources", "excerpt"})
        if "source" in self.data and "sources" in self.data:
            self.problem("source", ProblemCode.SOURCE_AND_SOURCES,
                         "give either 'source' or 'sources', not both")
        if "excerpt" in self.data and "source" not in self.data:
            self.problem("excerpt", ProblemCode.EXCERPT_WITHOUT_SOURCE,
                         "goes with 'source: <id>'; in a 'sources' list write each source as "
                         "{id: <id>, excerpt: <words>}")
        if "source" in self.data:
            one = self.ident("source")
            if not one:
                return self._inherit(inherited)
            self.refer("source", one, "source")
            return (self._citation(one, "source", self._excerpts("excerpt")),)
        values = self._list("sources", required and not inherited)
        citations = []
        for index, value in enumerate(values or ()):
            key = f"sources[{index}]"
            line = values.line_of(index) if values is not None else self.line()
            if isinstance(value, LocatedDict):
                entry = Reader(value, self.path, self.field_name(key), self.context)
                source_id = entry.ident("id")
                excerpts = entry._excerpts("excerpt")
                entry.finish()
                if source_id:
                    entry.refer("source", source_id, "id")
                    citations.append(entry._citation(source_id, "id", excerpts))
            elif isinstance(value, str) and ID_PATTERN.match(value):
                self.context.references.append(
                    Reference("source", value, self.path, line, self.field_name(key)))
                citations.append(Citation(value, (), self.path, line, self.field_name(key)))
            else:
                self.problem(key, ProblemCode.INVALID_ID,
                             f"{value!r} is not a source id or an {{id, excerpt}} mapping: "
                             f"{ID_HINT}", line)
        return tuple(citations) or self._inherit(inherited)

    def _inherit(self, inherited: tuple[Citation, ...]) -> tuple[Citation, ...]:
        """What a mapping without a source of its own cites: the sources around it, placed here
        and without their excerpts, which speak for the text around it, not for this one."""
        return tuple(Citation(citation.source, (), self.path, self.data.line, self.prefix)
                     for citation in inherited)

    def _citation(self, source_id: str, key: str, excerpts: tuple[Excerpt, ...]) -> Citation:
        return Citation(source_id, excerpts, self.path, self.line(key), self.field_name(key))

    def _excerpts(self, key: str) -> tuple[Excerpt, ...]:
        """`excerpt`: the source's words, one text or a list of them, each of a valid shape."""
        value = self._get(key, False)
        if value is None:
            return ()
        values = value if isinstance(value, list) else [value]
        excerpts = []
        for index, text in enumerate(values):
            name = f"{key}[{index}]" if isinstance(value, list) else key
            line = value.line_of(index) if isinstance(value, LocatedList) else self.line(key)
            if not isinstance(text, str):
                self.problem(name, ProblemCode.WRONG_TYPE,
                             f"should be the source's words, not {_type_name(text)}", line)
                continue
            problem = shape_problem(text)
            if problem:
                code = ProblemCode.EMPTY_TEXT if not text.strip() else ProblemCode.EXCERPT_TOO_LONG
                self.problem(name, code, problem, line)
                continue
            excerpts.append(Excerpt(" ".join(text.split()), self.path, line, self.field_name(name)))
        return tuple(excerpts)

    def refer(self, kind: str, target: str, key: str) -> None:
        """Remember that `key` names `target`, to be checked when everything is loaded."""
        self.context.references.append(
            Reference(kind, target, self.path, self.line(key), self.field_name(key))
        )

    def declare(
        self, kind: str, declared_id: str, scope: str = "", reference: str | None = None
    ) -> None:
        """Remember that this mapping's `id` names a thing, to check it is the only one."""
        self.context.declarations.append(
            Declaration(kind, scope, declared_id, self.path, self.line("id"), self.field_name("id"),
                        reference or declared_id)
        )

    def boolean(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(key, ProblemCode.WRONG_TYPE,
                         f"should be true or false, not {_type_name(value)}")
            return False
        return value

    def provenance(
        self, inherited: tuple[Citation, ...] = (), required: bool = True
    ) -> tuple[tuple[Citation, ...], bool]:
        """Who says this mapping's text: `source`/`sources` (a source that says it) or `own: true`
        (this site's own suggestion), as (citations, own). Without either it cites `inherited`;
        with nothing to inherit that is a problem, so no text passes as sourced by accident
        (unless not `required`: a mapping whose parts each say who says them)."""
        own = self.boolean("own")
        given = [key for key in ("source", "sources", "excerpt") if key in self.data]
        if own:
            self._read.update({"source", "sources", "excerpt"})
            if given:
                self.problem(given[0], ProblemCode.OWN_AND_SOURCE,
                             "is given with 'own: true'; keep the source if it says this, or "
                             "'own: true' if it is this site's own suggestion, not both")
            return (), True
        citations = self.citations(required=False, inherited=inherited)
        if not citations and not given and required:
            self.context.problems.append(Problem(
                self.path, self.data.line, self.prefix, NO_PROVENANCE_FIX, ProblemCode.NO_PROVENANCE
            ))
        return citations, False

    def cited(
        self, key: str, citations: tuple[Citation, ...], own: bool = False, required: bool = True
    ) -> Cited | None:
        value = self.text(key, required)
        return Cited(value, citations, own) if value else None

    def cited_list(self, key: str, required: bool = True) -> tuple[Cited, ...]:
        """Items that are `{text, source(s)}` or `{text, own: true}` mappings: each says who says
        it, never borrowing the citation of the stage or section it sits in."""
        values = self._list(key, required) or LocatedList(self.line(key))
        items = []
        for index, value in enumerate(values):
            if isinstance(value, LocatedDict):  # every mapping yaml_source builds
                item = Reader(value, self.path, f"{self.field_name(key)}[{index}]", self.context)
                text = item.text("text")
                item_citations, own = item.provenance()
                item.finish()
                if text:
                    items.append(Cited(text, item_citations, own))
            elif isinstance(value, str) and value.strip():
                self.problem(f"{key}[{index}]", ProblemCode.NO_PROVENANCE,
                             f"is plain text, so it {NO_PROVENANCE_FIX}", values.line_of(index))
            else:
                self.problem(
                    f"{key}[{index}]", ProblemCode.WRONG_TYPE,
                    f"should be {{text, source}} or {{text, own: true}}, not {_type_name(value)}",
                    values.line_of(index),
                )
        return tuple(items)

    def finish(self, allowed_extra: tuple[str, ...] = ()) -> None:
        """Report every field that no getter asked for."""
        known = self._read | set(allowed_extra)
        for key in self.data:
            if key not in known:
                expected = ", ".join(sorted(known))
                self.problem(str(key), ProblemCode.UNKNOWN_FIELD,
                             f"is not a known field here (known: {expected})",
                             self.data.line_of(key))
