"""Time together alone agrees with every framework's stated durations (issue 15)."""

from __future__ import annotations

import pytest
from stage_diagnostic import Model, diagnose


def test_every_time_answer_against_every_frameworks_stated_durations(real_model: Model) -> None:
    time = real_model.time_question
    assert time is not None
    timed = [framework for framework in real_model.frameworks if framework.has_months]
    assert [framework.id for framework in timed] == ["kram"]
    for option in time.options:
        assert option.months is not None
        result = diagnose(real_model, {time.id: option.id})
        for framework in timed:
            stage = framework.stage(result["frameworks"][framework.id]["stage"])
            assert stage.months is not None, f"{framework.id}/{stage.id} has no stated months"
            assert stage.months.overlap(option.months) > 0, (
                f"{option.id} ({option.months}) gives {framework.id}/{stage.id}, whose source "
                f"places it at {stage.months}"
            )


@pytest.mark.parametrize(
    ("option", "stage"),
    [
        ("under-a-month", "initiation"),
        ("three-to-six-months", "initiation"),
        ("six-to-twelve-months", "initiation"),  # ICAS: initiation lasts six months to a year
        ("one-to-two-years", "cultivation"),
        ("two-to-five-years", "cultivation"),  # ICAS: cultivation lasts two to five years
    ],
)
def test_kram_by_time_alone(real_model: Model, option: str, stage: str) -> None:
    result = diagnose(real_model, {"time-together": option})
    assert result["frameworks"]["kram"]["stage"] == stage


def test_what_the_pair_does_can_still_outweigh_the_clock(real_model: Model) -> None:
    """A twelve-month scheme that is ending with its goals met is in separation (the corpus'
    labelling rule: content governs over duration for the ending)."""
    result = diagnose(
        real_model,
        {
            "time-together": "six-to-twelve-months",
            "goals": "all-met",
            "formal-arrangement": "ending-soon",
            "mentor-needed": "hardly",
        },
    )
    assert result["frameworks"]["kram"]["stage"] == "separation"
