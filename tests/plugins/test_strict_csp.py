import re
from pathlib import Path

import material
import pytest
from mentoring_stages.strict_csp import (
    ANALYTICS_ORIGINS,
    POLICY,
    KnownScripts,
    Origins,
    UnknownScriptError,
    externalize_icons,
    externalize_scripts,
    policy,
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

def test_materials_analytics_and_consent_scripts_are_known() -> None:
    """Google Analytics fills a template expression in the middle of a URL string, and the
    consent and analytics starters have none: all are the theme's, so they move."""
    known = theme_scripts((MATERIAL_TEMPLATES,))
    analytics = Path(MATERIAL_TEMPLATES) / "partials/integrations/analytics/google.html"
    text = analytics.read_text(encoding="utf-8")
    tag = text[text.index("<script") + 7 : text.index(">", text.index("<script"))]
    code = text[text.index(">", text.index("<script")) + 1 : text.index("</script>")]
    filled = code.replace("{{ property }}", "G-ABC123")
    assert known.knows(tag, filled)
    # What a property could smuggle out of its string is no longer the theme's script.
    assert not known.knows(tag, code.replace("{{ property }}", '"+alert(1)+"'))
    for name in ("partials/javascripts/consent.html", "partials/integrations/analytics.html"):
        template = (Path(MATERIAL_TEMPLATES) / name).read_text(encoding="utf-8")
        for code in re.findall(r"<script>(.*?)</script>", template, flags=re.DOTALL):
            assert known.knows("", code), name


@pytest.mark.parametrize(
    ("script", "known"),
    [
        ('<script>u="https://host/x?id={{ id }}&a=1"</script>', True),
        ("<script>u='{{ id }}'+'{{ id }}'</script>", True),
        ('<script>u="a\\"{{ id }}"</script>', True),  # an escaped quote keeps the string open
        ("<script>u={{ id }}</script>", False),  # outside a string
        ('<script>u="a";v={{ id }};w="b"</script>', False),
        ("<script>u=`${x}{{ id }}`</script>", False),  # a template literal can run code
    ],
)
def test_a_template_expression_counts_only_inside_a_string(script: str, known: bool) -> None:
    theme = KnownScripts.from_templates([script])
    assert bool(theme.scripts) == known


def test_a_script_from_a_declared_origin_stays_and_others_fail() -> None:
    html = ('<script src="https://stats.example.org/count.js"></script>'
            '<script src="https://cdn.sub.example.net/a.js"></script>')
    origins = ("https://stats.example.org", "https://*.example.net")
    output, files = externalize_scripts(html, "", "index.md", THEME, script_origins=origins)
    assert output == html and files == {}
    for src in ("http://stats.example.org/count.js", "https://stats.example.org.evil.test/x.js",
                "https://stats.example.org:8443/x.js", "//stats.example.org/x.js"):
        with pytest.raises(UnknownScriptError, match="csp_script_origins"):
            externalize_scripts(f'<script src="{src}"></script>', "", "index.md", THEME,
                                script_origins=origins)


def test_the_policy_adds_the_declared_origins_and_nothing_else() -> None:
    default = policy(Origins())
    assert default == "; ".join(" ".join([name, *values]) for name, values in POLICY.items())
    nginx = (Path(__file__).resolve().parents[2] / "deploy/nginx.conf").read_text()
    assert f'Content-Security-Policy "{default}"' in nginx  # the example sends the same policy
    declared = policy(Origins(("https://a.example",), ("https://b.example",)))
    assert "script-src 'self' 'wasm-unsafe-eval' https://a.example;" in declared
    assert "connect-src 'self' https://b.example;" in declared
    assert declared.endswith("img-src 'self' https://b.example")
    assert ANALYTICS_ORIGINS["google"].scripts


def test_analytics_and_a_declared_script_build_and_print_the_policy(
    tmp_path: Path, content_dir: Path
) -> None:
    config = site_config(
        "extra:\n  analytics:\n    provider: google\n    property: G-ABC123\n"
        "extra_javascript:\n  - https://stats.example.org/count.js\n"
    ).replace("      diagnostic: false\n",
              "      diagnostic: false\n      csp_script_origins: [https://stats.example.org]\n")
    write_site(tmp_path, config)
    result = build(tmp_path, "-v")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<script id=" not in page.replace('<script id="__config"', "")
    assert '<script src="https://stats.example.org/count.js"></script>' in page
    moved = [file.read_text() for file in tmp_path.glob("site/assets/mentoring-stages/inline/*.js")]
    assert any("G-ABC123" in text and "__md_analytics" in text for text in moved)
    line = next(line for line in result.stderr.splitlines() if "Content-Security-Policy" in line)
    assert "https://stats.example.org https://*.googletagmanager.com;" in line


def test_a_failed_check_leaves_the_previous_site_as_it_was(
    tmp_path: Path, content_dir: Path
) -> None:
    write_site(tmp_path, site_config(), notes="# Notes\n")
    assert build(tmp_path).returncode == 0
    before = {path.relative_to(tmp_path / "site"): path.read_bytes()
              for path in (tmp_path / "site").rglob("*") if path.is_file()}
    (tmp_path / "docs/notes.md").write_text("# Notes\n\n<script>alert(1)</script>\n")
    result = build(tmp_path)
    assert "notes.md: script that the theme does not write" in result.stderr
    after = {path.relative_to(tmp_path / "site"): path.read_bytes()
             for path in (tmp_path / "site").rglob("*") if path.is_file()}
    assert after == before
    # No staging folder left behind (the plugin's cache keeps compiled templates between builds).
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        ".cache", "docs", "frameworks", "mkdocs.yml", "site"]


def test_a_strict_warning_leaves_the_previous_site_too(tmp_path: Path, content_dir: Path) -> None:
    write_site(tmp_path, site_config())
    assert build(tmp_path).returncode == 0
    index = (tmp_path / "site/index.html").read_bytes()
    (tmp_path / "docs/index.md").write_text("# Home\n\n[gone](missing.md)\n")
    result = build(tmp_path, "-v")  # -q would silence the warning, and so its count
    assert result.returncode != 0 and "missing.md" in result.stderr
    assert (tmp_path / "site/index.html").read_bytes() == index


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
