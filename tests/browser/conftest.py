"""Fixtures for driving the built site in headless Chromium.

The site is built once per session with the real `mkdocs build`, twice: at the root, and with a
`site_url` under /mentoring/ (served under that sub-path). Each test gets a fresh browser context,
so nothing is cached or stored between tests, and fails if the page logged a console error or threw,
unless it declares the errors it expects.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mentoring_stages.scaffold import create_site
from playwright.sync_api import Browser, BrowserContext, Page

from bench.nginx_server import SUB_PATH, Nginx, NginxError, free_port
from bench.site_server import ServerOptions, SiteServer
from tests.support.browser import Watch
from tests.support.mkdocs_build import BUILD_CACHE, REPO, build_site, repo_project


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built at the root."""
    return build_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("site-root"))


def new_site_project(root: Path, site_url: str | None = None) -> Path:
    """A site made by `mentoring-stages new`, using this checkout's Pyodide and build cache (an
    installed wheel brings its own Pyodide), with `site_url` set if given."""
    project = root / "acme"
    create_site(project)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    settings = (f"      frameworks: [frameworks]\n      node_modules: {REPO / 'node_modules'}\n"
                f"      cache_dir: {BUILD_CACHE}\n")
    config = config.replace("      frameworks: [frameworks]\n", settings)
    if site_url is not None:
        config = config.replace("site_url: !ENV SITE_URL", f"site_url: {site_url}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site made by `mentoring-stages new`, built at the root without site_url."""
    project = new_site_project(tmp_path_factory.mktemp("new-site"))
    return build_site(project / "mkdocs.yml", project / "site")


@pytest.fixture(scope="session")
def sub_path_port() -> int:
    """The port the sub-path site is built for and served on. Material's instant navigation only
    takes over links that its sitemap lists, and it matches them with the port of `site_url`."""
    return free_port()


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory, sub_path_port: int) -> Path:
    """The site built with `site_url` under /mentoring/, from a copy of mkdocs.yml beside links
    to the project's folders (the work tree stays as is)."""
    site_url = f"http://127.0.0.1:{sub_path_port}{SUB_PATH}"
    project = repo_project(tmp_path_factory.mktemp("project-sub-path"), site_url=site_url)
    return build_site(project / "mkdocs.yml", tmp_path_factory.mktemp("site-sub-path"))


@pytest.fixture(scope="session")
def model(site: Path) -> dict[str, Any]:
    """The compiled model the site ships."""
    result: dict[str, Any] = json.loads(
        (site / "assets/mentoring-stages/diagnostic/model.json").read_text(encoding="utf-8")
    )
    return result


@pytest.fixture
def serve() -> Iterator[Callable[..., SiteServer]]:
    """`serve(site_dir, **ServerOptions fields)` starts a server that stops after the test."""
    servers: list[SiteServer] = []

    def start(site_dir: Path, **options: Any) -> SiteServer:
        server = SiteServer(site_dir, ServerOptions(**options)).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture
def nginx(tmp_path: Path, sub_path_site: Path, sub_path_port: int) -> Iterator[str]:
    """nginx serving the /mentoring/ build with deploy/nginx.conf; yields the site's URL."""
    try:
        with Nginx(sub_path_site, tmp_path, port=sub_path_port) as server:
            yield server.url
    except NginxError as error:
        pytest.fail(str(error))


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(
    browser: Browser, watch: Watch, serve: Callable[..., SiteServer]
) -> Iterator[BrowserContext]:
    # `serve` is a dependency so that servers stop after the pages close, not under them. No
    # service worker: it would answer requests the tests route (Playwright's routes never see
    # those), and a test of the page needs none; the offline tests make their own context.
    context = browser.new_context(viewport={"width": 1100, "height": 900}, service_workers="block")
    context.on("request", lambda request: watch.requests.append(request.url))
    context.on("weberror", lambda error: watch.errors.append(f"uncaught: {error.error}"))
    yield context
    context.close()
    assert not watch.unexpected(), "the page logged errors:\n" + "\n".join(watch.unexpected())


def watch_page(page: Page, watch: Watch) -> Page:
    page.on(
        "console", lambda message: message.type == "error" and watch.errors.append(message.text)
    )
    page.on(
        "worker",
        lambda worker: worker.on(
            "console", lambda message: message.type == "error" and watch.errors.append(message.text)
        ),
    )
    page.on("dialog", lambda dialog: watch.errors.append(f"dialog opened: {dialog.message}"))
    return page


@pytest.fixture
def page(context: BrowserContext, watch: Watch) -> Page:
    return watch_page(context.new_page(), watch)


@pytest.fixture
def new_page(context: BrowserContext, watch: Watch) -> Callable[[], Page]:
    """Another tab of the same context (for a second visitor use a second context)."""
    return lambda: watch_page(context.new_page(), watch)
