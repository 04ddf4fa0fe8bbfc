"""The probability spread over the common timeline."""

from __future__ import annotations

import pytest
from stage_diagnostic.model import Evidence
from stage_diagnostic.timeline import BIN_COUNT, Timeline, position_for


def test_it_starts_uniform() -> None:
    timeline = Timeline()
    assert timeline.bins == pytest.approx([1 / BIN_COUNT] * BIN_COUNT)
    assert timeline.mass(0, 20) == pytest.approx(0.2)
    assert timeline.mean() == pytest.approx(50)


def test_evidence_moves_probability_into_its_span_and_never_empties_a_bin() -> None:
    timeline = Timeline()
    for _ in range(50):
        timeline.weigh(Evidence(0, 10, 3))
    assert timeline.mass(0, 10) > 0.99
    assert min(timeline.bins) > 0
    assert sum(timeline.bins) == pytest.approx(1)


def test_stronger_evidence_moves_more() -> None:
    weak, strong = Timeline(), Timeline()
    weak.weigh(Evidence(20, 40, 1))
    strong.weigh(Evidence(20, 40, 3))
    assert strong.mass(20, 40) > weak.mass(20, 40) > 0.2


def test_a_span_that_cuts_a_bin_counts_in_proportion() -> None:
    timeline = Timeline()
    assert timeline.mass(0, 2.5) == pytest.approx(0.025)
    timeline.weigh(Evidence(0, 2.5, 2))
    assert timeline.bins[0] > timeline.bins[1] == timeline.bins[19]


def test_a_duration_is_a_bump_around_its_position() -> None:
    timeline = Timeline()
    timeline.weigh_duration(50)
    peak = max(range(BIN_COUNT), key=timeline.bins.__getitem__)
    assert peak in (9, 10)
    assert timeline.bins[0] < timeline.bins[5] < timeline.bins[peak]


def test_quantiles_bracket_the_mean() -> None:
    timeline = Timeline()
    timeline.weigh(Evidence(60, 80, 3))
    assert timeline.quantile(0.1) < timeline.mean() < timeline.quantile(0.9)
    assert Timeline().quantile(0.5) == pytest.approx(50)


@pytest.mark.parametrize(
    ("months", "position"), [(-1, 0), (0, 0), (6, 25), (12, 50), (36, 75), (60, 100), (600, 100)]
)
def test_months_map_onto_the_timeline_piecewise_linearly(months: float, position: float) -> None:
    assert position_for(months, ((0, 0), (12, 50), (60, 100))) == pytest.approx(position)
