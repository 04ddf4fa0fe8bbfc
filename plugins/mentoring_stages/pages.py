"""The pages the plugin generates: a title and Markdown that places blocks, nothing from YAML
except through blocks (which escape it) and titles (which the plugin escapes)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from .content.model import Content
from .glossary import GLOSSARY_MARKER
from .render import BlockError, parse_block_line
from .site_map import REFERENCE_DIR, page_path

REFERENCE_SOURCES = Path(__file__).parent / "reference"
"""The reference for a site's maintainers (package data), generated under `reference/`."""


@dataclass(frozen=True)
class GeneratedPage:
    title: str  # plain text, as written in the YAML
    markdown: str


class PageError(ValueError):
    """A content file asks for a page the plugin cannot generate; the message names the file."""


def generated_pages(content: Content, with_diagnostic: bool) -> dict[str, GeneratedPage]:
    """Source path -> page, for every page the plugin can generate."""

    def link(from_path: str, name: str) -> str:
        return posixpath.relpath(page_path("page", name), posixpath.dirname(from_path) or ".")

    frameworks_index = page_path("page", "frameworks")
    pages = {
        frameworks_index: GeneratedPage(
            "Frameworks",
            "# Stage frameworks\n\n"
            "Each framework describes the life of a mentoring relationship as a "
            "series of stages. Pick one to read its stages in detail, or "
            f"[compare them all on one timeline]({link(frameworks_index, 'compare')})."
            "\n\n::: mentoring-stages frameworks",
        ),
        page_path("page", "compare"): GeneratedPage(
            "Compare the frameworks",
            "# Compare the frameworks\n\nThe frameworks below count three, four or five stages, "
            "yet they describe the same journey. Two views put them side by side: in order, by "
            "where each stage comes in a relationship, and, for the frameworks whose sources say "
            "how long stages last, to scale in months and years.\n\n"
            "!!! note \"Our reading, not the authors'\"\n    None of the authors published this "
            "alignment. It is this site's own reading of the sources, explained on each "
            "framework's page.\n\n## In order\n\n"
            "::: mentoring-stages comparison-order\n\n## To scale\n\n"
            "::: mentoring-stages comparison-time",
        ),
        page_path("page", "guidance"): GeneratedPage(
            "Guidance",
            "# Guidance\n\nPractical guidance for mentors and mentees, whatever stage they are in."
            "\n\n::: mentoring-stages guidance-list",
        ),
        page_path("page", "sources"): GeneratedPage(
            "Sources",
            "# Sources\n\nEvery fact on this site cites one of these sources with a number in "
            "square brackets; hover over the number, or select it, to see the source's own words."
            "\n\n::: mentoring-stages sources",
        ),
    }
    for framework in content.frameworks:
        pages[page_path("framework", framework.id)] = GeneratedPage(
            framework.name, f"::: mentoring-stages framework {framework.id}"
        )
    for topic in content.guidance:
        lines = [f"::: mentoring-stages guidance {topic.id}"]
        for block in topic.blocks:  # what else the topic shows, in its own words
            line = f"::: mentoring-stages {block}"
            try:
                parse_block_line(line)
            except BlockError as error:
                raise PageError(f"{topic.path}: blocks: {error}") from None
            lines.append(line)
        pages[page_path("guidance", topic.id)] = GeneratedPage(topic.title, "\n\n".join(lines))
    if with_diagnostic:
        pages[page_path("page", "diagnostic")] = GeneratedPage(
            "Which stage are we in?",
            "# Which stage are we in?\n\nAnswer a few questions about your mentoring relationship, "
            "or describe it in a few sentences, to see which stage it is likely in under every "
            "framework, how sure that is, and what to do next. Everything runs in your browser: "
            "your answers are never sent anywhere.\n\n::: mentoring-stages diagnostic",
        )
        pages[page_path("page", "cohort")] = GeneratedPage(
            "Your programme's pairs",
            "# Your programme's pairs\n\nFor the people who run a mentoring programme: where "
            "every pair in a survey export probably is, in your programme's framework, with the "
            "flags worth a conversation, and how pairs have moved between surveys. The file is "
            "read and worked out in your browser, with the same engine as the "
            f"[diagnostic]({link(page_path('page', 'cohort'), 'diagnostic')}), and never leaves "
            "this computer.\n\n::: mentoring-stages cohort",
        )
    return pages


def glossary_page() -> GeneratedPage:
    """The glossary page; the plugin puts the terms where the marker is."""
    return GeneratedPage(
        "Glossary",
        "# Glossary\n\nWords the frameworks and this site use. Elsewhere on the site, hover over "
        "(or focus) a term's first use on a page to see its definition.\n\n" + GLOSSARY_MARKER,
    )


def reference_pages() -> dict[str, GeneratedPage]:
    """Source path -> page, for the reference pages: writing content, self-hosting, their index."""
    pages = {}
    for path in sorted(REFERENCE_SOURCES.glob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        title = next(line[2:] for line in markdown.splitlines() if line.startswith("# "))
        pages[f"{REFERENCE_DIR}/{path.name}"] = GeneratedPage(title, markdown)
    return pages
