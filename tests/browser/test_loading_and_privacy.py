"""How the diagnostic fails to start, that it keeps to its own origin and a strict CSP, that it
works offline after one visit, and that a `pyodide_url` host cannot run code in its worker."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from mentoring_stages import offline
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from bench.nginx_server import free_port
from bench.site_server import STRICT_CSP, SiteServer
from tests.support.browser import Watch, answer, wait_ready, wait_result, watch_csp
from tests.support.mkdocs_build import REPO, build_site, repo_project

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
    # The wheel is installed by the plain start of a site without a snapshot (a snapshot holds the
    # engine, and so does the archive made with it): its sha256, recorded at build time, is checked
    # before Pyodide installs it.
    server = serve(site)
    page.route(
        "**/diagnostic/",
        lambda route: route.fulfill(
            response=(response := route.fetch()),
            body=re.sub(r' data-msd-(snapshot|stdlib)="[^"]*"', "", response.text()),
        ),
    )
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


# -- offline after one visit --------------------------------------------------------------------


def cache_contents(page: Page) -> dict[str, list[str]]:
    """Every cache of the page's origin: its name and the URLs it holds."""
    contents: dict[str, list[str]] = page.evaluate(
        "async () => Object.fromEntries(await Promise.all((await caches.keys()).map(async (name) =>"
        " [name, (await (await caches.open(name)).keys()).map((request) => request.url)])))"
    )
    return contents


