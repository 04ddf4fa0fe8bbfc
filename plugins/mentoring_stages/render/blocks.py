"""Blocks: the pieces of generated HTML that pages place with a `::: mentoring-stages` line.

    ::: mentoring-stages framework kram
    ::: mentoring-stages comparison

`BlockRenderer.render(kind, argument, links)` returns the HTML; `markdown.py` places it in a page,
where the `toc` extension finds its headings. Links go through a `Links` object so the same block
works on any page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from jinja2 import Environment
from markupsafe import Markup

from ..content.model import Content
from . import timeline

# How every block line starts; what follows is the kind and, for some kinds, an id.
BLOCK_START = r"::: *mentoring-stages(?=\s|$)"
BLOCK_LINE = re.compile(
    rf"^{BLOCK_START}(?: +(?P<kind>\S+))?(?: +(?P<argument>\S+))?(?P<extra>.*)$"
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
        start_timeout: int = 45,
        default_framework: str | None = None,
    ) -> None:
        self.content = content
        self.environment = environment
        self.diagnostic_model = diagnostic_model
        self.start_timeout = start_timeout  # seconds without progress: the plugin's setting
        self.default_framework = default_framework  # the diagnostic's first view: the setting
        self._diagram = timeline.diagram(content.frameworks)
        self._rows = timeline.comparison_rows(content.frameworks)

    def render(self, kind: str, argument: str | None, links: Links) -> str:
        # parse_block_line has checked that `kind` is known and has an argument if it needs one.
        handler: Callable[[str | None, Links], str] = getattr(
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

    def _framework(self, framework_id: str, links: Links) -> str:
        try:
            framework = self.content.framework(framework_id)
        except StopIteration:
            known = ", ".join(f.id for f in self.content.frameworks)
            raise BlockError(f"unknown framework '{framework_id}'; known: {known}") from None
        return self._template("blocks/framework.html", links, framework=framework, rows=self._rows,
                              frameworks=self.content.frameworks)

    def _frameworks(self, _: None, links: Links) -> str:
        return self._template("blocks/frameworks.html", links, frameworks=self.content.frameworks)

    def _comparison(self, _: None, links: Links) -> str:
        return self._comparison_diagram(None, links) + self._comparison_table(None, links)

    def _comparison_diagram(self, _: None, links: Links) -> str:
        return self._template("blocks/comparison-diagram.html", links,
                              svg=self.timeline_svg(links), frameworks=self.content.frameworks)

    def _comparison_table(self, _: None, links: Links) -> str:
        return self._template("blocks/comparison-table.html", links, rows=self._rows,
                              frameworks=self.content.frameworks)

    def _guidance(self, guidance_id: str, links: Links) -> str:
        topic = next((g for g in self.content.guidance if g.id == guidance_id), None)
        if topic is None:
            known = ", ".join(g.id for g in self.content.guidance)
            raise BlockError(f"unknown guidance topic '{guidance_id}'; known: {known}")
        return self._template("blocks/guidance.html", links, topic=topic)

    def _guidance_list(self, _: None, links: Links) -> str:
        return self._template("blocks/guidance-list.html", links, topics=self.content.guidance)

    def _listening_prompts(self, _: None, links: Links) -> str:
        frameworks = [
            f for f in self.content.frameworks if any(s.listening_prompts for s in f.stages)
        ]
        return self._template("blocks/listening-prompts.html", links, frameworks=frameworks)

    def _sources(self, _: None, links: Links) -> str:
        ordered = sorted(self.content.sources.values(), key=lambda source: source.number)
        return self._template("blocks/sources.html", links, ordered=ordered)

    def _diagnostic(self, _: None, links: Links) -> str:
        if self.diagnostic_model is None:
            raise BlockError("the diagnostic block needs a diagnostic.yaml in the content folders")
        urls = {
            name: links("diagnostic-file", name)
            for name in (
                "model", "worker", "runtime", "lock", "wheel", "snapshot", "stdlib", "files",
                "precomputed", "offline",
            )
        }
        return self._template("blocks/diagnostic.html", links, model=self.diagnostic_model,
                              timeline_svg=self.timeline_svg(links, highlight=True), urls=urls,
                              start_timeout=self.start_timeout,
                              default_framework=self.default_framework or "")
