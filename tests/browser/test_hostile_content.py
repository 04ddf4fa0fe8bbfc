"""Hostile text in every kind of content field neither renders as markup nor runs.

An organisation that takes content contributions lets strangers write its YAML. The test copies the
shipped content, puts hostile text (HTML that runs script, a broken-out attribute, Jinja, Markdown,
bidirectional controls) into every free-text field of every file, each copy tagged with a marker
naming its file and field, builds the site, and checks:

- in the built HTML, read as a browser would (html.parser), that none of it became an element,
  an attribute, a link or a template's output: every page, the table of contents, the navigation,
  the footer's aria-labels and the 404 page;
- in Chromium, served without a CSP (as a static host that cannot send one, and the stronger case:
  under the strict CSP a script that got in would be refused besides), that no script of it runs
  on any page, in the diagnostic's output or in search results: `window.__pwned` never set, no
  dialog, no event-handler attribute, no `javascript:` link in the live DOM;
- that the loader refuses a `javascript:` source URL, naming the file and line.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from mentoring_stages.content import ContentError, load_content
from mentoring_stages.shipped import content_dir
from playwright.sync_api import Page, expect

from bench.site_server import SiteServer
from tests.support.browser import Watch, answer, wait_ready, wait_result
from tests.support.mkdocs_build import build_site, repo_project

pytestmark = pytest.mark.browser

# Identifiers, references, numbers and URLs are checked by the loader's patterns; everything else
# is free text an author writes, and reaches a page, the model or both.
STRUCTURAL_FIELDS = {
    "id", "source", "sources", "stage", "framework", "from", "to", "flags", "duration_source",
    "url", "span", "order", "weight", "weights", "scale", "phrases", "blocks",
    "phase", "kind", "seed", "as_cited_in",
}  # fmt: skip


def hostile(marker: str) -> str:
    """Text that is markup, script, a template and Markdown at once, tagged with `marker`."""
    return (
        f"[{marker}] <img src=x onerror=\"window.__pwned='{marker} img';alert(1)\">"
        f"\"><script>window.__pwned='{marker} script';alert(2)</script>"
        f"' onmouseover='window.__pwned=1' "
        "{{7*191}} {% if true %}JINJA-RAN{% endif %} "  # 25 words at most: it fills excerpts too
        "[md-link](javascript:window.__pwned=4) **md-bold** <b>html-bold</b> "
        "Tom & Jerry \u202eevil\u202c \u2066isolate\u2069 "
        "</title></textarea><svg onload=window.__pwned=5>"
    )


def poison(value: Any, file: str, path: str, markers: dict[str, str]) -> Any:
    """`value` with every free-text string replaced by hostile text; records marker -> place."""
    if isinstance(value, dict):
        return {
            key: item if key in STRUCTURAL_FIELDS else poison(item, file, f"{path}.{key}", markers)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [poison(item, file, f"{path}[{index}]", markers) for index, item in enumerate(value)]
    if isinstance(value, str):
        marker = f"F{len(markers)}"
        markers[marker] = f"{file}:{path.lstrip('.')}"
        return hostile(marker)
    return value


@dataclass
class HostileSite:
    site: Path
    markers: dict[str, str]  # marker -> "file:field", for failure messages

    def place(self, text: str) -> str:
        found = sorted(set(re.findall(r"\bF\d+\b", text)), key=lambda m: int(m[1:]))
        return ", ".join(self.markers[marker] for marker in found) or "(no marker nearby)"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    # The hostile copy instead of the shipped content, and the project's own build cache: the
    # engine wheel and the memory snapshot do not depend on the content, so the build reuses them.
    # Without a snapshot, the plain start on a busy test machine can stall longer than the page's
    # time limit, which would fail for the wrong reason.
    project = repo_project(
        tmp_path_factory.mktemp("hostile-project"),
        shipped_content=False,
        frameworks=["frameworks"],
    )
    markers: dict[str, str] = {}
    shipped = content_dir()
    for path in sorted(shipped.rglob("*.yaml")):
        relative = Path("frameworks") / path.relative_to(shipped)
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")), str(relative), "", markers)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    shutil.copytree(shipped / "schema", project / "frameworks" / "schema")
    try:
        load_content([project / "frameworks"])
    except ContentError as error:
        pytest.fail(f"the loader refused hostile text it should take as text:\n{error}")
    site = build_site(project / "mkdocs.yml", tmp_path_factory.mktemp("hostile-site"))
    return HostileSite(site, markers)


@dataclass
class Injected:
    """What html.parser, reading as a browser does, found that came from content as markup."""

    found: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # every text node, entities decoded
    aria_labels: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, injected: Injected) -> None:
        super().__init__(convert_charrefs=True)
        self.injected = injected
        self.in_script = False
        self.bold = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.bold = tag if tag in ("b", "strong") else ""
        self.in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "srcdoc":
                self.injected.found.append(f"<{tag} {name}={value!r}>")
            if re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.injected.found.append(f"<{tag} {name}={value!r}>")
            if name == "aria-label":
                self.injected.aria_labels.append(value)
        if tag in ("img", "svg") and dict(attrs).get("src") == "x":
            self.injected.found.append(f"<{tag} src=x>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.injected.found.append(f"<script>{data[:80]}")
        if self.bold and data in ("md-bold", "html-bold"):
            self.injected.found.append(f"<{self.bold}>{data}")
        self.injected.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        self.bold = ""


def read_page(html: str) -> Injected:
    injected = Injected()
    reader = _Reader(injected)
    reader.feed(html)
    reader.close()
    return injected


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_hostile_text_never_becomes_markup_in_the_built_html(hostile_site: HostileSite) -> None:
    problems = []
    shown = 0
    for path in pages(hostile_site.site):
        html = path.read_text(encoding="utf-8")
        page = read_page(html)
        name = path.relative_to(hostile_site.site).as_posix()
        problems += [f"{name}: {found} from {hostile_site.place(found)}" for found in page.found]
        text = "".join(page.text)
        if "1337" in text or "JINJA-RAN" in text.replace("{% if true %}JINJA-RAN", ""):
            problems.append(f"{name}: a template ran content's Jinja")
        shown += text.count("{{7*191}}")
        for label in page.aria_labels:
            if "[F" in label and ("&lt;" in label or "&amp;" in label):
                problems.append(f"{name}: escaped twice: aria-label={label[:90]!r}")
    assert not problems, f"{len(problems)} problems, first:\n" + "\n".join(problems[:20])
    assert shown > len(hostile_site.markers) / 2, "the hostile text is not on the pages as text"


def test_the_toc_and_the_footer_read_hostile_titles_as_text(hostile_site: HostileSite) -> None:
    """The places a title is copied to by the theme: table of contents, nav, footer, <title>."""
    kram = read_page((hostile_site.site / "frameworks/kram/index.html").read_text("utf-8"))
    assert kram.found == []
    labels = [label for label in kram.aria_labels if label.startswith(("Previous:", "Next:"))]
    assert labels, "the framework page has no footer links"
    for label in labels:
        assert "[F" in label and "<img src=x" in label and "Tom & Jerry" in label, label
    html = (hostile_site.site / "frameworks/kram/index.html").read_text("utf-8")
    toc = html[html.index('class="md-nav md-nav--secondary"') :]
    toc = toc[: toc.index("</nav>\n</div>") if "</nav>\n</div>" in toc else len(toc)]
    assert "&lt;img src=x onerror=" in toc, "the stage names are not in the table of contents"
    title = html[html.index("<title>") : html.index("</title>")]
    assert "&lt;" in title and "<script" not in title


def test_a_javascript_source_url_is_refused_with_file_and_line(tmp_path: Path) -> None:
    sources = tmp_path / "content" / "sources.yaml"
    shutil.copytree(content_dir(), tmp_path / "content")
    text = sources.read_text(encoding="utf-8")
    first_url = re.search(r"^(\s*url:\s*).*$", text, flags=re.MULTILINE)
    assert first_url, "sources.yaml has no url to replace"
    line = text[: first_url.start()].count("\n") + 1
    sources.write_text(
        text[: first_url.start()] + first_url[1] + "javascript:alert(5)" + text[first_url.end() :],
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content([tmp_path / "content"])
    reported = [str(problem).replace(f"{tmp_path}/", "") for problem in caught.value.problems]
    assert len(reported) == 1 and reported[0].startswith(f"content/sources.yaml:{line}:"), reported
    assert "url" in reported[0]


PAGE_CHECK = """() => {
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            const value = attribute.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
            if (attribute.name.startsWith('on') || value.startsWith('javascript:')) {
                found.push(`<${element.localName} ${attribute.name}=${attribute.value}>`);
            }
        }
    }
    return {pwned: window.__pwned ?? null, found};
}"""


@pytest.fixture
def hostile_server(hostile_site: HostileSite, serve: Callable[..., SiteServer]) -> SiteServer:
    """The hostile site served without a CSP, as a static host that cannot send one, so that
    nothing but the escaping stands between the text and the page: what does not run under no
    policy does not run under a stricter one."""
    return serve(hostile_site.site)


def test_no_hostile_script_runs_on_any_page(
    hostile_server: SiteServer, hostile_site: HostileSite, page: Page, watch: Watch
) -> None:
    page.on("dialog", lambda dialog: dialog.dismiss())  # recorded by the fixture; never left open
    problems = []
    for path in pages(hostile_site.site):
        url = hostile_server.url + path.relative_to(hostile_site.site).as_posix()
        page.goto(url.removesuffix("index.html"))  # to its load event: every image tried
        result = page.evaluate(PAGE_CHECK)
        if result["pwned"] is not None or result["found"]:
            problems.append(f"{url}: {result}")
    assert not problems, "\n".join(problems)
    assert not [error for error in watch.errors if "dialog" in error]


def test_no_hostile_script_runs_in_the_diagnostics_output(
    hostile_server: SiteServer, page: Page
) -> None:
    """Question and option labels, reasons, stage names and next steps reach the page through
    the model, and the page's scripts phrase the result from them."""
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(hostile_server.url + "diagnostic/")
    wait_ready(page)
    for question in page.locator("[data-msd-question]").all()[:3]:
        question_id = question.get_attribute("data-msd-question") or ""
        option = question.locator("input").first.get_attribute("value") or ""
        answer(page, question_id, option)
    wait_result(page)
    expect(page.locator("[data-msd-evidence-list]")).to_contain_text("<img src=x onerror=")
    assert page.evaluate(PAGE_CHECK) == {"pwned": None, "found": []}


def test_search_results_show_hostile_text_as_text(hostile_server: SiteServer, page: Page) -> None:
    """The theme's search renders results from its index with its own script: another way in."""
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(hostile_server.url)
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type("onerror pwned")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("<img src=x onerror=")
    page.locator(".md-search-result__more summary").first.click()  # more matches on one page
    assert page.evaluate(PAGE_CHECK) == {"pwned": None, "found": []}
