"""compare(): where the mentor's and the mentee's views differ, as data."""

from __future__ import annotations

from stage_diagnostic import Model, compare, diagnose


def test_the_same_view_agrees(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"goals": "none", "time": "weeks"})
    comparison = compare(result, result)
    assert comparison["agree"] is True and comparison["differences"] == []


def test_views_a_stage_or_more_apart_are_listed(fixture_model: Model) -> None:
    mentor = diagnose(fixture_model, {"goals": "none", "time": "weeks"})
    mentee = diagnose(fixture_model, {"feel": "over", "time": "years"})
    comparison = compare(mentor, mentee)
    assert comparison["agree"] is False
    assert comparison["differences"] == [
        {"framework": "alpha", "a": "start", "b": "end", "stages_apart": 2},
        {"framework": "beta", "a": "early", "b": "late", "stages_apart": 1},
    ]
    assert comparison["partner"] is mentee


def test_a_view_that_cannot_tell_neither_agrees_nor_differs(fixture_model: Model) -> None:
    told = diagnose(fixture_model, {"goals": "none", "time": "weeks"})
    untold = diagnose(fixture_model, {"feel": "fine"})
    comparison = compare(told, untold)
    assert comparison["agree"] is False and comparison["differences"] == []
