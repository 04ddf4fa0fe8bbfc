from mentoring_stages.inline_scripts import externalize


def test_inline_scripts_become_files_referenced_relative_to_the_page() -> None:
    html = '<head><script>var a=1</script><script id="__config" type="application/json">{}</script></head><script>b()</script>'
    output, files = externalize(html, "frameworks/kram/")
    assert "<script>" not in output
    assert '<script id="__config" type="application/json">{}</script>' in output
    assert sorted(files.values()) == ["b()", "var a=1"]
    for uri in files:
        assert f'<script src="../../{uri}"></script>' in output
