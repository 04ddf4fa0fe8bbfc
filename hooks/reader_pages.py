"""MkDocs hooks for this site's own reader pages (mkdocs.yml `hooks:`), not part of the plugin.

- The navigation puts readers' pages first and the reference for organisations last.
- The glossary (hooks/glossary.yaml, one source) becomes the glossary page's list and, on every
  other page, a definition shown on hover (an `<abbr title>`) at a term's first use in the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentoring_stages.content.reader import ID_PATTERN
from mentoring_stages.content.yaml_source import read_yaml
from mentoring_stages.render.environment import make_environment
from mentoring_stages.site_map import link_target

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")
GLOSSARY_PAGE = "glossary.md"
GLOSSARY_MARKER = "<!-- glossary -->"

# Top-level navigation, readers first: a page's source path or a section's folder ("name/").
NAV_ORDER = ("index.md", "start-here.md", "diagnostic.md", "frameworks/", "compare.md",
             "guidance/", "toolkit/", "faq.md", GLOSSARY_PAGE, "further-reading.md", "sources.md",
             "reference/")
SECTION_TITLES = {"reference/": "For organisations"}

# Text inside these elements keeps its words as they are: no tooltips in headings, links, code.
SKIP = ("a", "abbr", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6",
        "button", "label", "summary", "title", "textarea", "option", "dt")
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")


@dataclass(frozen=True)
class Term:
    term: str
    match: tuple[str, ...]
    definition: str
    source: str | None  # the source id that says it; None when it is the site's own
    page: str | None


def read_glossary(path: Path = GLOSSARY_FILE) -> list[Term]:
    data, problem = read_yaml(path, path.parent)  # within the limits of every content file
    if problem:
        raise ValueError(str(problem))
    terms = []
    for entry in data["terms"]:
        own = entry.get("own", False)
        source = entry.get("source")
        if bool(own) == bool(source):
            raise ValueError(f"{path}: {entry['term']}: give a source or own: true, exactly one")
        terms.append(Term(entry["term"], tuple(entry.get("match", [entry["term"]])),
                          " ".join(entry["definition"].split()), source, entry.get("page")))
    return terms


def glossary_html(terms: list[Term], url_of: Callable[[str], str | None]) -> str:
    """The glossary page's list: each term, its definition, and who says it.

    HTML from an autoescaped template, as the plugin renders every content field, so a definition
    is text, never Markdown (`[x](javascript:...)` stays those characters). Links go only to pages
    of this site: `url_of(path)` is a page's URL from the glossary page, or None for no page.
    """

    def page_url(path: str, term: Term) -> str:
        url = url_of(path)
        if url is None:
            raise ValueError(f"{GLOSSARY_FILE}: {term.term}: '{path}' is not a page of this site")
        return url

    def source_url(term: Term) -> str | None:
        if not term.source:
            return None
        if not ID_PATTERN.match(term.source):
            raise ValueError(f"{GLOSSARY_FILE}: {term.term}: '{term.source}' is not a source id")
        path, fragment = link_target("source", term.source)
        return page_url(path, term) + fragment

    entries = [
        {"term": term, "source_url": source_url(term),
         "page_url": page_url(term.page, term) if term.page else None}
        for term in sorted(terms, key=lambda t: t.term.lower())
    ]
    template = make_environment(Path(__file__).parent).get_template("glossary.html")
    return template.render(entries=entries)


def mark_terms(page_html: str, terms: list[Term]) -> str:
    """Wrap each term's first use in running text in `<abbr title="definition">`."""
    patterns = [
        (re.compile(r"(?<![\w-])(" + "|".join(re.escape(html.escape(m)) for m in t.match)
                    + r")(?![\w-])", re.IGNORECASE if t.term.lower() == t.term else 0), t)
        for t in terms
    ]
    pending = list(patterns)
    skipping: list[str] = []
    parts = TAG.split(page_html)
    for index, part in enumerate(parts):
        if not pending:
            break
        if part.startswith("<"):
            tag = TAG_NAME.match(part)
            if tag and tag.group(2).lower() in SKIP and not part.endswith("/>"):
                name = tag.group(2).lower()
                if tag.group(1):
                    if name in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
                else:
                    skipping.append(name)
            continue
        if skipping or not part.strip():
            continue
        for pattern, term in list(pending):
            match = pattern.search(part)
            if match:
                title = html.escape(term.definition, quote=True)
                part = (f'{part[:match.start()]}<abbr title="{title}">{match.group(1)}</abbr>'
                        f"{part[match.end():]}")
                pending.remove((pattern, term))
                break  # one term per text run, so a later term never lands inside this abbr
        parts[index] = part
    return "".join(parts)


def _nav_key(item: Any) -> str:
    file = getattr(item, "file", None)
    if file is not None:
        return str(file.src_uri)
    for child in getattr(item, "children", None) or []:
        key = _nav_key(child)
        if key:
            return key.split("/")[0] + "/"
    return ""


def _rank(key: str) -> int:
    for rank, prefix in enumerate(NAV_ORDER):
        if key == prefix or (prefix.endswith("/") and key.startswith(prefix)):
            return rank
    return NAV_ORDER.index("sources.md")  # unknown pages: after the reading, before the sources


# -- MkDocs events ---------------------------------------------------------------------------------


def on_nav(nav: Any, **_: Any) -> Any:
    nav.items.sort(key=lambda item: (_rank(_nav_key(item)), _nav_key(item) == "sources.md"))
    for item in nav.items:
        title = SECTION_TITLES.get(_nav_key(item))
        if title and getattr(item, "children", None) is not None:
            item.title = title
    return nav


def on_page_markdown(markdown: str, page: Any, files: Any, **_: Any) -> str:
    if page.file.src_uri == GLOSSARY_PAGE:

        def url_of(path: str) -> str | None:
            file = files.get_file_from_path(path)
            return None if file is None or not file.is_documentation_page() else (
                file.url_relative_to(page.file))

        return markdown.replace(GLOSSARY_MARKER, glossary_html(read_glossary(), url_of))
    return markdown


def on_page_content(page_html: str, page: Any, **_: Any) -> str:
    if page.file.src_uri == GLOSSARY_PAGE:
        return page_html
    return mark_terms(page_html, read_glossary())
