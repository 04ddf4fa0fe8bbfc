"""Citations that carry their evidence: the rules for an excerpt, and finding it in its source.

A text cites a source with an excerpt, the source's own words that support it:

    - text: Kram puts the opening phase at six months to a year.
      source: icas-stages
      excerpt: defined by Kram as six months to one year in length

An excerpt is at most `EXCERPT_MAX_WORDS` words. An ellipsis (`...` or `…`) marks words left out:
each part must then be found, in order. Whether the excerpt is really in the source can only be
checked where the source's text is at hand (`validate --seeds DIR`, the test suite): a site's build
checks the excerpt's shape, so an organisation builds without the source documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .errors import Problem, ProblemCode
from .model import Citation, Content, Source

EXCERPT_MAX_WORDS = 25
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")

# Typography aside: curly and straight quotes, dashes of any length, case and spacing are not
# what an excerpt is checked for.
_QUOTES = dict.fromkeys(
    map(ord, "\"'`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"),
    None,
)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACE = re.compile(r"\s+")


def fragments(excerpt: str) -> list[str]:
    """The parts of an excerpt between its ellipses, in order."""
    return [part for part in ELLIPSIS.split(excerpt.strip()) if part]


def word_count(excerpt: str) -> int:
    return sum(len(part.split()) for part in fragments(excerpt))


def normalise(text: str) -> str:
    """Text as an excerpt is compared: NFKC, no quotation marks, one kind of dash, lower case,
    single spaces (an ellipsis in the source itself becomes a space, as it does in an excerpt)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    return _SPACE.sub(" ", ELLIPSIS.sub(" ", text)).strip().casefold()


def missing_fragment(excerpt: str, normalised_text: str) -> str | None:
    """The first part of the excerpt not found (whole words, after the parts before it) in a text
    already `normalise`d, or None when every part is there."""
    position = 0
    for part in fragments(excerpt):
        pattern = re.compile(r"(?<!\w)" + re.escape(normalise(part)) + r"(?!\w)")
        found = pattern.search(normalised_text, position)
        if not found:
            return part
        position = found.end()
    return None


def shape_problem(excerpt: str) -> str | None:
    """What is wrong with an excerpt's shape (checked in every build), or None."""
    if not fragments(excerpt):
        return "is empty; quote the source's own words that support the text"
    words = word_count(excerpt)
    if words > EXCERPT_MAX_WORDS:
        return (f"has {words} words; an excerpt is at most {EXCERPT_MAX_WORDS}: quote only the "
                "words that support the text, marking a cut with '...'")
    return None


def text_source(source: Source, sources: dict[str, Source]) -> Source:
    """The source whose words an excerpt quotes: the source itself, or, for a work the site has not
    read, the source that was read and reports it."""
    return sources.get(source.as_cited_in, source) if source.as_cited_in else source


def all_citations(content: Content) -> Iterator[Citation]:
    """Every citation in frameworks, guidance, the glossary and the diagnostic's flags, where a
    reader sees it."""
    for framework in content.frameworks:
        yield from framework.citations
        for move in framework.moves_back:
            yield from move.text.citations
        for risk in framework.risks:
            yield from risk.text.citations
        for stage in framework.stages:
            yield from stage.citations
            if stage.duration:
                yield from stage.duration.citations
            for items in (stage.characteristics, stage.mentor_does, stage.mentee_does, stage.signs,
                          stage.moves_on_when, stage.listening_prompts):
                for item in items:
                    yield from item.citations
    for topic in content.guidance:
        yield from topic.citations
        for section in topic.sections:
            yield from section.citations
            for item in section.items:
                yield from item.citations
    for term in content.glossary:
        yield from term.citations
    if content.diagnostic:
        for flag in content.diagnostic.flags:
            yield from flag.citations
        for months in content.diagnostic.stage_months:
            yield months.citation


def citation_problems(content: Content) -> list[Problem]:
    """Citations that need an excerpt and have none: the source (or the source that reports it)
    names the text the site was built from, so its words can be quoted."""
    problems = []
    for citation in all_citations(content):
        source = content.sources.get(citation.source)
        if source is None or citation.excerpts:
            continue
        quoted = text_source(source, content.sources)
        if quoted.seed:
            reported = f", as cited in '{quoted.id}'," if quoted is not source else ""
            problems.append(Problem(
                citation.path, citation.line, citation.field,
                f"cites '{source.id}'{reported} without an excerpt; add 'excerpt:' with the "
                f"words of '{quoted.id}' that support the text",
                ProblemCode.EXCERPT_MISSING,
            ))
    return problems


def seed_problems(content: Content, seeds: Path) -> list[Problem]:
    """Excerpts not found in the seed text (a file in `seeds`) of the source they quote."""
    texts: dict[str, str | None] = {}
    problems = []
    for source in content.sources.values():
        if source.seed:
            path = seeds / source.seed
            texts[source.id] = (
                normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
            )
            if texts[source.id] is None and source.seed_at:
                problems.append(Problem(
                    source.seed_at.path, source.seed_at.line, source.seed_at.field,
                    f"names the seed file '{source.seed}', which is not in {seeds}",
                    ProblemCode.SEED_MISSING,
                ))
    for citation in all_citations(content):
        cited = content.sources.get(citation.source)
        if cited is None:
            continue
        quoted = text_source(cited, content.sources)
        text = texts.get(quoted.id)
        if text is None:
            continue
        for excerpt in citation.excerpts:
            missing = missing_fragment(excerpt.text, text)
            if missing is not None:
                problems.append(Problem(
                    excerpt.path, excerpt.line, excerpt.field,
                    f"is not in the text of '{quoted.id}' ({quoted.seed}): '{missing}' was not "
                    "found; quote the source word for word (an ellipsis marks a cut)",
                    ProblemCode.EXCERPT_NOT_FOUND,
                ))
    return problems
