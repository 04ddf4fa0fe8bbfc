"""The wording model: features, fitting, reading a description, and how the engine uses it."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
import yaml
from mentoring_stages.diagnostic_model import WORDING_KINDS
from stage_diagnostic import ModelError, diagnose, load_model
from stage_diagnostic.engine import WORDING_ALONE
from stage_diagnostic.text import Description
from stage_diagnostic.wording import MIN_DOCUMENTS, features, fit, impression

from .helpers import CORPUS, REPO

TODAY = date(2026, 12, 1)
EARLY, LATE = (0.0, 20.0), (70.0, 100.0)
EXAMPLES = [
    ("We are still getting to know each other.", EARLY),
    ("Still getting to know each other, slowly.", EARLY),
    ("We keep getting to know each other over coffee.", EARLY),
    ("She has outgrown me and we are wrapping up.", LATE),
    ("He outgrew the mentoring; we are wrapping up next month.", LATE),
    ("Honestly she has outgrown it, we are wrapping up.", LATE),
    ("My mentor works in finance.", None),
    ("My mentor works in a bank.", None),
]


def names(text: str) -> list[str]:
    return [feature.name for feature in features(Description(text))]


def test_features_are_stems_denied_stems_and_pairs_within_a_clause() -> None:
    found = names("We haven't set goals, but trust grows.")
    assert "not_set" in found and "not_goal" in found  # denied within reach of "haven't"
    assert "not_set+not_goal" in found
    assert "trust" in found and "not_trust" not in found  # a new clause ends the denial
    assert "not_goal+trust" not in found  # no pair across clauses
    assert "we" not in found  # stop words carry no stage


def test_fit_counts_examples_per_class_and_keeps_only_repeated_words() -> None:
    document = fit(EXAMPLES)
    assert document["classes"] == [
        {"span": list(EARLY), "documents": 3},
        {"span": list(LATE), "documents": 3},
        {"span": None, "documents": 2},  # descriptions that show no stage come last
    ]
    assert document["features"]["outgrow"] == [0, 3, 0]
    assert document["features"]["mentor+work"] == [0, 0, 2]
    assert "coffee" not in document["features"]  # in fewer than MIN_DOCUMENTS examples
    assert all(sum(row) >= MIN_DOCUMENTS for row in document["features"].values())


@pytest.fixture
def with_wording(fixture_data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(fixture_data)
    data["wording"] = fit(EXAMPLES)
    return data


def test_an_impression_favours_the_class_whose_words_it_shares(
    with_wording: dict[str, Any],
) -> None:
    model = load_model(with_wording)
    assert model.wording is not None
    text = "I think he has outgrown me, so we are wrapping up."
    seen = impression(model.wording, Description(text))
    assert seen is not None
    assert sum(seen.probabilities) == pytest.approx(1)
    assert max(range(3), key=lambda i: seen.probabilities[i]) == 1
    quoted = [Description(text).quote(first, last)[0] for first, last in seen.quotes]
    # Each word that weighed is quoted as a phrase around it, within its clause.
    assert quoted == ["think he has outgrown me", "we are wrapping up"]
    assert impression(model.wording, Description("Blue sky.")) is None  # no known word


def test_the_engine_quotes_the_wording_and_lets_it_move_the_result(
    fixture_data: dict[str, Any], with_wording: dict[str, Any]
) -> None:
    text = "We just met, and she has outgrown me; we are wrapping up."
    plain = diagnose(load_model(fixture_data), None, text, TODAY)
    worded = diagnose(load_model(with_wording), None, text, TODAY)
    assert plain["wording"] is None
    assert worded["wording"] is not None
    for quote in worded["wording"]["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["quote"]
    assert worded["position"]["mean"] > plain["position"]["mean"]  # pulled towards LATE


def test_wording_alone_names_a_stage_only_when_very_sure(with_wording: dict[str, Any]) -> None:
    model = load_model(with_wording)
    assert model.wording is not None
    for text in ("She has outgrown it and we are wrapping up.", "My mentor works in finance."):
        seen = impression(model.wording, Description(text))
        assert seen is not None
        result = diagnose(model, None, text, TODAY)
        assert result["answers"] == {}  # nothing the questionnaire's phrases know
        sure = max(seen.probabilities[:2]) >= WORDING_ALONE
        assert (result["level"] != "none") == sure, (text, seen.probabilities)


def test_a_description_the_wording_finds_no_stage_in_says_nothing(
    with_wording: dict[str, Any],
) -> None:
    model = load_model(with_wording)
    text = "My mentor works in finance: we just met."
    result = diagnose(model, None, text, TODAY)
    assert result["answers"] == {"time": "weeks"}  # one answer read...
    assert result["level"] == "none"  # ...which the wording overrules
    assert all(found["stage"] is None for found in result["frameworks"].values())
    # The wording says what it concluded: no stage, for the words it knows from such texts.
    assert result["wording"]["stage"] is None
    assert [q["quote"] for q in result["wording"]["quotes"]] == ["mentor works"]
    # An answer given directly is never overruled by the wording.
    given = diagnose(model, {"time": "weeks"}, "My mentor works in finance.", TODAY)
    assert given["level"] != "none"


@pytest.mark.parametrize("cell", [[0, 3], [0, -1, 2], [0, 1.5, 2], [0, True, 2], [0, "3", 2], 3])
def test_a_malformed_wording_is_refused_with_its_path(
    with_wording: dict[str, Any], cell: Any
) -> None:
    with_wording["wording"]["features"]["outgrow"] = cell
    with pytest.raises(ModelError, match=r"model\.wording\.features\.outgrow"):
        load_model(with_wording)


def test_the_shipped_wording_is_fitted_to_the_tuning_corpus_only(
    real_model_data: dict[str, Any],
) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "fit_wording.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    tuning = sum(
        len(yaml.safe_load(path.read_text(encoding="utf-8")))
        for kind in WORDING_KINDS
        for path in CORPUS.glob(f"{kind}-tuning*.yaml")
    )
    assert tuning > 700  # descriptions, flag cases and no-stage texts
    classes = real_model_data["wording"]["classes"]
    assert sum(c["documents"] for c in classes) == tuning  # no held-out case among them
