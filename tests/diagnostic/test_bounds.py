"""The timeline's rules, owned by the engine's bounds.py and used by the content loader too."""

from __future__ import annotations

import pytest
from stage_diagnostic.bounds import CoverBreak, cover_breaks, on_timeline


@pytest.mark.parametrize(("start", "end", "inside"), [
    (0, 100, True), (20, 21, True), (0, 0, False), (30, 20, False), (-1, 10, False),
    (90, 100.5, False),
])
def test_a_span_lies_on_the_timeline_in_order(start: float, end: float, inside: bool) -> None:
    assert on_timeline(start, end) is inside


def test_stages_that_cover_the_timeline_in_order_break_nothing() -> None:
    assert cover_breaks([(0, 20), (20, 70), (70, 100)]) == []


def test_every_gap_overlap_and_early_end_is_found_with_where_it_was_due() -> None:
    assert cover_breaks([(5, 20), (15, 60), (70, 90)]) == [
        CoverBreak(0, 5, 0),  # a gap before the first
        CoverBreak(1, 15, 20),  # an overlap
        CoverBreak(2, 70, 60),  # a gap
        CoverBreak(3, 90, 100),  # the last ends early
    ]
