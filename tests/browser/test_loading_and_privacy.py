"""How the diagnostic fails to start, and that it keeps to its own origin and a strict CSP."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from bench.site_server import STRICT_CSP, SiteServer
from tests.support.browser import Watch, answer, wait_ready, wait_result, watch_csp

pytestmark = pytest.mark.browser

FAILED = re.compile("failed")


def test_wasm_with_the_wrong_mime_type_gives_a_message_at_once(
    page: Page, serve: Callable[..., SiteServer], site: Path, watch: Watch
) -> None:
    # loadPyodide alone would wait forever here; the worker turns it into a failure. Well before
    # the page's own 45 s limit, and naming the cause, so it is not that limit firing.
    server = serve(site, wasm_type="application/octet-stream")
    watch.expect_errors("MIME type|application/wasm")
    page.goto(server.url + "diagnostic/")
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-state", FAILED, timeout=20_000)
    expect(page.locator("[data-msd-status]")).to_contain_text("application/wasm")
    expect(page.locator("[data-msd-detail-text]")).to_contain_text("MIME")
    expect(page.locator("[data-msd-question]").first).to_be_visible()


def test_blocked_wasm_gives_a_message(
    page: Page, serve: Callable[..., SiteServer], site: Path, watch: Watch
) -> None:
    server = serve(site)
    watch.expect_errors("ERR_FAILED|Failed to fetch|failed")
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(server.url + "diagnostic/")
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-state", FAILED, timeout=20_000)
    expect(page.locator("[data-msd-status]")).to_contain_text("WebAssembly")


def test_a_runtime_that_never_answers_times_out(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site, stall=("pyodide.asm.wasm",))

    def short_limit(route: Route) -> None:
        response = route.fetch()
        html = response.text().replace('data-msd-timeout="45"', 'data-msd-timeout="2"')
        route.fulfill(response=response, body=html)

    page.route("**/diagnostic/", short_limit)
    page.goto(server.url + "diagnostic/")
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-state", FAILED, timeout=15_000)
    expect(page.locator("[data-msd-status]")).to_contain_text("taking too long")


def test_a_tampered_wheel_is_refused(
    page: Page, serve: Callable[..., SiteServer], site: Path, watch: Watch
) -> None:
    # On the plain start (the snapshot blocked: it holds the engine already), the lock file's sha256
    # travels as the fetch's integrity: other bytes never get installed.
    server = serve(site)
    page.route("**/*.snapshot", lambda route: route.abort())
    watch.expect_errors("integrity|sha256|stage-diagnostic|stage_diagnostic|Failed|snapshot")

    def tampered(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.body() + b"\0")

    page.route("**/*.whl", tampered)
    page.goto(server.url + "diagnostic/")
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-state", FAILED, timeout=60_000)
    expect(page.locator("[data-msd-status]")).to_contain_text("engine could not be installed")


def test_opened_as_a_file_says_it_needs_a_web_server(page: Page, site: Path, watch: Watch) -> None:
    # Chromium refuses module scripts from file://, so no script runs: the template's note shows.
    watch.expect_errors("CORS|file:|Failed to load")
    page.goto((site / "diagnostic" / "index.html").as_uri())
    expect(page.locator("[data-msd-stuck]")).to_be_visible(timeout=15_000)
    expect(page.locator("[data-msd-stuck]")).to_contain_text("web server")


def test_strict_csp_without_violations_and_no_request_off_the_origin(
    context: BrowserContext, page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    """Every kind of page runs under the strict policy without a single violation: the theme's
    inline scripts and data: icons are files of the site, and the diagnostic's scripts, worker,
    wasm and fetches all come from the site's own origin. No request leaves it: answers, a
    description and a copied link included (one the policy let through would be aborted and
    listed, one it refused would be a violation)."""
    server = serve(site, csp=STRICT_CSP)
    outside: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(server.origin + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    violations = watch_csp(page)
    for path in ("", "compare/", "frameworks/kram/", "reference/authoring/"):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
    assert violations == []
    icon = page.evaluate(
        "getComputedStyle(document.querySelector('.md-nav__icon'), '::after').maskImage"
    )
    assert re.fullmatch(r'url\(".*/assets/mentoring-stages/inline/\w+\.svg"\)', icon), icon

    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    question = page.locator("[data-msd-question]").first.get_attribute("data-msd-question") or ""
    option = page.locator(f"input[name='msd-q-{question}']").first.get_attribute("value") or ""
    answer(page, question, option)
    wait_result(page)
    page.get_by_label("Describe it in your own words").check()
    page.locator("[data-msd-text]").fill("We have agreed goals and meet monthly.")
    wait_result(page)
    page.get_by_role("button", name="Copy a link to my answers").click()
    page.wait_for_load_state("networkidle")
    assert violations == []
    assert outside == []
    # A violation inside the worker reaches the console only: the context fixture fails on it.
