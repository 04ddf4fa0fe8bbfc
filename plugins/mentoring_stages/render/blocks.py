"""Blocks: the pieces of generated HTML that pages place with a `::: mentoring-stages` line.

    ::: mentoring-stages framework kram
    ::: mentoring-stages comparison

`BlockRenderer.render(kind, argument)` returns the HTML and the headings it contains (for the page's
table of contents). Links go through a `Links` object so the same block works on any page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from jinja2 import Environment
from markupsafe import Markup

from ..content.model import Content
from . import timeline

BLOCK_LINE = re.compile(
    r"^::: *mentoring-stages(?: +(?P<kind>\S+))?(?: +(?P<argument>\S+))?(?P<extra>.*)$"
)

# kind -> whether it takes an argument (a framework or guidance id)
BLOCK_KINDS = {
    "framework": True,
    "frameworks": False,
    "comparison": False,
    "comparison-table": False,
    "comparison-diagram": False,
    "guidance": True,
    "guidance-list": False,
    "listening-prompts": False,
    "sources": False,
    "diagnostic": False,
}


class BlockError(ValueError):
    """A block line that cannot be rendered; the message says how to write it."""


class Links(Protocol):
    def __call__(self, kind: str, target: str = "") -> str:
        """A URL relative to the page being rendered.

        kinds: "framework" (id), "guidance" (id), "page" (compare, sources, diagnostic,
        frameworks, guidance), "source" (id: the sources page with its anchor), "diagnostic-file"
        (model, worker, runtime, lock, wheel).
        """
        ...


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str


@dataclass(frozen=True)
class RenderedBlock:
    html: str
    headings: tuple[Heading, ...]


def parse_block_line(line: str) -> tuple[str, str | None] | None:
    """(kind, argument) for a block line, None for any other line; BlockError if malformed."""
    match = BLOCK_LINE.match(line.strip())
    if not match:
        return None
    kind, argument, extra = match["kind"], match["argument"], match["extra"].strip()
    known = ", ".join(BLOCK_KINDS)
    if kind not in BLOCK_KINDS:
        raise BlockError(f"unknown block '{kind or ''}'; write '::: mentoring-stages KIND' "
                         f"with KIND one of: {known}")
    if BLOCK_KINDS[kind] and not argument:
        raise BlockError(f"the '{kind}' block needs an id: '::: mentoring-stages {kind} ID'")
    if (not BLOCK_KINDS[kind] and argument) or extra:
        raise BlockError(
            f"the '{kind}' block takes {'one id' if BLOCK_KINDS[kind] else 'no argument'}"
        )
    return kind, argument


class BlockRenderer:
    def __init__(
        self,
        content: Content,
        environment: Environment,
        diagnostic_model: dict[str, Any] | None = None,
    ) -> None:
        self.content = content
        self.environment = environment
        self.diagnostic_model = diagnostic_model
        self._diagram = timeline.diagram(content.frameworks)
        self._rows = timeline.comparison_rows(content.frameworks)

    def render(self, kind: str, argument: str | None, links: Links) -> RenderedBlock:
        # parse_block_line has checked that `kind` is known and has an argument if it needs one.
        handler: Callable[[str | None, Links], RenderedBlock] = getattr(
            self, "_" + kind.replace("-", "_")
        )
        return handler(argument, links)

    def _template(self, name: str, links: Links, **context: Any) -> str:
        return self.environment.get_template(name).render(
            links=links, sources=self.content.sources, **context
        )

    def timeline_svg(self, links: Links, highlight: bool = False) -> Markup:
        return Markup(
            self._template("timeline.svg", links, diagram=self._diagram, interactive=highlight)
        )

    # One method per block kind, named after it.

    def _framework(self, framework_id: str, links: Links) -> RenderedBlock:
        try:
            framework = self.content.framework(framework_id)
        except StopIteration:
            known = ", ".join(f.id for f in self.content.frameworks)
            raise BlockError(f"unknown framework '{framework_id}'; known: {known}") from None
        headings = [Heading(2, f"stage-{stage.id}", stage.name) for stage in framework.stages]
        if framework.moves_back:
            headings.append(Heading(2, "moving-back", "Moving back a stage"))
        if framework.risks:
            headings.append(Heading(2, "what-goes-wrong", "What can go wrong"))
        headings.append(Heading(2, "on-the-timeline", "On the common timeline"))
        html = self._template("blocks/framework.html", links, framework=framework, rows=self._rows,
                              frameworks=self.content.frameworks)
        return RenderedBlock(html, tuple(headings))

    def _frameworks(self, _: None, links: Links) -> RenderedBlock:
        html = self._template("blocks/frameworks.html", links, frameworks=self.content.frameworks)
        return RenderedBlock(html, ())

    def _comparison(self, _: None, links: Links) -> RenderedBlock:
        diagram = self._comparison_diagram(None, links)
        table = self._comparison_table(None, links)
        return RenderedBlock(diagram.html + table.html, diagram.headings + table.headings)

    def _comparison_diagram(self, _: None, links: Links) -> RenderedBlock:
        html = self._template("blocks/comparison-diagram.html", links, svg=self.timeline_svg(links),
                              frameworks=self.content.frameworks)
        return RenderedBlock(html, (Heading(2, "diagram", "The frameworks on one timeline"),))

    def _comparison_table(self, _: None, links: Links) -> RenderedBlock:
        html = self._template("blocks/comparison-table.html", links, rows=self._rows,
                              frameworks=self.content.frameworks)
        return RenderedBlock(html, (Heading(2, "table", "Side by side"),))

    def _guidance(self, guidance_id: str, links: Links) -> RenderedBlock:
        topic = next((g for g in self.content.guidance if g.id == guidance_id), None)
        if topic is None:
            known = ", ".join(g.id for g in self.content.guidance)
            raise BlockError(f"unknown guidance topic '{guidance_id}'; known: {known}")
        headings = tuple(
            Heading(2, f"section-{index}", section.heading)
            for index, section in enumerate(topic.sections, start=1)
        )
        return RenderedBlock(self._template("blocks/guidance.html", links, topic=topic), headings)

    def _guidance_list(self, _: None, links: Links) -> RenderedBlock:
        html = self._template("blocks/guidance-list.html", links, topics=self.content.guidance)
        return RenderedBlock(html, ())

    def _listening_prompts(self, _: None, links: Links) -> RenderedBlock:
        frameworks = [
            f for f in self.content.frameworks if any(s.listening_prompts for s in f.stages)
        ]
        headings = tuple(Heading(2, f"prompts-{f.id}", f.name) for f in frameworks)
        html = self._template("blocks/listening-prompts.html", links, frameworks=frameworks)
        return RenderedBlock(html, headings)

    def _sources(self, _: None, links: Links) -> RenderedBlock:
        ordered = sorted(self.content.sources.values(), key=lambda source: source.number)
        return RenderedBlock(self._template("blocks/sources.html", links, ordered=ordered), ())

    def _diagnostic(self, _: None, links: Links) -> RenderedBlock:
        if self.diagnostic_model is None:
            raise BlockError("the diagnostic block needs a diagnostic.yaml in the content folders")
        urls = {
            name: links("diagnostic-file", name)
            for name in (
                "model", "worker", "runtime", "lock", "wheel", "snapshot", "stdlib", "files"
            )
        }
        html = self._template("blocks/diagnostic.html", links, model=self.diagnostic_model,
                              timeline_svg=self.timeline_svg(links, highlight=True), urls=urls)
        return RenderedBlock(html, ())
