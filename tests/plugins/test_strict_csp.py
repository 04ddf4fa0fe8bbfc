import re
from pathlib import Path

import material
import pytest
from mentoring_stages.strict_csp import (
    KnownScripts,
    UnknownScriptError,
    externalize_icons,
    externalize_scripts,
    theme_scripts,
)

from tests.support.mkdocs_build import build, site_config

MATERIAL_TEMPLATES = str(Path(material.__file__).parent / "templates")

THEME = KnownScripts.from_templates(
    [
        '<script id="__config" type="application/json">{{- app | tojson -}}</script>'
        "<script>var a=1</script><script>b()</script>"
        '<script>scope=new URL("{{ config.extra.scope | d(base_url) }}",location)</script>',
        # Left out: an expression outside a string literal, and a script with a statement.
        "<script>var n={{ count }}</script><script>{% if x %}c(){% endif %}</script>",
    ]
)


def test_the_themes_inline_scripts_become_files_referenced_relative_to_the_page() -> None:
    html = (
        '<head><script>var a=1</script><script id="__config" type="application/json">{"a":1}'
        '</script><script src="../../assets/bundle.js"></script></head><script>b()</script>'
        '<script>scope=new URL("../..",location)</script>'
    )
    output, files = externalize_scripts(html, "frameworks/kram/", "frameworks/kram.md", THEME)
    assert "<script>" not in output
    assert '<script id="__config" type="application/json">{"a":1}</script>' in output
    assert '<script src="../../assets/bundle.js"></script>' in output
    assert sorted(files.values()) == ["b()", 'scope=new URL("../..",location)', "var a=1"]
    for uri in files:
        assert f'<script src="../../{uri}"></script>' in output


def test_the_error_page_refers_to_its_scripts_from_the_sites_path() -> None:
    """404.html is served at any depth, so a relative reference would miss from most of them."""
    output, files = externalize_scripts(
        "<script>var a=1</script>", None, "404.html", THEME, base_path="/mentoring/"
    )
    (uri,) = files
    assert output == f'<script src="/mentoring/{uri}"></script>'


@pytest.mark.parametrize(
    "injected",
    [
        "<script>alert(1)</script>",
        "<SCRIPT >alert(1)</SCRIPT>",
        '<script type="module">alert(1)</script>',
        "<script id=__config>alert(1)</script>",  # a known tag does not make code known
        '<script id="__config" type="text/javascript">alert(1)</script>',
        '<script type="application/json">{}</script>',  # data, but not the theme's
        '<script>scope=new URL("",alert(1),"",location)</script>',  # breaks out of the string
        '<script>scope=new URL("x</script><script>alert(1)//",location)</script>',
        "<script>var n=alert(1)</script>",  # the theme's expression outside a string: never known
        '<script src="https://evil.example/x.js"></script>',
        '<script src="//evil.example/x.js"></script>',
        '<script src="/\\evil.example/x.js"></script>',
        '<script src="data:text/javascript,alert(1)"></script>',
        '<script src="x.js">alert(1)</script>',
        "<title>a <script>alert(1)</script></title>",  # text to a browser, refused all the same
        "<script>var a=1",  # never ends: the browser runs the rest of the page as script
    ],
)
def test_any_other_script_fails_the_build_naming_the_page(injected: str) -> None:
    with pytest.raises(UnknownScriptError, match=r"^frameworks/kram\.md: script that the theme"):
        externalize_scripts(
            f"<script>var a=1</script><h2>{injected}</h2>",
            "frameworks/kram/",
            "frameworks/kram.md",
            THEME,
        )


def test_the_installed_material_scripts_are_known_from_its_templates() -> None:
    """Read from the installed theme, not copied here, so a Material release brings its own."""
    known = theme_scripts((MATERIAL_TEMPLATES,))
    palette = (Path(MATERIAL_TEMPLATES) / "partials/javascripts/palette.html").read_text()
    code = palette[palette.index("<script>") + 8 : palette.index("</script>")]
    assert known.knows("", code)
    base = (Path(MATERIAL_TEMPLATES) / "partials/javascripts/base.html").read_text()
    code = base[base.index("<script>") + 8 : base.index("</script>")]
    filled = code.replace("{{ config.extra.scope | d(base_url) }}", "../..")
    assert known.knows("", filled)
    assert not known.knows("", filled.replace("../..", '"+alert(1)+"'))
    assert known.knows_tag(' id="__config" type="application/json"')


def test_svg_data_urls_become_files_referenced_relative_to_the_stylesheet() -> None:
    arrow = "<svg xmlns='http://www.w3.org/2000/svg'><path d='M8 16z'/></svg>"
    css = (
        f':root{{--md-nav-icon--next:url("data:image/svg+xml;charset=utf-8,{arrow}");'
        "--md-hash:url('data:image/svg+xml;charset=utf-8,%3Csvg%20fill=%22%23000%22/%3E');"
        "background:url(data:image/png;base64,AAAA)}"
    )
    output, files = externalize_icons(css, "assets/stylesheets/main.min.css")
    assert "data:image/svg+xml" not in output
    assert "data:image/png;base64,AAAA" in output  # not an icon the theme draws: left alone
    assert sorted(files.values()) == ['<svg fill="#000"/>', arrow]
    for uri in files:
        assert uri.endswith(".svg")
        assert f'url("../{uri.removeprefix("assets/")}")' in output
    # The same icon twice is one file.
    assert len(externalize_icons(css + css, "a.css")[1]) == 2


def write_site(root: Path, config: str, **pages: str) -> None:
    """mkdocs.yml and a home page beside the `content_dir` fixture's content, and `pages`."""
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, markdown in {"index": "# Home\n", **pages}.items():
        (root / "docs" / f"{name}.md").write_text(markdown, encoding="utf-8")


def test_an_inline_script_on_an_authors_page_fails_the_build_naming_it(
    tmp_path: Path, content_dir: Path
) -> None:
    write_site(tmp_path, site_config(), notes="# Notes\n\n<script>alert(1)</script>\n")
    result = build(tmp_path)
    assert result.returncode != 0
    assert "notes.md: script that the theme does not write" in result.stderr
    moved = tmp_path.glob("site/assets/mentoring-stages/inline/*.js")
    assert not [file for file in moved if "alert" in file.read_text(encoding="utf-8")]


@pytest.mark.parametrize(
    ("site_url", "path"), [("", "/"), ("site_url: https://example.org/mentoring/\n", "/mentoring/")]
)
def test_the_404_page_keeps_no_inline_script_and_finds_its_files_from_any_depth(
    tmp_path: Path, content_dir: Path, site_url: str, path: str
) -> None:
    write_site(tmp_path, site_url + site_config())
    assert build(tmp_path).returncode == 0
    page = (tmp_path / "site/404.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    moved = re.findall(r'<script src="([^"]*/inline/[0-9a-f]+\.js)">', page)
    assert len(moved) == 3  # Material 9.8's 404 page: storage scope, palette, tabs
    for src in moved:
        assert src.startswith(f"{path}assets/mentoring-stages/inline/")
        assert (tmp_path / "site" / src.removeprefix(path)).is_file()
