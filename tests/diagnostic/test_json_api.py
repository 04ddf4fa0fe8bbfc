"""diagnose_json(): the browser worker's entry point never raises."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from stage_diagnostic import diagnose, diagnose_json, load_model
from stage_diagnostic.json_api import _cached_model

from .helpers import fixture_model_data

MODEL_JSON = json.dumps(fixture_model_data())


def call(request: Any, model_json: str = MODEL_JSON) -> dict[str, Any]:
    return json.loads(
        diagnose_json(model_json, request if isinstance(request, str) else json.dumps(request))
    )


def test_it_returns_what_diagnose_returns() -> None:
    expected = diagnose(load_model(MODEL_JSON), {"goals": "none"}, "We just met.")
    assert call({"answers": {"goals": "none"}, "text": "We just met."}) == expected


def test_a_partner_adds_the_comparison() -> None:
    result = call(
        {"answers": {"goals": "none"}, "partner": {"text": "Our formal mentoring ended."}}
    )
    assert result["frameworks"]["alpha"]["stage"] == "start"
    assert result["comparison"]["agree"] is False
    assert [d["framework"] for d in result["comparison"]["disagreements"]] == ["alpha", "beta"]


def test_input_problems_come_back_as_input_errors() -> None:
    for request in [
        '{"answers": {"colour": "red"}}',
        "not json",
        "[]",
        '{"text": " "}',
        '{"answers": {}, "mood": "sunny"}',
        '{"partner": []}',
        '{"partner": {"text": ""}}',
    ]:
        error = call(request)["error"]
        assert error["kind"] == "input" and error["message"], request


def test_model_problems_come_back_as_model_errors() -> None:
    assert call({}, model_json="{}")["error"]["kind"] == "model"
    assert call({}, model_json="nonsense")["error"]["kind"] == "model"


def test_the_model_is_parsed_once_for_repeated_calls() -> None:
    model_json = json.dumps(fixture_model_data(), indent=1)  # a text no other test has cached
    before = _cached_model.cache_info()
    for _ in range(3):
        call({"answers": {"goals": "none"}}, model_json=model_json)
    after = _cached_model.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits == 2


@settings(max_examples=200, deadline=None)
@given(
    model_json=st.one_of(st.just(MODEL_JSON), st.text(max_size=50)),
    request=st.one_of(
        st.text(max_size=200),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["answers", "text", "partner", "goals", "x"]), inner, max_size=3
                )
            ),
            max_leaves=8,
        ).map(json.dumps),
    ),
)
def test_it_never_raises(model_json: str, request: str) -> None:
    answer = json.loads(diagnose_json(model_json, request))
    assert (
        "error" in answer and answer["error"]["kind"] in ("input", "model")
    ) or "frameworks" in answer


def test_arguments_that_are_not_text_are_reported_not_raised() -> None:
    assert json.loads(diagnose_json(None, "{}"))["error"]["kind"] == "model"  # type: ignore[arg-type]
    assert json.loads(diagnose_json(MODEL_JSON, None))["error"]["kind"] == "input"  # type: ignore[arg-type]
