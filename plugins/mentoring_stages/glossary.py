"""The glossary, on every site: `glossary.yaml` in the content folders (the shipped terms and a
site's own) becomes the glossary page's list and, on every other page, a definition shown on hover
(an `<abbr title>`, which Material's `content.tooltips` shows as a tooltip) at a term's first use in
the text.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable

from jinja2 import Environment

from .content.model import GlossaryTerm as Term
from .content.reader import ID_PATTERN
from .site_map import link_target, page_path

GLOSSARY_PAGE = page_path("page", "glossary")
GLOSSARY_MARKER = "<!-- glossary -->"
"""Where the list goes on the glossary page, generated or the site's own."""

# Text inside these elements keeps its words as they are: no tooltips in headings, links, code.
SKIP = ("a", "abbr", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6",
        "button", "label", "summary", "title", "textarea", "option", "dt")
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")


def terms_on_site(terms: Iterable[Term], has_page: Callable[[str], bool]) -> list[Term]:
    """The terms, each without its link to a page the site does not have (`has_page(path)` is
    False): the shipped terms link to this repository's own toolkit pages."""
    return [
        term if term.page is None or has_page(term.page) else dataclasses.replace(term, page=None)
        for term in terms
    ]


def glossary_html(
    terms: Iterable[Term], url_of: Callable[[str], str | None], environment: Environment
) -> str:
    """The glossary page's list: each term, its definition, and who says it.

    HTML from an autoescaped template, as the plugin renders every content field, so a definition
    is text, never Markdown (`[x](javascript:...)` stays those characters). Links go only to pages
    of this site: `url_of(path)` is a page's URL from the glossary page, or None when the site has
    no such page (its settings left it out), and then the term has no link to it.
    """

    def source_url(term: Term) -> str | None:
        if not ID_PATTERN.match(term.source or ""):
            raise ValueError(f"glossary term '{term.term}': '{term.source}' is not a source id")
        path, fragment = link_target("source", term.source or "")
        url = url_of(path)
        return None if url is None else url + fragment

    def page_url(term: Term) -> str | None:
        path, _, place = (term.page or "").partition("#")
        url = url_of(path)
        return None if url is None else url + (f"#{place}" if place else "")

    entries = [
        {"term": term, "source_url": source_url(term) if term.source else None,
         "page_url": page_url(term) if term.page else None,
         "excerpts": [excerpt.text for citation in term.citations
                      for excerpt in citation.excerpts]}
        for term in sorted(terms, key=lambda t: t.term.lower())
    ]
    return environment.get_template("glossary.html").render(entries=entries)


def mark_terms(page_html: str, terms: list[Term]) -> str:
    """Wrap each term's first use in running text in `<abbr title="definition">`."""
    def words(forms: Iterable[str]) -> str:
        return r"(?<![\w-])(" + "|".join(re.escape(html.escape(m)) for m in forms) + r")(?![\w-])"

    patterns = [
        (re.compile(words(t.match), re.IGNORECASE if t.term.lower() == t.term else 0), t)
        for t in terms
        if t.match  # `match: []`: a term for the glossary page only
    ]
    # Any term in any case: most text runs hold none, and one search says so where each term's
    # own would take one search per term (a tenth of the plugin's work on a build, before).
    any_term = re.compile(words(m for t in terms for m in t.match), re.IGNORECASE)
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
        if skipping or not part.strip() or not any_term.search(part):
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
