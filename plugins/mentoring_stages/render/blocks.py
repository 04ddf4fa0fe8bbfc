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
from dataclasses import dataclass
from typing import Any, Protocol

from jinja2 import Environment
from stage_diagnostic.batch import PAGE_LIMITS, headline_framework, page_limits_text
from stage_diagnostic.model import LEVELS, Model
from stage_diagnostic.survey import survey_text

from ..content.model import TIMELINE_END, TIMELINE_START, Content
from . import timeline

TIMELINE = (TIMELINE_START, TIMELINE_END)
"""The common timeline's bounds, which the pages' scripts draw positions on (data-*-timeline)."""

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
    "comparison-order": False,
    "comparison-time": False,
    # The names of the comparison's parts before it had two views, kept for sites' own pages.
    "comparison-table": False,
    "comparison-diagram": False,
    "guidance": True,
    "guidance-list": False,
    "listening-prompts": False,
    "sources": False,
    "diagnostic": False,
    "check-in": False,
    "start": False,
    "cohort": False,
}


START_PAGES = ("diagnostic", "frameworks", "compare", "guidance", "glossary")
"""The pages the `start` block links to, in this order, where the site has them."""


class BlockError(ValueError):
    """A block line that cannot be rendered; the message says how to write it."""


class Links(Protocol):
    def __call__(self, kind: str, target: str = "") -> str:
        """A URL relative to the page being rendered.

        kinds: "framework" (id), "guidance" (id), "page" (compare, sources, diagnostic, cohort,
        frameworks, guidance, glossary), "source" (id: the sources page with its anchor), "stage"
        ("framework id/stage id": the stage's heading on its framework's page), "diagnostic-file"
        (model, worker, runtime, lock, wheel), "survey" (survey.csv, survey.txt: the
        questionnaire for form tools).
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


@dataclass(frozen=True)
class DiagnosticBlock:
    """What the diagnostic block shows besides the content: the compiled model and the settings."""

    model: dict[str, Any]
    engine_model: Model  # the same model as the engine reads it, loaded once by the build
    start_timeout: int  # seconds the start may go without progress: the plugin's setting
    default_framework: str | None = None  # the framework shown first: the plugin's setting
    reads_descriptions: bool = True  # False: the site's language is not one the engine reads


class BlockRenderer:
    def __init__(
        self,
        content: Content,
        environment: Environment,
        diagnostic: DiagnosticBlock | None = None,
    ) -> None:
        self.content = content
        self.environment = environment
        self.diagnostic = diagnostic
        self._order = timeline.order_rows(content.frameworks)
        self._time = timeline.time_view(content.frameworks)

    def render(self, kind: str, argument: str | None, links: Links) -> str:
        # parse_block_line has checked that `kind` is known and has an argument if it needs one.
        handler: Callable[[str | None, Links], str] = getattr(
            self, "_" + kind.replace("-", "_")
        )
        return handler(argument, links)

    def _template(self, name: str, links: Links, **context: Any) -> str:
        # `notes`: the citations a block shows, in order, for its footnotes on paper.
        return self.environment.get_template(name).render(
            links=links, sources=self.content.sources, kinds=self.content.kinds, notes=[],
            **context
        )

    # One method per block kind, named after it.

    def _framework(self, framework_id: str, links: Links) -> str:
        try:
            framework = self.content.framework(framework_id)
        except StopIteration:
            known = ", ".join(f.id for f in self.content.frameworks)
            raise BlockError(f"unknown framework '{framework_id}'; known: {known}") from None
        return self._template("blocks/framework.html", links, framework=framework)

    def _frameworks(self, _: None, links: Links) -> str:
        return self._template("blocks/frameworks.html", links, frameworks=self.content.frameworks)

    def _comparison(self, _: None, links: Links) -> str:
        return self._comparison_order(None, links) + self._comparison_time(None, links)

    def _comparison_order(self, _: None, links: Links) -> str:
        return self._template("blocks/comparison-order.html", links, rows=self._order)

    def _comparison_time(self, _: None, links: Links) -> str:
        return self._template("blocks/comparison-time.html", links, view=self._time)

    _comparison_table = _comparison_order
    _comparison_diagram = _comparison_time

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

    def _check_in(self, _: None, links: Links) -> str:
        if self.content.diagnostic is None:
            raise BlockError("the check-in block needs a diagnostic.yaml in the content folders")
        return self._template("blocks/check-in.html", links,
                              questions=self.content.diagnostic.questions)

    def _start(self, _: None, links: Links) -> str:
        """Links to the site's main pages, those it has: a home page that builds whichever pages
        the settings leave out (no diagnostic, no generated pages)."""
        urls = {}
        for name in START_PAGES:
            try:
                urls[name] = links("page", name)
            except BlockError:
                continue
        return self._template("blocks/start.html", links, urls=urls)

    def _diagnostic(self, _: None, links: Links) -> str:
        diagnostic = self._diagnostic_block("diagnostic")
        return self._template("blocks/diagnostic.html", links, model=diagnostic.model,
                              frameworks=self.content.frameworks, diagnostic=diagnostic,
                              timeline=TIMELINE,
                              urls=self._runtime_urls(links, "precomputed", "offline"))

    def _cohort(self, _: None, links: Links) -> str:
        diagnostic = self._diagnostic_block("cohort")
        engine_model = diagnostic.engine_model
        return self._template("blocks/cohort.html", links, model=diagnostic.model,
                              urls=self._runtime_urls(links), diagnostic=diagnostic,
                              shown_framework=headline_framework(engine_model,
                                                                 diagnostic.default_framework),
                              limits=PAGE_LIMITS,
                              limits_text=page_limits_text(engine_model.words),
                              levels=LEVELS, survey_text=survey_text(engine_model),
                              timeline=TIMELINE)

    def _diagnostic_block(self, kind: str) -> DiagnosticBlock:
        if self.diagnostic is None:
            raise BlockError(f"the {kind} block needs a diagnostic.yaml in the content folders")
        return self.diagnostic

    @staticmethod
    def _runtime_urls(links: Links, *extra: str) -> dict[str, str]:
        """What the page's worker starts from (the diagnostic's and the cohort's alike), and the
        `extra` files of the diagnostic page alone (its precomputed results, its service worker)."""
        return {
            name: links("diagnostic-file", name)
            for name in (
                "model", "worker", "runtime", "lock", "wheel", "snapshot", "stdlib", "files",
                "pyodide", *extra
            )
        }
