"""Shared by the diagnostic tests: the small fixture model, the compiled real one, the corpus."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from mentoring_stages import shipped

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CORPUS = HERE / "corpus"
# The date the corpus was written: "since March" in it counts to here.
CORPUS_TODAY = date(2026, 12, 1)


def fixture_model_data() -> dict[str, Any]:
    """A small hand-written model: two made-up frameworks, three questions, three flags."""
    data: dict[str, Any] = json.loads((HERE / "fixture_model.json").read_text(encoding="utf-8"))
    return data


@cache
def compiled_model_text(language: str = "en") -> str:
    """The model the site ships, compiled by the plugin from the repository's frameworks/, with
    the words of a site in `language`."""
    from mentoring_stages.content import load_content
    from mentoring_stages.diagnostic_model import model_json
    from mentoring_stages.language import load_words

    return model_json(load_content([shipped.content_dir()]), words=load_words(language))


def corpus(part: str) -> list[dict[str, Any]]:
    """The corpus' descriptions, personas, flag cases and no-stage texts of one part ("tuning";
    the held-out part is read by bench/diagnostic.py only)."""
    cases: list[dict[str, Any]] = []
    for kind in ("descriptions", "personas", "flags", "nostage"):
        for path in sorted(CORPUS.glob(f"{kind}-{part}*.yaml")):  # later sets: -2.yaml ...
            cases += yaml.safe_load(path.read_text(encoding="utf-8"))
    return cases
