"""The model compiler: what the content says about who says what reaches the diagnostic page."""

from __future__ import annotations

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import compile_model
from stage_diagnostic.model import ModelError, load_model, model_text

from tests.support.content import SHIPPED_CONTENT


def test_every_next_step_cites_a_source_or_is_marked_as_the_sites_own() -> None:
    model = compile_model(load_content([SHIPPED_CONTENT]))
    steps = [
        step
        for framework in model["frameworks"]
        for stage in framework["stages"]
        for step in stage["next_steps"]
    ]
    assert steps
    assert all(step["own"] != bool(step["sources"]) for step in steps), [
        step["text"] for step in steps if step["own"] == bool(step["sources"])
    ]
    assert any(step["own"] for step in steps) and any(step["sources"] for step in steps)


def test_the_engine_refuses_an_own_mark_that_is_not_true_or_false() -> None:
    model = compile_model(load_content([SHIPPED_CONTENT]))
    model["frameworks"][0]["stages"][0]["next_steps"][0]["own"] = "yes"
    with pytest.raises(ModelError, match=r"next_steps\[0\]\.own: should be true or false"):
        load_model(model_text(model))
