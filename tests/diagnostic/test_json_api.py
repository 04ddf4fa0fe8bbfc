"""use_model() once, then diagnose_json(): the browser worker's entry points never raise."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stage_diagnostic import diagnose, diagnose_json, load_model, use_model

from .helpers import fixture_model_data

MODEL_JSON = json.dumps(fixture_model_data())


@pytest.fixture(autouse=True)
def model_in_use() -> Iterator[None]:
    assert use_model(MODEL_JSON) == ""
    yield


def call(request: Any) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(
        diagnose_json(request if isinstance(request, str) else json.dumps(request))
    )
    return answer


def test_it_returns_what_diagnose_returns() -> None:
    expected = diagnose(load_model(MODEL_JSON), {"goals": "none"}, "We just met.")
    assert call({"answers": {"goals": "none"}, "text": "We just met."}) == expected


def test_today_dates_phrases_like_since_march() -> None:
    model = load_model(MODEL_JSON)
    text = "We have met since March."
    expected = diagnose(model, None, text, date(2026, 5, 1))
    assert call({"text": text, "today": "2026-05-01"}) == expected
    assert expected["answers"] == {"time": "weeks"}
    assert call({"text": text, "today": "2026-12-01"})["answers"] == {"time": "months"}


def test_the_request_names_the_headlines_framework() -> None:
    answers = {"goals": "none", "time": "weeks"}
    assert call({"answers": answers})["headline"]["framework"] == "alpha"
    result = call({"answers": answers, "framework": "beta"})
    assert result["headline"] == {"framework": "beta", "stage": "early",
                                  "level": result["frameworks"]["beta"]["level"]}
    partner = call({"answers": answers, "framework": "beta", "partner": {"answers": answers}})
    assert partner["comparison"]["partner"]["headline"]["framework"] == "beta"


IDS = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")  # ids, and the keys ("next_steps")
QUOTED = {"quote"}  # the visitor's own words, the only text a result carries


def strings_outside_quotes(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield name
            yield from strings_outside_quotes(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from strings_outside_quotes(item, key)
    elif isinstance(value, str) and key not in QUOTED:
        yield value


@pytest.mark.parametrize(
    "request_body",
    [
        {"answers": {"goals": "new", "time": "weeks", "feel": "stuck"}},
        {"text": "We just met. It is going nowhere and she dropped me.", "framework": "beta"},
        {"answers": {"feel": "dropped", "time": "years"}, "partner": {"text": "We just met."}},
    ],
)
def test_a_result_holds_ids_numbers_and_quotes_never_english(
    request_body: dict[str, Any],
) -> None:
    result = call(request_body)
    assert "error" not in result
    words = [text for text in strings_outside_quotes(result) if not IDS.match(text)]
    assert words == []


def test_a_partner_adds_the_comparison() -> None:
    result = call(
        {"answers": {"goals": "none"}, "partner": {"text": "Our formal mentoring ended."}}
    )
    assert result["frameworks"]["alpha"]["stage"] == "start"
    assert result["comparison"]["agree"] is False
    assert result["comparison"]["partner"]["frameworks"]["alpha"]["stage"] == "end"


@pytest.mark.parametrize(
    "request_json",
    [
        '{"answers": {"colour": "red"}}',
        "not json",
        "[]",
        "{}",  # nothing to go on
        '{"answers": {}}',
        '{"text": " "}',
        '{"answers": {}, "mood": "sunny"}',
        '{"partner": []}',
        '{"answers": {"goals": "none"}, "partner": {"text": ""}}',
        '{"text": "x", "today": "yesterday"}',
        '{"text": "x", "today": 5}',
        '{"text": "x", "framework": 5}',
        '{"text": "x", "framework": "gamma"}',
    ],
)
def test_input_problems_come_back_as_input_errors(request_json: str) -> None:
    error = call(request_json)["error"]
    assert error["kind"] == "input" and error["message"], request_json


def test_a_bad_model_is_refused_and_the_last_good_one_kept() -> None:
    for bad in ("{}", "nonsense", None):
        problem = json.loads(use_model(bad))  # type: ignore[arg-type]
        assert problem["error"]["kind"] == "model"
    assert "frameworks" in call({"answers": {"goals": "none"}})


@settings(max_examples=200, deadline=None)
@given(
    request=st.one_of(
        st.text(max_size=200),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(
                        ["answers", "text", "partner", "today", "framework", "goals", "x"]
                    ),
                    inner,
                    max_size=3,
                )
            ),
            max_leaves=8,
        ).map(json.dumps),
    ),
)
def test_it_never_raises(request: str) -> None:
    use_model(MODEL_JSON)
    answer = json.loads(diagnose_json(request))
    assert ("error" in answer and answer["error"]["kind"] == "input") or "frameworks" in answer


def test_a_request_that_is_not_text_is_reported_not_raised() -> None:
    assert json.loads(diagnose_json(None))["error"]["kind"] == "input"  # type: ignore[arg-type]
