"""The model format: the engine writes it, reads it back, and names the field of every problem."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from stage_diagnostic import MAX_TEXT_LENGTH, MODEL_FORMAT, ModelError, build_model, load_model
from stage_diagnostic.model import model_text


def test_the_fixture_loads_into_objects(fixture_data: dict[str, Any]) -> None:
    model = load_model(fixture_data)
    assert [framework.id for framework in model.frameworks] == ["alpha", "beta"]
    alpha = model.frameworks[0]
    assert [(stage.id, stage.start, stage.end) for stage in alpha.stages] == [
        ("start", 0, 20),
        ("middle", 20, 70),
        ("end", 70, 100),
    ]
    assert alpha.stages[2].months is not None and alpha.stages[2].months.end is None
    goals = model.question("goals")
    assert goals is not None
    none = goals.option("none")
    assert none is not None
    assert [(p.stems, p.denied) for p in none.phrases] == [
        (((("agreed",),), (("goal",),)), True),
        (((("set",),), (("goal",),)), True),
    ]
    assert model.flag("too-early").framework == "alpha" and model.flag("too-early").stage == "end"
    assert model.words["level_high"] == "Surely" and model.sources == {"book": 1}
    assert model.time_question is not None and model.time_question.id == "time"


def test_json_text_loads_like_the_dict(fixture_data: dict[str, Any]) -> None:
    from_text = load_model(json.dumps(fixture_data))
    assert from_text.frameworks == load_model(fixture_data).frameworks


def test_the_writer_gives_what_the_reader_reads(fixture_data: dict[str, Any]) -> None:
    parts = {k: v for k, v in fixture_data.items() if k not in {"format", "max_text_length"}}
    written, model = build_model(**parts)
    assert written == fixture_data
    assert model.frameworks == load_model(fixture_data).frameworks
    assert written["format"] == MODEL_FORMAT and written["max_text_length"] == MAX_TEXT_LENGTH
    assert model_text(written) == model_text(copy.deepcopy(written))  # stable bytes
    assert model_text(written).endswith("}\n")


def test_the_writer_refuses_what_the_reader_would(fixture_data: dict[str, Any]) -> None:
    parts = {k: v for k, v in fixture_data.items() if k not in {"format", "max_text_length"}}
    parts["questions"][1]["options"][0]["phrases"] = ["..."]
    with pytest.raises(ModelError) as error:
        build_model(**parts)
    assert error.value.path == "model.questions[1].options[0].phrases"
    assert "no words" in error.value.problem


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
    (("format",), 1, "model.format: expected 3"),
    (("max_text_length",), 10_000, "model.max_text_length: should be 4000"),
    (("words",), _DELETE, "model: missing 'words'"),
    (("words", "level_high"), " ", "model.words.level_high: should be a non-empty string"),
    (("frameworks",), [], "model.frameworks"),
    (("frameworks", 0, "id"), _DELETE, "model.frameworks[0]: missing 'id'"),
    (("frameworks", 0, "colour"), "red", "model.frameworks[0]: unknown field 'colour'"),
    (("frameworks", 0, "stages", 1, "span"), [25, 70], "stage 'middle' starts at 25"),
    (("frameworks", 0, "stages", 2, "span"), [70, 90], "ends at 90"),
    (("frameworks", 0, "stages", 0, "span"), [0, "20"], "model.frameworks[0].stages[0].span[1]"),
    (("frameworks", 0, "stages", 0, "span"), [20, 0], "model.frameworks[0].stages[0].span"),
    (("frameworks", 0, "stages", 0, "cues"), ["x"], "stages[0]: unknown field 'cues'"),
    (("frameworks", 0, "stages", 0, "months", "source"), "nowhere", "unknown source"),
    (("frameworks", 0, "stages", 0, "next_steps", 0, "for"), "coach", "should be one of"),
    (("frameworks", 0, "moves_back", 0, "to"), "nowhere", "no stage 'nowhere'"),
    (("frameworks", 1, "id"), "alpha", "repeated: alpha"),
    (("questions", 1, "options", 0, "evidence", 0, "weight"), 0, "should be greater than 0"),
    (("questions", 1, "options", 0, "flags"), ["unheard-of"], "unknown flag 'unheard-of'"),
    (("questions", 1, "options", 0, "phrases"), ["not"], "options[0].phrases: [0] the phrase"),
    (("questions", 0, "options", 0, "months"), [-1, 3], "months: should be [from, to]"),
    (("questions", 1, "options", 0, "months"), [1, 2], "only one question may give months"),
    (("questions", 0, "options", 0, "reason"), " ", "reason: should be a non-empty string"),
    (("questions", 2, "options"), [], "model.questions[2].options"),
    (("flags", 1, "stage"), "gamma/end", "no stage 'gamma/end'"),
    (("flags", 0, "sources"), ["nowhere"], "unknown source 'nowhere'"),
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


def test_the_real_model_carries_everything_a_reader_sees(real_model_data: dict[str, Any]) -> None:
    model = load_model(real_model_data)
    assert {framework.id for framework in model.frameworks} == {
        "kram", "clutterbuck", "lawrence", "navig8r", "handbook", "zachary",
    }
    assert 8 <= len(model.questions) <= 15
    assert {f"level_{level}" for level in ("none", "low", "medium", "high")} <= set(model.words)
    flags = {flag["id"]: flag for flag in real_model_data["flags"]}
    assert all(flag["sources"] for flag in flags.values()), "the build keeps the flags' sources"
    cited = {s["id"] for s in real_model_data["sources"]}
    assert {source for flag in flags.values() for source in flag["sources"]} <= cited
    assert flags["premature-separation"]["stage"] == "kram/separation"
    assert all(option["reason"] for q in real_model_data["questions"] for option in q["options"])
    stage = real_model_data["frameworks"][0]["stages"][0]
    assert stage["next_steps"]
    assert {"id", "for", "text", "sources", "own"} == set(stage["next_steps"][0])


def test_the_engine_package_holds_code_only() -> None:
    from pathlib import Path

    import stage_diagnostic

    package = Path(stage_diagnostic.__file__).parent
    assert {path.suffix for path in package.iterdir() if path.is_file()} == {".py"}
