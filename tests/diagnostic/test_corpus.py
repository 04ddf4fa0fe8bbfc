"""The tuning corpus as regression cases: accuracy floors, not one assertion per case.

The held-out corpus is only ever read by bench/diagnostic.py, which reports its figures.
"""

from __future__ import annotations

from typing import Any

import pytest
from stage_diagnostic import Model, diagnose
from stage_diagnostic.text import has_content_word, is_phrase

from .helpers import CORPUS_TODAY, corpus

FLOORS = {"clutterbuck": 0.9, "kram": 0.92}


@pytest.fixture(scope="module")
def results(real_model: Model) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        (case, diagnose(real_model, case.get("answers"), case.get("text"), CORPUS_TODAY))
        for case in corpus("tuning")
    ]


@pytest.mark.parametrize("framework", sorted(FLOORS))
def test_tuning_accuracy_stays_above_its_floor(
    results: list[tuple[dict[str, Any], dict[str, Any]]], framework: str
) -> None:
    misses = [
        f"{case['id']}: expected {case['expect'][framework]}, got "
        f"{result['frameworks'][framework]['stage']}"
        for case, result in results
        if result["frameworks"][framework]["stage"] != case["expect"][framework]
    ]
    accuracy = 1 - len(misses) / len(results)
    assert accuracy >= FLOORS[framework], "\n".join(misses)


def test_cases_with_no_sign_of_a_stage_get_none(
    results: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    no_sign = [(case, result) for case, result in results if case["expect"]["clutterbuck"] is None]
    assert len(no_sign) >= 30
    told = [case["id"] for case, result in no_sign if result["level"] != "none"]
    # Four tuning cases still get a stage from one phrase about the programme or someone's
    # career ("My mentor got promoted to director last month.").
    assert len(told) / len(no_sign) <= 0.13, told


def test_high_is_right_at_least_95_percent_of_the_time(
    results: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    high = [
        found["stage"] == case["expect"][framework]
        for case, result in results
        for framework in FLOORS
        if (found := result["frameworks"][framework])["level"] == "high"
    ]
    assert len(high) >= 50 and sum(high) / len(high) >= 0.95


def test_no_answer_is_two_or_more_stages_off_in_clutterbuck(
    real_model: Model, results: list[tuple[dict[str, Any], dict[str, Any]]]
) -> None:
    clutterbuck = next(f for f in real_model.frameworks if f.id == "clutterbuck")
    order = [stage.id for stage in clutterbuck.stages]
    far = [
        case["id"]
        for case, result in results
        if case["expect"]["clutterbuck"] is not None
        and (stage := result["frameworks"]["clutterbuck"]["stage"]) is not None
        and abs(order.index(stage) - order.index(case["expect"]["clutterbuck"])) >= 2
    ]
    assert len(far) <= 2, far


def test_every_quote_shown_is_a_phrase(
    results: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    """Evidence and the wording's quotes alike: a reason a person recognises, never "yet"."""
    quotes = [item["quote"] for _, r in results for item in r["evidence"] if item["quote"]]
    worded = [q["quote"] for _, r in results if r["wording"] for q in r["wording"]["quotes"]]
    assert len(quotes) > 1000 and len(worded) > 500
    assert [quote for quote in quotes + worded if not is_phrase(quote)] == []
    assert [quote for quote in worded if not has_content_word(quote)] == []


def test_every_phrase_in_the_model_can_be_quoted(real_model: Model) -> None:
    phrases = [p.text for q in real_model.questions for o in q.options for p in o.phrases]
    assert [phrase for phrase in phrases if not is_phrase(phrase)] == []


def test_one_relationship_one_place(
    real_model: Model, results: list[tuple[dict[str, Any], dict[str, Any]]]
) -> None:
    """Every framework's stage shares some of the timeline with the headline's, unless it is
    marked apart (its own durations put it elsewhere, and the page says so)."""
    frameworks = {framework.id: framework for framework in real_model.frameworks}
    elsewhere, apart = [], 0
    for case, result in results:
        headline = result["headline"]
        if headline is None:
            continue
        place = frameworks[headline["framework"]].stage(headline["stage"])
        for framework_id, found in result["frameworks"].items():
            if found["stage"] is None:
                continue
            stage = frameworks[framework_id].stage(found["stage"])
            if found["apart"] is not None:
                apart += 1
                assert frameworks[framework_id].has_months
            elif min(stage.end, place.end) <= max(stage.start, place.start):
                elsewhere.append((case["id"], framework_id, stage.id, place.id))
    assert elsewhere == [] and apart > 10
