"""What bench/cohort.py measures must be what it says: its exports read as a form tool's, every
column matched, and its baseline requests the same rows as the batch diagnoses. No timings here."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import model_json
from mentoring_stages.shipped import content_dir
from stage_diagnostic import load_model
from stage_diagnostic.batch import read_table

from bench import cohort as bench


@pytest.fixture(scope="module")
def model_text() -> str:
    return model_json(load_content([content_dir()]))


@pytest.mark.parametrize("kind", ["answers", "descriptions"])
def test_the_batch_and_the_baseline_diagnose_the_same_rows(model_text: str, kind: str) -> None:
    model: dict[str, Any] = json.loads(model_text)
    rows = (bench.answer_rows(model, 40, seed=1) if kind == "answers"
            else bench.description_rows(model, 40))
    table = read_table(load_model(model_text), bench.export(model, rows))
    summary = table.summary(load_model(model_text))
    assert summary["missing"] == [] and not summary["needs_matching"] and not summary["notices"]
    requests = [json.loads(request) for request in bench.requests(model, rows)]
    assert [row.answers for row in table.rows] == [request["answers"] for request in requests]
    assert [row.text for row in table.rows] == [request["text"] for request in requests]
    assert all(row.date is not None and row.date.isoformat() == request["today"]
               for row, request in zip(table.rows, requests, strict=True))
    assert any(request["answers"] if kind == "answers" else request["text"]
               for request in requests)
