"""The example web server configuration, deploy/nginx.conf, with Debian's nginx on 127.0.0.1: it
serves the site built for /mentoring/ with the right types, compression, caching and CSP, and the
diagnostic runs end to end against it in Chromium without a single console error.

The shipped file is a `server` block for an `http` context; the test wraps it in a minimal main
configuration and changes only the port, the web root and the path of mime.types, each by an exact
replacement that fails loudly if the file no longer holds the line it expects.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import SUB_PATH, Watch, answer, wait_ready, wait_result
from playwright.sync_api import Page
from site_server import STRICT_CSP
from test_diagnostic_page import assert_shows, engine_result, some_answers

pytestmark = pytest.mark.browser

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy/nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

MAIN_CONF = """\
{user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/server.conf;
}}
"""


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"deploy/nginx.conf no longer holds {old!r} exactly once"
    return text.replace(old, new)


@pytest.fixture
def nginx(tmp_path: Path, sub_path_site: Path, sub_path_port: int) -> Iterator[str]:
    """nginx serving the /mentoring/ build with deploy/nginx.conf; yields the site's URL."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/setup.sh --test installs Debian's nginx")
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / SUB_PATH.strip("/")).symlink_to(sub_path_site)
    server = NGINX_CONF.read_text(encoding="utf-8")
    server = replace_once(server, "listen 80;", f"listen 127.0.0.1:{sub_path_port};")
    server = replace_once(server, "root /srv/www;", f"root {tmp_path / 'www'};")
    server = replace_once(server, "include mime.types;", "include /etc/nginx/mime.types;")
    (tmp_path / "server.conf").write_text(server, encoding="utf-8")
    # As root, nginx's workers would drop to `nobody`, who may not read pytest's temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(MAIN_CONF.format(user=user, work=tmp_path))
    output = tmp_path / "nginx.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{sub_path_port}{SUB_PATH}"
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                log = tmp_path / "error.log"
                pytest.fail(
                    f"nginx did not start:\n{output.read_text()}\n"
                    + (log.read_text() if log.exists() else "")
                )
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, **headers: str) -> tuple[Any, bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def runtime_file(site: Path, name: str) -> str:
    """The path, under the site, of one of the shipped runtime files."""
    (found,) = site.glob(f"assets/mentoring-stages/pyodide/*/{name}")
    return found.relative_to(site).as_posix()


def test_nginx_serves_types_compression_caching_and_csp(nginx: str, sub_path_site: Path) -> None:
    headers, _ = fetch(nginx + "diagnostic/")
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Content-Security-Policy"] == STRICT_CSP
    assert headers["X-Content-Type-Options"] == "nosniff"

    wasm = runtime_file(sub_path_site, "pyodide.asm.wasm")
    headers, body = fetch(nginx + wasm, **{"Accept-Encoding": "gzip"})
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (sub_path_site / wasm).read_bytes()
    assert len(body) < 0.6 * (sub_path_site / wasm).stat().st_size
    assert "immutable" in headers["Cache-Control"]
    assert headers["Content-Security-Policy"] == STRICT_CSP  # add_header in a location replaces all

    headers, _ = fetch(nginx + runtime_file(sub_path_site, "pyodide.mjs"))
    assert headers["Content-Type"].startswith("text/javascript")

    headers, _ = fetch(nginx + runtime_file(sub_path_site, "pyodide-lock.json"))
    assert "immutable" not in headers.get("Cache-Control", ""), "the lock file keeps its name"


def test_the_diagnostic_runs_end_to_end_behind_nginx(
    nginx: str, page: Page, watch: Watch, sub_path_site: Path, model: dict[str, Any]
) -> None:
    page.goto(nginx + "diagnostic/")
    wait_ready(page)
    answers = some_answers(model, 2)
    for question, option in answers.items():
        answer(page, question, option)
    wait_result(page)
    assert_shows(page, engine_result(sub_path_site, {"answers": answers, "text": ""}))
    assert watch.requests and all(url.startswith(nginx) for url in watch.requests)
