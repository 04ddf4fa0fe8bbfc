"""What bench/build.py measures must be what it says: generated content that is valid and varied,
and a plain twin that holds the same pages as the plugin's site. No timings are checked here."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mentoring_stages.content import load_content

from bench import build as bench


def test_generated_frameworks_validate_with_new_ids_and_their_own_text(tmp_path: Path) -> None:
    content = load_content([bench.write_content(tmp_path / "content", 8)])
    templates = bench.framework_templates()
    assert len(content.frameworks) == 8
    assert len({framework.id for framework in content.frameworks}) == 8
    assert not {framework.id for framework in content.frameworks} & {t["id"] for t in templates}
    # The 7th reuses the 1st template: same stages, different words or order.
    first, seventh = content.frameworks[0], content.frameworks[6]
    assert [s.span for s in first.stages] == [s.span for s in seventh.stages]
    assert first.summary != seventh.summary


def html_pages(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text("utf-8") for path in site.rglob("*.html")
    }


def visible_text(html: str) -> str:
    """The words of the article, without tags, for comparing what a reader sees."""
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", article.split(">", 1)[1]).split())


def test_the_plain_twin_holds_the_same_pages(tmp_path: Path) -> None:
    content = bench.write_content(tmp_path / "content", 3)
    config = bench.site_config(tmp_path / "config", content, tmp_path / "cache", diagnostic=False)
    plain = bench.write_plain_site(config, tmp_path / "plain").config_file
    assert yaml.safe_load(plain.read_text("utf-8"))["plugins"] == ["search"]
    bench.build_once(config, tmp_path / "site")
    bench.build_once(plain, tmp_path / "plain-site")

    with_plugin, without = html_pages(tmp_path / "site"), html_pages(tmp_path / "plain-site")
    assert sorted(with_plugin) == sorted(without)
    framework_page = with_plugin["frameworks/clutterbuck-001/index.html"]
    assert "Clutterbuck" in visible_text(framework_page)  # the comparison below is not of nothing
    for page, html in with_plugin.items():
        if "<article" in html:
            assert visible_text(html) == visible_text(without[page]), page
