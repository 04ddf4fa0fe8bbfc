from mentoring_stages.strict_csp import externalize_icons, externalize_scripts


def test_inline_scripts_become_files_referenced_relative_to_the_page() -> None:
    html = (
        '<head><script>var a=1</script><script id="__config" type="application/json">{}</script>'
        "</head><script>b()</script>"
    )
    output, files = externalize_scripts(html, "frameworks/kram/")
    assert "<script>" not in output
    assert '<script id="__config" type="application/json">{}</script>' in output
    assert sorted(files.values()) == ["b()", "var a=1"]
    for uri in files:
        assert f'<script src="../../{uri}"></script>' in output


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
