"""The site's reader-pages hook (hooks/reader_pages.py): the glossary's one source, the definitions
it puts on terms, and the navigation order."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import yaml
from mentoring_stages.shipped import content_dir

ROOT = Path(__file__).resolve().parents[2]


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reader_pages", ROOT / "hooks/reader_pages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


hook = load_hook()


def test_every_glossary_term_cites_a_known_source_or_is_ours() -> None:
    terms = hook.read_glossary()
    bibliography = yaml.safe_load((content_dir() / "sources.yaml").read_text(encoding="utf-8"))
    sources = {source["id"] for source in bibliography["sources"]}
    wanted = {"psychosocial", "sponsorship", "protégé", "SMART", "KPI", "critical task",
              "common timeline"}
    assert wanted <= {term.term for term in terms}
    for term in terms:
        assert term.source is None or term.source in sources, term
        assert term.page is None or (ROOT / "docs" / term.page).exists() or term.page.startswith(
            ("frameworks/", "guidance/", "compare")), term


def test_a_term_with_neither_source_nor_own_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  - term: x\n    definition: y\n", encoding="utf-8")
    try:
        hook.read_glossary(path)
    except ValueError as error:
        assert "give a source or own: true" in str(error)
    else:
        raise AssertionError("a term without provenance was accepted")


def test_the_first_use_in_running_text_gets_the_definition_escaped() -> None:
    term = hook.Term("SMART", ("SMART",), 'Specific "and" <measurable>', "navig8r", None, None)
    html = ('<h2>SMART goals</h2><p>Use <a href="#">SMART</a> goals.</p>'
            "<p>Make them SMART. Still SMART here.</p><p>smart is not it</p>")
    marked = hook.mark_terms(html, [term])
    assert marked.count("<abbr") == 1
    assert ('<p>Make them <abbr title="Specific &quot;and&quot; &lt;measurable&gt;">SMART</abbr>.'
            " Still SMART here.</p>") in marked
    assert "<h2>SMART goals</h2>" in marked and '<a href="#">SMART</a>' in marked


def test_readers_pages_come_first_and_the_reference_last_as_for_organisations() -> None:
    def page(src_uri: str) -> SimpleNamespace:
        return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))

    reference = SimpleNamespace(title="Reference", children=[page("reference/index.md")])
    toolkit = SimpleNamespace(title="Toolkit", children=[page("toolkit/index.md")])
    nav = SimpleNamespace(items=[page("index.md"), page("compare.md"), reference,
                                 page("sources.md"), toolkit, page("start-here.md")])
    hook.on_nav(nav)
    order = [getattr(item, "title", None) or item.file.src_uri for item in nav.items]
    assert order == ["index.md", "start-here.md", "compare.md", "Toolkit", "sources.md",
                     "For organisations"]
