"""The Markdown of the pages the plugin generates: a title and block lines, nothing from YAML
except through blocks (which escape it) and titles (escaped here)."""

from __future__ import annotations

import json

from .content.model import Content

# Guidance topics that also show a block drawn from the frameworks.
EXTRA_GUIDANCE_BLOCKS = {"active-listening": "listening-prompts"}


def _page(title: str, body: str) -> str:
    # MkDocs puts page titles into the navigation without escaping, so no tag may survive; but
    # Material escapes them again inside attributes (aria-label="Next: …"), so quotes and
    # ampersands, common in real titles, stay as they are. JSON strings are valid YAML scalars.
    safe_title = title.replace("<", "&lt;").replace(">", "&gt;")
    return f"---\ntitle: {json.dumps(safe_title)}\n---\n\n{body}\n"


def generated_pages(content: Content, with_diagnostic: bool) -> dict[str, str]:
    """src_uri -> Markdown for every page the plugin can generate."""
    pages = {
        "frameworks/index.md": _page(
            "Frameworks",
            "# Stage frameworks\n\n"
            "Each framework describes the life of a mentoring relationship as a "
            "series of stages. Pick one to read its stages in detail, or "
            "[compare them all on one timeline](../compare.md).\n\n::: mentoring-stages frameworks",
        ),
        "compare.md": _page(
            "Compare the frameworks",
            "# Compare the frameworks\n\nThe frameworks below count three, four or five stages, "
            "yet they describe the same journey. To put them side by side, this site places every "
            "stage on one common relationship timeline, from the first meeting (0) to the end of "
            "the formal relationship and whatever follows it (100).\n\n"
            "!!! note \"Our reading, not the authors'\"\n    None of the authors published this "
            "alignment. It is this site's own reading of the sources, explained on each "
            "framework's page.\n\n::: mentoring-stages comparison",
        ),
        "guidance/index.md": _page(
            "Guidance",
            "# Guidance\n\nPractical guidance for mentors and mentees, whatever stage they are in."
            "\n\n::: mentoring-stages guidance-list",
        ),
        "sources.md": _page(
            "Sources",
            "# Sources\n\nEvery fact on this site cites one of these sources with a number in "
            "square brackets.\n\n::: mentoring-stages sources",
        ),
    }
    for framework in content.frameworks:
        pages[f"frameworks/{framework.id}.md"] = _page(
            framework.name, f"::: mentoring-stages framework {framework.id}"
        )
    for topic in content.guidance:
        body = f"::: mentoring-stages guidance {topic.id}"
        if topic.id in EXTRA_GUIDANCE_BLOCKS:
            body += f"\n\n::: mentoring-stages {EXTRA_GUIDANCE_BLOCKS[topic.id]}"
        pages[f"guidance/{topic.id}.md"] = _page(topic.title, body)
    if with_diagnostic:
        pages["diagnostic.md"] = _page(
            "Which stage are we in?",
            "# Which stage are we in?\n\nAnswer a few questions about your mentoring relationship, "
            "or describe it in a few sentences, to see which stage it is likely in under every "
            "framework, how sure that is, and what to do next. Everything runs in your browser: "
            "your answers are never sent anywhere.\n\n::: mentoring-stages diagnostic",
        )
    return pages
