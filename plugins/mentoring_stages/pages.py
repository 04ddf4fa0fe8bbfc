"""The pages the plugin generates: a title and Markdown that places blocks, nothing from YAML
except through blocks (which escape it) and titles (which the plugin escapes)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from stage_diagnostic.words import fill

from .content.model import Content
from .glossary import GLOSSARY_MARKER, GLOSSARY_PAGE
from .language import Words, load_words
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


def generated_pages(
    content: Content, with_diagnostic: bool, words: Words | None = None
) -> dict[str, GeneratedPage]:
    """Source path -> page, for every page the plugin can generate, its fixed text in `words` (the
    site's language; English unless given)."""
    said = (words or load_words())["pages"]

    def link(from_path: str, name: str) -> str:
        return posixpath.relpath(page_path("page", name), posixpath.dirname(from_path) or ".")

    frameworks_index = page_path("page", "frameworks")
    compare_intro = fill(said["frameworks_intro"], compare=link(frameworks_index, "compare"))
    pages = {
        frameworks_index: GeneratedPage(
            said["frameworks_title"],
            f"# {said['frameworks_heading']}\n\n{compare_intro}\n\n::: mentoring-stages frameworks",
        ),
        page_path("page", "compare"): GeneratedPage(
            said["compare_title"],
            f"# {said['compare_title']}\n\n{said['compare_intro']}\n\n"
            f"!!! note \"{said['compare_note_title']}\"\n    {said['compare_note']}\n\n"
            f"## {said['compare_order_heading']}\n\n::: mentoring-stages comparison-order\n\n"
            f"## {said['compare_time_heading']}\n\n::: mentoring-stages comparison-time",
        ),
        page_path("page", "guidance"): GeneratedPage(
            said["guidance_title"],
            f"# {said['guidance_title']}\n\n{said['guidance_intro']}"
            "\n\n::: mentoring-stages guidance-list",
        ),
        page_path("page", "sources"): GeneratedPage(
            said["sources_title"],
            f"# {said['sources_title']}\n\n{said['sources_intro']}\n\n::: mentoring-stages sources",
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
            said["diagnostic_title"],
            f"# {said['diagnostic_title']}\n\n{said['diagnostic_intro']}"
            "\n\n::: mentoring-stages diagnostic",
        )
        cohort_intro = fill(
            said["cohort_intro"], diagnostic=link(page_path("page", "cohort"), "diagnostic")
        )
        pages[page_path("page", "cohort")] = GeneratedPage(
            said["cohort_title"],
            f"# {said['cohort_title']}\n\n{cohort_intro}\n\n::: mentoring-stages cohort",
        )
    return pages


def glossary_page(words: Words | None = None) -> GeneratedPage:
    """The glossary page, its fixed text in `words`; the plugin puts the terms where the marker
    is."""
    said = (words or load_words())["pages"]
    return GeneratedPage(
        said["glossary_title"],
        f"# {said['glossary_title']}\n\n{said['glossary_intro']}\n\n{GLOSSARY_MARKER}",
    )


def reference_pages() -> dict[str, GeneratedPage]:
    """Source path -> page, for the reference pages: writing content, self-hosting, their index."""
    pages = {}
    for path in sorted(REFERENCE_SOURCES.glob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        title = next(line[2:] for line in markdown.splitlines() if line.startswith("# "))
        pages[f"{REFERENCE_DIR}/{path.name}"] = GeneratedPage(title, markdown)
    return pages


def site_pages(
    content: Content, with_diagnostic: bool, words: Words, *, generate: bool, reference: bool
) -> dict[str, GeneratedPage]:
    """What the plugin can generate for a site, by the `generate_pages` and `reference_pages`
    settings: the content's pages, the glossary page when there are terms, the reference."""
    if not generate:
        return {}
    pages = generated_pages(content, with_diagnostic, words)
    if content.glossary:
        pages[GLOSSARY_PAGE] = glossary_page(words)
    if reference:
        pages.update(reference_pages())
    return pages
