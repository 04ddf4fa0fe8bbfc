"""Build small real sites in tmp_path with the plugin and read the HTML."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path

import material
import pytest
from jinja2 import FileSystemBytecodeCache

from tests.support.content import FRAMEWORK, write_content, write_tree
from tests.support.mkdocs_build import MKDOCS, build, site_config


def write_site(root: Path) -> Path:
    write_content(root / "frameworks")
    write_tree(root, {"mkdocs.yml": site_config(), "docs/index.md": "# Home\n\nWelcome.\n"})
    return root


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site to change and build."""
    return write_site(tmp_path)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site built once, for the tests that only read it."""
    root = write_site(tmp_path_factory.mktemp("built"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_builds_framework_comparison_guidance_and_sources_pages(built_site: Path) -> None:
    site = built_site
    framework = (site / "site/frameworks/demo/index.html").read_text()
    assert 'id="stage-first"' in framework and "Pairs go back to the start sometimes." in framework
    assert "<title>Demo stages - Test site</title>" in framework
    compare = (site / "site/compare/index.html").read_text()
    assert 'data-stage="second"' in compare and 'class="ms-order"' in compare
    assert "Listen first" in (site / "site/guidance/tips/index.html").read_text()
    sources = (site / "site/sources/index.html").read_text()
    assert 'id="source-test-source"' in sources


def test_a_build_puts_compressed_twins_beside_its_pages(built_site: Path) -> None:
    page = built_site / "site/frameworks/demo/index.html"
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()


def test_citations_link_to_the_bibliography(built_site: Path) -> None:
    framework = (built_site / "site/frameworks/demo/index.html").read_text()
    assert 'href="../../sources/#source-test-source"' in framework


def test_html_in_yaml_is_shown_as_text(site: Path) -> None:
    content_dir = site / "frameworks"
    hostile = FRAMEWORK.replace("name: Demo stages", 'name: "<script>alert(1)</script> **bold**"')
    hostile = hostile.replace(
        "summary: The start.",
        'summary: "<img src=x onerror=alert(1)> [link](http://evil.example) _em_"',
    )
    (content_dir / "demo.yaml").write_text(hostile)
    result = build(site)
    assert result.returncode == 0, result.stderr
    for page in ("frameworks/demo/index.html", "compare/index.html", "index.html"):
        html = (site / "site" / page).read_text()
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
    framework = (site / "site/frameworks/demo/index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold**" in framework
    assert "[link](http://evil.example) _em_" in framework
    # Escaped once everywhere: the footer's aria-label="Next: ..." is not escaped a second time.
    for page in (site / "site").rglob("*.html"):
        assert "&amp;lt;" not in page.read_text(), page
    assert "<strong>bold</strong>" not in framework
    assert 'href="http://evil.example"' not in framework


def site_state(site_dir: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file's bytes and modification time, and every folder (None), by relative path."""
    return {
        path.relative_to(site_dir).as_posix():
            (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
        for path in site_dir.rglob("*")
    }


def test_broken_content_fails_before_the_previous_site_is_touched(site: Path) -> None:
    content_dir = site / "frameworks"
    assert build(site).returncode == 0
    before = site_state(site / "site")
    assert "frameworks/demo/index.html" in before and "sources/index.html" in before
    (content_dir / "demo.yaml").write_text(FRAMEWORK.replace("span: [40, 100]", "span: [50, 100]"))
    result = build(site)
    assert result.returncode != 0
    assert "demo.yaml:23: stages[1].span: leaves a gap" in result.stderr
    # Byte for byte, and not even rewritten the same: no file or folder added, removed or touched.
    assert site_state(site / "site") == before


def test_a_default_framework_the_site_does_not_show_fails_in_one_line(site: Path) -> None:
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        config.replace("diagnostic: false", "diagnostic: false\n      default_framework: nope"),
        encoding="utf-8",
    )
    result = build(site)
    assert result.returncode != 0
    assert "'default_framework' names 'nope', which is not a framework the site shows" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_an_unknown_block_names_page_and_line(site: Path) -> None:
    (site / "docs/mine.md").write_text(
        "---\ntitle: Mine\n---\n\n# Mine\n\n::: mentoring-stages framework nope\n"
    )
    result = build(site)
    assert result.returncode != 0
    assert "mine.md:7: unknown framework 'nope'; known: demo" in result.stderr


def test_an_authors_page_replaces_the_generated_one(site: Path) -> None:
    (site / "docs/compare.md").write_text("# Our own comparison\n")
    assert build(site).returncode == 0
    assert "Our own comparison" in (site / "site/compare/index.html").read_text()


def test_the_theme_templates_are_compiled_once_and_again_when_edited(site: Path) -> None:
    material_base = Path(material.__file__).parent / "templates" / "base.html"
    cache = FileSystemBytecodeCache(str(site / ".cache/mentoring-stages/templates"))
    kept = Path(cache.directory) / cache.pattern.replace("%s", cache.get_cache_key(
        "base.html", str(material_base)))  # fmt: skip
    assert build(site).returncode == 0
    assert kept.is_file()  # Material's own template, compiled by the first build and kept
    overrides = site / "overrides"
    write_tree(overrides, {"main.html": '{% extends "base.html" %}\n'
                                        "{% block announce %}First words{% endblock %}\n"})
    config = site / "mkdocs.yml"
    themed = config.read_text().replace("name: material", "name: material\n  custom_dir: overrides")
    config.write_text(themed)
    assert build(site).returncode == 0
    assert "First words" in (site / "site/index.html").read_text()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n'
                                         "{% block announce %}Second words{% endblock %}\n")
    assert build(site).returncode == 0
    home = (site / "site/index.html").read_text()  # the edited template, not the kept one
    assert "Second words" in home and "First words" not in home


def test_no_page_asks_another_host(built_site: Path) -> None:
    for page in (built_site / "site").rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


def test_serve_rebuilds_when_a_yaml_file_changes(site: Path) -> None:
    content_dir = site / "frameworks"
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )

    def page_text() -> str:
        url = f"http://127.0.0.1:{port}/frameworks/demo/"
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if text in page_text():
                    return True
            except OSError:
                pass
            time.sleep(0.3)
        return False

    try:
        assert wait_for("Demo stages")
        (content_dir / "demo.yaml").write_text(FRAMEWORK.replace("Demo stages", "Renamed stages"))
        assert wait_for("Renamed stages")
        # Nothing `mkdocs serve` sends is compressed ahead: no twins made, none kept.
        assert not (site / ".cache/mentoring-stages/twins").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_checked_content_is_kept_and_read_again_when_edited(site: Path) -> None:
    def kept() -> list[str]:
        return [path.name for path in (site / ".cache/mentoring-stages").glob("content-*.pickle")]

    assert build(site).returncode == 0
    first = kept()
    assert len(first) == 1  # the first build's checked content
    framework = site / "frameworks/demo.yaml"
    framework.write_text(FRAMEWORK.replace("Demo stages", "Demo phases"))
    assert build(site).returncode == 0
    assert "Demo phases" in (site / "site/frameworks/demo/index.html").read_text()
    assert len(kept()) == 1 and kept() != first  # the edited content's entry, in place of the first
    framework.write_text(FRAMEWORK.replace("span: [0, 40]", "span: [0, x]"))
    result = build(site)  # a broken edit still fails with its line, whatever was kept before
    assert result.returncode != 0 and "demo.yaml:" in result.stderr
