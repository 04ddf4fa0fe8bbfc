"""The glossary (`glossary.yaml` in the content folders) and the readers-first navigation, which
the plugin gives every site: the terms' one source, the definitions it puts on terms, the order."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
import yaml
from mentoring_stages import shipped
from mentoring_stages.content import ContentError, load_content
from mentoring_stages.content.model import GlossaryTerm
from mentoring_stages.glossary import glossary_html, mark_terms, terms_on_site
from mentoring_stages.navigation import order_navigation
from mentoring_stages.render import make_environment

from tests.support.content import FRAMEWORK, SOURCES

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_term_cites_a_known_source_or_is_ours() -> None:
    content = load_content([shipped.content_dir()])
    wanted = {"psychosocial", "sponsorship", "protégé", "SMART", "KPI", "critical task",
              "common timeline"}
    assert wanted <= {term.term for term in content.glossary}
    for term in content.glossary:
        assert term.source is None or term.source in content.sources, term
        assert term.page is None or (ROOT / "docs" / term.page).exists() or term.page.startswith(
            ("frameworks/", "guidance/", "compare")), term


def site_with_glossary(tmp_path: Path, glossary: str) -> Path:
    own = tmp_path / "own"
    own.mkdir()
    (own / "demo.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (own / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (own / "glossary.yaml").write_text(glossary, encoding="utf-8")
    return own


def test_a_sites_glossary_adds_terms_and_replaces_one_of_the_same_name(tmp_path: Path) -> None:
    own = site_with_glossary(tmp_path, (
        "terms:\n"
        "  - term: buddy\n    definition: A peer who shows a newcomer around.\n    own: true\n"
        "  - term: KPI\n    definition: Our own words for it.\n    own: true\n"
    ))
    terms = {term.term: term for term in load_content(shipped.content_dirs([own])).glossary}
    assert terms["buddy"].definition == "A peer who shows a newcomer around."
    assert terms["KPI"].definition == "Our own words for it."
    assert "SMART" in terms  # the shipped terms stay


def test_a_term_with_neither_source_nor_own_is_refused_with_file_and_line(tmp_path: Path) -> None:
    own = site_with_glossary(tmp_path, "terms:\n  - term: x\n    definition: y\n")
    with pytest.raises(ContentError) as error:
        load_content([own])
    assert f"{own / 'glossary.yaml'}:2" in str(error.value)


def test_a_page_that_is_no_markdown_path_is_refused(tmp_path: Path) -> None:
    own = site_with_glossary(
        tmp_path, "terms:\n  - term: x\n    definition: y\n    own: true\n"
                  "    page: https://example.org/\n"
    )
    with pytest.raises(ContentError, match="is not a page of the site"):
        load_content([own])


def test_the_first_use_in_running_text_gets_the_definition_escaped() -> None:
    term = GlossaryTerm("SMART", ("SMART",), 'Specific "and" <measurable>', "navig8r", None)
    html = ('<h2>SMART goals</h2><p>Use <a href="#">SMART</a> goals.</p>'
            "<p>Make them SMART. Still SMART here.</p><p>smart is not it</p>")
    marked = mark_terms(html, [term])
    assert marked.count("<abbr") == 1
    assert ('<p>Make them <abbr title="Specific &quot;and&quot; &lt;measurable&gt;">SMART</abbr>.'
            " Still SMART here.</p>") in marked
    assert "<h2>SMART goals</h2>" in marked and '<a href="#">SMART</a>' in marked


def test_readers_pages_come_first_and_the_reference_last_as_for_organisations() -> None:
    def page(src_uri: str) -> SimpleNamespace:
        return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))

    reference = SimpleNamespace(title="Reference", children=[page("reference/index.md")])
    toolkit = SimpleNamespace(title="Toolkit", children=[page("toolkit/index.md")])
    nav = SimpleNamespace(items=[page("index.md"), page("compare.md"), reference, page("ours.md"),
                                 page("sources.md"), toolkit, page("start-here.md")])
    order_navigation(nav, {})  # type: ignore[arg-type]
    order = [getattr(item, "title", None) or item.file.src_uri for item in nav.items]
    assert order == ["index.md", "start-here.md", "compare.md", "Toolkit", "ours.md",
                     "sources.md", "For organisations"]


# Definitions an attacker might write: Markdown and HTML that would run script or load a page.
HOSTILE_DEFINITIONS = [
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    "![image](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[ref][r] [r]: javascript:alert(1)",
    '<a href="javascript:alert(1)">html link</a>',
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "*emphasis* `code` {: onclick=alert(1) }",
]
SITE_URLS = {"sources.md": "../sources/", "guidance/functions.md": "../guidance/functions/"}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


@pytest.mark.parametrize("definition", HOSTILE_DEFINITIONS)
def test_a_glossary_definition_is_text_on_the_page_never_markdown_or_html(definition: str) -> None:
    """The glossary list goes through the site's own Markdown (mkdocs.yml's extensions) as the
    page does; what comes out holds the definition as text and links only to the site's pages."""
    term = GlossaryTerm("term", ("term",), definition, "kram-1985", "guidance/functions.md")
    page = f"Words.\n\n{glossary_html([term], SITE_URLS.get, make_environment())}\n"
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = [name if isinstance(name, str) else next(iter(name))
                  for name in site["markdown_extensions"]]
    html = markdown.markdown(page, extensions=extensions)
    elements = Elements()
    elements.feed(html)
    assert set(elements.tags) == {"p", "dl", "dt", "dd", "a"}, html
    assert elements.attributes == [("href", "../sources/#source-kram-1985"),
                                   ("href", "../guidance/functions/")], html
    assert definition in unescape(html)


def test_a_glossary_link_to_a_page_the_site_lacks_is_left_out() -> None:
    term = GlossaryTerm("term", ("term",), "A definition.", None, "missing.md")
    assert "href" not in glossary_html([term], SITE_URLS.get, make_environment())


def test_a_glossary_source_must_be_an_id() -> None:
    term = GlossaryTerm("term", ("term",), "A definition.", "x) [y](javascript:alert(1)", None)
    with pytest.raises(ValueError, match="is not a source id"):
        glossary_html([term], SITE_URLS.get, make_environment())


def test_a_term_loses_its_link_to_a_page_the_site_does_not_have() -> None:
    here = GlossaryTerm("term", ("term",), "A definition.", None, "guidance/roles.md")
    gone = GlossaryTerm("other", ("other",), "Another.", None, "toolkit/missing.md")
    plain = GlossaryTerm("plain", ("plain",), "No page.", None, None)
    kept = terms_on_site([here, gone, plain], lambda path: path == "guidance/roles.md")
    assert kept == [here, GlossaryTerm("other", ("other",), "Another.", None, None), plain]
