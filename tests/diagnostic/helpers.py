"""Shared by the diagnostic tests and bench/diagnostic.py: models and the case files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import stage_diagnostic
import yaml
from mentoring_stages import shipped

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CASES = HERE / "cases"


def fixture_model_data() -> dict[str, Any]:
    """A small hand-written model: two made-up frameworks, three questions, four signals."""
    return json.loads((HERE / "fixture_model.json").read_text(encoding="utf-8"))


def compiled_model_data() -> dict[str, Any]:
    """The model the site ships, compiled by the plugin from the repository's frameworks/."""
    from mentoring_stages.content import load_content
    from mentoring_stages.diagnostic_model import compile_model

    return compile_model(load_content([shipped.content_dir()]))


def load_cases(name: str) -> dict[str, Any]:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


@dataclass
class Accuracy:
    hits: int
    total: int
    misses: list[str]  # "case-id framework: expected X, got Y"

    @property
    def rate(self) -> float:
        return self.hits / self.total


def accuracy(model: stage_diagnostic.Model, cases: list[dict[str, Any]]) -> Accuracy:
    """Per-framework top-1 accuracy: every (case, framework) the case names counts once."""
    result = Accuracy(0, 0, [])
    for case in cases:
        frameworks = stage_diagnostic.diagnose(model, case.get("answers"), case.get("text"))[
            "frameworks"
        ]
        for framework_id, expected in case["expect"].items():
            got = frameworks[framework_id]["stage"]
            result.total += 1
            if got == expected:
                result.hits += 1
            else:
                result.misses.append(f"{case['id']} {framework_id}: expected {expected}, got {got}")
    return result
