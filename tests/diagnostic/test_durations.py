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


def test_an_ending_told_by_an_answer_may_come_before_its_months(real_model: Model) -> None:
    """Kram says separation may come early: a scheme ending after four months is more likely in
    separation than in the initiation its months alone would give."""
    answers = {"time-together": "three-to-six-months", "formal-arrangement": "ending-soon"}
    probabilities = diagnose(real_model, answers)["frameworks"]["kram"]["probabilities"]
    assert probabilities["separation"] > 0.5


def test_without_an_answer_besides_the_time_the_months_keep_their_weight(
    real_model: Model,
) -> None:
    """The wording alone (no answer besides the time) is too faint to pull a stage early: the
    same evidence told by no answer leaves the separation less likely."""
    from datetime import date

    from stage_diagnostic.engine import _posterior, _used, stage_probabilities

    answers = {"time-together": "three-to-six-months", "formal-arrangement": "ending-soon"}
    used = _used(real_model, answers, None, date(2026, 12, 1))
    bins, without_time, _ = _posterior(real_model, used)
    kram = next(f for f in real_model.frameworks if f.id == "kram")
    time_answer = next(u.option for u in used if u.option.months is not None)
    separation = [s.id for s in kram.stages].index("separation")
    told = stage_probabilities(kram, bins, without_time, time_answer, True)
    untold = stage_probabilities(kram, bins, without_time, time_answer, False)
    assert untold[separation] < 0.5 < told[separation]
