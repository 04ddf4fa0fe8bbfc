"""The engine answers the same in Pyodide as in CPython, installed from the wheel the site ships.

The browser runs Python 3.14 on WebAssembly with another libm; the tests run CPython. Every request
here goes through both, and the JSON texts must be identical, character for character: the case
files' descriptions and personas, random answer sets, random descriptions, partner comparisons and
broken requests.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from mentoring_stages.runtime import ENGINE_DISTRIBUTION, ShippedRuntime

pytestmark = pytest.mark.pyodide

CORPUS = Path(__file__).resolve().parents[1] / "diagnostic" / "corpus"
SEED = 20261123
TODAY = "2026-12-01"  # so "since March" counts the same in both


def case_requests() -> list[dict[str, Any]]:
    """Every tuning description and persona of the diagnostic's corpus, as requests."""
    requests: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*-tuning.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            request = {"answers": case.get("answers", {}), "text": case.get("text", "")}
            requests.append({**request, "today": TODAY})
    return requests


def random_requests(model: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """Answer sets and descriptions drawn at random from the model's own questions and phrases."""
    rng = random.Random(SEED)
    phrases = [
        phrase
        for question in model["questions"]
        for option in question["options"]
        for phrase in option["phrases"]
    ]
    fillers = ["we", "have", "not", "never", "really", "and", "but", "lately", "our", "mentor", "."]

    def answers() -> dict[str, str]:
        chosen = rng.sample(model["questions"], rng.randint(0, len(model["questions"])))
        return {q["id"]: rng.choice(q["options"])["id"] for q in chosen}

    def text() -> str:
        words = rng.sample(phrases, rng.randint(0, 4)) + rng.choices(fillers, k=rng.randint(0, 8))
        rng.shuffle(words)
        return " ".join(words)

    requests = []
    for index in range(count):
        request: dict[str, Any] = {
            "answers": answers(),
            "text": text() if index % 3 else "",
            "today": TODAY,
        }
        if index % 5 == 0:
            request["partner"] = {"answers": answers(), "text": text() if index % 2 else ""}
        requests.append(request)
    return requests


BROKEN = [
    "not json",
    "[]",
    '{"answers": {"no-such-question": "x"}, "text": ""}',
    '{"answers": {}, "text": "' + "stalled " * 2000 + '"}',
    '{"answers": "oops"}',
]


def test_same_json_in_cpython_and_pyodide(model: str, pyodide_engine: Any) -> None:
    from stage_diagnostic import diagnose_json, use_model

    compiled = json.loads(model)
    requests = [json.dumps(r) for r in case_requests() + random_requests(compiled, 150)] + BROKEN
    assert len(requests) > 150
    assert use_model(model) == ""
    expected = [diagnose_json(request) for request in requests]
    got = pyodide_engine.run(model, requests)["results"]
    assert len(got) == len(expected)
    differing = [
        f"{request[:200]}\n    "
        + "\n    ".join(differences(json.loads(want), json.loads(have))[:8])
        for request, want, have in zip(requests, expected, got, strict=True)
        if have != want
    ]
    assert not differing, (
        f"{len(differing)} of {len(requests)} requests give other JSON in Pyodide "
        "(path: CPython != Pyodide):\n" + "\n".join(differing[:5])
    )


def differences(cpython: Any, pyodide: Any, path: str = "") -> list[str]:
    """Where two decoded JSON values differ, as 'path: a != b' lines."""
    if isinstance(cpython, dict) and isinstance(pyodide, dict):
        keys = list(cpython) + [key for key in pyodide if key not in cpython]
        return [
            line
            for key in keys
            for line in differences(cpython.get(key), pyodide.get(key), f"{path}/{key}")
        ]
    if isinstance(cpython, list) and isinstance(pyodide, list) and len(cpython) == len(pyodide):
        return [
            line
            for index, (a, b) in enumerate(zip(cpython, pyodide, strict=True))
            for line in differences(a, b, f"{path}[{index}]")
        ]
    return [] if cpython == pyodide else [f"{path or '/'}: {cpython!r:.80} != {pyodide!r:.80}"]


CHECKS = """
import importlib.metadata, json, sys
for name in [m for m in sys.modules if m.split(".")[0] == "stage_diagnostic"]:
    del sys.modules[name]
before = set(sys.modules)
import stage_diagnostic
loaded = {name.split(".")[0] for name in set(sys.modules) - before}
print(json.dumps({
    "outside_stdlib": sorted(loaded - set(sys.stdlib_module_names) - {"stage_diagnostic"}),
    "installed_version": importlib.metadata.version("stage-diagnostic"),
    "location": stage_diagnostic.__file__,
}))
"""


def test_engine_basics_inside_pyodide(
    model: str, pyodide_engine: Any, shipped: ShippedRuntime
) -> None:
    run = pyodide_engine.run(model, ['{"answers": {"goals": "not-yet"}}'], python=CHECKS)
    assert run["platform"] == "emscripten"
    assert run["python"].startswith("3.14")
    checks = json.loads(run["output"])
    assert checks["outside_stdlib"] == [], "the engine must import only the standard library"
    lock = json.loads((shipped.directory / shipped.lock_file).read_text())
    assert checks["installed_version"] == lock["packages"][ENGINE_DISTRIBUTION]["version"]
    assert "/site-packages/stage_diagnostic/" in checks["location"], "installed from the wheel"
    result = json.loads(run["results"][0])
    assert result["format"] == 2 and result["answers"] == {"goals": "not-yet"}
