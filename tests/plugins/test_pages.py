"""The site map and the generated pages, as plain Python: no MkDocs build."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from mentoring_stages import site_map
from mentoring_stages.content import load_content
from mentoring_stages.language import load_words
from mentoring_stages.pages import PageError, generated_pages, reference_pages, site_pages


def test_every_generated_page_sits_where_the_site_map_says(content_dir: Path) -> None:
    content = load_content([content_dir])
    pages = generated_pages(content, with_diagnostic=True)
    expected = {site_map.page_path("framework", "demo"), site_map.page_path("guidance", "tips")}
    # The glossary's page comes with the glossary (site_pages adds it when the content has one).
    expected |= set(site_map.NAMED_PAGES.values()) - {site_map.page_path("page", "glossary")}
    assert set(pages) == expected
    assert pages["frameworks/demo.md"].title == "Demo stages"
    assert "::: mentoring-stages framework demo" in pages["frameworks/demo.md"].markdown
    assert "diagnostic.md" not in generated_pages(content, with_diagnostic=False)


def test_the_settings_choose_the_pages_a_site_gets(content_dir: Path) -> None:
    content = load_content([content_dir])
    words = load_words(None)
    every = site_pages(content, True, words, generate=True, reference=True)
    reference = set(reference_pages())
    assert set(generated_pages(content, True, words)) | reference <= set(every)
    assert (site_map.page_path("page", "glossary") in every) == bool(content.glossary)
    assert not reference & set(site_pages(content, True, words, generate=True, reference=False))
    assert site_pages(content, True, words, generate=False, reference=True) == {}


def test_a_default_framework_must_be_one_the_site_shows(content_dir: Path) -> None:
    content = load_content([content_dir])
    assert site_map.shown_default_framework(content, "demo") == "demo"
    assert site_map.shown_default_framework(content, None) is None
    with pytest.raises(site_map.UnknownShownFramework, match=r"names 'nope'.*Known: demo"):
        site_map.shown_default_framework(content, "nope")


def test_links_between_generated_pages_resolve_to_generated_pages(content_dir: Path) -> None:
    pages = generated_pages(load_content([content_dir]), with_diagnostic=False)
    for path, page in pages.items():
        for target in re.findall(r"\]\(([^)#]+\.md)\)", page.markdown):
            assert posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) in pages


def test_a_topic_shows_the_blocks_its_yaml_names(content_dir: Path) -> None:
    tips = content_dir / "guidance/tips.yaml"
    tips.write_text(tips.read_text() + "blocks: [listening-prompts]\n")
    page = generated_pages(load_content([content_dir]), with_diagnostic=False)["guidance/tips.md"]
    assert page.markdown.endswith("\n\n::: mentoring-stages listening-prompts")


def test_an_unknown_block_in_a_topic_names_its_file(content_dir: Path) -> None:
    tips = content_dir / "guidance/tips.yaml"
    tips.write_text(tips.read_text() + "blocks: [listening]\n")
    with pytest.raises(PageError, match=r"tips.yaml: blocks: unknown block 'listening'"):
        generated_pages(load_content([content_dir]), with_diagnostic=False)


def test_a_link_to_a_source_points_into_the_sources_page() -> None:
    assert site_map.link_target("source", "kram-1985") == ("sources.md", "#source-kram-1985")
    assert site_map.link_target("page", "compare") == ("compare.md", "")


def test_show_keeps_the_named_frameworks_in_its_order(content_dir: Path) -> None:
    other = (content_dir / "demo.yaml").read_text().replace("id: demo", "id: other")
    (content_dir / "other.yaml").write_text(other)
    content = load_content([content_dir])
    shown = site_map.shown(content, ["other", "demo"])
    assert [framework.id for framework in shown.frameworks] == ["other", "demo"]
    assert site_map.shown(content, None) is content
    with pytest.raises(site_map.UnknownShownFramework, match="unknown frameworks: nope"):
        site_map.shown(content, ["nope"])


def test_the_navigation_ranks_pages_by_their_content_order(content_dir: Path) -> None:
    original = (content_dir / "demo.yaml").read_text()
    for name, order in (("demo", 2), ("early", 1)):
        text = original.replace("id: demo", f"id: {name}\norder: {order}")
        (content_dir / f"{name}.yaml").write_text(text)
    rank = site_map.navigation_rank(load_content([content_dir]))
    assert rank["frameworks/early.md"] < rank["frameworks/demo.md"]
    assert rank["guidance/tips.md"] == 0
