"""The shipped content keeps the source documents' facts, each in a text that cites the source that
says it, and keeps the site's own example questions open.

Rewording a sentence into the site's own words must not lose a fact or move it under a source that
does not say it: each fact below is looked for in the texts that cite the given source, never in the
site's own (`own: true`) texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.content.model import Content

FRAMEWORKS = Path(__file__).resolve().parents[3] / "frameworks"

# (pattern, source id): the seed documents' key facts, one or more per document.
SEED_FACTS = [
    # ICAS on Kram
    (r"Boston University", "icas-stages"),
    (r"eighteen pairs of\s+managers", "icas-stages"),
    (r"[Ss]ix months to a year", "icas-stages"),
    (r"two to five years", "icas-stages"),
    (r"[Ss]ix months to five years", "icas-stages"),
    (r"benefits reach the mentor as well", "icas-stages"),
    (r"outgrow", "icas-stages"),
    (r"abandonment, anger or resentment", "icas-stages"),
    (r"friendship between equals", "icas-stages"),
    (r"upward spiral", "icas-stages"),
    (r"backwards as well as forwards|back and forth", "icas-stages"),
    (r"senior management", "icas-stages"),
    # OpenLearn: Clutterbuck, Activity 3, Insala
    (r"decided whether|whether to work together", "clutterbuck-2008"),
    (r"what each of them wants to achieve", "clutterbuck-2008"),
    (r"define a personal change", "clutterbuck-2008"),
    (r"outgrown the mentor", "clutterbuck-2008"),
    (r"professional friendship", "clutterbuck-2008"),
    (r"book time formally", "openlearn-mentoring-process"),
    (r"wind the relationship down", "openlearn-mentoring-process"),
    (r"fifteen minutes", "openlearn-mentoring-process"),
    (r"[Rr]everse mentoring", "insala-2015"),
    (r"[Mm]entoring circles", "insala-2015"),
    # Lawrence
    (r"one meeting may be enough|one meeting or several", "lawrence-12manage"),
    (r"something personal", "lawrence-12manage"),
    (r"weekly at first, then every two weeks, then monthly", "lawrence-12manage"),
    (r"twice a year, or once|once a year", "lawrence-12manage"),
    (r"go back to learning and development", "lawrence-12manage"),
    (r"who had thought of the phases.*he had", "lawrence-12manage"),
    # Career Navig8r
    (r"20-minute", "navig8r-four-stages"),
    (r"Specific, Measurable, Achievable, Relevant and Time-bound", "navig8r-four-stages"),
    (r"KPIs", "navig8r-four-stages"),
    (r"confidence and self-belief", "navig8r-four-stages"),
    (r"a card and a small gift", "navig8r-four-stages"),
    (r"back to negotiation", "navig8r-four-stages"),
    (r"webcam", "navig8r-four-stages"),
    # The programme handbook (and Zey, quoted in it)
    (r"developmental relationship", "zey-1984"),
    (r"Mentoring Agreement", "programme-handbook"),
    (r"most of their time here", "programme-handbook"),
    (r"sounding board", "programme-handbook"),
    (r"[Mm]issed|missing", "programme-handbook"),
    (r"too broad", "programme-handbook"),
    (r"independent of the mentor", "programme-handbook"),
    (r"sense of humour", "programme-handbook"),
    (r"investments", "programme-handbook"),
    (r"keep their conversations confidential", "programme-handbook"),
    (r"meant to transform|sets out to transform", "programme-handbook"),
    (r"counsellor", "programme-handbook"),
    (r"what, where, how, when or why", "programme-handbook"),
    (r"pull together what has been said or agreed", "programme-handbook"),
]

OPEN_QUESTION = re.compile(r"^(What|Where|How|When|Why|Which|Who|Looking back|Going through|"
                           r"If I put it|Before we go on|Before we move on|Of the)\b.*\?$")


def cited_texts(content: Content) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every text that cites sources, with those sources (the site's own texts are left out)."""
    for framework in content.frameworks:
        yield framework.summary, framework.sources
        for move in framework.moves_back:
            yield move.text.text, move.text.sources
        for risk in framework.risks:
            yield risk.text.text, risk.text.sources
        for stage in framework.stages:
            yield stage.summary, stage.sources
            if stage.critical_task:
                yield stage.critical_task, stage.sources
            if stage.duration:
                yield stage.duration.text, stage.duration.sources
            for items in (stage.characteristics, stage.mentor_does, stage.mentee_does, stage.signs,
                          stage.moves_on_when, stage.listening_prompts):
                yield from ((item.text, item.sources) for item in items)
    for topic in content.guidance:
        yield topic.summary, topic.sources
        for section in topic.sections:
            for text in (section.text, section.question, section.answer):
                if text:
                    yield text, section.sources
            yield from ((item.text, item.sources) for item in section.items)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content([FRAMEWORKS])


@pytest.mark.parametrize(("pattern", "source"), SEED_FACTS)
def test_each_seed_fact_appears_citing_its_source(
    content: Content, pattern: str, source: str
) -> None:
    assert source in content.sources
    found = [text for text, sources in cited_texts(content)
             if source in sources and re.search(pattern, " ".join(text.split()))]
    assert found, f"no text citing {source} says {pattern!r}"


def test_example_questions_are_open_questions(content: Content) -> None:
    prompts = [prompt for framework in content.frameworks for stage in framework.stages
               for prompt in stage.listening_prompts]
    listening = next(topic for topic in content.guidance if topic.id == "active-listening")
    examples = [item for section in listening.sections for item in section.items]
    assert len(prompts) > 50 and len(examples) >= 9
    not_open = [item.text for item in prompts + examples if not OPEN_QUESTION.match(item.text)]
    assert not_open == []
    # The handbook names open questions but gives none: the examples of them are the site's own.
    # (A stage's prompt that asks what its source asks cites the source, with its words.)
    assert all(item.own for item in examples)
