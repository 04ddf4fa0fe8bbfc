"""The toolkit is one a programme can be run with: the programme manager's guide follows the six
practice areas of MENTOR's Elements of Effective Practice, its mid-point check-in is generated from
the diagnostic's own questions (never copied), the difficult-situations guide covers what goes wrong
in a pair, and the glossary has at least 25 terms."""

from __future__ import annotations

import re
from pathlib import Path

from mentoring_stages.content import load_content
from mentoring_stages.render import make_environment
from mentoring_stages.render.blocks import BlockRenderer

from tests.support.content import SHIPPED_CONTENT

ROOT = Path(__file__).resolve().parents[2]
TOOLKIT = ROOT / "docs" / "toolkit"


def headings(page: Path, level: str = "##") -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [line.removeprefix(level + " ") for line in text.splitlines()
            if line.startswith(level + " ")]


def test_the_programme_managers_guide_covers_the_six_practice_areas_in_order() -> None:
    found = headings(TOOLKIT / "programme-managers.md")
    areas = ["recruitment", "screening", "training", "matching and initiating",
             "monitoring and support", "closure"]
    assert [re.sub(r"^\d+\. ", "", heading).lower() for heading in found] == areas
    assert "#source-mentor-elements" in (TOOLKIT / "programme-managers.md").read_text()


def test_the_check_in_survey_is_generated_from_the_diagnostics_questions() -> None:
    content = load_content([SHIPPED_CONTENT])
    assert content.diagnostic is not None
    page = (TOOLKIT / "check-in.md").read_text(encoding="utf-8")
    assert "::: mentoring-stages check-in" in page
    html = BlockRenderer(content, make_environment()).render("check-in", None, lambda *_: "#")
    for question in content.diagnostic.questions:
        assert question.text not in page  # generated, not copied
        assert question.text.replace("'", "&#39;") in html
        for option in question.options:
            assert f"☐ {option.label}".replace("'", "&#39;") in html


def test_the_difficult_situations_guide_covers_what_goes_wrong_in_a_pair() -> None:
    assert headings(TOOLKIT / "difficult-situations.md") == [
        "Boundaries", "Dependency", "Conflict", "Differences of power and background",
        "When to involve the programme manager",
    ]


def test_the_glossary_has_at_least_25_terms() -> None:
    terms = load_content([SHIPPED_CONTENT]).glossary
    assert len(terms) >= 25
    assert len({term.term.lower() for term in terms}) == len(terms)
