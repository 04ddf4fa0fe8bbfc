"""MkDocs hooks for this site's own reader pages (mkdocs.yml `hooks:`), not part of the plugin.

- The navigation puts readers' pages first and the reference for organisations last.
- The glossary (hooks/glossary.yaml, one source) becomes the glossary page's list and, on every
  other page, a definition shown on hover (an `<abbr title>`) at a term's first use in the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms = []
    for entry in data["terms"]:
        own = entry.get("own", False)
        source = entry.get("source")
        if bool(own) == bool(source):
            raise ValueError(f"{path}: {entry['term']}: give a source or own: true, exactly one")
        terms.append(Term(entry["term"], tuple(entry.get("match", [entry["term"]])),
                          " ".join(entry["definition"].split()), source, entry.get("page")))
    return terms


def glossary_markdown(terms: list[Term]) -> str:
    """The glossary page's list: each term, its definition, and who says it."""
    lines = []
    for term in sorted(terms, key=lambda t: t.term.lower()):
        who = (f"[source](sources.md#source-{term.source})" if term.source
               else '<span class="ms-own">Our definition</span>')
        more = f" [More]({term.page})" if term.page else ""
        definition = html.escape(term.definition)
        lines += [html.escape(term.term), f":   {definition} {who}{more}", ""]
    return "\n".join(lines)


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


# The glossary, read once per build: parsed for every page, it was most of the hook's second and a
# half (bench/build.py counts it as the plugin's overhead, since the plain twin has no hooks).
_glossary: list[Term] = []


def on_pre_build(**_: Any) -> None:
    _glossary[:] = read_glossary()


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.file.src_uri == GLOSSARY_PAGE:
        return markdown.replace(GLOSSARY_MARKER, glossary_markdown(_glossary))
    return markdown


def on_page_content(page_html: str, page: Any, **_: Any) -> str:
    if page.file.src_uri == GLOSSARY_PAGE:
        return page_html
    return mark_terms(page_html, _glossary)
