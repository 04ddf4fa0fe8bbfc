"""diagnose(): the result's shape, what moves it, flags, and bad input."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stage_diagnostic import InputError, Model, diagnose, load_model

from .helpers import compiled_model_data, fixture_model_data

RESULT_KEYS = ["frameworks", "timeline", "position", "reasons", "next_steps", "flags", "health"]
FRAMEWORK_KEYS = [
    "name",
    "stage",
    "stage_name",
    "probabilities",
    "confidence",
    "confidence_label",
    "between",
]


def assert_valid(result: dict[str, Any], model: Model) -> None:
    """The invariants every result keeps, whatever went in."""
    assert list(result) == RESULT_KEYS
    assert list(result["frameworks"]) == [framework.id for framework in model.frameworks]
    for framework in model.frameworks:
        found = result["frameworks"][framework.id]
        assert list(found) == FRAMEWORK_KEYS
        assert list(found["probabilities"]) == [stage.id for stage in framework.stages]
        # Exactly 1 in whole units of the fourth decimal: floats cannot promise more.
        assert sum(round(p * 10_000) for p in found["probabilities"].values()) == 10_000
        assert found["stage"] == max(found["probabilities"], key=found["probabilities"].get)
        assert 0 <= found["confidence"] <= 1
        assert found["stage_name"] == framework.stage(found["stage"]).name
    assert sum(round(p * 10_000) for p in result["timeline"]) == 10_000
    assert result["health"] in ("ok", "attention")
    json.dumps(result, allow_nan=False)


def test_no_evidence_leaves_the_timeline_uniform(fixture_model: Model) -> None:
    result = diagnose(fixture_model)
    assert_valid(result, fixture_model)
    assert result["frameworks"]["alpha"]["probabilities"] == {
        "start": 0.2,
        "middle": 0.5,
        "end": 0.3,
    }
    assert result["reasons"] == [] and result["flags"] == [] and result["health"] == "ok"


def test_an_answer_points_where_its_evidence_points(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"goals": "none"})
    assert_valid(result, fixture_model)
    assert result["frameworks"]["alpha"]["stage"] == "start"
    assert result["frameworks"]["beta"]["stage"] == "early"
    assert result["reasons"] == [
        {"kind": "answer", "source": "goals", "text": "No goals yet.", "points_to": [[0, 20]]}
    ]
    assert result["next_steps"]["alpha"] == {
        "mentor": ["Listen"],
        "mentee": ["Say what you hope for"],
        "listening_prompts": ["What brings you here?"],
    }


def test_each_consistent_answer_sharpens_the_result(fixture_model: Model) -> None:
    one = diagnose(fixture_model, {"goals": "working"})
    two = diagnose(fixture_model, {"goals": "working", "feel": "stuck"})
    width = [r["position"]["high"] - r["position"]["low"] for r in (one, two)]
    assert width[1] < width[0]
    assert two["frameworks"]["alpha"]["confidence"] > one["frameworks"]["alpha"]["confidence"]


def test_time_together_counts_through_the_duration_scale(fixture_model: Model) -> None:
    early = diagnose(fixture_model, {"time": "weeks"})
    late = diagnose(fixture_model, {"time": "years"})
    assert early["position"]["mean"] < 50 < late["position"]["mean"]
    assert (
        early["frameworks"]["beta"]["stage"] == "early"
        and late["frameworks"]["beta"]["stage"] == "late"
    )
    assert early["reasons"][0]["points_to"] == [[0, 14.1]]  # the bump around position 2.1


def test_a_description_gives_phrase_and_duration_reasons(fixture_model: Model) -> None:
    result = diagnose(
        fixture_model, text="Our formal mentoring ended. We'd worked together for four years."
    )
    assert_valid(result, fixture_model)
    assert result["frameworks"]["alpha"]["stage"] == "end"
    kinds = [(reason["kind"], reason["source"]) for reason in result["reasons"]]
    assert kinds == [("phrase", "mentoring ended"), ("duration", "four years")]


def test_a_negated_phrase_uses_the_negated_evidence(fixture_model: Model) -> None:
    plain = diagnose(fixture_model, text="We agreed goals.")
    negated = diagnose(fixture_model, text="We haven't agreed goals yet.")
    assert plain["frameworks"]["alpha"]["stage"] == "middle"
    assert negated["frameworks"]["alpha"]["stage"] == "start"
    assert negated["reasons"][0]["source"] == "haven't agreed goals"
    assert negated["reasons"][0]["points_to"] == [[0, 20]]


def test_a_negated_phrase_without_negated_evidence_is_ignored(fixture_model: Model) -> None:
    result = diagnose(fixture_model, text="We have not just met.")
    assert result["reasons"] == []


def test_answers_and_text_combine(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"goals": "working"}, "We agreed goals.")
    assert [reason["kind"] for reason in result["reasons"]] == ["answer", "phrase"]


def test_health_flags_are_separate_from_the_stage(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"feel": "stuck"})
    assert result["frameworks"]["alpha"]["stage"] == "middle"
    assert result["flags"] == [
        {
            "id": "stalled",
            "kind": "health",
            "title": "Stalled",
            "advice": "Talk about it.",
            "framework": None,
        }
    ]
    assert result["health"] == "attention"
    by_phrase = diagnose(fixture_model, text="It is going nowhere.")
    assert [flag["id"] for flag in by_phrase["flags"]] == ["stalled"]


def test_a_framework_specific_flag_names_its_framework(fixture_model: Model) -> None:
    flags = diagnose(fixture_model, {"feel": "dropped"})["flags"]
    assert [(flag["id"], flag["framework"]) for flag in flags] == [("too-early", "alpha")]


def test_a_move_back_reports_each_frameworks_own_account(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"goals": "new"})
    assert result["frameworks"]["alpha"]["stage"] == "start"
    assert result["flags"] == [
        {
            "id": "move-back",
            "kind": "move-back",
            "title": "Moving back",
            "advice": "That is normal.",
            "framework": None,
        },
        {
            "id": "move-back:alpha",
            "kind": "move-back",
            "title": "Middle \u2192 Start",
            "advice": "New goals send pairs back to the start.",
            "framework": "alpha",
        },
    ]
    assert result["health"] == "ok"  # going back a stage is normal, not a health problem


def test_a_close_call_is_reported_as_between_two_stages(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"goals": "working", "feel": "over"})["frameworks"]["alpha"]
    assert result["between"] == ["middle", "end"]
    assert result["confidence_label"] == "between Middle and End"


def test_a_clear_answer_is_sure(fixture_model: Model) -> None:
    result = diagnose(fixture_model, {"goals": "none", "time": "weeks"})["frameworks"]["alpha"]
    assert result["between"] is None
    assert result["confidence_label"] == "sure" and result["confidence"] >= 0.7


def test_a_framework_added_to_the_model_is_diagnosed_without_code_changes() -> None:
    data = fixture_model_data()
    data["frameworks"].append(
        {
            "id": "gamma",
            "name": "Gamma",
            "moves_back": [],
            "stages": [
                {
                    "id": f"g{i}",
                    "name": f"G{i}",
                    "span": [i * 25, i * 25 + 25],
                    "mentor_does": [f"mentor {i}"],
                    "mentee_does": [],
                    "listening_prompts": [],
                }
                for i in range(4)
            ],
        }
    )
    model = load_model(data)
    result = diagnose(model, {"goals": "none"})
    assert_valid(result, model)
    assert result["frameworks"]["gamma"]["stage"] == "g0"
    assert result["next_steps"]["gamma"]["mentor"] == ["mentor 0"]


@pytest.mark.parametrize(
    ("answers", "text", "message"),
    [
        ({"colour": "blue"}, None, "unknown question 'colour'"),
        (
            {"goals": "maybe"},
            None,
            "question 'goals' has no option 'maybe'; choose one of: none, working, new",
        ),
        ({"goals": 2}, None, "should be an option id"),
        ({3: "none"}, None, "unknown question 3"),
        (["goals"], None, "answers should be a mapping"),
        (None, "", "the description is empty"),
        (None, " \n\t ", "the description is empty"),
        ({}, "   ", "the description is empty"),
        (None, 42, "the description should be text"),
        (None, "x" * 10_001, "keep it under 10000"),
    ],
)
def test_bad_input_says_what_to_fix(
    fixture_model: Model, answers: Any, text: Any, message: str
) -> None:
    with pytest.raises(InputError) as error:
        diagnose(fixture_model, answers, text)
    assert message in str(error.value)


def test_an_empty_description_is_fine_next_to_answers(fixture_model: Model) -> None:
    assert (
        diagnose(fixture_model, {"goals": "none"}, "  ")["frameworks"]["alpha"]["stage"] == "start"
    )


def test_the_model_must_be_loaded(fixture_data: dict[str, Any]) -> None:
    with pytest.raises(InputError, match="load_model"):
        diagnose(fixture_data, {"goals": "none"})  # type: ignore[arg-type]


def test_the_caller_cannot_change_the_next_result_by_editing_this_one(fixture_model: Model) -> None:
    first = diagnose(fixture_model, {"goals": "none"})
    expected = copy.deepcopy(first)
    first["next_steps"]["alpha"]["mentor"].append("scribbled")
    assert diagnose(fixture_model, {"goals": "none"}) == expected


# -- properties, over the real model -----------------------------------------------------------

REAL = load_model(compiled_model_data())
QUESTION_IDS = [question.id for question in REAL.questions]
OPTION_IDS = sorted({option.id for question in REAL.questions for option in question.options})
PHRASES = sorted({phrase for signal in REAL.signals for phrase in signal.phrases})

valid_answers = st.fixed_dictionaries(
    {},
    optional={
        question.id: st.sampled_from([option.id for option in question.options])
        for question in REAL.questions
    },
)
any_answers = st.dictionaries(
    st.sampled_from([*QUESTION_IDS, "nope"]), st.sampled_from([*OPTION_IDS, "nope"]), max_size=6
)
# Text made of the model's own phrases, negations and time words, plus arbitrary characters.
words = st.sampled_from(
    [
        *PHRASES,
        "not",
        "never",
        "no longer",
        "haven't",
        "two years",
        "3 weeks ago",
        "every month",
        ".",
        ",",
        "but",
    ]
)
texts = st.one_of(st.text(max_size=300), st.lists(words, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(answers=st.one_of(st.none(), any_answers), text=st.one_of(st.none(), texts))
def test_any_input_gives_a_valid_result_or_an_input_error(answers: Any, text: Any) -> None:
    try:
        result = diagnose(REAL, answers, text)
    except InputError:
        return
    assert_valid(result, REAL)


@settings(max_examples=150, deadline=None)
@given(answers=valid_answers, text=texts)
def test_valid_answers_never_fail_and_the_same_input_gives_the_same_output(
    answers: dict[str, str], text: str
) -> None:
    # A blank description is no description (with no answers either, it is an input error).
    description = text if text.strip() else None
    result = diagnose(REAL, answers, description)
    assert_valid(result, REAL)
    assert json.dumps(diagnose(REAL, dict(answers), description)) == json.dumps(result)
