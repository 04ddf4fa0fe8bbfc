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

CASES = Path(__file__).resolve().parents[1] / "diagnostic" / "cases"
SEED = 20261123


def case_requests() -> list[dict[str, Any]]:
    """Every description and persona of the engine's case files, as requests."""
    requests: list[dict[str, Any]] = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data.get("descriptions", []):
            requests.append({"answers": {}, "text": case["text"]})
        for case in data.get("personas", []):
            requests.append({"answers": case["answers"], "text": case.get("text", "")})
    return requests


def random_requests(model: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """Answer sets and descriptions drawn at random from the model's own questions and phrases."""
    rng = random.Random(SEED)
    phrases = [phrase for signal in model["signals"] for phrase in signal["phrases"]]
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
        request: dict[str, Any] = {"answers": answers(), "text": text() if index % 3 else ""}
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
    from stage_diagnostic import diagnose_json

    compiled = json.loads(model)
    requests = [json.dumps(r) for r in case_requests() + random_requests(compiled, 150)] + BROKEN
    assert len(requests) > 150
    expected = [diagnose_json(model, request) for request in requests]
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
    run = pyodide_engine.run(model, ['{"answers": {}, "text": ""}'], python=CHECKS)
    assert run["platform"] == "emscripten"
    assert run["python"].startswith("3.14")
    checks = json.loads(run["output"])
    assert checks["outside_stdlib"] == [], "the engine must import only the standard library"
    lock = json.loads((shipped.directory / shipped.lock_file).read_text())
    assert checks["installed_version"] == lock["packages"][ENGINE_DISTRIBUTION]["version"]
    assert "/site-packages/stage_diagnostic/" in checks["location"], "installed from the wheel"
    result = json.loads(run["results"][0])
    assert "error" in result or set(result) >= {"frameworks", "reasons", "next_steps", "flags"}
