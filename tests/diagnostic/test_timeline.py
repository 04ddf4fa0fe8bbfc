"""The probability spread over the common timeline."""

from __future__ import annotations

import pytest
from stage_diagnostic import timeline as tl
from stage_diagnostic.model import Evidence, Model


def test_the_prior_makes_every_frameworks_stages_equally_likely() -> None:
    prior = tl.stage_prior([[(0, 20), (20, 100)]])
    assert tl.mass(prior, 0, 20) == pytest.approx(0.5)
    assert tl.mass(prior, 20, 100) == pytest.approx(0.5)
    both = tl.stage_prior([[(0, 20), (20, 100)], [(0, 50), (50, 100)]])
    assert tl.mass(both, 0, 20) == pytest.approx((0.5 + 0.2) / 2)


def test_evidence_moves_probability_into_its_span_and_never_empties_a_bin() -> None:
    bins = tl.uniform()
    for _ in range(50):
        bins = tl.multiply(bins, tl.factors([Evidence(0, 10, 3)]))
    assert tl.mass(bins, 0, 10) > 0.99 and min(bins) > 0


def test_a_span_that_cuts_a_bin_counts_in_proportion() -> None:
    bins = tl.uniform()
    assert tl.mass(bins, 0, 2.5) == pytest.approx(0.025)
    running = tl.running_sums(bins)
    assert tl.cumulative(running, 2.5) == pytest.approx(0.025)
    assert tl.cumulative(running, 100) == pytest.approx(1)


def test_quantiles_bracket_the_mean() -> None:
    bins = tl.multiply(tl.uniform(), tl.factors([Evidence(20, 40, 2)]))
    assert tl.quantile(bins, 0.1) < tl.mean(bins) < tl.quantile(bins, 0.9)


@pytest.mark.parametrize(("months", "position"), [(0, 0), (6, 25), (12, 50), (36, 75), (99, 100)])
def test_months_map_onto_the_timeline_piecewise_linearly(months: float, position: float) -> None:
    assert tl.position_for(months, [(0, 0), (12, 50), (60, 100)]) == pytest.approx(position)


def test_each_answer_favours_the_bins_its_option_points_at(fixture_model: Model) -> None:
    likelihoods = fixture_model.likelihoods["goals"]
    none, working = likelihoods["none"], likelihoods["working"]
    assert none[0] > none[10] and working[10] > working[0]
    assert set(likelihoods) == {"none", "working", "new"}
