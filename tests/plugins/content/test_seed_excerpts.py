"""Every statement the site cites to a source carries that source's own words, and the words are in
the source: each excerpt is looked for in the seed document it quotes (the project's source texts,
`../shared/seeds/` beside the repository), typography aside.

A work the site has not read is cited only as the source that was read reports it; every source
says what kind of work it is, and so how much weight it carries.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.content.citations import all_citations, text_source
from mentoring_stages.content.model import Content

ROOT = Path(__file__).resolve().parents[3]
FRAMEWORKS = ROOT / "frameworks"
SEEDS = ROOT.parent / "shared" / "seeds"

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the source documents are not at {SEEDS}"
)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content([FRAMEWORKS])


@needs_seeds
def test_every_excerpt_is_found_in_the_seed_it_quotes(content: Content) -> None:
    # load_content with the seeds raises, with file and line, for any excerpt not in its seed.
    load_content([FRAMEWORKS], seeds=SEEDS)
    quoted = [
        excerpt for citation in all_citations(content) for excerpt in citation.excerpts
        if text_source(content.sources[citation.source], content.sources).seed
    ]
    assert len(quoted) > 500


def test_every_citation_the_site_ships_carries_its_sources_words(content: Content) -> None:
    bare = [f"{c.path.name}:{c.line}: {c.field}" for c in all_citations(content) if not c.excerpts]
    assert bare == []


@needs_seeds
def test_the_seed_sources_are_the_five_source_documents(content: Content) -> None:
    seeds = {source.seed for source in content.sources.values() if source.seed}
    assert seeds == {path.name for path in SEEDS.glob("*.txt")}
    assert len(seeds) == 5


def test_every_source_says_how_much_weight_it_carries(content: Content) -> None:
    assert all(source.kind in content.kinds for source in content.sources.values())
    reported = {source.id for source in content.sources.values() if source.kind == "reported"}
    as_cited = {source.id for source in content.sources.values() if source.as_cited_in}
    # A work not read is cited only as reported, and "reported" means exactly that.
    assert reported == as_cited
    assert {"kram-1985", "clutterbuck-2008", "zachary-2000", "kram-1983"} <= as_cited


def test_every_source_is_cited(content: Content) -> None:
    cited = {citation.source for citation in all_citations(content)}
    reporters = {source.as_cited_in for source in content.sources.values() if source.as_cited_in}
    unused = set(content.sources) - cited - reporters
    assert unused == set()


def test_the_glossary_quotes_the_sources_it_cites(content: Content) -> None:
    cited = [term for term in content.glossary if term.source]
    assert len(cited) > 20
    assert all(citation.excerpts for term in cited for citation in term.citations)
