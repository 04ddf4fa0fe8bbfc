"""No script from hostile content runs in Chromium, served without a CSP (as a static host that
cannot send one, and the stronger case: under the strict CSP a script that got in would be refused
besides): on any page, in the diagnostic's output or in search results, `window.__pwned` is never
set, no dialog opens, and the live DOM holds no event-handler attribute and no `javascript:` link.
The site comes from `tests/support/hostile.py`; `tests/plugins/test_hostile_pages.py` reads it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from bench.site_server import SiteServer
from tests.support.browser import Watch, answer, wait_ready, wait_result
from tests.support.hostile import HostileSite, pages

pytestmark = pytest.mark.browser


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
