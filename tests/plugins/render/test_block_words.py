"""The blocks the German-site build does not show (the check-in form lives on a toolkit page a site
writes itself) still take their fixed words from the site's language: rendered with German words,
no English label is left in them, and the time view's units are German."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.content.model import Content
from mentoring_stages.language import load_words
from mentoring_stages.render import make_environment
from mentoring_stages.render.blocks import BlockRenderer

from tests.support.content import SHIPPED_CONTENT


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content([SHIPPED_CONTENT])


def links(kind: str, target: str = "") -> str:
    return f"/{kind}/{target}"


def render(content: Content, kind: str, language: str) -> str:
    environment = make_environment(words=load_words(language))
    return BlockRenderer(content, environment).render(kind, None, links)


class Pieces(HTMLParser):
    """Each run of text and each label attribute, cut at the form's tick boxes: a fixed label
    is one whole piece, which a word of the content inside a longer text is not."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.pieces: set[str] = set()
        self.feed(html)

    def handle_data(self, data: str) -> None:
        self.pieces |= {" ".join(piece.split()) for piece in data.split("☐")} - {""}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pieces |= {value for name, value in attrs if name in ("title", "aria-label") and value}


@pytest.mark.parametrize("kind", ["check-in", "comparison-time", "comparison-order"])
def test_a_block_in_german_keeps_no_english_label(content: Content, kind: str) -> None:
    english, german = load_words("en")["labels"], load_words("de")["labels"]
    english_pieces = Pieces(render(content, kind, "en")).pieces
    german_pieces = Pieces(render(content, kind, "de")).pieces
    shown = [key for key, text in english.items() if " ".join(text.split()) in english_pieces]
    assert len(shown) >= 3, "the block shows its labels"
    for key in shown:
        assert " ".join(german[key].split()) in german_pieces, key
        assert " ".join(english[key].split()) not in german_pieces, key


def test_the_time_views_lengths_are_in_the_sites_language(content: Content) -> None:
    english = render(content, "comparison-time", "en")
    german = render(content, "comparison-time", "de")
    assert "6 months to 1 year" in english and "2 years to 5 years" in english
    assert "6 Monate bis 1 Jahr" in german and "2 Jahre bis 5 Jahre" in german
