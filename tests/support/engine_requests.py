"""Requests for the engine that the Pyodide tests run in Pyodide and in CPython alike, and how two
answers differ."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import yaml

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
        if index % 7 == 0:  # the headline from a framework the request names
            request["framework"] = rng.choice(model["frameworks"])["id"]
        requests.append(request)
    return requests


BROKEN = [
    "not json",
    "[]",
    '{"answers": {"no-such-question": "x"}, "text": ""}',
    '{"answers": {}, "text": "' + "stalled " * 2000 + '"}',
    '{"answers": "oops"}',
]


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


def suite(model: str, random_count: int) -> list[str]:
    """The engine's suite as request texts: the corpus's cases, `random_count` random requests
    (with partners) drawn from the model, and the broken ones."""
    drawn = case_requests() + random_requests(json.loads(model), random_count)
    return [json.dumps(request) for request in drawn] + BROKEN


def differing_from_cpython(model: str, requests: list[str], got: list[str]) -> list[str]:
    """The requests whose answer in `got` is not CPython's JSON, character for character, each
    with where the two differ (path: CPython != Pyodide)."""
    from stage_diagnostic import diagnose_json, use_model

    assert use_model(model) == ""
    expected = [diagnose_json(request) for request in requests]
    assert len(got) == len(expected)
    return [
        f"{request[:200]}\n    "
        + "\n    ".join(differences(json.loads(want), json.loads(have))[:8])
        for request, want, have in zip(requests, expected, got, strict=True)
        if have != want
    ]
