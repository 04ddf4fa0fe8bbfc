"""The comparison keeps the sources' proportions: the order view places stages by where they come
(early, middle, late, after) with no number that reads as time, and the time view draws the stages
whose sources give lengths to scale, so Kram's initiation (six months to a year) is shorter than
cultivation (two to five years). A stage has the same colour in both."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.content.model import Content
from mentoring_stages.render import make_environment
from mentoring_stages.render.blocks import BlockRenderer
from mentoring_stages.render.timeline import order_rows, time_view

from tests.support.content import SHIPPED_CONTENT


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content([SHIPPED_CONTENT])


def links(kind: str, target: str = "") -> str:
    return f"/{kind}/{target}"


def test_kram_initiation_is_drawn_shorter_than_cultivation_in_the_time_view(
    content: Content,
) -> None:
    view = time_view(content.frameworks)
    assert view is not None
    (lane,) = view.lanes  # only Kram's source gives lengths
    assert lane.framework.id == "kram"
    bars = {bar.stage.id: bar for bar in lane.bars}
    initiation, cultivation = bars["initiation"], bars["cultivation"]
    assert initiation.solid_width < cultivation.solid_width
    assert initiation.solid_width + initiation.pale_width < (
        cultivation.solid_width + cultivation.pale_width
    )
    # To scale: six months against two years, one year against five.
    assert initiation.solid_width / cultivation.solid_width == pytest.approx(6 / 24, rel=0.02)
    assert (initiation.solid_width + initiation.pale_width) / (
        cultivation.solid_width + cultivation.pale_width) == pytest.approx(12 / 60, rel=0.02)
    # Each stage starts where the shortest lengths before it end; redefinition has no end.
    assert cultivation.x == initiation.x + initiation.solid_width
    assert bars["redefinition"].open_end and not cultivation.open_end


def test_the_order_view_places_stages_by_phase_with_the_earlier_on_top(content: Content) -> None:
    rows = {row.framework.id: row for row in order_rows(content.frameworks)}
    kram = [(cell.stage.id, cell.first, cell.last, cell.row) for cell in rows["kram"].cells]
    assert kram == [("initiation", 0, 0, 1), ("cultivation", 1, 1, 1), ("separation", 2, 2, 1),
                    ("redefinition", 3, 3, 1)]
    clutterbuck = {cell.stage.id: (cell.first, cell.row) for cell in rows["clutterbuck"].cells}
    assert clutterbuck["rapport-building"] == (0, 1)
    assert clutterbuck["direction-setting"] == (0, 2)  # same phase, below the earlier stage
    lawrence = {cell.stage.id: (cell.first, cell.last) for cell in rows["lawrence"].cells}
    assert lawrence["maintenance"] == (2, 3)  # no ending of its own: late and after


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.classes: dict[str, list[str]] = {}  # data-stage of framework -> classes

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        stage = attributes.get("data-stage")
        if stage:
            self.classes.setdefault(stage, []).append(attributes.get("class") or "")


def rendered(content: Content, kind: str) -> Text:
    parser = Text()
    parser.feed(BlockRenderer(content, make_environment()).render(kind, None, links))
    return parser


def test_no_number_in_the_order_view_reads_as_time(content: Content) -> None:
    text = " ".join(rendered(content, "comparison-order").parts)
    assert "early" in text and "after the formal relationship" in text
    assert re.findall(r"(?<![A-Za-z])\d+(?![A-Za-z])", text) == []  # "Navig8r" is a name


def test_a_stage_has_the_same_colour_in_both_views(content: Content) -> None:
    order = rendered(content, "comparison-order").classes
    time = rendered(content, "comparison-time").classes
    for stage, phase in (("initiation", "early"), ("cultivation", "middle"),
                         ("separation", "late"), ("redefinition", "after")):
        colours = {re.search(r"ms-phase-\w+", c)[0] for c in order[stage] + time[stage]
                   if re.search(r"ms-phase-\w+", c)}
        assert colours == {f"ms-phase-{phase}"}, stage


def test_the_time_view_lists_each_length_with_its_sources_words(content: Content) -> None:
    html = BlockRenderer(content, make_environment()).render("comparison-time", None, links)
    assert html.count('class="ms-time-solid"') == 3  # redefinition has no length
    assert "defined by Kram as six months to one year in length" in html
    assert "This stage lasts approximately between two and five years" in html
