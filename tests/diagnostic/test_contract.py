"""The contract between the engine, the page and the terminal (scripts/write_contract.py): the
JSON Schemas of the model and the result hold what the build and the engine give, and the files the
script writes are what it gives now."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from mentoring_stages.content import Content, load_content
from mentoring_stages.diagnostic_model import compile_model
from mentoring_stages.language import load_words
from stage_diagnostic import diagnose, load_model

from tests.support.content import SHIPPED_CONTENT
from tests.support.engine_requests import random_requests

from .helpers import CORPUS_TODAY, HERE, REPO, corpus, fixture_model_data


@cache
def contract() -> ModuleType:
    script = REPO / "scripts/write_contract.py"
    spec = importlib.util.spec_from_file_location("write_contract", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def shipped_content() -> Content:
    return load_content([SHIPPED_CONTENT])


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((REPO / "diagnostic/schema" / f"{name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(name: str, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(name).iter_errors(document)]


def test_the_contracts_files_are_what_the_script_writes_now() -> None:
    stale = [
        str(path.relative_to(REPO))
        for path, text in contract().written().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run .venv/bin/python scripts/write_contract.py"


@pytest.mark.parametrize("code", ["en", "de"])
def test_the_compiled_model_holds_to_the_model_schema(code: str) -> None:
    assert problems("model", compile_model(shipped_content(), words=load_words(code))) == []


def test_the_engines_own_fixture_model_holds_to_it() -> None:
    assert problems("model", fixture_model_data()) == []


def test_a_model_field_the_schema_does_not_know_fails() -> None:
    model = compile_model(shipped_content())
    model["frameworks"][0]["stages"][0]["colour"] = "red"
    del model["words"]["level_high"]
    found = problems("model", model)
    assert any("'colour' was unexpected" in problem for problem in found), found
    assert any("'level_high' is a required property" in problem for problem in found), found


def engine_results() -> list[dict[str, Any]]:
    """The engine's results on part of the tuning corpus and on random requests."""
    compiled = compile_model(shipped_content())
    model = load_model(compiled)
    cases = [(case.get("answers", {}), case.get("text", "")) for case in corpus("tuning")[:60]]
    cases += [(drawn["answers"], drawn["text"]) for drawn in random_requests(compiled, 40)]
    return [
        diagnose(model, answers, text, CORPUS_TODAY) for answers, text in cases if answers or text
    ]


def test_the_engines_results_hold_to_the_result_schema() -> None:
    found = {problem for result in engine_results() for problem in problems("result", result)}
    assert sorted(found) == []


def test_a_result_field_the_schema_does_not_know_fails() -> None:
    result = json.loads((HERE.parent / "js/fixtures/result-stage.json").read_text("utf-8"))
    result["mood"] = "sunny"
    assert any("'mood' was unexpected" in problem for problem in problems("result", result))
