"""The `::: mentoring-stages` extension under plain Python-Markdown: no MkDocs build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from mentoring_stages.content import load_content
from mentoring_stages.render import BlockRenderer, BlocksExtension, PageContext, make_environment

HOSTILE = 'Initiation <img src=x onerror=alert(1)>"><script>alert(2)</script>'


class BadBlock(Exception):
    pass


def convert(content_dir: Path, source: str) -> tuple[str, list[dict[str, Any]]]:
    """The page's HTML and its table of contents, as MkDocs would get them."""
    renderer = BlockRenderer(load_content([content_dir]), make_environment())
    blocks = BlocksExtension(error=BadBlock)
    blocks.page = PageContext(renderer, lambda kind, target="": f"/{kind}/{target}", "mine.md",
                              source)
    md = markdown.Markdown(extensions=["toc", "fenced_code", blocks],
                           extension_configs={"toc": {"permalink": True}})
    html = md.convert(source)
    return html, md.toc_tokens  # type: ignore[attr-defined]


def flat(tokens: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    return [(token["level"], token["id"], token["name"]) for token in flat_tokens(tokens)]


def flat_tokens(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for token in tokens for t in [token, *flat_tokens(token["children"])]]


def test_a_block_line_renders_the_block(content_dir: Path) -> None:
    html, _ = convert(content_dir, "# Mine\n\n::: mentoring-stages comparison-table\n")
    assert 'class="ms-order"' in html
    assert "::: mentoring-stages" not in html


@pytest.mark.parametrize("source", [
    "# Mine\n\n    ::: mentoring-stages comparison-table\n",
    "# Mine\n\n```\n::: mentoring-stages comparison-table\n```\n",
    "# Mine\n\n~~~markdown\n::: mentoring-stages nonsense\n~~~\n",
])
def test_a_block_line_in_a_code_block_stays_code(content_dir: Path, source: str) -> None:
    html, _ = convert(content_dir, source)
    assert "<code" in html and "::: mentoring-stages" in html
    assert 'class="ms-order"' not in html


def test_text_around_a_block_line_stays_markdown(content_dir: Path) -> None:
    html, _ = convert(content_dir, "Before *it*\n::: mentoring-stages sources\nafter *it*\n")
    assert html.index("<em>it</em>") < html.index("ms-bibliography") < html.rindex("<em>it</em>")


def test_the_table_of_contents_lists_the_rendered_headings(content_dir: Path) -> None:
    _, toc = convert(content_dir, "# Mine\n\n::: mentoring-stages framework demo\n\n## After\n")
    assert flat(toc) == [
        (1, "mine", "Mine"),
        (2, "stage-first", "1. First"),
        (2, "stage-second", "2. Second"),
        (2, "moving-back", "Moving back a stage"),
        (2, "on-the-timeline", "Beside the other frameworks"),
        (2, "after", "After"),
    ]


def test_rendered_headings_get_the_sites_permalinks(content_dir: Path) -> None:
    html, _ = convert(content_dir, "::: mentoring-stages framework demo\n")
    assert '<a class="headerlink" href="#stage-first"' in html
    # Sub-headings marked to stay out of the table of contents keep their ids, not a permalink.
    assert '<h3 id="stage-first-signs" data-ms-no-toc>Signs that you are here</h3>' in html


def test_a_hostile_stage_name_is_text_in_the_page_and_its_table_of_contents(
    content_dir: Path,
) -> None:
    demo = content_dir / "demo.yaml"
    demo.write_text(demo.read_text().replace("name: First", f"name: '{HOSTILE}'"))
    html, toc = convert(content_dir, "::: mentoring-stages framework demo\n")
    escaped = "Initiation &lt;img src=x onerror=alert(1)&gt;&#34;&gt;&lt;script&gt;alert(2)"
    assert "<script>" not in html and "<img src=x" not in html
    assert escaped in html
    [first] = [token for token in flat_tokens(toc) if token["id"] == "stage-first"]
    assert "<" not in first["name"] and first["name"] == f"1. {escaped}&lt;/script&gt;"


def test_a_bad_block_line_names_the_page_and_the_line(content_dir: Path) -> None:
    with pytest.raises(BadBlock, match=r"^mine.md:4: unknown framework 'nope'; known: demo$"):
        convert(content_dir, "# Mine\n\nText.\n::: mentoring-stages framework nope\n")
    with pytest.raises(BadBlock, match=r"^mine.md:1: unknown block 'frame'"):
        convert(content_dir, "::: mentoring-stages frame\n")


def test_the_ids_a_block_gives_its_page_are_gathered_for_mkdocs_anchor_check(
    content_dir: Path,
) -> None:
    """MkDocs checks links to anchors against ids it finds itself, which leaves out the stashed
    HTML of blocks: the page context gathers them (the plugin hands them to MkDocs)."""
    renderer = BlockRenderer(load_content([content_dir]), make_environment())
    blocks = BlocksExtension(error=BadBlock)
    source = "# Mine\n\n::: mentoring-stages sources\n\n::: mentoring-stages framework demo\n"
    blocks.page = page = PageContext(renderer, lambda kind, target="": f"/{kind}/{target}",
                                     "mine.md", source)
    markdown.Markdown(extensions=["toc", blocks]).convert(source)
    sources = load_content([content_dir]).sources
    assert {f"source-{source_id}" for source_id in sources} <= page.anchor_ids  # list items
    assert {"stage-first", "stage-first-signs", "on-the-timeline"} <= page.anchor_ids
    assert "mine" not in page.anchor_ids  # the page's own Markdown: MkDocs finds that itself


def test_a_heading_is_found_whatever_its_attributes_hold() -> None:
    from mentoring_stages.render.markdown import scan_html

    html = ('<p id="a&amp;b">x</p><h2 title="1 > 0" id=\'two\'>Two <em>it</em></h2>'
            '<section><H3 id=three data-ms-no-toc>Three</H3></section><h4>no id</h4>')
    found = scan_html(html)
    assert [(h.tag, h.attributes.get("id"), html[h.inner_start:h.inner_end])
            for h in found.headings] == [
        ("h2", "two", "Two <em>it</em>"), ("h3", "three", "Three"), ("h4", None, "no id")]
    assert found.ids == {"a&b", "two", "three"}
    assert html[found.headings[0].start:found.headings[0].end].endswith("</h2>")
