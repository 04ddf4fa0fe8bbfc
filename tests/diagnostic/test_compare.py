"""compare(): where the mentor's and the mentee's views differ."""

from __future__ import annotations

from typing import Any

import pytest
from stage_diagnostic import InputError, Model, compare, diagnose


def test_the_same_view_agrees(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"goals": "none"})
    assert compare(result, result) == {"agree": True, "disagreements": [], "suggestion": None}


def test_views_a_stage_or_more_apart_are_listed_with_a_suggestion(fixture_model: Model) -> None:
    mentor = diagnose(fixture_model, {"goals": "none"})
    mentee = diagnose(fixture_model, {"feel": "over", "time": "years"})
    comparison = compare(mentor, mentee)
    assert comparison["agree"] is False
    assert comparison["disagreements"] == [
        {
            "framework": "alpha",
            "name": "Alpha phases",
            "a": {"stage": "start", "stage_name": "Start"},
            "b": {"stage": "end", "stage_name": "End"},
            "stages_apart": 2,
        },
        {
            "framework": "beta",
            "name": "Beta halves",
            "a": {"stage": "early", "stage_name": "Early"},
            "b": {"stage": "late", "stage_name": "Late"},
            "stages_apart": 1,
        },
    ]
    assert "talk it through" in comparison["suggestion"].lower()


@pytest.mark.parametrize(
    "broken",
    [
        None,
        {},
        {"frameworks": []},
        {"frameworks": {"x": {"stage": "a"}}},
        {
            "frameworks": {
                "x": {"stage": "a", "probabilities": {"b": 1}, "name": "X", "stage_name": "A"}
            }
        },
    ],
)
def test_something_that_is_not_a_result_is_refused(fixture_model: Model, broken: Any) -> None:
    with pytest.raises(InputError, match="result b is not a diagnose"):
        compare(diagnose(fixture_model), broken)
