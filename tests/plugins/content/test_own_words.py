"""The site writes in its own words: outside quotation marks, no text shares a run of
`RUN` or more consecutive words with a source document. A longer run means a passage follows the
source sentence clause by clause; quote it, with the source, or say it differently.

Checked: every text in the shipped content (the site's own and the cited, the diagnostic's flags
included), the glossary, and the toolkit and FAQ pages. Excerpts are quotations by definition,
so they are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.content.citations import normalise

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8
PAGES = [*sorted((ROOT / "docs" / "toolkit").glob("*.md")), ROOT / "docs" / "faq.md"]

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the source documents are not at {SEEDS}"
)

# What is inside quotation marks is a quotation: double quotes of either kind, and single quotes
# that open after a space or bracket and close before a non-letter (not an apostrophe).
QUOTED = re.compile(
    r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<![\w])['\u2018][^'\u2019]*['\u2019](?![\w])"
)
# Markdown link targets and HTML tags are not prose.
MARKUP = re.compile(r"\]\([^)]*\)|<[^>]+>")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalise(MARKUP.sub(" ", QUOTED.sub(" | ", text))))


def runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def content_texts() -> Iterator[tuple[str, str]]:
    content = load_content([ROOT / "frameworks"])
    for framework in content.frameworks:
        where = framework.path.name
        yield where, framework.summary
        yield where, framework.alignment_note or ""
        for move in framework.moves_back:
            yield where, move.text.text
        for risk in framework.risks:
            yield where, f"{risk.title}. {risk.text.text}"
        for stage in framework.stages:
            yield where, stage.summary
            yield where, stage.critical_task or ""
            yield where, stage.duration.text if stage.duration else ""
            for items in (stage.characteristics, stage.mentor_does, stage.mentee_does, stage.signs,
                          stage.moves_on_when, stage.listening_prompts):
                yield from ((where, item.text) for item in items)
    for topic in content.guidance:
        where = topic.path.name
        yield where, topic.summary
        for section in topic.sections:
            for text in (section.text, section.question, section.answer):
                yield where, text or ""
            yield from ((where, item.text) for item in section.items)
    for flag in content.diagnostic.flags if content.diagnostic else ():
        yield "diagnostic.yaml", flag.advice


def other_texts() -> Iterator[tuple[str, str]]:
    for term in load_content([ROOT / "frameworks"]).glossary:
        yield "glossary.yaml", term.definition
    for page in PAGES:
        yield page.name, page.read_text(encoding="utf-8")


def shared_runs(texts: Iterator[tuple[str, str]]) -> list[str]:
    seed_runs = set().union(*(runs(words(path.read_text(encoding="utf-8")))
                              for path in SEEDS.glob("*.txt")))
    found = []
    for where, text in texts:
        for run in sorted(runs(words(text)) & seed_runs):
            found.append(f"{where}: '{' '.join(run)}'")
    return found


def test_the_check_finds_a_sentence_that_follows_its_source() -> None:
    copied = "In active listening, you're not thinking about how you'll respond; you listen first."
    assert shared_runs(iter([("example", copied)]))
    assert shared_runs(iter([("example", f'The handbook: "{copied}"')])) == []


def test_no_content_text_follows_a_source_sentence_outside_quotation_marks() -> None:
    assert shared_runs(content_texts()) == []


def test_no_glossary_or_toolkit_text_follows_a_source_sentence_outside_quotation_marks() -> None:
    assert shared_runs(other_texts()) == []
