"""Loading the compiled model: it is checked, and every problem names the field."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest
from stage_diagnostic import ModelError, load_model
from stage_diagnostic.model import MOVE_BACK_FLAG


def test_the_fixture_loads_into_objects(fixture_data: dict[str, Any]) -> None:
    model = load_model(fixture_data)
    assert [framework.id for framework in model.frameworks] == ["alpha", "beta"]
    alpha = model.frameworks[0]
    assert [(stage.id, stage.start, stage.end) for stage in alpha.stages] == [
        ("start", 0, 20),
        ("middle", 20, 70),
        ("end", 70, 100),
    ]
    assert alpha.moves_back[0].to_stage == "start"
    assert model.question("goals").option("new").flags == (MOVE_BACK_FLAG,)
    assert model.signals[1].patterns == (("agreed", "goal"), ("set", "goal"))


def test_json_text_loads_like_the_dict(fixture_data: dict[str, Any]) -> None:
    assert load_model(json.dumps(fixture_data)) == load_model(fixture_data)


def test_list_items_may_keep_their_source(fixture_data: dict[str, Any]) -> None:
    stage = fixture_data["frameworks"][0]["stages"][0]
    stage["mentor_does"] = [{"text": "Listen first", "source": "somewhere"}]
    assert load_model(fixture_data).frameworks[0].stages[0].mentor_does == ("Listen first",)


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    if value is _DELETE:
        del data[path[-1]]
    else:
        data[path[-1]] = value


_DELETE = object()

BROKEN = [
    # (where, new value, words the error must contain)
    (("format",), 2, "model.format"),
    (("frameworks",), [], "model.frameworks"),
    (("frameworks", 0, "id"), _DELETE, "model.frameworks[0]: missing 'id'"),
    (("frameworks", 0, "stages", 1, "span"), [25, 70], "stage 'middle' starts at 25"),
    (("frameworks", 0, "stages", 2, "span"), [70, 90], "ends at 90"),
    (("frameworks", 0, "stages", 0, "span"), [0, "20"], "model.frameworks[0].stages[0].span[1]"),
    (("frameworks", 0, "stages", 0, "span"), [20, 0], "model.frameworks[0].stages[0].span"),
    (("frameworks", 0, "moves_back", 0, "to"), "nowhere", "no stage 'nowhere'"),
    (("frameworks", 1, "id"), "alpha", "repeated: alpha"),
    (
        ("questions", 1, "options", 0, "evidence", 0, "weight"),
        0,
        "weight: should be greater than 0",
    ),
    (("questions", 1, "options", 0, "flags"), ["unheard-of"], "unknown flag 'unheard-of'"),
    (("questions", 0, "options", 0, "months"), -1, "months: should not be negative"),
    (("questions", 0, "options", 0, "reason"), " ", "reason: should be a non-empty string"),
    (("questions", 2, "options"), [], "model.questions[2].options"),
    (("signals", 0, "phrases"), ["..."], "every phrase needs at least one word"),
    (("flags", 1, "framework"), "gamma", "no framework 'gamma'"),
    (("duration_scale",), [[0, 0], [0, 50]], "months must increase"),
    (("duration_scale",), [[0, 0], [12, 150]], "positions lie within 0..100"),
    (("duration_scale",), [[0, 0, 1], [12, 50]], "should be [months, position]"),
]


@pytest.mark.parametrize(("path", "value", "expected"), BROKEN)
def test_a_broken_model_is_refused_with_the_field_named(
    fixture_data: dict[str, Any], path: tuple[Any, ...], value: Any, expected: str
) -> None:
    broken = copy.deepcopy(fixture_data)
    _set(broken, path, value)
    with pytest.raises(ModelError) as error:
        load_model(broken)
    assert expected in str(error.value)


@pytest.mark.parametrize("data", ["{not json", "[]", "null", "[" * 100_000])
def test_text_that_is_not_a_model_object_is_refused(data: str) -> None:
    with pytest.raises(ModelError):
        load_model(data)


def test_the_real_model_loads(real_model_data: dict[str, Any]) -> None:
    model = load_model(real_model_data)
    assert {framework.id for framework in model.frameworks} >= {
        "kram",
        "clutterbuck",
        "lawrence",
        "navig8r",
        "handbook",
        "zachary",
    }
    assert 8 <= len(model.questions) <= 15


def test_the_packaged_model_is_the_compiled_frameworks(real_model_data: dict[str, Any]) -> None:
    packaged = json.loads(
        resources.files("stage_diagnostic").joinpath("model.json").read_text(encoding="utf-8")
    )
    assert packaged == real_model_data, (
        "diagnostic/stage_diagnostic/model.json is out of date; regenerate it with\n"
        "  .venv/bin/mentoring-stages model -o diagnostic/stage_diagnostic/model.json"
    )
