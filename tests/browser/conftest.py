"""Fixtures for driving the built site in headless Chromium.

The site is built once per session with the real `mkdocs build`, twice: at the root, and with a
`site_url` under /mentoring/ (served under that sub-path). Each test gets a fresh browser context,
so nothing is cached or stored between tests, and fails if the page logged a console error or threw,
unless it declares the errors it expects.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

sys.path.insert(0, str(Path(__file__).parent))
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, SUB_PATH, Watch
from site_server import ServerOptions, SiteServer

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).with_name("mkdocs")


def build_site(config: Path, out: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stdout}{done.stderr}")
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built at the root."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site-root"))


@pytest.fixture(scope="session")
def sub_path_port() -> int:
    """The port the sub-path site is built for and served on. Material's instant navigation only
    takes over links that its sitemap lists, and it matches them with the port of `site_url`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory, sub_path_port: int) -> Path:
    """The site built with `site_url` under /mentoring/, from a copy of mkdocs.yml beside links
    to the project's folders (paths in mkdocs.yml are relative to it; the work tree stays as is)."""
    project = tmp_path_factory.mktemp("project-sub-path")
    for name in ("docs", "hooks", "node_modules", "overrides"):
        (project / name).symlink_to(ROOT / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^site_url:.*$", "", config, flags=re.MULTILINE)
    site_url = f"http://127.0.0.1:{sub_path_port}{SUB_PATH}"
    (project / "mkdocs.yml").write_text(f"site_url: {site_url}\n{config}")
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


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup.sh --test installs Debian's chromium")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(
    browser: Browser, watch: Watch, serve: Callable[..., SiteServer]
) -> Iterator[BrowserContext]:
    # `serve` is a dependency so that servers stop after the pages close, not under them.
    context = browser.new_context(viewport={"width": 1100, "height": 900})
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
