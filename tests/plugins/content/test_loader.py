"""Each class of content error stops loading with the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from mentoring_stages.content import ContentError, load_content

from tests.support.content import FRAMEWORK, SOURCES


def problems_for(content_dir: Path, name: str, text: str | bytes) -> list[str]:
    path = content_dir / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content([content_dir])
    return [str(problem) for problem in caught.value.problems]


def only_problem(content_dir: Path, name: str, text: str | bytes) -> str:
    problems = problems_for(content_dir, name, text)
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_content_loads(content_dir: Path) -> None:
    content = load_content([content_dir])
    (framework,) = content.frameworks
    assert [stage.id for stage in framework.stages] == ["first", "second"]
    assert framework.moves_back[0].to_stage == "first"
    # Each item says who says it: a source, or this site (own), never the citation around it.
    assert framework.stages[0].characteristics[0].sources == ("test-source",)
    assert not framework.stages[0].characteristics[0].own
    assert framework.stages[0].mentor_does[0].sources == ()
    assert framework.stages[0].mentor_does[0].own
    assert content.guidance[0].sections[0].items[0].own
    assert content.sources["test-source"].number == 1


def test_yaml_syntax_error_names_file_and_line(content_dir: Path) -> None:
    broken = FRAMEWORK.replace("name: Demo stages", "name: [Demo stages")
    problem = only_problem(content_dir, "demo.yaml", broken)
    assert problem.startswith(f"{content_dir / 'demo.yaml'}:")
    assert "is not valid YAML" in problem


def test_missing_field(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("    summary: The start.\n", "")
    )
    assert "stages[0].summary: is missing; add it" in problem
    assert ":11:" in problem  # the line of the stage that lacks it


def test_unknown_field(content_dir: Path) -> None:
    broken = FRAMEWORK.replace("    name: First\n", "    nmae: First\n    name: First\n")
    problem = only_problem(content_dir, "demo.yaml", broken)
    assert "stages[0].nmae: is not a known field here" in problem
    assert ":12:" in problem


def test_wrong_type(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("name: Demo stages", "name: [1, 2]")
    )
    assert "demo.yaml:3: name: should be text, not a list" in problem


def test_yaml_ordered_map_where_a_list_is_expected(content_dir: Path) -> None:
    # `!!omap` builds a plain list of pairs, without the item lines of other lists.
    broken = FRAMEWORK.replace(
        "signs: [{text: First meetings, own: true}]", "signs: !!omap [first: meetings]"
    )
    problem = only_problem(content_dir, "demo.yaml", broken)
    expected = (
        "demo.yaml:18: stages[0].signs[0]: should be {text, source} or {text, own: true}, not tuple"
    )
    assert expected in problem


def test_yaml_boolean_where_text_is_expected_says_to_quote(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("    name: First", "    name: no")
    )
    assert "quote it" in problem


def test_duplicate_stage_id(content_dir: Path) -> None:
    broken = FRAMEWORK.replace("id: second", "id: first").replace("from: second", "from: first")
    problems = problems_for(content_dir, "demo.yaml", broken)
    first = f"{content_dir / 'demo.yaml'}:11"  # the stage that had the id first
    assert any(f"demo.yaml:21: stages[1].id: the stage id 'first' is already used in {first}" in p
               for p in problems)


def test_duplicate_framework_id_across_files(content_dir: Path) -> None:
    problem = only_problem(content_dir, "copy.yaml", FRAMEWORK)
    assert "copy.yaml" in problem and "the framework id 'demo' is already used" in problem


def test_duplicate_yaml_key(content_dir: Path) -> None:
    broken = FRAMEWORK.replace("name: Demo stages", "name: Demo stages\nname: Again")
    problem = only_problem(content_dir, "demo.yaml", broken)
    assert "demo.yaml:4:" in problem and "the key 'name' appears twice (first on line 3)" in problem


def test_unknown_source_id(content_dir: Path) -> None:
    broken = FRAMEWORK.replace("sources: [test-source]", "sources: [nobody-2020]")
    problem = only_problem(content_dir, "demo.yaml", broken)
    assert "demo.yaml:5: sources[0]: unknown source 'nobody-2020'" in problem


def test_unknown_stage_in_move_back(content_dir: Path) -> None:
    problem = only_problem(content_dir, "demo.yaml", FRAMEWORK.replace("to: first", "to: zeroth"))
    assert "moves_back[0].to: unknown stage 'zeroth'" in problem


def test_overlapping_spans(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("span: [40, 100]", "span: [30, 100]")
    )
    assert "demo.yaml:23: stages[1].span: overlaps" in problem


def test_gap_between_spans(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("span: [40, 100]", "span: [50, 100]")
    )
    assert "stages[1].span: leaves a gap" in problem


def test_span_outside_timeline(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("span: [40, 100]", "span: [40, 120]")
    )
    assert "falls outside the timeline" in problem


def test_spans_short_of_the_end(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("span: [40, 100]", "span: [40, 90]")
    )
    assert "must end at 100" in problem


def test_empty_stage_list(content_dir: Path) -> None:
    head = FRAMEWORK.split("stages:")[0]
    broken = head.replace("moves_back:", "stages: []\nx_moves_back:").split("x_moves_back")[0]
    problem = only_problem(content_dir, "demo.yaml", broken)
    assert "stages: is an empty list" in problem


def test_not_utf8(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.encode("utf-8").replace(b"Demo", b"D\xe9mo")
    )
    assert "demo.yaml:3: is not UTF-8" in problem


def test_invalid_id(content_dir: Path) -> None:
    problem = only_problem(
        content_dir, "demo.yaml", FRAMEWORK.replace("id: demo", "id: Demo Stages")
    )
    assert "id: 'Demo Stages' is not a valid id" in problem


def test_every_problem_is_reported_at_once(content_dir: Path) -> None:
    broken = FRAMEWORK.replace("name: Demo stages", "name: 3").replace(
        "span: [40, 100]", "span: [50, 100]"
    )
    problems = problems_for(content_dir, "demo.yaml", broken)
    (content_dir / "sources.yaml").write_text(SOURCES + "  - id: Bad Id\n    citation: x\n")
    with pytest.raises(ContentError) as caught:
        load_content([content_dir])
    assert len(problems) == 2
    assert len(caught.value.problems) == 3


def test_answer_without_question(content_dir: Path) -> None:
    guidance = (
        "id: tips\ntitle: T\nsummary: S\nsources: [test-source]\n"
        "sections:\n  - heading: H\n    text: Body\n    answer: A\n"
    )
    problem = only_problem(content_dir, "guidance/tips.yaml", guidance)
    assert "guidance/tips.yaml:8: sections[0].answer: an 'answer' needs a 'question'" in problem


def test_a_file_that_cannot_be_read_is_reported_first(content_dir: Path) -> None:
    # 'zzz.yaml' sorts after 'demo.yaml', whose gap would otherwise come first.
    (content_dir / "demo.yaml").write_text(FRAMEWORK.replace("span: [40, 100]", "span: [50, 100]"))
    problems = problems_for(content_dir, "zzz.yaml", FRAMEWORK + "]\n")
    assert "zzz.yaml" in problems[0] and "is not valid YAML" in problems[0]
    assert "demo.yaml" in problems[1] and "leaves a gap" in problems[1]


@pytest.mark.parametrize("url", ["javascript:alert(5)", "file:///etc/passwd", "HTTP://x.example",
                                 "//example.org/a", "data:text/html,<script>alert(1)</script>"])
def test_a_source_url_must_be_http_or_https(content_dir: Path, url: str) -> None:
    text = SOURCES + f"    url: {url!r}\n"
    problem = only_problem(content_dir, "sources.yaml", text)
    assert problem.endswith(f"sources.yaml:4: sources[0].url: '{url}' is not a web address; "
                            "write it with http:// or https://")


def test_http_and_https_source_urls_load(content_dir: Path) -> None:
    for url in ("http://example.org/a", "https://example.org/a?b=c#d"):
        (content_dir / "sources.yaml").write_text(SOURCES + f"    url: {url}\n")
        assert load_content([content_dir]).sources["test-source"].url == url
