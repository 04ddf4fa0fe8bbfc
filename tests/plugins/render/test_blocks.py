"""Blocks rendered by the BlockRenderer directly: no Markdown, no MkDocs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.content.model import TIMELINE_END, TIMELINE_START
from mentoring_stages.diagnostic_model import compile_model
from mentoring_stages.render import (
    BlockError,
    BlockRenderer,
    DiagnosticBlock,
    make_environment,
    parse_block_line,
)
from stage_diagnostic.model import load_model

from tests.support.content import SHIPPED_CONTENT


def links(kind: str, target: str = "") -> str:
    return f"/{kind}/{target}"


def test_the_diagnostic_takes_its_start_timeout_from_the_setting() -> None:
    content = load_content([SHIPPED_CONTENT])
    model = compile_model(content)
    block = DiagnosticBlock(model, load_model(model), start_timeout=7)
    renderer = BlockRenderer(content, make_environment(), block)
    assert 'data-msd-timeout="7"' in renderer.render("diagnostic", None, links)


def test_the_diagnostic_shows_first_the_framework_the_site_names() -> None:
    content = load_content([SHIPPED_CONTENT])
    model = compile_model(content)
    engine_model = load_model(model)
    chosen = BlockRenderer(
        content, make_environment(), DiagnosticBlock(model, engine_model, 45, "kram")
    )
    assert 'data-msd-default-framework="kram"' in chosen.render("diagnostic", None, links)
    every = BlockRenderer(content, make_environment(), DiagnosticBlock(model, engine_model, 45))
    assert 'data-msd-default-framework=""' in every.render("diagnostic", None, links)


@pytest.mark.parametrize(("line", "message"), [
    ("::: mentoring-stages", "unknown block ''"),
    ("::: mentoring-stages framework", "the 'framework' block needs an id"),
    ("::: mentoring-stages sources extra", "the 'sources' block takes no argument"),
    ("::: mentoring-stages framework kram more", "the 'framework' block takes one id"),
])
def test_a_malformed_block_line_says_how_to_write_it(line: str, message: str) -> None:
    with pytest.raises(BlockError, match=message):
        parse_block_line(line)


def test_other_lines_are_no_block_lines() -> None:
    assert parse_block_line("::: mentoring-stagesx") is None
    assert parse_block_line("::: other-plugin thing") is None
    assert parse_block_line("  ::: mentoring-stages framework kram") == ("framework", "kram")


def test_compiled_templates_kept_between_builds_follow_their_source(tmp_path: Path) -> None:
    """The plugin keeps compiled templates in its cache folder: a site's override edited since
    must render as edited, not as compiled before."""
    overrides = tmp_path / "overrides" / "blocks"
    overrides.mkdir(parents=True)
    template = overrides / "sources.html"
    template.write_text("before", encoding="utf-8")
    cache = tmp_path / "cache"

    def rendered() -> str:
        environment = make_environment(overrides.parent, cache_dir=cache)
        return environment.get_template("blocks/sources.html").render()

    assert rendered() == "before"
    assert any(cache.iterdir()), "compiled once, kept"
    template.write_text("after", encoding="utf-8")
    assert rendered() == "after"


def test_the_pages_draw_on_the_timeline_bounds_of_their_one_owner() -> None:
    content = load_content([SHIPPED_CONTENT])
    model = compile_model(content)
    block = DiagnosticBlock(model, load_model(model), 45)
    renderer = BlockRenderer(content, make_environment(), block)
    bounds = json.dumps([TIMELINE_START, TIMELINE_END])
    assert f'data-msc-timeline="{bounds}"' in renderer.render("cohort", None, links)
    assert f'data-msd-timeline="{bounds}"' in renderer.render("diagnostic", None, links)
