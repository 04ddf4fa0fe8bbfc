"""A citation shows its source's own words: on hover (the number's title), on a tap or Enter (a
<details> that opens under the text) and on paper (a numbered footnote per citation). A work the
site has not read names the source that reports it. The site's own items are announced once per
list."""

from __future__ import annotations

import re

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.content.model import Content
from mentoring_stages.render import make_environment
from mentoring_stages.render.blocks import BlockRenderer

from tests.support.content import SHIPPED_CONTENT


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content([SHIPPED_CONTENT])


def render(content: Content, kind: str, argument: str | None = None) -> str:
    return BlockRenderer(content, make_environment()).render(
        kind, argument, lambda kind, target="": f"/{kind}/{target}"
    )


def test_each_citation_carries_its_words_on_hover_on_tap_and_in_print(content: Content) -> None:
    html = render(content, "framework", "lawrence")
    summaries = re.findall(
        r'<summary title="([^"]*)">\[(\d+)\]<sup class="ms-note-ref">(\d+)</sup>', html
    )
    assert summaries, "no citation found"
    notes = re.findall(r"<li>\[\d+\] ", html.split('<ol class="ms-notes">')[1])
    # One footnote per citation, numbered in order.
    assert [int(note) for *_, note in summaries] == list(range(1, len(summaries) + 1))
    assert len(notes) == len(summaries)
    title, number, _ = summaries[0]
    assert number == str(content.sources["lawrence-12manage"].number)
    assert "I came up with these three phases" in title
    panel = html.split("</summary>", 1)[1].split("</details>", 1)[0]
    assert panel.startswith('<span class="ms-cite-words">')
    assert "<q>I came up with these three phases</q>" in panel


def test_a_work_not_read_is_cited_as_the_source_that_reports_it(content: Content) -> None:
    html = render(content, "framework", "kram")
    assert "Kram (1985), as cited in ICAS" in html  # the hover text
    assert re.search(r'Kram \(1985\)</a>, as cited in <a href="/source/icas-stages">ICAS \[1\]</a>',
                     html)
    sources = render(content, "sources")
    entry = re.search(r'<li id="source-kram-1985".*?</li>', sources, re.S)
    assert entry and "As cited in" in entry[0] and "A work this site has not read" in entry[0]


def test_the_sites_own_suggestions_are_announced_once_per_list(content: Content) -> None:
    html = render(content, "framework", "kram")
    stage = html.split('id="stage-initiation"')[1].split('id="stage-cultivation"')[0]
    mentor = stage.split('id="stage-initiation-mentor"')[1].split("</ul>")[0]
    assert mentor.count("Our suggestions") == 1  # two items, one banner
    assert "ms-own-mark" not in mentor  # all of them ours: no item needs marking
    mixed = html.split('id="stage-cultivation-mentor"')[1].split("</ul>")[0]
    assert mixed.count("Our suggestions") == 1 and mixed.count('class="ms-own-mark"') == 1


def test_each_framework_says_how_much_weight_its_sources_carry(content: Content) -> None:
    html = render(content, "framework", "lawrence")
    weight = html.split('<ul class="ms-weight">')[1].split("</ul>")[0]
    assert "A forum post." in weight and "the weakest kind of source here" in weight