def until(page: Page, check: str, timeout_s: float = 60) -> None:
    """Until `check` (a function, as text) is true in the page: Playwright's own waits evaluate
    strings, which the strict CSP refuses."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(check):
        if time.monotonic() > deadline:
            pytest.fail(f"never true: {check}")
        time.sleep(0.2)


def test_after_one_visit_the_diagnostic_works_offline_and_keeps_nothing_else(
    browser: Browser, nginx: str, sub_path_site: Path
) -> None:
    """Under deploy/nginx.conf (the strict CSP, worker-src 'self') and a sub-path: one visit, then
    no network at all. The page, its worker and Python come from the service worker's cache and
    give results, a description's too. The cache holds the files its service worker lists and
    nothing else: no other page, nothing of another origin, no answer; Forget still forgets.
    (Its own context: the other tests' block service workers.)"""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    violations = watch_csp(page)
    page.goto(nginx + "diagnostic/")
    wait_ready(page)
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-kept", "true", timeout=60_000)
    until(page, "() => navigator.serviceWorker.controller !== null")
    service_worker = (sub_path_site / offline.SERVICE_WORKER).read_text(encoding="utf-8")
    listed = json.loads(service_worker.split("const OFFLINE = ", 1)[1].split(";\n", 1)[0])
    until(page, f"async () => (await (await caches.open((await caches.keys())[0])).keys()).length"
                f" >= {len(listed['precache'])}")
    page.goto(nginx)  # a page the service worker does not keep, visited while it is on duty
    page.wait_for_load_state("networkidle")
    assert errors == []

    context.set_offline(True)
    page.goto(nginx + "diagnostic/")
    answer(page, *first_option(page))
    wait_result(page)  # at once, from the results worked out at build time
    wait_ready(page)  # and Python starts with no network
    page.get_by_label("Describe it in your own words").check()
    # A word no page of the site holds (a stage's summary speaks of agreed goals): kept nowhere.
    page.locator("[data-msd-text]").fill("We have agreed goals and meet monthly in Quillfield.")
    wait_result(page)
    expect(page.locator("[data-msd-headline-title]")).not_to_be_empty()
    assert violations == []
    # The theme's search and sitemap are no part of the diagnostic: offline, they fail quietly.
    assert not [e for e in errors if not re.search("ERR_INTERNET_DISCONNECTED|search|sitemap", e)]

    page.get_by_label("Remember my answers and my choice of framework in this browser").check()
    page.get_by_role("button", name="Forget my answers").click()
    anywhere = "(text) => Object.values(localStorage).some((value) => value.includes(text))"
    assert page.evaluate(anywhere, "Quillfield") is False, "Material's own keys only"
    kept = [url for urls in cache_contents(page).values() for url in urls]
    known = {nginx + path for path in listed["files"]}
    assert kept and set(kept) <= known, set(kept) - known
    assert nginx not in kept, "no other page"
    assert not [url for url in kept if "#" in url or "?" in url]
    # No kept file holds an answer: the page as built, not as the visitor filled it in.
    pages = [url for url in kept if url.endswith("/")]
    assert [url.removeprefix(nginx) for url in pages] == ["diagnostic/"], "not the cohort page"
    held = page.evaluate(
        "async (urls) => Promise.all(urls.map(async (url) => (await caches.match(url)).text()))",
        pages,
    )
    assert pages and not [text for text in held if "Quillfield" in text]
    context.close()


# -- what runs is what was checked --------------------------------------------------------------


class HostileHost:
    """A `pyodide_url` host that serves Pyodide's files to fetches, and its own script to any
    request for a script (`Sec-Fetch-Dest: script`, as an import sends): the script would report
    from inside the worker, where every answer passes."""

    SCRIPT = (
        b'postMessage({type: "failed", reason: "start", detail: "hostile code ran in the worker"});'
        b"export default null; export const loadPyodide = null;"
    )

    def __init__(self, directory: Path, port: int) -> None:
        self.destinations: list[tuple[str, str]] = []
        host = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(directory), **kwargs)

            def do_GET(self) -> None:
                destination = self.headers.get("Sec-Fetch-Dest", "")
                host.destinations.append((self.path, destination))
                if destination == "script":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/javascript")
                    self.end_headers()
                    self.wfile.write(host.SCRIPT)
                else:
                    super().do_GET()

            def end_headers(self) -> None:
                self.send_header("Access-Control-Allow-Origin", "*")
                super().end_headers()

            def guess_type(self, path: Any) -> str:
                return "application/wasm" if str(path).endswith(".wasm") else "text/javascript"

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_pyodide_url_host_that_serves_other_scripts_runs_nothing_in_the_worker(
    page: Page, serve: Callable[..., SiteServer], tmp_path: Path
) -> None:
    """Pyodide's data from another host, checked bytes in hand; its JavaScript from the site,
    always: the host is never asked for a script, and the diagnostic starts. (Served without a
    CSP, which would refuse the other host anyway: nothing but the design stops it here.)"""
    port = free_port()
    host = HostileHost(REPO / "node_modules" / "pyodide", port)
    try:
        project = repo_project(tmp_path / "project", pyodide_url=f"http://127.0.0.1:{port}/")
        site = build_site(project / "mkdocs.yml", tmp_path / "site")
        runtime = site / "assets" / "mentoring-stages" / "pyodide"
        assert not list(runtime.glob("*/pyodide.asm.wasm")), "the data is the other host's"
        assert len(list(runtime.glob("*/pyodide.asm.mjs"))) == 1, "the code is the site's"
        server = serve(site)
        page.goto(server.url + "diagnostic/")
        wait_ready(page)
        answer(page, *first_option(page))
        wait_result(page)
        expect(page.locator("[data-msd-status]")).not_to_contain_text("hostile")
    finally:
        host.close()
    assert ("/pyodide.asm.wasm", "empty") in host.destinations, "the wasm came from the host"
    assert not [path for path, destination in host.destinations if destination == "script"]


def first_option(page: Page) -> tuple[str, str]:
    question = page.locator("[data-msd-question]").first.get_attribute("data-msd-question") or ""
    option = page.locator(f"input[name='msd-q-{question}']").first.get_attribute("value") or ""
    return question, option


def test_the_search_index_waits_until_search_is_used(
    page: Page, serve: Callable[..., SiteServer], site: Path, watch: Watch
) -> None:
    """On the diagnostic's page the theme's search index (and lunr's work on it) would compete
    with Python's start: it is asked for only when the visitor opens search, which then works."""
    server = serve(site, csp=STRICT_CSP)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    assert not [url for url in watch.requests if url.endswith("search_index.json")]
    page.locator("[data-md-component='search-query']").fill("Kram")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=20_000)
    assert [url for url in watch.requests if url.endswith("search_index.json")]
