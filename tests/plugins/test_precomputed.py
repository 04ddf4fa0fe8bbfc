"""The results worked out at build time answer the request the page makes first: its headline
comes from the site's default framework, which the files name (that each result is the engine's
own in Pyodide is tests/pyodide's to show)."""

from __future__ import annotations

import json
from pathlib import Path

from mentoring_stages import precomputed
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import compile_model
from stage_diagnostic.model import model_text

from tests.support.content import SHIPPED_CONTENT


def test_the_headlines_come_from_the_framework_the_files_name(tmp_path: Path) -> None:
    model = model_text(compile_model(load_content([SHIPPED_CONTENT])))
    made = {
        framework: json.loads(
            precomputed.precompute(model, "wheel", tmp_path, framework).singles.read_text("utf-8")
        )
        for framework in (None, "kram")
    }
    assert made[None]["framework"] is None and made["kram"]["framework"] == "kram"
    key = next(key for key, result in made["kram"]["results"].items() if result["headline"])
    assert made["kram"]["results"][key]["headline"]["framework"] == "kram"
    assert made[None]["results"][key]["headline"]["framework"] != "kram"
